"""Printing a benefit page gives the article, not the site around it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

BENEFIT = "benefits/physical/knee-load/"
STUDY = "studies/alghadir2019/"
CHROME = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "breadcrumbs": ".md-path",
}


def shown(page) -> dict[str, bool]:
    return {name: page.locator(sel).first.is_visible() for name, sel in CHROME.items()}


def test_print_hides_site_chrome_on_a_benefit_page(desktop_tab):
    page = desktop_tab.page
    desktop_tab.goto(BENEFIT)
    try:
        on_screen = shown(page)
        # Otherwise "hidden in print" would prove nothing.
        assert all(on_screen.values()), f"chrome missing on screen already: {on_screen}"
        page.emulate_media(media="print")
        printed = shown(page)
        assert not any(printed.values()), (
            f"printed /{BENEFIT} still shows {[n for n, v in printed.items() if v]}: "
            "hide it in overrides/assets/stylesheets/print.css")
        assert page.locator("article h1").is_visible(), "printing hides the article title"
        assert page.locator(".guide-grade").is_visible(), "printing hides the evidence grade"
    finally:
        page.emulate_media(media="screen")


def test_print_keeps_a_study_record_whole(desktop_tab):
    page = desktop_tab.page
    desktop_tab.goto(STUDY)
    try:
        page.emulate_media(media="print")
        printed = shown(page)
        assert not any(printed.values()), f"printed /{STUDY} still shows {[n for n, v in printed.items() if v]}"
        for part in ("article h1", "dl.guide-ref__study", "#what-it-found", "#relied-on-by", ".guide-review"):
            assert page.locator(part).first.is_visible(), f"printing /{STUDY} hides {part}"
    finally:
        page.emulate_media(media="screen")
