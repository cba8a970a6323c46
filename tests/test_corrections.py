"""The corrections log: checked data, the "What changed" page, each page's
link to its own entries, and the grade-log rule of the content checker."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html import unescape

import pytest
from support import ROOT, copy_project, page_call, records, run_build

from guide.content import corrections_log as corrections
from guide.errors import ContentError

RECORDS = records()

PAGE = "benefits/physical/knee-load.md"
# An entry exactly as RECORD.md shows the format other helpers write in.
RECORD_ENTRY = """- date: 2026-12-07
  page: benefits/physical/knee-load.md     # docs-relative path
  change: Alghadir 2019 is now described as three groups ...
  why: The trial's abstract reports ...
  grade_before: some          # only when the page's grade moved
  grade_after: some
"""


@pytest.fixture
def log_copy(data_copy):
    return data_copy / "corrections.yml"


def log_records(log_copy):
    """The records of the project whose corrections log is log_copy."""
    return records(log_copy.parent.parent)


def changes_page(log_copy):
    """The What changed page's PageCall, reading the log at log_copy."""
    return page_call("changes.md", root=log_copy.parent.parent, docs_dir=ROOT / "docs")


def add_entry(path, text: str) -> None:
    """Put an entry at the top of the list, where new entries go."""
    old = path.read_text(encoding="utf-8")
    first = old.index("\n- date:") + 1
    path.write_text(old[:first] + text + "\n" + old[first:], encoding="utf-8")


# --- the data file -------------------------------------------------------------


def test_the_log_loads_newest_first_with_lines(log_copy):
    # A day after the log's newest entry, so the new one must come first.
    later = log_records(log_copy).corrections()[0]["date"] + dt.timedelta(days=1)
    entry = RECORD_ENTRY.replace(RECORD_ENTRY.split("\n", 1)[0], f"- date: {later.isoformat()}", 1)
    add_entry(log_copy, entry)
    entries = log_records(log_copy).corrections()
    assert entries[0]["date"] == later and entries[0]["grade_after"] == "some"
    assert [e["date"] for e in entries] == sorted((e["date"] for e in entries), reverse=True)
    text = log_copy.read_text().splitlines()
    assert text[entries[0]["line"] - 1].startswith(f"- date: {later.isoformat()}")


# The error names the line of the bad field, or the entry's first line when
# the problem is the entry as a whole (a field missing or unknown).
@pytest.mark.parametrize("broken, says, at", [
    ("  why: The trial's abstract reports ...\n", "'why' is a required property", None),
    ("  grade_after: some\n", "'grade_after' is a dependency of 'grade_before'", None),
    ("- date: 2026-12-07", "- date: 7 December 2026", "- date: 7 December 2026"),
    ("  grade_after: some", "  grade_after: great", "  grade_after: great"),
    ("  page: benefits", "  colour: red\n  page: benefits", None),
])
def test_a_bad_entry_names_the_file_and_line(log_copy, broken, says, at):
    entry = RECORD_ENTRY.replace(broken, "" if says.startswith("'") else says, 1)
    add_entry(log_copy, entry)
    with pytest.raises(ContentError) as error:
        log_records(log_copy).corrections()
    lines = log_copy.read_text().splitlines()
    start = lines.index(entry.splitlines()[0])
    line = (lines.index(at, start) if at else start) + 1
    assert f"data/corrections.yml:{line}: entry '#1'" in str(error.value)
    if says.startswith("'"):
        assert says in str(error.value)


def test_an_entry_for_a_page_that_does_not_exist_fails_the_build(variant):
    def edit(project):
        add_entry(project / "data/corrections.yml",
                  RECORD_ENTRY.replace("physical/knee-load.md", "physical/knee-loads.md"))

    build = variant(edit)
    assert not build.ok
    assert re.search(r"data/corrections\.yml:\d+: entry for page 'benefits/physical/knee-loads\.md': "
                     r"no such page under docs/; did you mean 'benefits/physical/knee-load\.md'\?", build.output)
    assert "Traceback" not in build.output


# --- the pages ------------------------------------------------------------------


def test_what_changed_lists_every_entry_under_its_page(built_site):
    html = unescape((built_site / "changes/index.html").read_text(encoding="utf-8"))
    for entry in RECORDS.corrections():
        anchor = corrections.anchor(entry["page"])
        section = html.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]
        section = re.sub(r"<[^>]+>", "", section)  # glossary terms come wrapped in <abbr>
        assert " ".join(entry["change"].split()) in section, entry["change"]
        assert " ".join(entry["why"].split()) in section
        assert entry["date"].strftime("%-d %B %Y") in section


