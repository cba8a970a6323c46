"""A page for every study, at studies/<id>/: the whole record, and every
page, grade and safety callout that relies on it (guide/content/study_pages.py).

"Relied on by" is made from the pages' sources; these tests check it
against the built site, where each first citation of a source is an
element with the id cite-<id>: another road to the same facts.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

import pytest
from support import ROOT, page_call, records

from guide.content import citations, held_html, listings, study, study_pages, study_uses
from guide.records.pages import parse_page, read_page

RECORDS = records()
DOCS = ROOT / "docs"


def html_of(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.rindex("</article>")]


def section(html: str, heading_id: str) -> str:
    """The part of an article from a heading to the next h2."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def docs_pages() -> dict[str, dict]:
    pages = {}
    for path in sorted(DOCS.rglob("*.md")):
        meta, _, _ = read_page(path, DOCS, RECORDS)
        pages[path.relative_to(DOCS).as_posix()] = meta
    return pages


def address(src: str) -> str:
    stem = src[:-3]
    if stem == "index":
        return ""
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def test_every_source_has_a_page_at_an_address_ending_with_its_id(built_site):
    for ref_id, entry in RECORDS.bibliography().items():
        html = html_of(built_site, f"studies/{ref_id}")
        body = article(html)
        assert f"{study.design_line(entry['study'])}." in body, ref_id
        for link, _ in citations.links_of(entry, full=True):
            assert f'href="{escape(link)}"' in body, f"{ref_id}: no link to {link}"
        # The whole record: what they did, found, could not show, and when it was checked.
        for outcome in entry["study"]["outcomes"]:
            # A result that lists several items is shown as a list (study.py).
            for item in outcome["result"].split("; "):
                assert unescape(re.sub("<[^>]+>", "", item)) in unescape(body), ref_id
        for limitation in entry["study"]["limitations"]:
            assert limitation in unescape(body), ref_id
        checked = entry["study"]["checked"]
        assert checked["where"] in unescape(body), ref_id
        # Its review dates: when the record was last checked against its source.
        assert f'<time datetime="{checked["date"]}">' in html, ref_id


def test_relied_on_by_lists_exactly_the_pages_that_cite_it_first_there(built_site):
    # From the built site: each page holds id="cite-<id>" once for each
    # source it cites, at the first citation.
    cited_on: dict[str, set[str]] = {}
    for src in docs_pages():
        html = html_of(built_site, address(src)) if src != "index.md" else (built_site / "index.html").read_text()
        for ref_id in re.findall(r'id="cite-([a-z0-9-]+)"', html):
            cited_on.setdefault(ref_id, set()).add(address(src))
    for ref_id in RECORDS.bibliography():
        relied = section(article(html_of(built_site, f"studies/{ref_id}")), "relied-on-by")
        # A page that cites it, or a safety callout that rests on it (the
        # precautions page cites each callout's sources in its section).
        items = re.findall(r"<li>(.*?)</li>", relied, re.S)
        linked = {re.search(r'href="\.\./\.\./([^"#]*)#', item).group(1) for item in items}
        assert linked == cited_on.get(ref_id, set()), ref_id


def test_each_grade_is_shown_on_the_studies_that_hold_it_up(built_site):
    grades = RECORDS.grades()
    held: dict[str, list[str]] = {}
    for src, meta in docs_pages().items():
        if meta.get("type") != "benefit":
            continue
        for ref_id in meta.get("evidence_from") or []:
            held.setdefault(ref_id, []).append(src)
            # The words, as a reader sees them (the glossary marks terms up).
            relied = re.sub(r"</?abbr[^>]*>", "", unescape(section(article(html_of(built_site, f"studies/{ref_id}")),
                                                                   "relied-on-by")))
            item = re.search(rf'<li><a href="\.\./\.\./{re.escape(address(src))}#cite-{ref_id}">(.*?)</li>', relied)
            assert item, f"{ref_id}: no line for {src}"
            label = grades[meta["evidence"]]["label"]
            assert f"Its grade, <strong>{label}</strong>" in item.group(1), (ref_id, src)
            assert meta["finding"] in item.group(1), (ref_id, src)
            others = len(meta["evidence_from"]) - 1
            assert ("alone" in item.group(1)) == (others == 0), (ref_id, src)
    references = unescape(article(html_of(built_site, "references")))
    for ref_id, entry in RECORDS.bibliography().items():
        line = re.search(rf'<li id="ref-{re.escape(ref_id)}">(.*?)</li>', references, re.S).group(1)
        assert ("Holds up the grade of" in line) == (ref_id in held), ref_id


