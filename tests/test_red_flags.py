"""Each condition page's warning signs come from data/red-flags.yml.

The data file says which signs belong to which page, each at the level of
urgency its source gives and with that source; the red_flags() macro draws
them beside the page's advice; the content checker's red-flags rule fails a
condition page that does not show them.
"""

from __future__ import annotations

import html as html_module
import json
import logging
import re
import subprocess
import sys

import pytest
import yaml
from support import MACRO_LOG, ROOT, page_call, records

from guide.content import red_flags
from guide.errors import ContentError

DATA = ROOT / "data" / "red-flags.yml"
CHECKER = ROOT / "scripts" / "check_content.py"
CONDITION_PAGES = {
    "benefits/walking/knee-arthritis.md", "benefits/walking/after-knee-surgery.md",
    "benefits/walking/low-back-pain.md", "benefits/walking/stroke.md",
    "benefits/walking/cerebral-palsy.md", "benefits/walking/balance-falls.md", "treadmill.md",
}


def entry_line(path, entry_id: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text == f"- id: {entry_id}")


# --- the data --------------------------------------------------------------


def test_every_condition_page_the_issue_names_has_its_own_entry():
    named = {page for entry in records().red_flags().values() for page in entry["pages"]}
    assert CONDITION_PAGES <= named


def test_every_sign_rests_on_a_source_or_says_it_is_our_own_advice():
    known = records().bibliography()
    for entry in yaml.safe_load(DATA.read_text(encoding="utf-8")):
        for flag in entry["flags"]:
            assert [s for s in flag["sources"] if s not in known] == []
            assert flag["sources"] or flag.get("expert_advice"), flag["sign"]


