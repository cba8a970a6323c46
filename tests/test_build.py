"""The real site builds strictly and its HTML has the promised properties."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from support import ROOT

TEMPLATE_LEAK = re.compile(r"\{\{|\{%|\{#")
FONT_SERVICES = ("fonts.googleapis.com", "fonts.gstatic.com", "use.typekit.net", "fonts.bunny.net")


def nav_files() -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from (walk(value) if isinstance(value, list) else [value])

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # !ENV tags as text
    return list(walk(config["nav"]))


def html_path(site: Path, src: str) -> Path:
    if src == "index.md" or src.endswith("/index.md"):
        return site / src.replace(".md", ".html")
    return site / src[: -len(".md")] / "index.html"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def redirect_stubs(site: Path) -> set[Path]:
    """The pages mkdocs-redirects writes for merged addresses: not theme pages."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    maps = next((p["redirects"]["redirect_maps"] for p in config["plugins"]
                 if isinstance(p, dict) and "redirects" in p), {})
    return {html_path(site, old) for old in maps}


def visible_text(html: str) -> str:
    """Page text outside <script>, <style>, comments and tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_every_nav_page_is_rendered(built_site):
    files = nav_files()
    assert len(files) > 20
    missing = [f for f in files if not html_path(built_site, f).is_file()]
    assert missing == []


def test_no_template_syntax_left_in_any_page(built_site):
    leaks = {p.relative_to(built_site).as_posix(): TEMPLATE_LEAK.findall(visible_text(p.read_text()))
             for p in pages(built_site)}
    assert {k: v for k, v in leaks.items() if v} == {}


def test_sitemap_lists_every_nav_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text()
    site_url = re.search(r"<loc>(.*?)</loc>", sitemap).group(1)
    for src in nav_files():
        rel = "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        assert f"<loc>{site_url}{rel}</loc>" in sitemap, src


def test_pages_never_link_to_the_sites_own_origin(built_site):
    """Links are relative, so the site works under any sub-path."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    origin = re.match(r"https?://[^/]+", config["site_url"][-1]).group(0)
    offenders = []
    for page in pages(built_site):
        if page.name == "404.html":
            continue  # served at any address; its links use the site's path
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', page.read_text()):
            if href.startswith(origin):
                offenders.append((page.relative_to(built_site).as_posix(), href))
    assert offenders == []


def test_no_page_asks_a_font_service(built_site):
    offenders = [p.name for p in pages(built_site) for host in FONT_SERVICES if host in p.read_text()]
    assert offenders == []


def test_every_content_page_shows_review_dates_and_disclaimer(built_site):
    for src in nav_files():
        html = html_path(built_site, src).read_text()
        assert "Page last reviewed:" in html and "Next review due:" in html, src
        assert "not medical advice" in html, src


def test_benefit_pages_show_their_grade_badge(built_site):
    grades = {g["id"]: g["label"] for g in yaml.safe_load((ROOT / "data/grades.yml").read_text())["grades"]}
    for src in nav_files():
        text = (ROOT / "docs" / src).read_text()
        meta = yaml.safe_load(text.split("---")[1])
        if meta.get("type") != "benefit":
            continue
        html = html_path(built_site, src).read_text()
        badge = re.search(r'class="guide-grade guide-grade--([a-z-]+)".*?<strong>(.*?)</strong>', html, re.S)
        assert badge, src
        assert badge.groups() == (meta["evidence"], grades[meta["evidence"]]), src


def test_own_404_page(built_site):
    html = (built_site / "404.html").read_text()
    assert "Page not found" in html


def test_material_bundle_is_deferred_after_the_search_index_hold(built_site):
    # overrides/main.html rewrites Material's script tag; if a Material
    # update changes that tag, the rewrite silently stops working.
    stubs = redirect_stubs(built_site)
    assert stubs and all(stub.is_file() for stub in stubs)
    for page in pages(built_site):
        if page in stubs:
            continue
        html = page.read_text()
        bundle = re.search(r'<script[^>]*src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"[^>]*>', html)
        name = page.relative_to(built_site).as_posix()
        assert bundle, f"{name}: Material's bundle script not found"
        assert " defer" in bundle.group(0), f"{name}: bundle is not deferred: {bundle.group(0)}"
        # Deferred, not a module: Chromium fetches a module script at high
        # priority, which Lighthouse's simulation counts as holding up the paint.
        hold = re.search(r'<script defer src="[^"]*assets/javascripts/lazy-search-index\.js"', html)
        assert hold and hold.start() < bundle.start(), f"{name}: the search-index hold must come before the bundle"
        assert 'type="module"' not in html, f"{name}: a module script (fetched at high priority)"


def test_every_html_file_carries_the_content_security_policy(built_site):
    # Pages a plugin writes after the build (the redirects of merged
    # addresses) too: their inline script runs only by its hash.
    files = sorted(built_site.rglob("*.html"))
    assert any("Redirecting" in f.read_text(encoding="utf-8") for f in files), "no redirect page was built"
    bare = [f.relative_to(built_site).as_posix() for f in files
            if 'http-equiv="Content-Security-Policy"' not in f.read_text(encoding="utf-8")]
    assert not bare, f"HTML files without a Content Security Policy: {bare}"
