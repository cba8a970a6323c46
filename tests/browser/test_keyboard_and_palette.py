"""Keyboard users reach the content first; a chosen colour scheme sticks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ACTIVE = "document.activeElement"


def test_skip_link_is_first_and_moves_focus_to_the_content(desktop_tab, page_path):
    page = desktop_tab.page
    desktop_tab.goto(page_path)
    page.keyboard.press("Tab")
    first = page.evaluate(f"{ACTIVE}.className")
    assert "md-skip" in first, f"/{page_path}: the first Tab stop is {first!r}, not the skip link"
    assert page.locator("a.md-skip").is_visible(), f"/{page_path}: the skip link stays hidden on focus"
    target = page.locator("a.md-skip").get_attribute("href")
    page.keyboard.press("Enter")
    # Instant navigation handles the jump in a script: let it land first.
    page.wait_for_function("h => location.hash === h", arg="#" + target.split("#", 1)[1])
    assert page.evaluate(f"!!{ACTIVE}.closest('.md-content')"), (
        f"/{page_path}: the skip link left focus on {page.evaluate(ACTIVE + '.tagName')}")
    page.keyboard.press("Tab")
    inside = page.evaluate(f"!!{ACTIVE}.closest('.md-content')")
    assert inside, (f"/{page_path}: after the skip link, Tab went to "
                    f"{page.evaluate(ACTIVE + '.outerHTML.slice(0, 120)')}, not into the content")


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_palette_choice_persists_across_pages(fresh_tab):
    page = fresh_tab.page
    fresh_tab.goto("")
    assert scheme(page) == "default", "a light system should start in the light scheme"
    light_bg = background(page)
    for _ in range(3):  # the toggle cycles: system -> light -> dark
        if scheme(page) == "slate":
            break
        page.locator('form[data-md-component="palette"] label:visible').click()
    assert scheme(page) == "slate", "the palette toggle never reached the dark scheme"

    for path in ("faq/", "benefits/physical/knee-load/"):
        fresh_tab.goto(path)
        assert scheme(page) == "slate", f"/{path} forgot the dark scheme"
        assert background(page) != light_bg, f"/{path} says dark but paints the light background"
    page.reload()
    assert scheme(page) == "slate", "a reload forgot the dark scheme"