def test_each_page_links_to_its_own_entries(built_site):
    logged = {e["page"] for e in RECORDS.corrections()}
    assert logged, "the log is empty"
    for md in sorted((ROOT / "docs").rglob("*.md")):
        src = md.relative_to(ROOT / "docs").as_posix()
        if src == corrections.CHANGES_PAGE:
            continue  # the log itself links to itself as ./
        stem = src[: -len(".md")]
        out = built_site / (stem.removesuffix("index") if stem.endswith("index") else stem + "/") / "index.html"
        foot = out.read_text(encoding="utf-8").split('id="review-dates"', 1)[1].split("</aside>", 1)[0]
        links = re.findall(r'<a href="([^"]*changes/[^"]*)">([^<]+)</a>', foot)
        if src in logged:
            assert [text for href, text in links if href.endswith("#" + corrections.anchor(src))] == \
                ["What changed on this page"], src
        else:
            assert [text for _, text in links] == ["What changed on this site"], src


def test_a_grade_move_is_shown_in_words(log_copy):
    add_entry(log_copy, RECORD_ENTRY.replace("grade_before: some", "grade_before: supported"))
    text = corrections.corrections_log(changes_page(log_copy))
    assert "*Grade:* Supported before, Some evidence after." in text


def test_a_retired_grade_is_shown_by_its_old_name(log_copy):
    add_entry(log_copy, RECORD_ENTRY.replace("grade_before: some", "grade_before: not-supported"))
    assert "*Grade:* Not supported before, Some evidence after." in corrections.corrections_log(changes_page(log_copy))


# --- the grade-log rule ---------------------------------------------------------


def git(project, *args):
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                        "PATH": "/usr/bin:/bin", "HOME": str(project)})


@pytest.fixture
def repo(tmp_path, built_site):
    """A project copy in a git repository of its own: main, then a branch."""
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "start")
    git(project, "checkout", "-q", "-b", "change")
    return project


def grade_findings(project, site) -> list[dict]:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--config",
                           str(project / "mkdocs.yml"), "--site-dir", str(site), "--format", "json",
                           f"docs/{PAGE}"], capture_output=True, text=True, timeout=300, cwd=project)
    assert "Traceback" not in proc.stderr, proc.stderr
    return [f for f in json.loads(proc.stdout) if f["rule"] == "grade-log"]


def set_grade(project, grade: str) -> int:
    page = project / "docs" / PAGE
    text = page.read_text(encoding="utf-8")
    assert "\nevidence: some\n" in text
    page.write_text(text.replace("\nevidence: some\n", f"\nevidence: {grade}\n"), encoding="utf-8")
    return text.splitlines().index("evidence: some") + 1


def test_a_grade_change_without_an_entry_is_reported(repo, built_site):
    assert grade_findings(repo, built_site) == []
    line = set_grade(repo, "untested")
    found = grade_findings(repo, built_site)
    assert [(f["path"], f["line"], f["severity"]) for f in found] == [(f"docs/{PAGE}", line, "error")]
    assert "changed from 'some' (on main) to 'untested'" in found[0]["message"]
    git(repo, "commit", "-q", "-am", "committing it does not hide it")
    assert len(grade_findings(repo, built_site)) == 1


def test_a_matching_entry_clears_it(repo, built_site):
    set_grade(repo, "untested")
    add_entry(repo / "data/corrections.yml", RECORD_ENTRY.replace("grade_after: some", "grade_after: untested"))
    assert grade_findings(repo, built_site) == []


def test_an_entry_for_a_different_move_does_not(repo, built_site):
    set_grade(repo, "untested")
    add_entry(repo / "data/corrections.yml", RECORD_ENTRY.replace("physical/knee-load", "physical/energy-cost")
              .replace("grade_after: some", "grade_after: untested"))
    assert len(grade_findings(repo, built_site)) == 1


def test_without_git_the_log_still_has_to_match_the_page(tmp_path, built_site):
    project = copy_project(tmp_path / "project")  # no history at all
    add_entry(project / "data/corrections.yml", RECORD_ENTRY.replace("grade_after: some", "grade_after: untested"))
    found = grade_findings(project, built_site)
    assert len(found) == 1 and "newest entry for this page" in found[0]["message"]
    set_grade(project, "untested")
    assert grade_findings(project, built_site) == []
