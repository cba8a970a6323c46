"""The overdue-review notice, in a real browser: visible, named for screen
readers, and free of axe violations in the light and the dark scheme, and
at 360 px. The site is built as if it were a date when every page is late."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from guide_site import site_url
from guide.tools.subpath_server import SiteServer
from support import ROOT, run_build
from test_page_health import axe_report

pytestmark = pytest.mark.browser
LATE = "2099-01-01"  # after every page's next review date
PAGES = ["", "benefits/physical/knee-load/", "precautions/", "changes/"]


@pytest.fixture(scope="module")
def late_server(tmp_path_factory):
    build = run_build(ROOT, tmp_path_factory.mktemp("late-site"), {"GUIDE_TODAY": LATE})
    assert build.ok, build.output
    with SiteServer(build.site, urlsplit(site_url()).path) as server:
        yield server


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_overdue_notice_is_visible_named_and_accessible(make_tab, late_server, scheme):
    context, tab = make_tab(late_server, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        for path in PAGES:
            response = tab.goto(path)
            assert response is not None and response.status == 200
            notice = tab.page.get_by_role("note", name="This page is overdue for a check")
            assert notice.is_visible(), f"/{path}: no visible overdue notice"
            assert "may be out of date" in notice.inner_text()
            scheme_shown = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme_shown == {"light": "default", "dark": "slate"}[scheme]
            violations = axe_report(tab.page)
            assert not violations, f"axe on /{path} ({scheme}):\n" + "\n".join(violations)
            assert not tab.problems(), f"/{path}: {tab.problems()}"
    finally:
        context.close()


def test_overdue_notice_fits_a_phone(make_tab, late_server):
    context, tab = make_tab(late_server, viewport={"width": 360, "height": 740},
                            is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        tab.goto("benefits/physical/knee-load/")
        width, viewport = tab.page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width <= viewport
        box = tab.page.locator(".guide-overdue").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport
    finally:
        context.close()


def test_paper_keeps_the_dates_and_the_notice_but_not_the_links(make_tab, late_server):
    """A printed page still says how old it is; the report link, whose
    address is hundreds of letters long, stays on screen."""
    context, tab = make_tab(late_server, viewport={"width": 1280, "height": 900})
    try:
        tab.goto("benefits/physical/knee-load/")
        tab.page.emulate_media(media="print")
        visible = lambda selector: tab.page.locator(selector).is_visible()  # noqa: E731
        assert visible(".guide-overdue") and visible(".guide-review")
        assert not visible(".guide-review__links")
        tab.page.emulate_media(media="screen")
        assert visible(".guide-review__links")
    finally:
        context.close()
