"""scripts/check_content.py finds what a reviewer would, at the right place.

Bad pages from tests/fixtures/checker/ go into a copy of the project. The
expected line of each finding is worked out from the fixture's own text, so
a test fails if the checker points anywhere else.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT, copy_project, run_build

CHECKER = ROOT / "scripts" / "check_content.py"
FIXTURES = ROOT / "tests" / "fixtures" / "checker"
PAGES = "docs/benefits/physical"
# These stop the whole build, so each gets a project of its own.
ALONE = {"non-utf8.md", "unknown-grade.md"}
OFF_NAV = "not-in-nav.md"
SHARED = sorted(p.name for p in FIXTURES.glob("*.md") if p.name not in ALONE | {"README.md"})


def line_with(name: str, needle: str) -> int:
    """1-based line of the first line of a fixture containing needle."""
    for number, line in enumerate((FIXTURES / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in fixture {name}")


# fixture -> every (rule, line) of an error the checker must report, and no other.
EXPECTED = {
    "good.md": set(),
    "link-in-code.md": {("precautions-link", line_with("link-in-code.md", "Read the [precautions]"))},
    "link-in-comment.md": {("precautions-link", line_with("link-in-comment.md", "<!-- Read the"))},
    "link-literal.md": {("precautions-link", line_with("link-literal.md", "`[precautions]"))},
    "link-in-html-code.md": {("precautions-link", line_with("link-in-html-code.md", "<code><a"))},
    "wrong-anchor.md": {("precautions-link", line_with("wrong-anchor.md", "#no-such-section"))},
    "no-type.md": {("precautions-link", 1)},
    "no-front-matter.md": {("front-matter", 1)},
    "malformed-yaml.md": {("front-matter", line_with("malformed-yaml.md", "  description:"))},
    "empty.md": {("front-matter", 1), ("precautions-link", 1), ("references", 1)},
    "long-description.md": {("front-matter", line_with("long-description.md", "description:"))},
    "future-review.md": {("front-matter", line_with("future-review.md", "reviewed:"))},
    "unknown-citation.md": {("references", line_with("unknown-citation.md", '"nosuch2020"'))},
    # One typo, one finding: at the front-matter line, not again at the cite().
    "unknown-listed-and-cited.md": {("references", line_with("unknown-listed-and-cited.md", "references:"))},
    # A cite() typo of a listed id: not also "listed but never cited".
    "cite-typo-of-listed.md": {("references", line_with("cite-typo-of-listed.md", 'cite("flynn1949")'))},
    "listed-not-cited.md": {("references", line_with("listed-not-cited.md", "wright2001"))},
    "cited-not-listed.md": {("references", line_with("cited-not-listed.md", 'cite("wright2001")'))},
    "no-citation.md": {("references", 1), ("references", line_with("no-citation.md", "references:"))},
    "template-leak.md": {("no-template-leak", line_with("template-leak.md", "leaked_macro"))},
    "unsafe-html.md": {("safe-html", line_with("unsafe-html.md", needle))
                       for needle in ("onclick=", "javascript:", "<script>", "http://")},
    "todo.md": {("todo", line_with("todo.md", "TODO: add")), ("todo", line_with("todo.md", "<!-- TODO"))},
    "hard-to-read.md": set(),  # a readability warning only
    "safety-after-evidence.md": {("safety-first", line_with("safety-after-evidence.md", 'safety("start-slowly")'))},
    "walking-without-red-flags.md": {("red-flags", line_with("walking-without-red-flags.md", "category:"))},
    OFF_NAV: {("build", 1)},
}


def check(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), *map(str, args)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)


def project_with(dest: Path, names: list[str], encoding: str = "utf-8") -> Path:
    """A copy of the project with fixture pages added (and listed in the nav)."""
    dest.mkdir()
    copy_project(dest)
    for name in names:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        (dest / PAGES / name).write_bytes(text.encode(encoding))
    config = dest / "mkdocs.yml"
    anchor = "      - benefits/physical/index.md\n"
    assert anchor in config.read_text(), "the nav changed shape; update project_with()"
    listed = "".join(f"      - benefits/physical/{n}\n" for n in names if n != OFF_NAV)
    config.write_text(config.read_text().replace(anchor, anchor + listed))
    return dest


def findings_of(proc: subprocess.CompletedProcess) -> list[dict]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory) -> Path:
    return project_with(tmp_path_factory.mktemp("bad") / "project", SHARED)


@pytest.fixture(scope="module")
def bad_run(bad_project):
    """The checker in its default mode: it builds the site itself."""
    proc = check("--config", bad_project / "mkdocs.yml", "--format", "json")
    return proc, findings_of(proc)


@pytest.fixture(scope="module")
def bad_site(bad_project, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("bad-site")
    run_build(bad_project, site)  # fails (a page is off the nav) but writes every page
    return site


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_page_is_reported_by_rule_file_and_line(bad_run, name):
    _, findings = bad_run
    assert errors_on(findings, name) == EXPECTED[name]


def test_the_build_names_an_unknown_source_once_without_a_list_of_ids(bad_project, tmp_path):
    # The build's own message for an id listed in the front matter: at that
    # line, and without the 40-id dump that buried the fix.
    output = run_build(bad_project, tmp_path / "site").output
    lines = [x for x in output.splitlines() if "'smith2025'" in x]
    where = f"{PAGES}/unknown-listed-and-cited.md:{line_with('unknown-listed-and-cited.md', 'references:')}:"
    assert len(lines) == 1 and where in lines[0], "\n".join(lines) or output[-3000:]
    assert "Known:" not in lines[0] and "flynn1994," not in lines[0]


# Only the build can tell these: it checks each page's HTML against the
# allowlist and publishes the page cleaned, so a built site never holds it.
BUILD_ONLY = {"build", "safe-html"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_page_is_reported_from_a_built_site_too(bad_project, bad_site, name):
    """With --site-dir nothing is built, so the rules alone must find it."""
    proc = check("--config", bad_project / "mkdocs.yml", "--site-dir", bad_site, "--format", "json",
                 f"{PAGES}/{name}")
    expected = {(rule, line) for rule, line in EXPECTED[name] if rule not in BUILD_ONLY}
    assert errors_on(findings_of(proc), name) == expected


def test_unsafe_html_never_reaches_a_built_site(bad_site):
    html = (bad_site / "benefits/physical/unsafe-html/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.rindex("</article>")]
    for trace in ("onclick", "javascript:", "<script>alert", "http://example.com"):
        assert trace not in article, trace


def errors_on(findings: list[dict], name: str) -> set[tuple[str, int]]:
    return {(f["rule"], f["line"]) for f in findings if f["path"] == f"{PAGES}/{name}" and f["severity"] == "error"}


def test_findings_exit_1(bad_run):
    assert bad_run[0].returncode == 1


def test_readability_is_a_warning_that_never_fails(bad_project, bad_site):
    proc = check("--config", bad_project / "mkdocs.yml", "--site-dir", bad_site, f"{PAGES}/hard-to-read.md")
    assert proc.returncode == 0, proc.stdout
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith(f"{PAGES}/hard-to-read.md:1: readability: warning: ")
    assert lines[-1] == "1 page checked: 0 errors, 1 warning"


def test_site_dir_mode_matches_build_mode(bad_project, bad_site, bad_run):
    proc = check("--config", bad_project / "mkdocs.yml", "--site-dir", bad_site, "--format", "json")
    key = {(f["path"], f["line"], f["rule"]) for f in findings_of(proc) if f["rule"] not in BUILD_ONLY}
    assert key == {(f["path"], f["line"], f["rule"]) for f in bad_run[1] if f["rule"] not in BUILD_ONLY}


def test_checking_some_pages_reports_only_those(bad_project, bad_site):
    proc = check("--config", bad_project / "mkdocs.yml", "--site-dir", bad_site, "--format", "json",
                 f"{PAGES}/todo.md", f"{PAGES}/good.md")
    paths = {f["path"] for f in findings_of(proc)}
    assert paths == {f"{PAGES}/todo.md"}
    assert proc.returncode == 1


def test_text_output_is_one_line_per_finding_then_a_count(bad_project):
    proc = check("--config", bad_project / "mkdocs.yml", f"{PAGES}/unsafe-html.md")
    *lines, summary = proc.stdout.strip().splitlines()
    assert len(lines) == 4
    for line in lines:
        assert re.fullmatch(rf"{PAGES}/unsafe-html\.md:\d+: safe-html: .+ \(.+\)", line), line
    assert summary == "1 page checked: 4 errors, 0 warnings"


def test_json_findings_have_every_field(bad_run):
    for finding in bad_run[1]:
        assert set(finding) == {"path", "line", "rule", "severity", "message", "fix"}
        assert finding["severity"] in {"error", "warning"} and finding["fix"] and finding["message"]


@pytest.mark.parametrize("name", sorted(ALONE))
def test_a_page_that_stops_the_build_is_still_reported_by_rule(tmp_path, name):
    encoding = "latin-1" if name == "non-utf8.md" else "utf-8"
    project = project_with(tmp_path / "project", [name], encoding)
    proc = check("--config", project / "mkdocs.yml", "--format", "json")
    assert proc.returncode == 1
    got = {(f["rule"], f["line"]) for f in findings_of(proc) if f["path"] == f"{PAGES}/{name}"}
    if name == "non-utf8.md":
        # The line of the first byte that is not UTF-8 (the é of café).
        assert ("encoding", line_with(name, "café")) in got
    else:
        assert ("front-matter", line_with(name, "evidence:")) in got


def test_the_real_site_has_no_findings(built_site):
    proc = check("--site-dir", built_site, "--format", "json")
    errors = [f for f in findings_of(proc) if f["severity"] == "error"]
    assert errors == [], "\n".join(f"{f['path']}:{f['line']}: {f['rule']}: {f['message']}" for f in errors)
    assert proc.returncode == 0


@pytest.mark.parametrize("args, says", [
    (["--no-such-option"], "unrecognized arguments"),
    (["docs/no-such-page.md"], "no such file"),
    (["mkdocs.yml"], "not under"),
    (["--site-dir", "no-such-folder"], "no such folder"),
    (["--format", "xml"], "invalid choice"),
])
def test_usage_errors_exit_2_with_one_line(args, says):
    proc = check(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and says in proc.stderr


def test_help_names_every_rule():
    proc = check("--help")
    assert proc.returncode == 0
    for rule in ("precautions-link", "front-matter", "references", "no-template-leak", "safe-html",
                 "todo", "readability"):
        assert f"{rule}:" in proc.stdout


def test_parallel_and_serial_checking_agree(built_site, monkeypatch):
    """A large site is checked on several cores; the findings must not change."""
    from guide.checker import check_pages, run
    from guide.checker.project import Project

    results = []
    for threshold in (1, 10**6):
        monkeypatch.setattr(check_pages, "PARALLEL_FROM", threshold)
        results.append(run.check(Project(ROOT / "mkdocs.yml"), [], built_site))
    assert results[0] == results[1]
    assert results[0][1] == len(list((ROOT / "docs").rglob("*.md")))


# --- the HTML scan, on hand-written pages -----------------------------------


def scan(article: str):
    from guide.checker.html_scan import scan_page

    return scan_page(f'<nav><a href="../precautions/">menu</a></nav>'
                     f'<article class="md-content__inner md-typeset">{article}</article><footer>TODO</footer>')


def test_scan_reads_only_the_article():
    result = scan("<p>Hello.</p>")
    assert [link.href for link in result.links] == [] and "TODO" not in result.text


def test_scan_marks_links_in_code_and_hidden_parts():
    result = scan('<pre><code><a href="a/">x</a></code></pre><div hidden><a href="b/">y</a></div><a href="c/">z</a>')
    assert [(link.href, link.literal, link.hidden) for link in result.links] == [
        ("a/", True, False), ("b/", False, True), ("c/", False, False)]


def test_scan_prose_leaves_out_tables_titles_and_references():
    result = scan('<p class="admonition-title">Title words</p><p>One sentence</p><li>Two</li>'
                  '<table><tr><td>cell</td></tr></table><ol class="guide-references"><li>Ref</li></ol>'
                  '<p>Three <sup class="guide-cite">[<a href="#ref-x">1</a>]</sup> end.</p>')
    assert result.prose == "One sentence. Two. Three end."
    assert result.cited == ["x"]


def test_scan_survives_a_stray_end_tag():
    result = scan("</em><p>Still prose</p></div><pre>code</pre><p>And this</p>")
    assert result.prose == "Still prose. And this."


def test_scan_finds_unsafe_html_even_when_disguised():
    result = scan('<a href=" java\tscript:alert(1)">a</a><img src="http://x.test/i.png">'
                  '<p onmouseover="x()">b</p><script>1</script><a href="https://ok.test/">fine</a>')
    assert [kind for kind, _ in result.unsafe] == ["javascript", "http", "handler", "script"]
