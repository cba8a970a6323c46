"""A pull request to the words cannot run code, leak secrets, inject markup
or hide a safety callout (issue 14).

Each test puts one attack into a copy of the project, builds it, and checks
three things: the build fails, the message names the file and line where
the attack was written, and nothing of it reaches the built HTML.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import run_build

SECRET = "guide-test-secret-7f3a"  # an environment variable the build must never print
PAGE = "docs/faq.md"


def append(project: Path, text: str, page: str = PAGE) -> int:
    """Add text at the end of a page; return the line its first line lands on."""
    path = project / page
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + "\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 2


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first old with new; return the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def set_field(path: Path, key: str, value: str) -> int:
    """Give a front-matter key a new value; return its line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[number] = f"{key}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def built_text(site: Path) -> str:
    """Every HTML, JSON and XML file the build wrote, as one string."""
    parts = []
    for file in sorted(site.rglob("*")):
        if file.suffix in (".html", ".json", ".xml", ".txt") and file.is_file():
            parts.append(file.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def build(variant, **env):
    return run_build(variant.project, variant.project.parent / "site", {"GUIDE_SECRET": SECRET, **env})


# --- 1. Pages may only call the guide's macros --------------------------------

JINJA_ATTACKS = {
    "environment-variables": "{{ lipsum.__globals__['os'].environ }}",
    "shell-command": "{% set _ = lipsum.__globals__.os.system('touch PWNED') %}",
    "config": "{{ config }}",
    "environment": "{{ environment }}",
    "macros-info": "{{ macros_info() }}",
    "include": '{% include "glossary.md" %}',
    "import": '{% import "glossary.md" as g %}',
    "range": "{{ range(3) }}",
    "unknown-name": "{{ page }}",
    "filter": '{{ cite("flynn1994") | upper }}',
    "variable-argument": "{{ cite(page.title) }}",
    "loop": "{% for x in [1, 2] %}x{% endfor %}",
}


@pytest.mark.parametrize("attack", JINJA_ATTACKS.values(), ids=JINJA_ATTACKS.keys())
def test_page_jinja_beyond_the_macros_fails_at_its_line_and_never_runs(variant, attack):
    line = append(variant.project, f"Some words.\n\n{attack}\n", PAGE) + 2
    result = build(variant)
    assert not result.ok
    assert f"{PAGE}:{line}: " in result.output, result.output
    assert "may only call the guide's macros" in result.output or "not one of the guide's macros" in result.output
    assert "cite, " in result.output  # the list of macros a page may use
    assert "Traceback" not in result.output
    assert not (variant.project / "PWNED").exists(), "the page ran a shell command"
    html = built_text(result.site)
    assert SECRET not in html
    assert "site_macros" not in html and "/tmp/" not in html  # no config, paths or module list


@pytest.mark.parametrize("page", ["docs/benefits/physical/index.md", PAGE])  # without and with a nav title
def test_template_code_in_a_title_is_refused(variant, page):
    line = set_field(variant.project / page, "title", "'{{ config.site_dir }} questions'")
    result = build(variant)
    assert not result.ok
    assert f"{page}:{line}: the title holds template code" in result.output, result.output
    assert str(result.site) not in built_text(result.site)


def test_a_jinja_syntax_error_is_named_at_the_pages_true_line(variant):
    line = append(variant.project, 'An unclosed {{ cite("flynn1994"\nand more words.')
    result = build(variant)
    assert not result.ok
    # Jinja notices on the line after the unclosed call; before the fix the
    # number was short by the length of the front matter.
    assert f"{PAGE}:{line + 1}: Jinja syntax error" in result.output, result.output


# --- 2. An allowlist for HTML ------------------------------------------------------

HTML_ATTACKS = {
    "iframe-srcdoc": ('<iframe srcdoc="<p>hi</p>"></iframe>', "<iframe"),
    "base": ('<base href="https://evil.example/">', "evil.example"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "evil.example"),
    "form": ('<form action="https://evil.example/"><input type="text" name="q"></form>', "evil.example"),
    "object": ('<object data="movie.swf"></object>', "movie.swf"),
    "embed": ('<embed src="movie.swf">', "movie.swf"),
    "data-url": ("[click](data:text/html,hello)", "data:text"),
    "vbscript-url": ('<a href="vbscript:msgbox">click</a>', "vbscript"),
    "javascript-url": ('<a href="javascript:alert(1)">click</a>', "javascript:"),
    "script": ("<script>window.x = 1</script>", "window.x"),
    "event-handler": ('<img src="a.png" onerror="alert(1)">', "onerror"),
    "style-block": ("<style>.admonition { display: none }</style>", "display: none"),
    "style-attribute": ('<div style="display: none" markdown>hidden</div>', "display: none"),
    "plain-http": ('<a href="http://example.org/">x</a>', "http://example.org"),
}


@pytest.mark.parametrize("attack, trace", HTML_ATTACKS.values(), ids=HTML_ATTACKS.keys())
def test_html_outside_the_allowlist_fails_at_its_line_and_is_not_published(variant, attack, trace):
    line = append(variant.project, f"Some words.\n\n{attack}\n") + 2
    result = build(variant)
    assert not result.ok
    assert f"{PAGE}:{line}: " in result.output and "HTML allowlist" in result.output, result.output
    page = (result.site / "faq/index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.rindex("</article>")]
    assert trace not in article


def test_title_and_description_are_escaped_and_reported(variant):
    page = variant.project / "docs/myths.md"
    title_line = set_field(page, "title", "'</title><script>alert(1)</script> Myths'")
    desc_line = set_field(page, "description", "'\"><script>alert(2)</script> Common claims about "
                                               "backward running and what the studies show.'")
    result = build(variant)
    assert not result.ok
    assert f"docs/myths.md:{title_line}: front matter 'title' holds HTML" in result.output, result.output
    assert f"docs/myths.md:{desc_line}: front matter 'description' holds HTML" in result.output
    html = (result.site / "myths/index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)" in html


def test_html_in_a_finding_is_reported_and_escaped_in_the_listings(variant):
    line = set_field(variant.project / "docs/benefits/mind/memory.md", "finding",
                     "'<img src=x onerror=alert(3)> No study used running.'")
    result = build(variant)
    assert not result.ok
    assert f"docs/benefits/mind/memory.md:{line}: front matter 'finding'" in result.output, result.output
    assert "onerror" not in built_text(result.site).replace("onerror=alert(3)&gt;", "")


def test_html_in_a_data_file_is_blamed_on_the_data_file(variant):
    safety = variant.project / "data/safety.yml"
    # The short "Start slowly" callout: the injected tag must not push a body
    # past its length limit, or the schema, not the allowlist, would answer.
    line = replace_in(safety, "body: >-\n    Walk backward first.",
                      'body: <img src="x" onerror="alert(4)"> >-\n    Walk backward first.')
    result = build(variant)
    assert not result.ok
    assert f"data/safety.yml:{line}: the event handler onerror=" in result.output, result.output
    # Not also blamed on each page that shows the callout.
    assert "docs/precautions.md:1:" not in result.output
    # Data text is plain text: the tag is shown as typed, never an element.
    text = built_text(result.site)
    assert '<img src="x" onerror' not in text and '&lt;img src="x" onerror="alert(4)"&gt;' in text


# --- 4. No symlinks ---------------------------------------------------------------


@pytest.mark.parametrize("link", ["includes/environ.md", "docs/assets/environ.txt", "data/extra.yml",
                                  "overrides/partials/environ.html", "schemas/environ.json"])
def test_a_symlink_stops_the_build_and_is_named(variant, link):
    (variant.project / link).symlink_to("/proc/self/environ")
    result = build(variant)
    assert not result.ok
    assert f"{link}:1: is a symbolic link (to /proc/self/environ)" in result.output, result.output
    assert not result.site.exists() or SECRET not in built_text(result.site)


# --- 5. Strict YAML -------------------------------------------------------------


def test_a_key_written_twice_in_front_matter_fails_at_its_line(variant):
    page = variant.project / "docs/benefits/mind/memory.md"
    first = replace_in(page, "evidence: ", "evidence: supported\nevidence: ")
    result = build(variant)
    assert not result.ok
    assert (f"docs/benefits/mind/memory.md:{first + 1}: front matter is not valid YAML: the key "
            f"'evidence' is written twice, first on line {first}") in result.output, result.output


def test_a_key_written_twice_in_a_data_file_fails_at_its_line(variant):
    safety = variant.project / "data/safety.yml"
    first = replace_in(safety, "  title: ", "  title: Another title\n  title: ")
    result = build(variant)
    assert not result.ok
    assert (f"data/safety.yml:{first + 1}: invalid YAML: the key 'title' is written twice, "
            f"first on line {first}") in result.output, result.output


@pytest.mark.parametrize("value, expected", [
    ("2026-02-30", "'2026-02-30' is not a real date"),
    ("01/12/2026", "'01/12/2026' is not a date; write it as YYYY-MM-DD"),
])
def test_a_bad_date_is_one_line_at_its_line_never_a_traceback(variant, value, expected):
    line = set_field(variant.project / PAGE, "reviewed", value)
    result = build(variant)
    assert not result.ok
    assert f"{PAGE}:{line}: " in result.output and expected in result.output, result.output
    assert "Traceback" not in result.output and "review-dates.html" not in result.output
    errors = [x for x in result.output.splitlines() if x.startswith("ERROR")]
    assert len(errors) == 1, "\n".join(errors)


# --- 7. The checker reports every build error where it is ---------------------------

CHECKER = Path(__file__).resolve().parent.parent / "scripts" / "check_content.py"


def check(project: Path) -> tuple[int, list[dict]]:
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(CHECKER), "--config", str(project / "mkdocs.yml"),
                           "--format", "json"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return proc.returncode, [f for f in json.loads(proc.stdout) if f["severity"] == "error"]


def where(findings: list[dict]) -> set[tuple[str, int, str]]:
    return {(f["path"], f["line"], f["rule"]) for f in findings}


def test_checker_names_the_data_file_and_line_of_a_yaml_error(variant):
    line = replace_in(variant.project / "data/safety.yml", "  title: ", " title: broken\n  title: ")
    code, findings = check(variant.project)
    assert code == 1
    assert ("data/safety.yml", line, "build") in where(findings), findings


def test_checker_names_the_true_line_of_a_jinja_syntax_error(variant):
    line = append(variant.project, 'An unclosed {{ cite("flynn1994"\nand more words.')
    code, findings = check(variant.project)
    assert code == 1
    assert (PAGE, line + 1, "macros-only") in where(findings), findings


@pytest.mark.parametrize("marks", [1, 2])
def test_checker_reports_a_byte_order_mark_once_at_line_1(variant, marks):
    """MkDocs drops one mark and keeps a second, so with two the build saw no
    front matter where the checker saw it (issue 30): any mark is refused,
    by the build and the checker alike, as one finding."""
    path = variant.project / PAGE
    path.write_bytes(b"\xef\xbb\xbf" * marks + path.read_bytes())
    code, findings = check(variant.project)
    assert code == 1
    # (The build stops before any page, so the checker also says no rendered
    # checks ran, at mkdocs.yml: that is about the run, not the page.)
    assert {w for w in where(findings) if w[0] == PAGE} == {(PAGE, 1, "encoding")}, findings


@pytest.mark.parametrize("value", ["01/12/2026", "2026-02-30"])
def test_checker_reports_a_bad_date_once_at_its_line(variant, value):
    line = set_field(variant.project / PAGE, "reviewed", value)
    code, findings = check(variant.project)
    assert code == 1
    assert where(findings) == {(PAGE, line, "front-matter")}, findings
    assert "YYYY-MM-DD" in findings[0]["message"] + findings[0]["fix"]
