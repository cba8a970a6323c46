"""Search finds the right page for words readers type."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query, expected", [
    ("knee", "benefits/physical/knee-load/"),
    ("hamstrings", "benefits/physical/muscles-engaged/"),
])
def test_search_finds_the_page(fresh_tab, query, expected):
    page = fresh_tab.page
    fresh_tab.goto("")
    meta = page.locator(".md-search-result__meta")
    box = page.locator("input.md-search__input")
    box.click()
    # Straight away, as a reader would: the index only starts to download
    # now, and the query must still be answered once it is ready.
    box.press_sequentially(query)  # Material listens to keys, not to a pasted value
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    hits = page.locator(".md-search-result__item > a.md-search-result__link")
    found = [h.get_attribute("href").split("?")[0] for h in hits.all()]
    assert fresh_tab.base_url + expected in found, (
        f"searching {query!r} ({meta.inner_text()}) did not find /{expected}; found {found}")
    assert not fresh_tab.problems(), "\n".join(fresh_tab.problems())


INDEX_PATH = "/search/search_index.json"
INDEX = "**" + INDEX_PATH


def index_requests(page) -> list:
    seen = []
    page.on("request", lambda r: seen.append(r.url) if r.url.endswith(INDEX_PATH) else None)
    return seen


def test_search_index_waits_until_the_reader_searches(fresh_tab):
    page = fresh_tab.page
    seen = index_requests(page)
    fresh_tab.goto("benefits/physical/knee-load/")
    page.wait_for_load_state("networkidle")
    assert seen == [], "the search index was downloaded before anyone searched"
    with page.expect_request(INDEX):
        page.keyboard.press("/")  # Material's shortcut: focus moves to the search box
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    assert not fresh_tab.problems(), "\n".join(fresh_tab.problems())


def test_search_works_from_the_phone_button(phone_tab):
    page = phone_tab.page
    phone_tab.goto("")
    with page.expect_request(INDEX):
        page.locator("label.md-header__button[for='__search']").tap()
    box = page.locator("input.md-search__input")
    box.press_sequentially("knee")
    link = page.locator(f".md-search-result__item > a[href^='{phone_tab.base_url}benefits/physical/knee-load/']")
    link.first.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert not phone_tab.problems(), "\n".join(phone_tab.problems())


def test_highlight_link_loads_the_index_at_once(fresh_tab):
    # Following a search result adds ?h=; the page marks the words at once.
    page = fresh_tab.page
    seen = index_requests(page)
    fresh_tab.goto("benefits/physical/knee-load/?h=kneecap")
    page.locator("article mark").first.wait_for(state="attached")
    assert len(seen) == 1
    assert not fresh_tab.problems(), "\n".join(fresh_tab.problems())
