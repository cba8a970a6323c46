"""Search finds the right page for words readers type."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query, expected", [
    ("knee", "benefits/physical/knee-load/"),
    ("hamstrings", "benefits/physical/quadriceps-hamstrings/"),
])
def test_search_finds_the_page(fresh_tab, query, expected):
    page = fresh_tab.page
    fresh_tab.goto("")
    meta = page.locator(".md-search-result__meta")
    # The index loads in a web worker; typing before it is ready is ignored.
    page.wait_for_function(
        "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)  # Material listens to keys, not to a pasted value
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    hits = page.locator(".md-search-result__item > a.md-search-result__link")
    found = [h.get_attribute("href").split("?")[0] for h in hits.all()]
    assert fresh_tab.base_url + expected in found, (
        f"searching {query!r} ({meta.inner_text()}) did not find /{expected}; found {found}")
    assert not fresh_tab.problems(), "\n".join(fresh_tab.problems())
