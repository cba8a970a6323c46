"""What search engines and link previews read: each page's head, robots.txt
and sitemap.xml, all consistent with site_url and the pages that exist."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

from guide_site import mkdocs_config, page_paths, site_url
from site_html import page_file, read_page

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@cache
def _page(site, path):
    return read_page(page_file(site, path))


def test_head_has_title_description_canonical_lang_and_open_graph(built_site, page_path):
    head = _page(built_site, page_path)
    where = f"/{page_path} ({page_file(built_site, page_path).relative_to(built_site)})"
    name = mkdocs_config()["site_name"]
    assert head.lang == "en", f"{where}: <html lang> is {head.lang!r}, expected 'en'"
    assert name in head.title and head.title.strip() != "", f"{where}: title {head.title!r}"
    description = head.meta.get("description") or ""
    assert 50 <= len(description) <= 160, (
        f"{where}: meta description is {len(description)} characters; "
        "set `description:` (50-160 characters) in the page's front matter")
    assert head.canonical == site_url() + page_path, (
        f"{where}: canonical {head.canonical!r}, expected {site_url() + page_path!r}")
    assert head.meta.get("og:title"), f"{where}: no og:title"
    assert head.meta.get("og:title") in head.title, (
        f"{where}: og:title {head.meta.get('og:title')!r} differs from <title> {head.title!r}")
    assert head.meta.get("og:description") == description, (
        f"{where}: og:description differs from the meta description")
    assert head.meta.get("og:url") == head.canonical, f"{where}: og:url differs from canonical"


def test_robots_txt_allows_crawling_and_names_the_sitemap(built_site):
    robots = built_site / "robots.txt"
    assert robots.is_file(), "no robots.txt in the build: overrides/robots.txt and theme.static_templates"
    lines = [line.split("#")[0].strip() for line in robots.read_text(encoding="utf-8").splitlines()]
    rules = [line for line in lines if line]
    assert "User-agent: *" in rules, "robots.txt: no 'User-agent: *' group"
    assert "Disallow: /" not in rules, "robots.txt blocks the whole site"
    sitemaps = [line.split(":", 1)[1].strip() for line in rules if line.lower().startswith("sitemap:")]
    assert sitemaps == [site_url() + "sitemap.xml"], (
        f"robots.txt Sitemap lines {sitemaps}; expected one, {site_url() + 'sitemap.xml'!r} "
        "(site_url in mkdocs.yml + sitemap.xml): fix overrides/robots.txt")


def test_sitemap_lists_exactly_the_pages(built_site):
    sitemap = built_site / "sitemap.xml"
    assert sitemap.is_file(), "no sitemap.xml in the build"
    locs = [el.text.strip() for el in ET.parse(sitemap).getroot().iter(SITEMAP_NS + "loc")]
    assert len(locs) == len(set(locs)), "sitemap.xml lists a page twice"
    expected = {site_url() + p for p in page_paths()}
    assert not expected - set(locs), f"pages missing from sitemap.xml: {sorted(expected - set(locs))}"
    assert not set(locs) - expected, f"sitemap.xml entries with no page: {sorted(set(locs) - expected)}"
