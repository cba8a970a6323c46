"""`make serve` (scripts/serve.py, guide/tools/live_server.py) on a copy of the project: every input a
page is made from reloads, and a contributor's mistake never hangs a
request or ends the server.

No timings here (a busy machine is slow, not wrong): `make bench` measures
edit-to-reload seconds. The waits below are generous upper bounds.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from guide.tools.serve_process import PATH, LiveServer
from support import ROOT, copy_project, edit, line_with, run_build


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    srv = LiveServer(project, project.parent / "serve.log")
    srv.wait_until("", "</html>")
    yield srv
    srv.stop()


# --- 1. everything a page is made from reloads ----------------------------------

RELOADS = {
    # what is edited: (file, old text, new text, page that shows it)
    "page": ("docs/faq.md", "\n## ", "\nReloadProbePage\n\n## ", "faq/"),
    "data file": ("data/safety.yml", "title: Ask a professional first",
                  "title: Ask ReloadProbeData", "precautions/"),
    "include": ("includes/glossary.md", "*[cadence]: How many steps",
                "*[cadence]: ReloadProbeInclude How many steps", "glossary/"),
    "template override": ("overrides/main.html", "This guide is general information, not medical advice.",
                          "ReloadProbeOverride", "faq/"),
    # The macro code itself: mkdocs serve alone keeps the package it imported at start.
    "macro": ("guide/content/safety.py", "def safety_list(",
              "_unprobed = render_callout\n\n\ndef render_callout(call, entry):\n"
              "    return _unprobed(call, {**entry, 'title': entry['title'] + ' ReloadProbeMacro'})\n\n\n"
              "def safety_list(", "getting-started/"),
}


@pytest.mark.parametrize("kind", RELOADS)
def test_an_edit_shows_on_the_served_page(server, kind):
    name, old, new, page = RELOADS[kind]
    marker = re.search(r"ReloadProbe\w+", new)[0]
    original = edit(server.project / name, old, new)
    try:
        server.wait_until(page, marker)
    finally:
        (server.project / name).write_text(original, encoding="utf-8")
    server.wait_until(page, "</html>", absent=marker)


def test_a_rebuilt_page_still_has_its_reference_list(server):
    # The lists go in after Markdown (hooks/macro_html.py): a hook that kept
    # the macro package from the first build would leave only its markers.
    original = edit(server.project / "docs/faq.md", "\n## ", "\nReloadProbeList\n\n## ")
    try:
        html = server.wait_until("faq/", "ReloadProbeList")
    finally:
        (server.project / "docs/faq.md").write_text(original, encoding="utf-8")
    assert '<ol class="guide-references" data-search-exclude' in html and "guide:html" not in html


def test_a_correction_logged_in_data_shows_on_its_page(server):
    # Each page's "What changed" link comes from hooks/page_meta.py, which
    # reads data/corrections.yml through the guide package: the hook must see the
    # edit too, not only the macros.
    name, page = "data/corrections.yml", "benefits/training/"
    assert "What changed on this page" not in server.get(page), "pick a page with no corrections yet"
    entry = ("- date: 2026-12-01\n  page: benefits/training/index.md\n  change: ReloadProbeCorrection.\n"
             "  why: A test of make serve.\n")
    original = edit(server.project / name, "\n- date:", "\n" + entry + "- date:")
    try:
        server.wait_until(page, "What changed on this page")
    finally:
        (server.project / name).write_text(original, encoding="utf-8")
    server.wait_until(page, "</html>", absent="What changed on this page")


def test_a_schema_edit_is_applied_on_the_next_rebuild(server):
    # A schema has no page of its own: the next rebuild must use the new
    # rule, here a title limit that an existing callout breaks.
    name = "schemas/safety.schema.json"
    original = edit(server.project / name, '"maxLength": 50, "description": "A short imperative title."',
                    '"maxLength": 4, "description": "A short imperative title."')
    try:
        server.wait_for_output("data/safety.yml")
    finally:
        (server.project / name).write_text(original, encoding="utf-8")
    server.wait_until("faq/", "</html>")


# --- 2. mistakes never hang a request or end the server ---------------------------

def test_a_broken_link_is_reported_and_pages_still_load(server):
    original = edit(server.project / "docs/faq.md", "\n## ", "\nSee [this](no-such-page.md) ProbeBrokenLink.\n\n## ")
    try:
        server.wait_until("faq/", "ProbeBrokenLink")  # served, not stuck
        line = line_with(server.project / "docs/faq.md", "ProbeBrokenLink")
        server.wait_for_output(f"docs/faq.md:{line}: build: link 'no-such-page.md'")
    finally:
        (server.project / "docs/faq.md").write_text(original, encoding="utf-8")
    server.wait_until("faq/", "</html>", absent="ProbeBrokenLink")


def test_a_half_typed_macro_is_named_on_its_line_and_the_next_save_fixes_it(server):
    # The page check (guide/boundary/page_jinja.py) names the page's own line and
    # serves the page without the broken tag, so the server keeps answering.
    original = edit(server.project / "docs/faq.md", "\n## ", '\n{{ cite("flynn1994") ProbeHalfTyped\n\n## ')
    line = line_with(server.project / "docs/faq.md", '{{ cite("flynn1994") ')
    try:
        server.wait_for_output(f"docs/faq.md:{line}: Jinja syntax error")
        assert "</html>" in server.get("faq/"), "no page served while a macro was half typed"
        assert server.proc.poll() is None
    finally:
        (server.project / "docs/faq.md").write_text(original, encoding="utf-8")
    server.wait_until("faq/", "</html>", absent="ProbeHalfTyped")


def test_a_broken_data_file_keeps_the_last_good_site(server):
    name = "data/safety.yml"
    original = edit(server.project / name, "- id: health-check", "- id: [health-check")
    try:
        server.wait_for_output("The last good build is still served")
        assert "</html>" in server.get("faq/"), "no page served while a data file was broken"
        assert server.proc.poll() is None
    finally:
        (server.project / name).write_text(original, encoding="utf-8")


def test_a_warning_present_at_start_does_not_stop_the_server(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "docs/faq.md", "\n## ", "\nSee [this](no-such-page.md) ProbeAtStart.\n\n## ")
    srv = LiveServer(project, tmp_path / "serve.log")
    try:
        srv.wait_until("faq/", "ProbeAtStart")
    finally:
        srv.stop()


# --- 3. quiet, and every mistake said at every save --------------------------------

BUILT = re.compile(r"^INFO +-  \[\d\d:\d\d:\d\d\] Built \d+ pages in \d+\.\d s: no problems\.$")


def test_a_good_save_prints_one_line_with_time_pages_and_result(server):
    server.wait_until("faq/", "</html>")
    time.sleep(2)  # let an earlier test's last rebuild finish printing
    after = len(server.output())
    original = edit(server.project / "docs/faq.md", "\n## ", "\nQuietProbe\n\n## ")
    try:
        server.wait_until("faq/", "QuietProbe")
        out = server.wait_for_output("Built ", after)
    finally:
        (server.project / "docs/faq.md").write_text(original, encoding="utf-8")
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines and all(BUILT.match(line) for line in lines), "a good save should print one line:\n" + out
    assert "[macros]" not in server.output() and "Building documentation" not in server.output()


def test_verbose_brings_back_mkdocs_and_macros_lines(tmp_path):
    project = copy_project(tmp_path / "project")
    with LiveServer(project, tmp_path / "serve.log", env={"VERBOSE": "1"}) as srv:
        srv.wait_until("", "</html>")
        out = srv.output()
    assert "[macros] - " in out and "Building documentation" in out, out[-2000:]


def test_a_mistake_left_in_is_said_again_at_the_next_save(server):
    # MkDocs says a message once a process; a mistake still there after the
    # next save must be said (and shown) again.
    name = "data/safety.yml"
    start = len(server.output())
    original = edit(server.project / name, "- id: health-check", "- id: [health-check")
    faq = (server.project / "docs/faq.md").read_text(encoding="utf-8")
    try:
        first = server.wait_for_output("The build stopped", start)  # the build's last line
        assert "invalid YAML" in first, first
        time.sleep(1)
        after = len(server.output())
        (server.project / "docs/faq.md").write_text(faq + "\nAnother save.\n", encoding="utf-8")
        again = server.wait_for_output("The build stopped", after)
        assert "data/safety.yml:" in again and "invalid YAML" in again, again
        assert "data/safety.yml:" in server.get("faq/"), "the panel no longer names the broken file"
    finally:
        (server.project / name).write_text(original, encoding="utf-8")
        (server.project / "docs/faq.md").write_text(faq, encoding="utf-8")
    server.wait_until("faq/", "</html>", absent="guide-serve-problems")


def test_an_error_in_the_macro_code_is_named_at_its_line(server):
    name = "guide/content/safety.py"
    original = edit(server.project / name, "def safety_list(", "def safety_list(:")
    line = line_with(server.project / name, "def safety_list(:")
    try:
        server.wait_until("faq/", f"{name}:{line}")  # in the panel of the last good page
    finally:
        (server.project / name).write_text(original, encoding="utf-8")
    server.wait_until("faq/", "</html>", absent="guide-serve-problems")


def test_a_missing_page_reloads_when_it_is_built(server):
    # MkDocs sends its 404 page without the live-reload script: a page
    # opened before its first build would never appear.
    html = server.get("no-such-page-yet/")
    assert "<h1" in html and "livereload(" in html


def test_a_strict_build_never_shows_a_placeholder(tmp_path):
    # Even told it is serving, a strict build stops on a wrong id, and the
    # pages it wrote before stopping have no placeholder.
    project = copy_project(tmp_path / "project")
    edit(project / "mkdocs.yml", "\nextra:\n", "\nextra:\n  serving: true\n")
    edit(project / "docs/faq.md", "\n## ", '\n{{ safety("look-behnd") }} {{ cite("flyn1994") }}\n\n## ')
    build = run_build(project, tmp_path / "site")
    assert not build.ok and "unknown safety callout 'look-behnd'" in build.output
    faq = (tmp_path / "site/faq/index.html").read_text(encoding="utf-8")
    assert "not found: look-behnd" not in faq and "guide-missing" not in faq


def test_a_site_broken_at_start_says_why_on_every_address_and_comes_back(tmp_path):
    # No good build, so no page and no 404 page: an address still answers
    # with the panel and the live-reload script, and the fix brings the site.
    project = copy_project(tmp_path / "project")
    original = edit(project / "data/safety.yml", "- id: health-check", "- id: [health-check")
    with LiveServer(project, tmp_path / "serve.log") as srv:
        html = srv.wait_until("faq/", "guide-serve-problems")
        assert "data/safety.yml:" in html and "No build has finished yet" in html and "livereload(" in html
        assert "There is no good build to serve yet" in srv.output()
        (project / "data/safety.yml").write_text(original, encoding="utf-8")
        srv.wait_until("faq/", "Frequently asked questions", absent="guide-serve-problems")


def test_the_readme_gives_the_address_the_server_prints(server):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    server.wait_for_output(f"Serving on http://127.0.0.1:{server.port}{PATH}")
    serve_lines = [line for line in readme.splitlines() if "make serve" in line and "127.0.0.1" in line]
    assert serve_lines, "README.md no longer says where make serve serves the site"
    wrong = [line for line in serve_lines if f"127.0.0.1:8000{PATH}" not in line]
    assert not wrong, f"README.md gives make serve's address without {PATH}:\n" + "\n".join(wrong)


def test_the_problem_log_reads_the_project_once_however_many_problems(monkeypatch):
    """Each problem of a build is placed at its file and line through the
    checker's view of the project. Made again for each, a build with 75
    problems (a changed callout) took 7.9 s instead of 3.6 s."""
    import logging

    from guide.checker import project as checker_project
    from guide.tools.serve_hints import ProblemLog

    made = []
    real = checker_project.Project

    class Counted(real):
        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(checker_project, "Project", Counted)
    log = ProblemLog(ROOT / "mkdocs.yml")
    for n in range(20):
        log.emit(logging.LogRecord("mkdocs", logging.ERROR, __file__, 1,
                                   f"verify_site: docs/faq.md:{n + 1}: in the built site, problem {n}", None, None))
    assert len(log.problems) == 20
    assert [p.line for p in log.problems] == list(range(1, 21))
    assert len(made) == 1
