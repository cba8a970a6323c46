"""Review dates act: an overdue page shows readers a notice, the checker
warns 30 days ahead and reports overdue pages, and the weekly report lists
them. "Today" is set with GUIDE_TODAY, never by changing the clock."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from support import ROOT, copy_project, run_build

PAGE = "docs/benefits/physical/knee-load.md"
HTML = "benefits/physical/knee-load/index.html"
DUE = "2026-12-15"  # given to PAGE only; every other page is due much later
NOTICE = "This page is overdue for a check"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project whose knee-load page is due for review on DUE."""
    dest = copy_project(tmp_path_factory.mktemp("review") / "project")
    page = dest / PAGE
    text = page.read_text(encoding="utf-8")
    assert "\nreviewed: " in text
    page.write_text(text.replace("\nreviewed: ", f"\nreview_due: {DUE}\nreviewed: ", 1), encoding="utf-8")
    return dest


def build_on(project, tmp_path, today: str):
    build = run_build(project, tmp_path / today, {"GUIDE_TODAY": today})
    assert build.ok, build.output
    return build.site


@pytest.fixture(scope="module")
def site(project, tmp_path_factory):
    """The copy, built once; the rule reads front matter, not the site."""
    build = run_build(project, tmp_path_factory.mktemp("review-site"))
    assert build.ok, build.output
    return build.site


@pytest.fixture
def checker(project, site):
    def run(*args, today: str):
        return subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--config",
                               str(project / "mkdocs.yml"), "--site-dir", str(site), "--format", "json",
                               *args], capture_output=True, text=True, timeout=600,
                              env={"GUIDE_TODAY": today, "PATH": "/usr/bin:/bin"})
    return run


def review_findings(proc) -> list[dict]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [f for f in json.loads(proc.stdout) if f["rule"] == "review-due"]


def test_an_overdue_page_shows_readers_a_notice(project, tmp_path):
    site = build_on(project, tmp_path, "2026-12-16")
    html = (site / HTML).read_text(encoding="utf-8")
    assert NOTICE in html
    assert '<time datetime="2026-12-15">15 December 2026</time>' in html
    # Right under the title and the grade, before the page's own text.
    assert html.index("</h1>") < html.index(NOTICE) < html.index("In short")
    assert "(overdue)" in html
    # Only the overdue page says so.
    others = [p for p in site.rglob("index.html") if NOTICE in p.read_text(encoding="utf-8")]
    assert others == [site / HTML]


@pytest.mark.parametrize("today", ["2026-12-14", "2026-12-15"])
def test_no_notice_until_the_due_date_has_passed(project, tmp_path, today):
    html = (build_on(project, tmp_path, today) / HTML).read_text(encoding="utf-8")
    assert NOTICE not in html and "(overdue)" not in html


def test_a_bad_today_stops_the_build_with_a_clear_message(project, tmp_path):
    build = run_build(project, tmp_path / "bad", {"GUIDE_TODAY": "15/12/2026"})
    assert not build.ok
    assert "GUIDE_TODAY='15/12/2026' is not a date" in build.output
    assert "Traceback" not in build.output


def test_checker_reports_an_overdue_page_as_a_warning(project, checker):
    proc = checker(PAGE, today="2026-12-16")
    found = review_findings(proc)
    assert [(f["path"], f["severity"]) for f in found] == [(PAGE, "warning")]
    assert "was due on 15 December 2026 and is overdue" in found[0]["message"]
    line = (project / PAGE).read_text().splitlines().index(f"review_due: {DUE}") + 1
    assert found[0]["line"] == line
    assert proc.returncode == 0  # a warning never blocks a pull request


@pytest.mark.parametrize("today, expected", [
    ("2026-11-14", []),                              # 31 days ahead: quiet
    ("2026-11-15", ["is due on 15 December 2026, in 30 days"]),
    ("2026-12-15", ["is due on 15 December 2026, in 0 days"]),
])
def test_checker_warns_30_days_ahead(checker, today, expected):
    found = review_findings(checker(PAGE, today=today))
    assert [f["message"].split("review ")[1] for f in found] == expected


def test_weekly_report_lists_only_the_overdue_page(project, tmp_path):
    out = tmp_path / "report.md"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/review_report.py"), "--docs",
                           str(project / "docs"), "--out", str(out)],
                          capture_output=True, text=True, timeout=60, env={"GUIDE_TODAY": "2026-12-16"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1"
    text = out.read_text()
    overdue = text.split("## Overdue", 1)[1].split("##", 1)[0]
    assert re.findall(r"`docs/([^`]+)`", overdue) == ["benefits/physical/knee-load.md"]
    assert "due 15 December 2026" in overdue


def test_weekly_report_with_nothing_overdue(project, tmp_path):
    out = tmp_path / "report.md"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/review_report.py"), "--docs",
                           str(project / "docs"), "--out", str(out)],
                          capture_output=True, text=True, timeout=60, env={"GUIDE_TODAY": "2026-12-01"})
    assert proc.stdout.strip() == "0"
    assert "No page is overdue for review." in out.read_text()
