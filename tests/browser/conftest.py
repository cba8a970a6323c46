"""The reader's experience in a real browser: shared fixtures.

The site is built once (tests/conftest.py, `built_site`) and served under its
GitHub Pages sub-path. One Chromium serves the whole session; each colour
scheme gets one context and one tab, reused page after page, so the suite
stays fast on two cores.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from guide_site import page_paths, site_url

from guide.tools.chromium import LAUNCH_ARGS, find_chromium, missing_browser_message
from guide.tools.subpath_server import SiteServer

ROOT = Path(__file__).resolve().parents[2]

SCHEMES = {"light": "default", "dark": "slate"}  # system setting -> Material scheme


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        paths = page_paths()
        metafunc.parametrize("page_path", paths, ids=[p or "home" for p in paths])


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site, urlsplit(site_url()).path) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    try:
        executable = find_chromium()
    except FileNotFoundError as err:
        pytest.fail(str(err))
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing_browser_message())
        pytest.skip(missing_browser_message())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """One browser tab that records what a page load does on the network."""

    page: object
    origin: str
    base_url: str
    outside: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)

    def goto(self, path: str, wait_until: str = "load"):
        self.outside.clear()
        self.console_errors.clear()
        self.failed.clear()
        response = self.page.goto(self.base_url + path, wait_until=wait_until)
        return response

    def problems(self) -> list[str]:
        """Network and console trouble since the last goto, as readable lines."""
        lines = [f"request to another origin: {u}" for u in self.outside]
        lines += [f"console error: {m}" for m in self.console_errors]
        lines += [f"failed request: {u}" for u in self.failed]
        return lines


def open_tab(browser, server: SiteServer, **context_options) -> tuple[object, Tab]:
    context = browser.new_context(**context_options)
    tab = Tab(page=None, origin=server.origin, base_url=server.base_url)

    # Nothing may leave the machine: record any other origin, then block it.
    def guard(route):
        url = route.request.url
        if url.startswith(server.origin + "/"):
            route.continue_()
        else:
            tab.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    # ERR_ABORTED is the browser cancelling a late fetch because the test moved
    # on to the next page; a real failure shows as a status or another error.
    context.on("requestfailed", lambda r: tab.failed.append(f"{r.url} ({r.failure})")
               if r.url.startswith(server.origin) and "ERR_ABORTED" not in (r.failure or "")
               else None)
    # A 404 for a page we asked for on purpose is not a failure; any other is.
    context.on("response", lambda r: tab.failed.append(f"{r.url} (HTTP {r.status})")
               if r.status >= 400 and r.request.resource_type != "document" else None)
    page = context.new_page()
    page.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.console_errors.append(f"uncaught: {e}"))
    tab.page = page
    return context, tab


@pytest.fixture(scope="session", params=list(SCHEMES), ids=list(SCHEMES))
def scheme_tab(request, browser, site_server):
    """A desktop tab whose system colour scheme is light or dark."""
    context, tab = open_tab(browser, site_server, color_scheme=request.param,
                            viewport={"width": 1280, "height": 900})
    tab.scheme = SCHEMES[request.param]
    yield tab
    context.close()


@pytest.fixture(scope="session")
def desktop_tab(browser, site_server):
    context, tab = open_tab(browser, site_server, color_scheme="light",
                            viewport={"width": 1280, "height": 900})
    yield tab
    context.close()


@pytest.fixture(scope="session")
def phone_tab(browser, site_server):
    """A 360 px wide phone screen, the narrowest common one."""
    context, tab = open_tab(browser, site_server, viewport={"width": 360, "height": 740},
                            is_mobile=True, has_touch=True, device_scale_factor=2)
    yield tab
    context.close()


@pytest.fixture
def fresh_tab(browser, site_server):
    """A tab with empty storage, for tests that change settings."""
    context, tab = open_tab(browser, site_server, color_scheme="light",
                            viewport={"width": 1280, "height": 900})
    yield tab
    context.close()


@pytest.fixture(scope="session")
def make_tab(browser):
    """open_tab() for a server of a test's own, such as a site built with
    other settings: make_tab(server, **context options) -> (context, tab)."""
    return lambda server, **options: open_tab(browser, server, **options)
