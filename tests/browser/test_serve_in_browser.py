"""`make serve` as a contributor sees it, in a real Chromium: the open page
reloads by itself on every save, and a mistake shows on the page, in the
error panel and as a placeholder, until the next good save.

The server runs on a copy of the project (guide/tools/serve_process.py);
each test edits the copy and only watches the tab: it never reloads or
navigates by itself after the first visit. The pages carry the published
site's Content Security Policy, and no violation is allowed.
"""

from __future__ import annotations

import pytest

from guide.boundary import csp
from guide.tools.serve_panel import CSS, PANEL_ID
from guide.tools.serve_process import LiveServer, wait_for_reload
from support import copy_project, edit, line_with
from test_csp import RECORD

pytestmark = pytest.mark.browser

WAIT = 60.0  # seconds for one rebuild and reload; a generous upper bound
PANEL = f"#{PANEL_ID}"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve-browser") / "project")
    with LiveServer(project, project.parent / "serve.log") as server:
        server.wait_until("", "</html>")
        yield server


@pytest.fixture
def tab(browser, live):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD)  # every CSP violation of each page load, in window.__csp
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []")


def reloads_until(page, live, shows, what: str) -> None:
    """Wait, without touching the tab, until it has reloaded by itself and
    shows(page) is true; that page must have no CSP violation."""
    if not wait_for_reload(page, shows, WAIT):
        raise AssertionError(
            f"the open page never reloaded by itself to show {what} in {WAIT:.0f} s; "
            f"console errors: {page.errors[-3:]}\nserver output:\n{live.output()[-2000:]}")
    assert violations(page) == [], f"CSP violations after the reload: {violations(page)}"


def text_in(text: str):
    return lambda page: text in page.content()


def panel_shown(page) -> bool:
    return page.locator(PANEL).count() == 1 and page.locator(PANEL).is_visible()


def no_panel(page) -> bool:
    return page.locator(PANEL).count() == 0


# --- 1. every save reloads the open page, under the real policy ---------------------

SAVES = {
    # what is edited: (file, old text, new text with {marker}, page that shows it)
    "page": ("docs/faq.md", "\n## ", "\n{marker}\n\n## ", "faq/"),
    "data file": ("data/safety.yml", "title: Ask a professional first", "title: Ask {marker}", "precautions/"),
    "template": ("overrides/main.html", "This guide is general information, not medical advice.",
                 "{marker}", "faq/"),
    "macro": ("guide/content/safety.py", "def safety_list(",
              "_unprobed = render_callout\n\n\ndef render_callout(call, entry):\n"
              "    return _unprobed(call, {{**entry, 'title': entry['title'] + ' {marker}'}})\n\n\n"
              "def safety_list(", "getting-started/"),
}


@pytest.mark.parametrize("kind", SAVES)
def test_three_saves_in_a_row_each_reload_the_open_page(live, tab, kind):
    name, old, new, page = SAVES[kind]
    path = live.project / name
    original = path.read_text(encoding="utf-8")
    tab.goto(live.url + page)
    try:
        for save in range(1, 4):
            marker = f"SaveNumber{save}Of{kind.title().replace(' ', '')}"
            path.write_text(original, encoding="utf-8")
            edit(path, old, new.format(marker=marker))
            reloads_until(tab, live, text_in(marker), f"save {save} of the {kind}")
    finally:
        path.write_text(original, encoding="utf-8")
    reloads_until(tab, live, lambda p: "SaveNumber" not in p.content(), f"the {kind} as it was")


# --- 2. mistakes show on the page, and the next good save clears them ---------------

def test_a_misspelt_macro_shows_the_panel_until_a_good_save(live, tab):
    path = live.project / "docs/faq.md"
    tab.goto(live.url + "faq/")
    assert no_panel(tab)
    original = edit(path, "\n## ", '\n{{ safey("look-behind") }}\n\n## ')
    line = line_with(path, "safey(")
    try:
        reloads_until(tab, live, panel_shown, "the error panel")
        panel = tab.locator(PANEL).inner_text()
        assert f"docs/faq.md:{line}" in panel, panel
        assert "unknown macro 'safey()'; did you mean 'safety'?" in panel, panel
        assert "Fix:" in panel
        # Its stylesheet ran under the page's policy: the panel sits over the page.
        assert tab.locator(PANEL).evaluate("e => getComputedStyle(e).position") == "fixed"
    finally:
        path.write_text(original, encoding="utf-8")
    reloads_until(tab, live, no_panel, "the page without the panel")


