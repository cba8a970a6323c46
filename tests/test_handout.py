"""The printable safety handout: one page in A4 and US Letter, same words as the site.

The PDFs are made by scripts/build_pdfs.py, as `make build` does, from a copy
of the real site (built once per session by tests/conftest.py). What the
handout looks like in a browser's print mode is tested in
tests/browser/test_print.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

# Not imported from conftest: tests/browser has a conftest module too, and
# which one "import conftest" finds depends on the order pytest collects in.
ROOT = Path(__file__).resolve().parent.parent
from guide.tools.chromium import find_chromium, missing_browser_message  # noqa: E402

BUILD_PDFS = ROOT / "scripts" / "build_pdfs.py"
# Page sizes in PostScript points (1/72 inch).
FORMATS = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
OVERFLOW = re.compile(r"safety-handout-(a4|letter)\.pdf: the handout overflows (A4|US Letter) "
                      r"by (\d+) mm \((\d+) pages\)")


def callouts(project: Path = ROOT) -> list[dict]:
    return yaml.safe_load((project / "data" / "safety.yml").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    """PDF text with line breaks and runs of spaces as single spaces."""
    return re.sub(r"\s+", " ", text)


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def site_address(site: Path) -> str:
    """The published address, as the build wrote it into the handout's canonical link."""
    html = (site / "handout" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    return canonical.removesuffix("handout/").split("://", 1)[1].rstrip("/")


def run_build_pdfs(site: Path, project: Path = ROOT, **env) -> subprocess.CompletedProcess:
    """Print the handout of site, built from project (whose data/safety.yml
    the PDFs must hold)."""
    environ = {k: v for k, v in os.environ.items() if k != "GUIDE_PDF"}
    environ.update(env)
    return subprocess.run([sys.executable, str(BUILD_PDFS), "--site-dir", str(site), "--project", str(project)],
                          env=environ, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="session")
def chromium():
    """The browser the PDFs need. Missing: skipped locally, a failure in CI."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing_browser_message())
        pytest.skip(missing_browser_message())
    return path


@pytest.fixture(scope="session")
def handout_pdfs(built_site, chromium, tmp_path_factory) -> dict[str, Path]:
    site = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(built_site, site)
    result = run_build_pdfs(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return {fmt: site / "downloads" / f"safety-handout-{fmt}.pdf" for fmt in FORMATS}


def make_pdfs(build, edit=None) -> tuple[Path, subprocess.CompletedProcess]:
    """Build a variant of the project (changed by edit), then print its handout."""
    result = build(edit)
    assert result.ok, result.output
    return result.site, run_build_pdfs(result.site, build.project)


# --- The real handout -------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_pdf_is_exactly_one_page_of_its_paper_size(handout_pdfs, fmt):
    reader = PdfReader(handout_pdfs[fmt])
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(FORMATS[fmt], abs=1)


@pytest.mark.browser
@pytest.mark.parametrize("fmt", FORMATS)
def test_pdf_has_every_callout_title_and_the_site_address(handout_pdfs, built_site, fmt):
    text = pdf_text(handout_pdfs[fmt])
    missing = [c["title"] for c in callouts() if c["title"] not in text]
    assert missing == []
    # An address may wrap at a hyphen or slash, so compare without spaces.
    assert site_address(built_site).replace(" ", "") in text.replace(" ", "")


@pytest.mark.browser
@pytest.mark.parametrize("fmt", FORMATS)
def test_pdf_carries_the_emergency_numbers_and_every_callouts_advice(handout_pdfs, fmt):
    text = pdf_text(handout_pdfs[fmt])
    # Readers anywhere need the number to call; each is sourced on the precautions page.
    assert "Call 999 (UK), 911 (USA) or 112 (EU) at once if:" in text
    assert [c["id"] for c in callouts() if flat(c["body"].strip()) not in text] == []
    # Every warning sign a callout lists, word for word.
    assert [s["id"] for c in callouts() for s in c.get("signs", ()) if flat(s["sign"].strip()) not in text] == []


# What public guidance says the sheet must carry, each at the guidance's own
# threshold (issue 26 and its clinical review): fainting during exercise is a
# 999 call (NHS), so is chest pain or pain that spreads; the other exercise
# stop signs mean medical help that day (Allina Health); the NHS bar for a
# head injury, which is any vomiting since it, being knocked out at all, and
# anyone on blood thinners; pregnancy means no backward running (HSE: avoid
# what could make you fall); weak bones mean no running; and after a fall,
# tell your doctor (NHS falls services). A callout rewritten without one of
# these fails here.
MUST_SAY = {
    "fainting means an emergency number": "Call 999 (UK), 911 (USA) or 112 (EU) at once if: You faint or black out.",
    "chest pain, or pain that spreads, is an emergency":
        "You have chest pain, pressure or tightness, or pain that spreads to your arm, neck, jaw or back.",
    "feeling faint means help that day": "help today (your doctor, NHS 111 or an urgent care centre) if: "
                                         "You feel faint, dizzy or light-headed.",
    "a racing or uneven heartbeat": "Your heart races, pounds or skips beats.",
    "breathlessness that stops you talking": "You are too out of breath to talk.",
    "knocked out, even briefly, means A&E": "You were knocked out, even for a moment.",
    "any vomiting since a knock to the head": "You have been sick since the knock.",
    "blood thinners after a knock to the head": "You take blood thinners",
    "an operation you are getting over means ask first": "getting over an injury or operation",
    "pregnancy: the midwife, and no backward running": "If pregnant, ask your midwife or doctor, and do not run backward.",
    "weak bones: no running": "never run backward if you have weak bones",
    "any fall: tell your doctor": "have had a fall, even if you were not hurt",
}


@pytest.mark.browser
@pytest.mark.parametrize("fmt", FORMATS)
def test_pdf_carries_the_complete_stop_signs_and_the_nhs_head_injury_bar(handout_pdfs, fmt):
    text = pdf_text(handout_pdfs[fmt])
    assert [what for what, words in MUST_SAY.items() if words not in text] == []
    assert "keep being sick" not in text  # the children's bar the NHS page does not use
    assert "tell a doctor" not in text  # below the guidance for fainting and chest symptoms
    assert "expert advice" not in text.lower()  # the editors are not clinicians


@pytest.mark.browser
@pytest.mark.parametrize("fmt", FORMATS)
def test_pdf_has_no_navigation_or_search_text(handout_pdfs, fmt):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    sections = [title for item in config["nav"] if isinstance(item, dict)
                for title, value in item.items() if isinstance(value, list)]
    assert len(sections) >= 3  # the nav's section titles really were found
    chrome = ["Search", "Table of contents", "Skip to content", "Previous", "Next",
              "Page last reviewed", "Read the full disclaimer", *sections]
    text = pdf_text(handout_pdfs[fmt])
    assert [word for word in chrome if re.search(rf"\b{re.escape(word)}\b", text)] == []


@pytest.mark.browser
def test_pdf_says_when_the_content_was_reviewed(handout_pdfs):
    front = (ROOT / "docs" / "handout.md").read_text(encoding="utf-8").split("---")[1]
    reviewed = yaml.safe_load(front)["reviewed"]
    assert f"{reviewed.day} {reviewed:%B %Y}" in pdf_text(handout_pdfs["a4"])


def test_handout_page_links_to_both_pdfs_and_has_a_real_print_button(built_site):
    html = (built_site / "handout" / "index.html").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f'href="../downloads/safety-handout-{fmt}.pdf"' in html
    assert re.search(r'<button type="button"[^>]*data-guide-print[^>]*>Print this handout</button>', html)
    assert "onclick" not in html.lower()


def test_qr_code_is_an_inline_svg_for_the_precautions_page(built_site):
    html = (built_site / "handout" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg role="img"[^>]*class="guide-qr"[^>]*>(.*?)</svg>', html, re.S)
    assert svg, "no inline QR code on the handout"
    assert f"<title>QR code for {site_address(built_site)}/precautions</title>" in svg.group(1)
    assert "<image" not in svg.group(1) and "http" not in svg.group(0).split("</title>")[1]


# --- One source of words -----------------------------------------------------


def benefit_page_using(callout_id: str) -> Path | None:
    call = re.compile(rf"""safety\([^)]*["']{re.escape(callout_id)}["']""")
    for page in sorted((ROOT / "docs" / "benefits").rglob("*.md")):
        if page.name != "index.md" and call.search(page.read_text(encoding="utf-8")):
            return page
    return None


@pytest.mark.browser
def test_changing_a_callout_changes_the_pdf_the_precautions_and_a_benefit_page(variant, chromium):
    used = [(c, benefit_page_using(c["id"])) for c in callouts()]
    entry, page = next(((c, p) for c, p in used if p), (None, None))
    assert entry, "no benefit page shows a safety callout, so nothing to compare"
    new_body = "Warm up with ten slow backward steps first."
    data_file = variant.project / "data" / "safety.yml"
    old_text = data_file.read_text(encoding="utf-8")
    body = re.search(rf"- id: {re.escape(entry['id'])}\n(?:  .*\n)*?  body: >-\n((?:    .*\n)+)", old_text)
    data_file.write_text(old_text.replace(body.group(0), body.group(0).replace(
        body.group(1), f"    {new_body}\n")), encoding="utf-8")

    site, result = make_pdfs(variant)
    assert result.returncode == 0, result.stdout + result.stderr
    for fmt in FORMATS:
        text = pdf_text(site / "downloads" / f"safety-handout-{fmt}.pdf")
        assert new_body in text
        assert flat(entry["body"]) not in text
    html_page = page.relative_to(ROOT / "docs").with_suffix("")
    assert new_body in (site / "precautions" / "index.html").read_text(encoding="utf-8")
    assert new_body in (site / html_page / "index.html").read_text(encoding="utf-8")


# --- Bad input ---------------------------------------------------------------


@pytest.mark.browser
def test_a_handout_too_long_for_one_page_fails_and_says_where_and_by_how_much(variant, chromium):
    def lengthen(project: Path):
        entries = callouts(project)
        # One whole sentence more wherever the rules allow (300 characters,
        # three sentences), so the data stays valid and only the length changes.
        filler = " Take your time and ask for help if you are not sure."
        for entry in entries:
            body = entry["body"].strip()
            if len(body) + len(filler) <= 300 and len(re.findall(r"[.!?](?=\s|$)", body)) < 3:
                entry["body"] = body + filler
        (project / "data" / "safety.yml").write_text(
            yaml.safe_dump(entries, sort_keys=False, width=1000), encoding="utf-8")

    site, result = make_pdfs(variant, lengthen)
    assert result.returncode == 1
    found = {m.group(1): (m.group(2), int(m.group(3)), int(m.group(4)))
             for m in OVERFLOW.finditer(result.stderr)}
    assert "letter" in found, result.stderr
    label, over_mm, pages = found["letter"]
    assert label == "US Letter" and over_mm >= 1 and pages >= 2
    assert "data/safety.yml" in result.stderr
    # Nothing that overflowed is left behind to be published.
    for fmt in found:
        assert not (site / "downloads" / f"safety-handout-{fmt}.pdf").exists()


def test_missing_browser_fails_unless_skipping_is_allowed(built_site, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    no_browser = {"PATH": str(empty), "CHROMIUM": "", "CHROME_PATH": ""}

    default = run_build_pdfs(built_site, **no_browser)
    assert default.returncode == 1
    assert "No Chromium or Chrome found" in default.stderr

    skipped = run_build_pdfs(built_site, GUIDE_PDF="skip", CI="", **no_browser)
    assert skipped.returncode == 0
    assert skipped.stdout.strip().splitlines() == [
        "Handout PDFs skipped: no Chromium found (set CHROMIUM=/path/to/chromium to make them)."]

    in_ci = run_build_pdfs(built_site, GUIDE_PDF="skip", CI="true", **no_browser)
    assert in_ci.returncode == 1
    assert "CI=true" in in_ci.stderr
    assert not (built_site / "downloads").exists()


@pytest.mark.parametrize("browser", ["as installed", "none"])
def test_build_pdfs_on_a_site_that_was_never_built_says_so(tmp_path, browser):
    # On a fresh machine without Chromium the unbuilt site is still the news.
    env = {"PATH": str(tmp_path / "no-browser-here"), "CHROMIUM": "", "CHROME_PATH": ""} if browser == "none" else {}
    result = run_build_pdfs(tmp_path, **env)
    assert result.returncode == 1
    assert "build the site first" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("  - Stop before you get tired.", "  # - Stop before you get tired."),
     r"data/handout\.yml:\d+: 'plan' has 4 lines; .* exactly 5"),
    (lambda t: re.sub(r"(?m)^disclaimer:.*(\n  .*)*", "disclaimer: ''", t),
     r"data/handout\.yml:\d+: 'disclaimer' is missing or empty"),
    (lambda t: t + "\nfootnote: one more line\n",
     r"data/handout\.yml:\d+: unknown field 'footnote'"),
    (lambda t: t.replace("plan:\n", "plan:\n - [oops\n"),
     r"data/handout\.yml:\d+: invalid YAML"),
])
def test_bad_handout_data_stops_the_build_with_file_and_line(variant, edit, expected):
    def change(project: Path):
        path = project / "data" / "handout.yml"
        before = path.read_text(encoding="utf-8")
        path.write_text(edit(before), encoding="utf-8")
        assert path.read_text(encoding="utf-8") != before, "the edit changed nothing"

    result = variant(change)
    assert not result.ok
    assert re.search(expected, result.output), result.output
    assert "Traceback" not in result.output


