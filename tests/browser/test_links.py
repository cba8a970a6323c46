"""Every internal link and anchor in the built site resolves, and every page
can be reached from the home page by following links.

These read the built HTML directly: no browser needed, so they run even
where Chromium is missing.
"""

from __future__ import annotations

from collections import deque
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest

from guide.tools.handout_pdf import DOWNLOADS, FORMATS
from guide_site import page_paths, redirects, site_url
from site_html import page_file, read_page, resolve_internal, target_file


# The handout PDFs are printed after the build (scripts/build_pdfs.py), not by the
# test build; the handout's own tests check them. Any other missing file is a broken link.
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
    extra = built - expected - set(redirects())
    assert not extra, f"built pages with no source in docs/ and no redirect: {sorted(extra)}"


PUBLISHED = Path(__file__).resolve().parents[1] / "fixtures" / "published-addresses.txt"


def test_every_address_ever_published_still_answers(built_site):
    """A bookmark or a link from another site never breaks: each address the
    guide has published is still a page, or a redirect to the page that took
    its place."""
    addresses = [line.strip() for line in PUBLISHED.read_text().splitlines()
                 if line.strip() and not line.startswith("#")]
    assert len(addresses) > 20
    gone = [a for a in addresses if not page_file(built_site, a.strip("/")).is_file()]
    assert not gone, f"published addresses that no longer answer (add a redirect in mkdocs.yml): {gone}"


def test_each_merged_address_sends_readers_to_the_page_that_replaced_it(built_site):
    """Old addresses keep working: a page merged away leaves a redirect behind."""
    moved = redirects()
    assert moved, "mkdocs.yml lists no redirects"
    for old, new in moved.items():
        assert old not in page_paths(), f"{old} still has a page; remove it or its redirect"
        assert new in page_paths(), f"{old} redirects to {new}, which is not a page"
        page = read_page(page_file(built_site, old))
        target = urljoin(site_url() + old, page.canonical or "")
        assert target == site_url() + new, f"{old} redirects to {target}, not {new}"


def broken_links(site, base: str) -> list[str]:
    """Every internal link in a built site that leads nowhere, as file:line: why."""
    broken = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
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
            file = target_file(site, path)
            if path in NOT_BUILT_IN_TESTS:
                continue
            if not file.is_file():
                broken.append(f"{where} points to a missing page ({path or 'home'})")
            elif fragment and file.suffix == ".html" and fragment not in _read(file).ids:
                broken.append(f"{where} points to a missing anchor #{fragment}")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site):
    assert any(built_site.rglob("*.html")), "the built site has no HTML"
    broken = broken_links(built_site, site_url())
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_link_check_reports_missing_pages_anchors_and_root_links(tmp_path):
    # A tiny site with one good link and three bad ones of each kind.
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1>\n<a href="a/#here">ok</a>\n<a href="a/#gone">bad anchor</a>\n'
        '<a href="b/">missing page</a>\n<a href="/a/">root link</a>\n', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../#top">back</a></p>', encoding="utf-8")
    broken = broken_links(tmp_path, "https://example.github.io/guide/")
    assert [b.split(": ", 1)[0] for b in broken] == ["index.html:3", "index.html:4", "index.html:5"], broken
    assert "missing anchor #gone" in broken[0]
    assert "missing page (b/)" in broken[1]
    assert "leaves the site's sub-path" in broken[2]


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