def test_a_sign_without_sources_or_expert_advice_is_refused_at_its_line(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    old = "    sources: [mayo-arthritis-exercise]\n"
    assert old in text
    path.write_text(text.replace(old, "    sources: []\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        data_copy.records().red_flags()
    message = str(error.value)
    assert re.search(r"data/red-flags\.yml:\d+: entry 'knee-arthritis' field 'flags\.4': "
                     r"'expert_advice' is a required property", message), message
    assert "our own advice" in message


def test_an_unknown_source_is_refused_with_the_entry_line_and_a_suggestion(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[northerntrust-back-pain]", "[northerntrust-backpain]", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        data_copy.records().red_flags()
    line = entry_line(path, "low-back-pain")
    assert f"data/red-flags.yml:{line}: entry 'low-back-pain'" in str(error.value)
    assert "'northerntrust-backpain' is not in data/bibliography.yml" in str(error.value)
    assert "northerntrust-back-pain" in str(error.value)  # the did-you-mean


def test_a_page_named_by_two_entries_is_refused(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("pages: [benefits/walking/stroke.md]",
                                 "pages: [benefits/walking/stroke.md, treadmill.md]", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"page 'treadmill\.md' is already named by 'stroke'"):
        data_copy.records().red_flags()


def test_an_action_the_schema_does_not_know_is_refused(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    action: gp\n", "    action: later\n", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"'later' is not one of \['call', 'emergency'"):
        data_copy.records().red_flags()


# --- the macro -------------------------------------------------------------


def test_the_box_groups_signs_by_urgency_with_their_sources():
    out = red_flags.red_flags(page_call("benefits/walking/low-back-pain.md"))
    entry = records().red_flags()["low-back-pain"]
    assert out.startswith(f'!!! safety emergency guide-red-flags "{entry["title"]}"')
    # The emergency group comes before the see-your-doctor group, each sign under its heading.
    emergency = out.index(red_flags.ACTIONS["emergency"])
    gp = out.index(red_flags.ACTIONS["gp"])
    assert emergency < gp
    for flag in entry["flags"]:
        at = out.index(f"    - {flag['sign']}")
        assert (emergency < at < gp) if flag["action"] == "emergency" else at > gp
    assert "Source: [Northern Health and Social Care Trust](../../studies/northerntrust-back-pain.md)" in out


def test_a_box_with_no_emergency_sign_is_not_drawn_as_an_emergency(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    entry = re.search(r"(?ms)^- id: low-back-pain\n.*?(?=^- id: |\Z)", text).group(0)
    path.write_text(text.replace(entry, entry.replace("action: emergency", "action: gp")), encoding="utf-8")
    call = page_call("benefits/walking/low-back-pain.md", root=data_copy.parent)
    call.records = data_copy.records()
    out = red_flags.red_flags(call)
    assert out.startswith("!!! safety stop guide-red-flags ")


def test_expert_advice_is_shown_beside_the_sources():
    out = red_flags.red_flags(page_call("benefits/walking/cerebral-palsy.md"))
    for flag in records().red_flags()["cerebral-palsy"]["flags"]:
        if flag.get("expert_advice"):
            assert flag["expert_advice"] in out


def test_a_page_with_no_entry_is_reported_at_its_call(caplog):
    source = "# A page\n\n{{ red_flags() }}\n"
    with caplog.at_level(logging.ERROR, logger=MACRO_LOG.name):
        out = red_flags.red_flags(page_call("benefits/physical/energy-cost.md", source))
    assert out == ""
    assert ("docs/benefits/physical/energy-cost.md:3: data/red-flags.yml has no entry for "
            "benefits/physical/energy-cost.md") in caplog.text


# --- the page and the checker ----------------------------------------------


@pytest.mark.parametrize("page", sorted(CONDITION_PAGES))
def test_each_condition_page_shows_every_one_of_its_signs(built_site, page):
    entry = records().red_flags_for(page)
    html = (built_site / page.replace(".md", "/index.html").replace("/index/index.html", "/index.html"))
    text = " ".join(html.read_text(encoding="utf-8").split())
    box = re.search(r'<div class="admonition safety (?:emergency|stop) guide-red-flags">(.*?)</div>', text)
    assert box, f"{page} has no warning-signs box"
    # What a reader sees: the glossary wraps some words in <abbr> tooltips.
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", box.group(1)))
    assert entry["title"] in shown
    for flag in entry["flags"]:
        assert flag["sign"] in shown


def check(project, *pages):
    proc = subprocess.run([sys.executable, str(CHECKER), "--config", str(project / "mkdocs.yml"),
                           "--format", "json", *pages], capture_output=True, text=True, timeout=900)
    assert "Traceback" not in proc.stderr, proc.stderr
    return [(f["path"], f["line"], f["rule"]) for f in json.loads(proc.stdout) if f["severity"] == "error"]


def test_the_checker_fails_a_condition_page_without_its_signs(variant):
    project = variant.project
    page = project / "docs/benefits/walking/knee-arthritis.md"
    text = page.read_text(encoding="utf-8")
    assert "{{ red_flags() }}\n" in text
    page.write_text(text.replace("{{ red_flags() }}\n", ""), encoding="utf-8")
    line = next(n for n, x in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "safety(" in x)
    found = check(project, "docs/benefits/walking/knee-arthritis.md")
    assert found == [("docs/benefits/walking/knee-arthritis.md", line, "red-flags")]


def test_the_checker_names_a_data_entry_whose_page_does_not_exist(variant):
    project = variant.project
    path = project / "data/red-flags.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("pages: [treadmill.md]", "pages: [treadmill.md, treadmills.md]"),
                    encoding="utf-8")
    found = check(project, "docs/treadmill.md")
    assert found == [("data/red-flags.yml", entry_line(path, "treadmill"), "red-flags")]


def test_a_source_named_only_in_a_sources_line_counts_as_used_not_as_cited():
    from guide.checker.html_scan import scan_page

    html = ('<article class="md-content__inner"><p>Text<sup class="guide-cite"><a href="#ref-a">1</a></sup></p>'
            '<p class="guide-safety__sources">Sources: <a href="../../references/#ref-b">B</a>.</p></article>')
    scan = scan_page(html)
    # cited feeds the page's front-matter check; a Sources line must not.
    assert scan.cited == ["a"]
    assert scan.sourced == {"b"}
