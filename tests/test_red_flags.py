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
from support import MACRO_LOG, ROOT, line_with, page_call, records

from guide.content import plain_text, red_flags
from guide.errors import ContentError
from guide.records import urgency

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
            assert flag["sources"] or flag.get("own_advice"), flag["sign"]


def test_a_sign_without_sources_or_own_advice_is_refused_at_its_line(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    old = "    sources: [mayo-arthritis-exercise]\n"
    assert old in text
    path.write_text(text.replace(old, "    sources: []\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        data_copy.records().red_flags()
    message = str(error.value)
    assert re.search(r"data/red-flags\.yml:\d+: entry 'knee-arthritis' field 'flags\.5': "
                     r"'own_advice' is a required property", message), message
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
    with pytest.raises(ContentError, match=r"'later' is not allowed \(use one of: call, emergency"):
        data_copy.records().red_flags()


def add_flag(path, entry_id: str, flag: str) -> None:
    """Add a flag (YAML lines, indented as in the file) at the end of an entry's flags."""
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"(?ms)^- id: {entry_id}\n.*?(?=^- id: |\Z)", text).group(0)
    path.write_text(text.replace(entry, entry.rstrip("\n") + "\n" + flag), encoding="utf-8")


def test_a_sign_set_lower_on_one_page_than_in_a_callout_is_refused_naming_both_places(data_copy):
    # Issue 26's review (S2): the treadmill page told readers who felt faint
    # to stop and rest, where the stop signs say to get medical help. The
    # same sign id must carry the same action everywhere.
    path = data_copy / "red-flags.yml"
    add_flag(path, "cerebral-palsy", "  - id: feel-faint\n    sign: Your child feels faint or dizzy.\n"
                                     "    action: stop\n    sources: [allina-stop-exercise]\n")
    with pytest.raises(ContentError) as error:
        data_copy.records().red_flags()
    flag_line = line_with(path, "  - id: feel-faint")
    callout_line = line_with(data_copy / "safety.yml", "  - id: feel-faint")
    assert (f"data/red-flags.yml:{flag_line}: entry 'cerebral-palsy': sign 'feel-faint' is set to 'stop' here, "
            f"but to 'same-day' at data/safety.yml:{callout_line}: callout 'stop-signs'") in str(error.value)
    assert "never set lower in one place than in another (raise it to 'same-day'" in str(error.value)


def test_a_sign_set_lower_on_one_page_than_on_another_is_refused(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    old = "  - id: knee-gives-way\n    sign: Your knee gives way so that you fall, or it locks"
    assert old in text
    path.write_text(text.replace(old + " and will not straighten.\n    action: same-day",
                                 old + " and will not straighten.\n    action: gp"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"entry 'knee-arthritis': sign 'knee-gives-way' is set to 'gp' "
                                           r"here, but to 'same-day' at data/red-flags\.yml:\d+: entry "
                                           r"'after-knee-surgery'"):
        data_copy.records().red_flags()


def test_a_flag_that_repeats_a_sign_of_a_callout_its_page_shows_is_refused(data_copy):
    # Issue 26's review (S3): the treadmill box kept a shorter copy of the
    # head-injury signs that left out "knocked out". The page shows the
    # whole callout instead, and a copy of one of its signs is refused.
    path = data_copy / "red-flags.yml"
    add_flag(path, "treadmill", "  - id: head-sick\n    sign: You hit your head and have been sick since.\n"
                                "    action: emergency\n    sources: [nhswales-concussion]\n")
    with pytest.raises(ContentError, match=r"data/red-flags\.yml:\d+: entry 'treadmill': sign 'head-sick' is "
                                           r"already in the callout 'head-injury', which these pages show"):
        data_copy.records().red_flags()


def test_a_callout_the_data_names_must_exist(data_copy):
    path = data_copy / "red-flags.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("callouts: [stop-signs]\n", "callouts: [stop-sign]\n", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"callouts: 'stop-sign' is not a callout in data/safety\.yml; "
                                           r"did you mean 'stop-signs'\?"):
        data_copy.records().red_flags()


def test_a_callout_with_a_sign_that_needs_an_emergency_number_must_be_an_emergency(data_copy):
    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    entry = re.search(r"(?ms)^- id: if-you-fall\n.*?(?=^- id: |\Z)", text).group(0)
    path.write_text(text.replace(entry, entry.replace("severity: emergency", "severity: stop")), encoding="utf-8")
    with pytest.raises(ContentError, match=r"entry 'if-you-fall': sign 'hurt-after-fall' needs an emergency "
                                           r"number or A&E, so the callout must stand out as one"):
        data_copy.records().safety()


def test_the_level_rule_compares_every_place_with_the_most_urgent():
    places = [urgency.Place("a:1", "x", "gp"), urgency.Place("b:2", "x", "call"),
              urgency.Place("c:3", "x", "call"), urgency.Place("d:4", "y", "stop")]
    problems = urgency.level_problems(places)
    assert len(problems) == 1 and problems[0].startswith("a:1: sign 'x' is set to 'gp' here, but to 'call' at b:2")


# --- the macro -------------------------------------------------------------


def test_the_box_groups_signs_by_urgency_with_their_sources():
    out = red_flags.red_flags(page_call("benefits/walking/low-back-pain.md"))
    entry = records().red_flags()["low-back-pain"]
    assert out.startswith(f'!!! safety emergency guide-red-flags "{entry["title"]}"')
    # The emergency group comes before the see-your-doctor group, each sign
    # under its heading; data texts reach the Markdown as plain text ("A&E").
    emergency = out.index(plain_text.text(red_flags.ACTIONS["emergency"]))
    gp = out.index(plain_text.text(red_flags.ACTIONS["gp"]))
    assert emergency < gp
    for flag in entry["flags"]:
        at = out.index(f"    - {plain_text.text(flag['sign'])}")
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


def test_own_advice_is_shown_beside_the_sources():
    out = red_flags.red_flags(page_call("benefits/walking/cerebral-palsy.md"))
    for flag in records().red_flags()["cerebral-palsy"]["flags"]:
        if flag.get("own_advice"):
            assert flag["own_advice"] in out


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


@pytest.mark.parametrize("page", sorted(CONDITION_PAGES))
def test_each_condition_page_shows_the_callouts_its_readers_need(built_site, page):
    entry = records().red_flags_for(page)
    html = (built_site / page.replace(".md", "/index.html")).read_text(encoding="utf-8")
    shown = html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))
    for callout_id in entry.get("callouts", ()):
        callout = records().safety()[callout_id]
        for text in (callout["title"], *(sign["sign"] for sign in callout.get("signs", ()))):
            assert " ".join(text.split()) in shown, f"{page}: {callout_id}: {text}"


def test_pages_whose_readers_fall_or_strain_the_heart_carry_the_stop_and_head_injury_advice():
    # Issue 26's review (S5): the stroke and balance pages, whose readers are
    # the likeliest to fall, had little head-injury advice, and only the back
    # pain page carried the stop signs. The reasons are in data/red-flags.yml.
    needs = {"stroke": {"stop-signs", "if-you-fall", "head-injury"},
             "balance-falls": {"stop-signs", "if-you-fall", "head-injury"},
             "treadmill": {"stop-signs", "head-injury"}, "knee-arthritis": {"stop-signs"},
             "after-knee-surgery": {"stop-signs"}, "low-back-pain": {"stop-signs"}}
    entries = records().red_flags()
    assert {i: needs[i] - set(entries[i].get("callouts", ())) for i in needs} == {i: set() for i in needs}


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


def test_the_checker_fails_a_condition_page_without_a_callout_its_readers_need(variant):
    project = variant.project
    page = project / "docs/treadmill.md"
    text = page.read_text(encoding="utf-8")
    old = '{{ safety("stop-signs", "head-injury", "older-adults") }}'
    assert old in text
    page.write_text(text.replace(old, '{{ safety("stop-signs", "older-adults") }}'), encoding="utf-8")
    found = check(project, "docs/treadmill.md")
    line = next(n for n, x in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "red_flags(" in x)
    assert found == [("docs/treadmill.md", line, "red-flags")]


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
