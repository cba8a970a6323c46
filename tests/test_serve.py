"""`make serve` (scripts/serve.py, guide/tools/live_server.py) on a copy of the project: every input a
page is made from reloads, and a contributor's mistake never hangs a
request or ends the server.

No timings here (a busy machine is slow, not wrong): `make bench` measures
edit-to-reload seconds. The waits below are generous upper bounds.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import ROOT, copy_project, line_with

# Run as a module from the copy's own folder, so the copy's guide package is
# the one served (and the one its edits must reach); `make serve` runs the
# same main() through scripts/serve.py.
SERVE = [sys.executable, "-m", "guide.tools.live_server"]
PATH = "/backward-running-guide/"  # the sub-path of site_url, as on GitHub Pages
WAIT = 45.0  # seconds; a rebuild takes about one


class Server:
    def __init__(self, project: Path, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.project, self.log = project, log
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with log.open("w") as out:
            self.proc = subprocess.Popen([*SERVE, "--dev-addr", f"127.0.0.1:{self.port}"], cwd=project,
                                         env=env, stdout=out, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}{PATH}"

    def get(self, page: str = "", timeout: float = 10.0) -> str:
        """The page's HTML; fails if the server does not answer in time."""
        with urllib.request.urlopen(self.url + page, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until(self, page: str, present: str, absent: str | None = None) -> str:
        end = time.monotonic() + WAIT
        html = ""
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"the server ended (exit {self.proc.returncode}):\n{self.output()}"
            try:
                html = self.get(page)
            except OSError:
                html = ""
            if present in html and (absent is None or absent not in html):
                return html
            time.sleep(0.2)
        raise AssertionError(f"{page or 'home page'} never showed {present!r} in {WAIT:.0f} s; "
                             f"server output:\n{self.output()[-3000:]}")

    def wait_for_output(self, text: str) -> None:
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            if text in self.output():
                return
            time.sleep(0.2)
        raise AssertionError(f"the server never printed {text!r}:\n{self.output()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def edit(path: Path, old: str, new: str) -> str:
    """Replace old with new in path; return the old text to restore."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    srv = Server(project, project.parent / "serve.log")
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
    srv = Server(project, tmp_path / "serve.log")
    try:
        srv.wait_until("faq/", "ProbeAtStart")
    finally:
        srv.stop()


def test_the_readme_gives_the_address_the_server_prints(server):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    server.wait_for_output(f"Serving on http://127.0.0.1:{server.port}{PATH}")
    serve_lines = [line for line in readme.splitlines() if "make serve" in line and "127.0.0.1" in line]
    assert serve_lines, "README.md no longer says where make serve serves the site"
    wrong = [line for line in serve_lines if f"127.0.0.1:8000{PATH}" not in line]
    assert not wrong, f"README.md gives make serve's address without {PATH}:\n" + "\n".join(wrong)
