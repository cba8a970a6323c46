"""The browser checks can fail: each one catches a known-bad page.

Without these, a broken harness (axe not running, the network guard not
attached) would pass every page silently.
"""

from __future__ import annotations

import pytest

from test_page_health import axe_report

pytestmark = pytest.mark.browser


def test_axe_finds_a_known_violation(desktop_tab):
    page = desktop_tab.page
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    assert any(line.startswith("image-alt") for line in axe_report(page)), "axe missed an image without alt text"


def test_outside_requests_are_recorded_and_blocked(desktop_tab):
    page = desktop_tab.page
    # A file of the site with no Content Security Policy: on a page, the
    # policy itself refuses the request before the guard could see it
    # (tests/browser/test_csp.py checks that). goto() resets the records.
    desktop_tab.goto("robots.txt")
    status = page.evaluate("""() => fetch('https://example.org/tracker.gif')
        .then(r => 'fetched ' + r.status, e => 'blocked')""")
    assert status == "blocked", "a request to another origin left the machine"
    assert desktop_tab.outside == ["https://example.org/tracker.gif"], desktop_tab.outside


def test_console_errors_and_failed_requests_are_recorded(desktop_tab):
    page = desktop_tab.page
    desktop_tab.goto("")
    page.evaluate("""() => { console.error('boom');
        return fetch('missing-file.css').then(r => r.status); }""")
    page.wait_for_timeout(100)  # the response event arrives after the fetch resolves
    problems = desktop_tab.problems()
    assert any("console error: boom" in p for p in problems), problems
    assert any("missing-file.css (HTTP 404)" in p for p in problems), problems