def test_the_safety_advice_resting_on_a_source_is_on_its_page(built_site):
    for callout in RECORDS.safety().values():
        for ref_id in callout["sources"]:
            relied = section(article(html_of(built_site, f"studies/{ref_id}")), "relied-on-by")
            assert f'href="../../precautions/#{callout["anchor"]}"' in relied, (ref_id, callout["id"])


def test_the_references_page_groups_every_study_by_design_then_activity(built_site):
    page = article(html_of(built_site, "references"))
    known = RECORDS.bibliography()
    seen = re.findall(r'<li id="ref-([a-z0-9-]+)">', page)
    assert sorted(seen) == sorted(known)
    # Each study sits under its own design group and activity heading.
    for ref_id, entry in known.items():
        group = citations.design_group(entry["study"]["design"])
        activity = entry["study"]["activity"].replace(" ", "-")
        start = page.index(f'id="{group}-{activity}"')
        end = page.find("<h", start + 10)
        assert f'id="ref-{ref_id}"' in page[start:end], (ref_id, group, activity)
        item = re.search(rf'<li id="ref-{ref_id}">(.*?)</li>', page, re.S).group(1)
        assert f'href="../studies/{ref_id}/"' in item


def test_every_design_the_schema_allows_has_its_group():
    schema = json.loads((ROOT / "schemas/bibliography.schema.json").read_text())
    designs = schema["$defs"]["study"]["properties"]["design"]["enum"]
    grouped = [d for _, _, group in citations.DESIGN_GROUPS for d in group]
    assert sorted(grouped) == sorted(designs)
    activities = schema["$defs"]["study"]["properties"]["activity"]["enum"]
    assert sorted(a for a, _ in citations.ACTIVITY_GROUPS) == sorted(activities)


def test_study_pages_pass_the_front_matter_rules_and_are_no_benefit_pages():
    made = study_pages.pages(RECORDS, DOCS)
    assert set(made) == {f"studies/{ref_id}.md" for ref_id in RECORDS.bibliography()}
    for src, text in made.items():
        meta, _, problems = parse_page(text, src, RECORDS)
        assert problems == [], problems
        assert meta.get("type", "page") == "page" and "evidence" not in meta
        assert meta["search"] == {"boost": study_pages.SEARCH_BOOST}
    # The listings of benefit pages read docs/benefits/ only.
    call = page_call("evidence.md")
    assert not [p for p in listings.benefit_pages(call) if p["src"].startswith("studies/")]


def test_study_pages_are_webpages_about_their_source(built_site):
    html = html_of(built_site, "studies/roos2012")
    [facts] = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    assert facts["@type"] == "WebPage" and "citation" not in facts
    assert facts["about"]["name"] == RECORDS.bibliography()["roos2012"]["title"]
    assert facts["about"]["author"] == RECORDS.bibliography()["roos2012"]["authors"]


def test_staging_writes_the_same_pages_for_an_engine_without_hooks(tmp_path):
    docs = tmp_path / "docs"
    import shutil
    shutil.copytree(DOCS, docs)
    written = study_pages.write(RECORDS, docs)
    made = study_pages.pages(RECORDS, DOCS)
    assert {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in written} == made


def test_a_page_written_into_the_study_folder_stops_the_build(variant):
    def squat(project):
        (project / "docs" / "studies").mkdir()
        (project / "docs" / "studies" / "roos2012.md").write_text("---\ntitle: Mine\n---\n# Mine\n")

    build = variant(squat)
    assert not build.ok
    assert "docs/studies/roos2012.md:1: docs/studies/ is where the study pages are made" in build.output


