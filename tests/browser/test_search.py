"""Search finds the right page for words readers type."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def search(tab, query: str) -> list[str]:
    """The addresses the real search lists for query, in its order, each
    page once (Material lists a page's matching sections under it)."""
    page = tab.page
    tab.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    # Straight away, as a reader would: the index only starts to download
    # now, and the query must still be answered once it is ready.
    box.press_sequentially(query)  # Material listens to keys, not to a pasted value
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    hits = page.locator(".md-search-result__item > a.md-search-result__link")
    found = []
    for href in (h.get_attribute("href") for h in hits.all()):
        address = href.split("?")[0].split("#")[0].removeprefix(tab.base_url)
        if address not in found:
            found.append(address)
    return found


# The page that answers each query (issue 29). For "knee" and "balance" a
# reader most likely has the condition: its page comes first, the running
# page (Knee load and knee pain, Coordination and balance) soon after.
ANSWERS = {
    "knee": "benefits/walking/knee-arthritis/",
    "treadmill": "treadmill/",
    "balance": "benefits/walking/balance-falls/",
    "back pain": "benefits/walking/low-back-pain/",
    "stroke": "benefits/walking/stroke/",
}
LISTS = ("references/", "changes/", "studies/")


@pytest.mark.parametrize("query", list(ANSWERS))
def test_search_leads_with_the_page_that_answers(fresh_tab, query):
    found = search(fresh_tab, query)
    assert found and found[0] == ANSWERS[query], f"searching {query!r} leads with {found[:5]}"
    assert not fresh_tab.problems(), "\n".join(fresh_tab.problems())


@pytest.mark.parametrize("query, also", [
    ("knee", "benefits/physical/knee-load/"),
    ("balance", "benefits/physical/coordination-balance/"),
])
def test_search_finds_the_other_page_on_it_before_any_list(fresh_tab, query, also):
    found = search(fresh_tab, query)
    assert also in found, f"searching {query!r} did not find /{also}; found {found}"
    lists = [i for i, address in enumerate(found) if address.startswith(LISTS)]
    assert not lists or found.index(also) < lists[0], f"searching {query!r}: a list comes first: {found}"


def test_search_finds_a_word_only_in_the_text(fresh_tab):
    found = search(fresh_tab, "hamstrings")
    assert "benefits/physical/muscles-engaged/" in found, found


def test_a_study_is_found_on_its_own_page_by_its_author(fresh_tab):
    assert search(fresh_tab, "alghadir")[0] == "studies/alghadir2019/"


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
