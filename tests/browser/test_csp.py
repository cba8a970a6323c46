"""The Content Security Policy (guide/boundary/csp.py) in a real Chromium: every page
works with no violation in light and dark mode, instant navigation keeps
working under the first page's policy, and an injected script is refused."""

from __future__ import annotations

import pytest

from conftest import SCHEMES, open_tab

pytestmark = pytest.mark.browser

# Runs before any page script (Playwright injects it, the policy does not
# apply): every violation the browser reports lands in a list.
RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                    (e.sample ? " (" + e.sample + ")" : ""));
});
"""
INJECTED = "<script>window.__injected = true;</script>"


@pytest.fixture(scope="module", params=list(SCHEMES), ids=list(SCHEMES))
def csp_tab(request, browser, site_server):
    context, tab = open_tab(browser, site_server, color_scheme=request.param,
                            viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD)
    tab.scheme = SCHEMES[request.param]
    yield tab
    context.close()


def violations(tab) -> list[str]:
    return tab.page.evaluate("window.__csp || []")


def test_every_page_has_a_policy_and_no_violation(csp_tab, page_path):
    csp_tab.goto(page_path)
    policy = csp_tab.page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1, f"/{page_path} has {policy.count()} CSP meta tags, expected 1"
    content = policy.get_attribute("content")
    assert "'unsafe-inline'" not in content.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in content.split("style-src", 1)[1].split(";", 1)[0]
    # Material's bundle ran (it sets the scheme), so the site's own scripts are allowed.
    scheme = csp_tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == csp_tab.scheme
    assert violations(csp_tab) == [], f"/{page_path} ({csp_tab.scheme}): {violations(csp_tab)}"


def test_search_and_instant_navigation_work_under_the_policy(csp_tab):
    csp_tab.goto("")
    page = csp_tab.page
    # Search: the held-back index and Material's worker (connect-src, worker-src).
    page.keyboard.press("/")
    page.keyboard.type("knee")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    page.keyboard.press("Escape")
    # Instant navigation to a deeper page runs that page's inline scripts
    # under the home page's policy: they must be allowed too.
    page.locator('a[href$="benefits/physical/knee-load/"]').first.click()
    page.wait_for_url("**/benefits/physical/knee-load/")
    page.locator("h1").first.wait_for()
    assert violations(csp_tab) == []


def test_a_script_injected_into_a_page_is_blocked(browser, site_server):
    context, tab = open_tab(browser, site_server, color_scheme="light")
    context.add_init_script(RECORD)
    target = tab.base_url + "faq/"

    # The real page as built, with an inline script slipped into its body,
    # as if a page had got past the HTML allowlist.
    def inject(route):
        response = route.fetch()
        html = response.text()
        assert "</article>" in html
        route.fulfill(response=response, body=html.replace("</article>", INJECTED + "</article>", 1))

    context.route(target, inject)
    try:
        tab.page.goto(target)
        assert tab.page.evaluate("window.__injected === undefined"), "the injected script ran"
        found = violations(tab)
        assert any("script-src" in v and "inline" in v for v in found), found
        # The page's own scripts still ran.
        assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    finally:
        context.close()


# What got past every other check, as if a page had slipped it in: a style
# attribute and a <style> element that would lay a white sheet over the
# whole page (and the safety callouts), and a worker started from a
# same-origin script that is not Material's search worker.
OVERLAY = ('<div id="overlay" style="position:fixed;inset:0;background:#fff;z-index:9999">x</div>'
           "<style>.md-typeset .admonition { display: none }</style>")


def test_an_injected_overlay_and_hiding_style_are_refused(browser, site_server):
    context, tab = open_tab(browser, site_server, color_scheme="light")
    context.add_init_script(RECORD)
    target = tab.base_url + "getting-started/"

    def inject(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</article>", OVERLAY + "</article>", 1))

    context.route(target, inject)
    try:
        tab.page.goto(target)
        position = tab.page.evaluate("getComputedStyle(document.getElementById('overlay')).position")
        assert position != "fixed", "the injected style attribute applied"
        shown = tab.page.evaluate("getComputedStyle(document.querySelector('.admonition.safety')).display")
        assert shown != "none", "the injected <style> hid the safety callout"
        found = violations(tab)
        assert any("style-src" in v for v in found), found
        # Our own inline stylesheets still apply (their hashes are in the policy).
        assert not [v for v in found if "style-src" in v and "overlay" not in v and ".admonition" not in v
                    and "inline" not in v], found
    finally:
        context.close()


def test_only_materials_search_worker_may_run(browser, site_server):
    context, tab = open_tab(browser, site_server, color_scheme="light")
    context.add_init_script(RECORD)
    try:
        tab.goto("")
        bundle = tab.page.evaluate("document.querySelector('script[src*=\\'bundle.\\']').src")
        outcome = tab.page.evaluate("""(src) => new Promise(resolve => {
            try {
                const worker = new Worker(src);
                worker.onerror = () => resolve("refused");
                setTimeout(() => resolve("ran"), 2000);
            } catch (e) { resolve("refused"); }
        })""", bundle)
        assert outcome == "refused"
        assert any("worker-src" in v for v in violations(tab)), violations(tab)
    finally:
        context.close()
