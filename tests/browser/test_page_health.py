"""Every page, in the light and the dark scheme: accessible (axe-core finds
nothing), private (no other server contacted) and error-free."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
AXE = Axe()


def axe_report(page) -> list[str]:
    """Each axe violation as one readable line: rule, where, and how to fix."""
    result = AXE.run(page)
    lines = []
    for v in result.response["violations"]:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets} - {v['helpUrl']}")
    return lines


def check_page(tab, path: str, expect_status: int) -> None:
    response = tab.goto(path)
    assert response is not None and response.status == expect_status, (
        f"/{path} answered HTTP {response and response.status}, expected {expect_status}")
    scheme = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == tab.scheme, f"/{path} shows scheme {scheme!r}, expected {tab.scheme!r}"
    violations = axe_report(tab.page)
    problems = tab.problems()
    if expect_status == 404:
        # Chromium logs the 404 of the page itself; that one is expected.
        own = "the server responded with a status of 404"
        own_logs = [p for p in problems if own in p]
        assert len(own_logs) <= 1, "\n".join(own_logs)
        problems = [p for p in problems if own not in p]
    assert not violations, f"axe on /{path} ({tab.scheme}):\n" + "\n".join(violations)
    assert not problems, f"/{path} ({tab.scheme}):\n" + "\n".join(problems)


def test_page_is_accessible_private_and_error_free(scheme_tab, page_path):
    check_page(scheme_tab, page_path, 200)


def test_missing_address_shows_a_helpful_404(scheme_tab):
    check_page(scheme_tab, "no-such-page/", 404)
    page = scheme_tab.page
    assert page.locator("h1").first.inner_text().strip() == "Page not found"
    # Its home link must work from any missing address, under the sub-path.
    home = page.get_by_role("link", name="Go to the home page")
    home.click()
    page.wait_for_load_state()
    assert page.url == scheme_tab.base_url