@pytest.mark.browser
def test_no_script_on_the_site_can_change_the_pdf(built_site, chromium, tmp_path):
    """The printer runs with JavaScript off (issue 30): even a script the
    policy allows, a file of the site itself, cannot rewrite the handout."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    script = next((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    script.write_text(script.read_text(encoding="utf-8") + "\n;document.querySelector('article').textContent"
                      " = 'No precautions needed.';\n", encoding="utf-8")
    result = run_build_pdfs(site)
    assert result.returncode == 0, result.stdout + result.stderr
    for fmt in FORMATS:
        text = pdf_text(site / "downloads" / f"safety-handout-{fmt}.pdf")
        assert "No precautions needed" not in text
        assert all(flat(c["title"]) in text for c in callouts()), text[:400]


# --- The printed sheet is read back (issue 30) ------------------------------


@pytest.mark.browser
def test_a_sheet_that_leaves_out_the_stop_group_is_not_published(built_site, chromium, tmp_path):
    """The PDF's own text must hold every callout of data/safety.yml. Here the
    built handout page loses its "Stop and get help" lines after every check
    of the page ran (as a print-only trick or another engine might do), and
    the printer must refuse to publish the sheet."""
    import lxml.etree
    import lxml.html

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "handout" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    stop = [c["id"] for c in callouts() if c["when"] == "stop"]
    gone = 0
    for item in tree.xpath("//*[contains(@class, 'guide-handout__item--')]"):
        if any(item.get("data-guide-stamp", "").endswith(f":{i}") for i in stop):
            item.getparent().remove(item)
            gone += 1
    assert gone == len(stop)
    page.write_bytes(lxml.html.tostring(tree, doctype="<!doctype html>", encoding="utf-8"))
    result = run_build_pdfs(site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "does not show the safety callout" in result.stderr and all(repr(i) in result.stderr for i in stop)
    assert not list((site / "downloads").glob("safety-handout-*.pdf"))
