"""Every internal link and anchor in the built site resolves, and every page
can be reached from the home page by following links.

These read the built HTML directly: no browser needed, so they run even
where Chromium is missing.
"""

from __future__ import annotations

from collections import deque
from functools import cache

import pytest

from build_pdfs import DOWNLOADS, FORMATS
from guide_site import page_paths, site_url
from site_html import page_file, read_page, resolve_internal, target_file


# The test build sets GUIDE_PDF=skip, so the handout PDFs are not made; the
# handout's own tests check them. Any other missing file is a broken link.
NOT_BUILT_IN_TESTS = {f"{DOWNLOADS}/{f.filename}" for f in FORMATS}


@cache
def _read(path):
    return read_page(path)


def test_built_pages_match_the_sources(built_site):
    """No page missing from the build, and none in it without a source."""
    built = {str(p.parent.relative_to(built_site)) for p in built_site.rglob("index.html")}
    built = {"" if p == "." else p + "/" for p in built}
    expected = set(page_paths())
    assert not expected - built, f"pages with a source but not built: {sorted(expected - built)}"
    assert not built - expected, f"built pages with no source in docs/: {sorted(built - expected)}"


def test_every_internal_link_and_anchor_resolves(built_site):
    base = site_url()
    broken = []
    html_files = sorted(built_site.rglob("*.html"))
    for html in html_files:
        rel = html.relative_to(built_site).as_posix()
        page_url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for href, line in _read(html).links:
            target = resolve_internal(href, page_url, base)
            if target is None:
                continue
            path, fragment = target
            where = f"{rel}:{line}: {href!r}"
            if path.startswith("\0outside:"):
                broken.append(f"{where} leaves the site's sub-path; use a relative link")
                continue
            file = target_file(built_site, path)
            if path in NOT_BUILT_IN_TESTS:
                continue
            if not file.is_file():
                broken.append(f"{where} points to a missing page ({path or 'home'})")
            elif fragment and file.suffix == ".html" and fragment not in _read(file).ids:
                broken.append(f"{where} points to a missing anchor #{fragment}")
    assert html_files, "the built site has no HTML"
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_every_page_is_reachable_from_home(built_site):
    base = site_url()
    seen = {""}
    queue = deque([""])
    while queue:
        path = queue.popleft()
        for href, _ in _read(page_file(built_site, path)).links:
            target = resolve_internal(href, base + path, base)
            if target is None:
                continue
            linked = target[0]
            if (linked == "" or linked.endswith("/")) and linked not in seen \
                    and page_file(built_site, linked).is_file():
                seen.add(linked)
                queue.append(linked)
    unreachable = sorted(set(page_paths()) - seen)
    assert not unreachable, f"pages no link leads to from the home page: {unreachable}"


@pytest.mark.parametrize("href, expected", [
    ("../knee-load/#x", ("benefits/physical/knee-load/", "x")),
    ("/precautions/", ("\0outside:/precautions/", "")),
    ("https://example.org/", None),
    ("mailto:a@b.c", None),
])
def test_link_resolver_tells_inside_from_outside(href, expected):
    # The checks above are only as good as this resolver.
    base = "https://example.github.io/guide/"
    assert resolve_internal(href, base + "benefits/physical/energy-cost/", base) == expected
