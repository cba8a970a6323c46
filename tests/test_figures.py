"""The diagrams: valid, named SVG that tells the truth about its data.

The built pages are checked as readers get them; the beginner plan, which
lives on a page another contributor owns, is also drawn directly. A typo in
a figure name or in data/figures.yml must stop the build with a message
that names the file, the line and the fix.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
import yaml
from support import ROOT, page_call, records

from guide.content import figures

RECORDS = records()

SVG = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r'<figure class="guide-figure".*?</figure>', re.S)
# The narrowest content column a figure gets: a 360 px phone in Material.
PHONE_PX = 320


def figures_on(html: str) -> dict[str, ET.Element]:
    found = {}
    for block in FIGURE.findall(html):
        element = ET.fromstring(block)  # fails loudly on malformed markup
        found[element.get("data-figure")] = element
    return found


def svg_of(figure: ET.Element) -> ET.Element:
    svg = figure.find(f"{SVG}svg")
    assert svg is not None, f"figure {figure.get('id')} has no <svg>"
    return svg


def benefit_grades_from_front_matter() -> Counter:
    """Counted here, not with the site's own code, to check it."""
    counts = Counter()
    for path in (ROOT / "docs" / "benefits").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---", text, re.S)
        meta = yaml.safe_load(match.group(1)) if match else {}
        if meta.get("type") == "benefit":
            counts[meta["evidence"]] += 1
    return counts


@pytest.fixture(scope="module")
def evidence_page(built_site) -> str:
    return (built_site / "evidence" / "index.html").read_text(encoding="utf-8")


def plan_svg() -> ET.Element:
    spec = RECORDS.figure_specs()["beginner-plan"]
    drawing, _ = figures.beginner_plan("figure-beginner-plan", spec)
    return ET.fromstring(drawing)


def test_evidence_page_shows_both_figures(evidence_page):
    assert set(figures_on(evidence_page)) == {"evidence-overview", "forward-backward"}


def check_accessible(svg: ET.Element, where: str):
    assert svg.get("role") == "img", f"{where}: the <svg> needs role=\"img\""
    ids = (svg.get("aria-labelledby") or "").split()
    assert ids, f"{where}: the <svg> needs aria-labelledby pointing at its <title>"
    title = svg.find(f"{SVG}title")
    assert title is not None and (title.text or "").strip(), f"{where}: the <svg> has no <title> text"
    assert title.get("id") in ids, f"{where}: aria-labelledby does not name the <title>"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and len(desc.text or "") > 20, f"{where}: the <svg> needs a <desc> with the facts"


def check_text_size(svg: ET.Element, where: str):
    width = float(svg.get("viewBox").split()[2])
    sizes = [float(svg.get("font-size"))]
    sizes += [float(e.get("font-size")) for e in svg.iter() if e.get("font-size")]
    smallest = min(sizes) * PHONE_PX / width
    assert smallest >= 12, f"{where}: text shrinks to {smallest:.1f} px on a phone; use 12 px or more"


def test_each_figure_is_named_captioned_and_readable(evidence_page):
    for name, figure in figures_on(evidence_page).items():
        check_accessible(svg_of(figure), name)
        check_text_size(svg_of(figure), name)
        caption = figure.find("figcaption")
        assert caption is not None and len(caption.text or "") > 20, f"{name}: the figure needs a <figcaption>"
    check_accessible(plan_svg(), "beginner-plan")
    check_text_size(plan_svg(), "beginner-plan")


def test_each_figure_has_its_facts_in_words_right_after_it(evidence_page):
    for name in ("evidence-overview", "forward-backward"):
        after = evidence_page.split(f'data-figure="{name}"', 1)[1].split("</figure>", 1)[1]
        assert after.lstrip().startswith("<details"), f"{name}: no text version right after the figure"
        box = after.split("</details>", 1)[0]
        assert "<table>" in box, f"{name}: the text version has no table"