WRONG_IDS = {
    # mistake: (text added to the FAQ, what the panel says, the placeholder on the page)
    "callout": ('{{ safety("look-behnd") }}', "unknown safety callout 'look-behnd'; did you mean 'look-behind'?",
                ".admonition.failure"),
    "citation": ('Text.{{ cite("flyn1994") }}', "unknown source 'flyn1994'; did you mean 'flynn1994'?",
                 "mark.guide-missing"),
}


@pytest.mark.parametrize("mistake", WRONG_IDS)
def test_a_wrong_id_shows_the_panel_and_a_placeholder_until_a_good_save(live, tab, mistake):
    added, said, placeholder = WRONG_IDS[mistake]
    path = live.project / "docs/faq.md"
    tab.goto(live.url + "faq/")
    assert tab.locator(placeholder).count() == 0
    original = edit(path, "\n## ", f"\n{added}\n\n## ")
    line = line_with(path, added)
    try:
        reloads_until(tab, live, panel_shown, "the error panel")
        assert f"docs/faq.md:{line}" in tab.locator(PANEL).inner_text()
        assert said in tab.locator(PANEL).inner_text()
        shown = tab.locator(placeholder)
        assert shown.count() == 1 and shown.is_visible(), f"no visible placeholder for the wrong {mistake} id"
        assert "flyn1994" in shown.inner_text() or "look-behnd" in shown.inner_text()
    finally:
        path.write_text(original, encoding="utf-8")
    reloads_until(tab, live, no_panel, "the page without the panel")
    assert tab.locator(placeholder).count() == 0


STOPS = {
    # mistake: (file, old text, new text, what the panel names)
    # Before any page is written: the data files are read first.
    "data file": ("data/safety.yml", "- id: health-check", "- id: [health-check", "data/safety.yml:{line}"),
    # After MkDocs has emptied the site folder to write the pages again.
    "template": ("overrides/main.html", "{% block content %}", "{% block content %}{% if %}",
                 "overrides/main.html:{line}"),
}


@pytest.mark.parametrize("mistake", STOPS)
def test_a_build_that_stops_keeps_the_page_and_shows_why(live, tab, mistake):
    name, old, new, where = STOPS[mistake]
    path = live.project / name
    tab.goto(live.url + "faq/")
    title = tab.title()
    original = edit(path, old, new)
    line = line_with(path, new)
    try:
        reloads_until(tab, live, panel_shown, "the error panel")
        panel = tab.locator(PANEL).inner_text()
        # YAML notices an unclosed bracket on the line after it ("near this line").
        assert "the site did not build" in panel, panel
        assert where.format(line=line) in panel or where.format(line=line + 1) in panel, panel
        assert tab.title() == title, "the last good page is no longer served"
    finally:
        path.write_text(original, encoding="utf-8")
    reloads_until(tab, live, no_panel, "the page without the panel")


# --- 3. the panel's stylesheet under a policy without 'unsafe-inline' ----------------

POLICY_PAGE = ("<!doctype html><html><head><meta charset='utf-8'>"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'\">"
               "</head><body><p>page</p></body></html>")


@pytest.mark.parametrize("allowed", [True, False], ids=["hash added", "no hash"])
def test_the_panel_style_is_allowed_by_its_hash_alone(browser, allowed):
    # If styles lose 'unsafe-inline' (as they may), allow_style must still
    # let the panel's own stylesheet through, and nothing else.
    from guide.checker.findings import Finding
    from guide.tools.serve_panel import Outcome, add_panel

    html = add_panel(POLICY_PAGE, Outcome((Finding("docs/faq.md", 3, "build", "wrong", "fix it"),)))
    if not allowed:
        html = html.replace(csp.script_hash(CSS), "")
    context = browser.new_context()
    context.route("http://guide.test/", lambda route: route.fulfill(body=html, content_type="text/html"))
    page = context.new_page()
    page.goto("http://guide.test/")
    position = page.locator(PANEL).evaluate("e => getComputedStyle(e).position")
    context.close()
    assert (position == "fixed") is allowed
