"""Read the built site's HTML: links, ids and head tags of each page.

The standard library's parser is enough here, and it reads the files
exactly as a browser receives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class PageHtml:
    links: list = field(default_factory=list)  # (href, line)
    ids: set = field(default_factory=set)
    meta: dict = field(default_factory=dict)  # name or property -> content
    canonical: str | None = None
    lang: str | None = None
    title: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = PageHtml()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.out.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.out.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.out.links.append((a["href"], self.getpos()[0]))
        elif tag == "link" and a.get("rel") == "canonical":
            self.out.canonical = a.get("href")
        elif tag == "meta" and (a.get("name") or a.get("property")):
            self.out.meta[a.get("name") or a.get("property")] = a.get("content")
        elif tag == "html":
            self.out.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.out.title += data


def read_page(path: Path) -> PageHtml:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.out


def page_file(site: Path, page_path: str) -> Path:
    return site / page_path / "index.html"


def resolve_internal(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    """(page path relative to the site root, fragment) for a link into the
    site, or None for a link that leaves it (or is not a page address)."""
    if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    target = urljoin(page_url, href)
    parts = urlsplit(target)
    base = urlsplit(site_url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    if not parts.path.startswith(base.path):
        # Same host, outside the project: broken once served under a sub-path.
        return ("\0outside:" + parts.path, "")
    return unquote(parts.path[len(base.path):]), unquote(parts.fragment)


def target_file(site: Path, rel_path: str) -> Path:
    """The file a relative site path is served from (directory -> index.html)."""
    if rel_path == "" or rel_path.endswith("/"):
        return site / rel_path / "index.html"
    return site / rel_path