def test_record_text_is_text_even_with_template_braces_or_markup(variant):
    """Data text never runs as a template, on a page made by the guide
    itself: it is shown as written."""
    def brace(project):
        path = project / "data" / "bibliography.yml"
        text = path.read_text(encoding="utf-8")
        start = text.index("    limitations:\n", text.index("- id: roos2012\n")) + len("    limitations:\n")
        path.write_text(text[:start] + f"    - '{WRITTEN}'\n" + text[start:], encoding="utf-8")

    build = variant(brace)
    assert build.ok, build.output
    html = html_of(build.site, "studies/roos2012")
    # Shown as written: not run by the macros, not read as Markdown.
    assert f"<li>{WRITTEN}</li>" in html
    assert "Backward Running Guide and" not in html


WRITTEN = "a {{ config.site_name }} and {% if 1 %}x{% endif %} and *stars*"


def test_the_short_reference_list_links_each_study_page_and_leaves_search(built_site):
    page = html_of(built_site, "benefits/walking/knee-arthritis")
    listing = re.search(r'<ol class="guide-references" data-search-exclude[^>]*>(.*?)</ol>', page, re.S).group(1)
    for ref_id in ("alghadir2019", "gondhalekar2013"):
        assert f'href="../../../studies/{ref_id}/"' in listing
    assert "<details" not in article(page) and "guide-ref__study" not in article(page)  # no record box
    assert re.search(r'<h2 data-search-exclude="?"? id="references"', page)


def test_the_search_index_leaves_out_reference_lists_and_study_results(built_site):
    index = built_site / "search" / "search_index.json"
    assert index.stat().st_size <= 597_485 // 2, "search_index.json is over half its size before issue 29"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if d["location"].endswith("#references")]
    entry = RECORDS.bibliography()["alghadir2019"]
    texts = " ".join(d["text"] for d in docs)
    assert entry["study"]["outcomes"][0]["result"][:40] not in texts
    assert any(d["location"] == "studies/alghadir2019/" for d in docs)  # still found by its page
    boosts = {d["location"].split("#")[0]: d.get("boost") for d in docs}
    assert boosts["studies/alghadir2019/"] == 0.5 and boosts["references/"] == 0.5 and boosts["changes/"] == 0.5


def test_every_benefit_page_ranks_above_the_lists_and_logs():
    for src, meta in docs_pages().items():
        if meta.get("type") == "benefit":
            boost = (meta.get("search") or {}).get("boost", 1)
            assert boost >= 2, f"docs/{src}: add `search: boost: 2` to its front matter (CONTRIBUTING.md)"


@pytest.mark.parametrize("lines, heading", [
    ("## References\n\n", "## References { data-search-exclude }"),
    ("## Sources { #sources }\n\n", "## Sources { #sources data-search-exclude }"),
])
def test_the_heading_over_a_reference_list_leaves_the_search_index(lines, heading):
    call = page_call("faq.md")
    citations.cite(call, "roos2012")
    call.wants_reference_list = True
    out = citations.finish_page(call, "text\n\n" + lines + citations.marker_for(call) + "\n")
    assert heading in out
    assert 'data-search-exclude' in held_html.filled(call.held, out)


def test_a_heading_with_text_between_it_and_the_list_stays_searchable():
    call = page_call("faq.md")
    citations.cite(call, "roos2012")
    call.wants_reference_list = True
    out = citations.finish_page(call, "## References\n\nSome words.\n\n" + citations.marker_for(call) + "\n")
    assert "## References\n" in out and "data-search-exclude }" not in out


def test_uses_reads_calls_as_jinja_does():
    body = ('# T\n\n## Knees\n\nA {{ cite("roos2012") }}.\n\n```\n## Not a heading\n```\n\n'
            '{% raw %}{{ cite("flynn1994") }}{% endraw %}\n')
    calls = study_uses.macro_calls(body)
    assert [(c.name, c.args) for c in calls] == [("cite", ("roos2012",))]
    assert study_uses.headings(body) == [(3, "Knees")]
