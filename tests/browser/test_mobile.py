"""A 360 px phone: nothing scrolls sideways, and the navigation drawer opens
and leads to every part of the guide."""

from __future__ import annotations

import pytest

from guide_site import top_level_nav

pytestmark = pytest.mark.browser


def test_no_horizontal_scrolling_at_360px(phone_tab, page_path):
    phone_tab.goto(page_path)
    width, viewport = phone_tab.page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]")
    if width > viewport:
        # Name the widest elements, so the fix is easy to find.
        culprits = phone_tab.page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))""")
        pytest.fail(f"/{page_path} is {width} px wide on a {viewport} px screen; too wide: {culprits}")


def test_drawer_opens_and_reaches_every_section(phone_tab):
    page = phone_tab.page
    phone_tab.goto("")
    # The drawer slides in from off-screen, so "visible" means on screen.
    on_screen = "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    assert not page.evaluate(on_screen), "the drawer is open before the menu button is pressed"
    page.locator('label.md-header__button[for="__drawer"]').click()
    # A function, not a bare expression: Playwright evaluates a bare one with
    # eval() in the page, which the Content Security Policy refuses.
    page.wait_for_function(f"() => {on_screen}")
    drawer = page.locator("nav.md-nav--primary")
    items = drawer.locator(":scope > ul > li")

    expected = top_level_nav()
    names = []
    for i in range(items.count()):
        entry = items.nth(i).locator(":scope > a, :scope > .md-nav__container > a, :scope > label")
        names.append(" ".join(entry.first.inner_text().split()))
    assert names == [title for title, _ in expected], "drawer entries differ from the nav in mkdocs.yml"

    for i, (title, children) in enumerate(expected):
        if not children:
            continue
        item = items.nth(i)
        item.locator(":scope > .md-nav__container > label, :scope > label").first.click()
        sub = item.locator(":scope > nav")
        sub.wait_for(state="visible")
        shown = [" ".join(t.split()) for t in sub.locator(":scope > ul > li > a").all_inner_texts()]
        assert shown == children, f"section {title!r} in the drawer lists {shown}, expected {children}"
        sub.locator(":scope > label.md-nav__title").click()  # back to the top level
        items.nth(i).wait_for(state="visible")

    # A child page opens from the drawer.
    last_title, last_children = [e for e in expected if e[1]][-1]
    section = items.nth([t for t, _ in expected].index(last_title))
    section.locator(":scope > .md-nav__container > label, :scope > label").first.click()
    link = section.locator(":scope > nav > ul > li > a").first
    href = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(href)
    assert page.locator("nav.md-path").is_visible(), f"{href} opened without its breadcrumbs"
    assert page.locator("article h1").is_visible(), f"{href} opened without a title"