def test_evidence_chart_counts_match_the_pages_front_matter(evidence_page):
    expected = benefit_grades_from_front_matter()
    assert sum(expected.values()) > 0, "no benefit pages found under docs/benefits/"
    svg = svg_of(figures_on(evidence_page)["evidence-overview"])
    drawn = {g.get("data-grade"): int(g.get("data-count")) for g in svg.iter(f"{SVG}g") if g.get("data-grade")}
    assert set(drawn) == set(RECORDS.grades()), "the chart must show every grade, even one with no pages"
    assert drawn == {grade: expected.get(grade, 0) for grade in RECORDS.grades()}
    assert f"{sum(expected.values())} benefit pages" in svg.find(f"{SVG}desc").text


def test_evidence_bars_are_in_proportion(evidence_page):
    svg = svg_of(figures_on(evidence_page)["evidence-overview"])
    ratios = set()
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        count = int(group.get("data-count") or 0)
        if count:
            ratios.add(round(float(rect.get("width")) / count, 1))
        else:
            assert rect is None, "a grade with no pages must have no bar"
    assert len(ratios) == 1, f"bar length per page differs between grades: {ratios}"


def test_knee_bars_are_in_proportion_and_match_the_data(evidence_page):
    svg = svg_of(figures_on(evidence_page)["forward-backward"])
    bars = [(float(r.get("data-value")), float(r.get("width"))) for r in svg.iter(f"{SVG}rect") if r.get("data-value")]
    studies = RECORDS.figure_specs()["forward-backward"]["knee_load"]["studies"]
    assert sorted(v for v, _ in bars) == sorted(v for s in studies for v in (s["forward"], s["backward"]))
    assert len({round(width / value, 1) for value, width in bars}) == 1, "knee bars are not drawn to one scale"
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    for study in studies:
        assert f"{study['forward']:.1f} ×" in text and f"{study['backward']:.1f} ×" in text


def test_plan_bars_rise_with_the_minutes():
    svg = plan_svg()
    solid = [r for r in svg.iter(f"{SVG}rect") if r.get("data-minutes") and r.get("class")]
    weeks = [w for w in RECORDS.figure_specs()["beginner-plan"]["weeks"] if "minutes" in w]
    assert [float(r.get("data-minutes")) for r in solid] == [w["minutes"][0] for w in weeks]
    heights = [float(r.get("height")) for r in solid]
    assert heights == sorted(heights), "the plan must never drop back"
    assert len({round(h / float(r.get("data-minutes")), 1) for h, r in zip(heights, solid)}) == 1


def test_a_figure_used_twice_gets_unique_ids():
    call = page_call("twice.md")
    first = figures.figure(call, "beginner-plan")
    second = figures.figure(call, "beginner-plan")
    ids = re.findall(r' id="([^"]+)"', first + second)
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"


def test_unknown_figure_name_fails_with_a_suggestion(variant):
    def edit(project):
        with open(project / "docs/faq.md", "a", encoding="utf-8") as f:
            f.write('\n{{ figure("evidence-overveiw") }}\n')

    build = variant(edit)
    assert not build.ok
    assert re.search(r"docs/faq\.md:\d+: unknown figure 'evidence-overveiw'; did you mean 'evidence-overview'\?",
                     build.output), build.output


def test_bad_figure_data_fails_with_file_line_and_fix(variant):
    def edit(project):
        path = project / "data/figures.yml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("minutes: [5, 6]", "minutes: [6, 5]").replace("source: roos2012", "source: roos2021")
        path.write_text(text, encoding="utf-8")

    build = variant(edit)
    assert not build.ok
    assert re.search(r"data/figures\.yml:\d+: entry 'beginner-plan': .*\[6, 5\]; write the smaller number first",
                     build.output), build.output
    assert "unknown source 'roos2021'; did you mean 'roos2012'?" in build.output
    assert "Traceback" not in build.output
