"""Printing in a real browser: the handout and every other page on paper.

Print emulation applies the site's print CSS exactly as a reader's print
dialog does; the PDFs themselves are tested in tests/test_handout.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

HANDOUT = "handout/"
KNEE = "benefits/physical/knee-load/"
# What a printed page must not show: the site around the content.
CHROME = [".md-header", ".md-search", ".md-tabs", ".md-sidebar--primary",
          ".md-sidebar--secondary", ".md-footer", ".md-content__button", ".md-top"]
TEN_POINTS_PX = 10 * 96 / 72


@pytest.fixture(params=["light", "dark"])
def print_page(request, browser, site_server):
    """A fresh tab in print mode, in the reader's light or dark scheme."""
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(site_server.origin + "/") else route.abort())
    page = context.new_page()

    def open_printed(path: str):
        page.goto(site_server.base_url + path, wait_until="load")
        page.emulate_media(media="print")
        # A real print fires beforeprint first; print.js acts on it.
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        return page

    yield open_printed
    context.close()


def visible(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.checkVisibility())")


def test_printed_handout_hides_the_site_chrome_and_shows_every_callout(print_page):
    page = print_page(HANDOUT)
    shown = {s: visible(page, s) for s in CHROME + [".guide-handout-actions", ".guide-review"]}
    assert {s: v for s, v in shown.items() if any(v)} == {}
    assert visible(page, ".md-header") == [False]  # the selectors do match the page
    titles = [c["title"] for c in yaml.safe_load((ROOT / "data" / "safety.yml").read_text())]
    printed = page.eval_on_selector_all(".guide-handout dt", "els => els.map(e => e.innerText.trim())")
    assert printed == titles
    assert visible(page, ".guide-qr") == [True]


def test_printed_handout_text_is_black_and_at_least_10_points(print_page):
    page = print_page(HANDOUT)
    styles = page.evaluate("""() => {
        const out = [];
        const root = document.querySelector('article');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || !el.checkVisibility()) continue;
            const s = getComputedStyle(el);
            out.push([walker.currentNode.textContent.trim().slice(0, 30),
                      parseFloat(s.fontSize), s.color]);
        }
        return out;
    }""")
    assert len(styles) > 20
    assert [s for s in styles if s[1] < TEN_POINTS_PX - 0.01] == []
    assert [s for s in styles if s[2] != "rgb(0, 0, 0)"] == []


def test_any_printed_page_hides_chrome_and_shows_where_external_links_go(print_page):
    page = print_page(KNEE)
    assert not any(v for s in CHROME for v in visible(page, s))
    after = page.eval_on_selector_all("article a[href]", """links => links.map(a => [
        a.hostname === location.hostname, a.href, getComputedStyle(a, '::after').content])""")
    external = [(href, content) for local, href, content in after if not local]
    internal = [(href, content) for local, href, content in after if local]
    assert external, f"{KNEE} has no external link to test (its references should have some)"
    assert [(h, c) for h, c in external if h.rstrip("/") not in c] == []
    assert [(h, c) for h, c in internal if c not in ("none", "normal")] == []


def test_folded_sections_print_open_and_fold_back_afterwards(print_page):
    page = print_page(KNEE)
    page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('beforeend',
        '<details id="fold"><summary>More</summary><p id="folded">Hidden until printed.</p></details>')""")
    assert visible(page, "#folded") == [True]  # print CSS opens it
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector("#fold", "d => d.open") is True  # print.js, for older browsers
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector("#fold", "d => d.open") is False
    page.emulate_media(media="screen")
    assert visible(page, "#folded") == [False]


def test_print_button_prints_and_works_from_the_keyboard(browser, site_server):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_server.base_url + HANDOUT, wait_until="load")
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        button = page.get_by_role("button", name="Print this handout")
        button.focus()
        page.keyboard.press("Enter")
        button.click()
        assert page.evaluate("() => window.printed") == 2
    finally:
        context.close()
