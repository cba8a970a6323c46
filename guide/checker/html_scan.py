"""Read one rendered page in a single pass: what its article shows a reader.

Only the <article class="md-content__inner"> part is parsed. The nav,
header and footer are the theme's, the same on every page, and skipping them
makes the checker several times faster on a large site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import NamedTuple

ARTICLE_START = '<article class="md-content__inner'
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CONTROL = re.compile(r"[\x00-\x20]+")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Text inside these is shown as literal text, never as a link to follow.
LITERAL = {"code", "pre", "kbd", "samp", "textarea"}
# Text readers never see: an SVG's description and title, its definitions (the
# red-flags box once sat in a <desc>, and the checker counted its words).
NO_TEXT = {"script", "style", "template", "noscript", "desc", "title", "defs", "clippath", "mask", "symbol",
           "metadata", "marker", "pattern", "foreignobject"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
# Not prose: tables, code, figures, the reference list, the review dates,
# the grade badge, admonition titles and citation numbers.
NOT_PROSE_TAGS = {"table", "pre", "code", "figure", "script", "style", "svg", "nav"}
NOT_PROSE_CLASSES = {"guide-references", "guide-review", "admonition-title", "guide-grade",
                     "guide-cite", "headerlink", "md-content__button", "tabbed-labels"}
PROSE_TAGS = {"p", "li"}
SOURCES_CLASS = "guide-safety__sources"
# A link to a source's own page (guide/content/study_pages.py): studies/<id>/.
STUDY_LINK = re.compile(r"(?:^|/)studies/([a-z0-9]+(?:-[a-z0-9]+)*)/?(?:index\.html)?(?:#.*)?$")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
FLAG_TAGS = LITERAL | NO_TEXT | NOT_PROSE_TAGS | PROSE_TAGS
SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class Link:
    href: str
    literal: bool      # inside code or pre: shown, not followed
    hidden: bool       # inside an element with the hidden attribute


@dataclass
class PageScan:
    title: str = ""
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    heading_ids: set[str] = field(default_factory=set)
    cited: list[str] = field(default_factory=list)   # bibliography ids, in order
    # Ids a safety callout's or warning box's "Sources:" line links to: the
    # page relies on them without a numbered citation.
    sourced: set[str] = field(default_factory=set)
    text: str = ""                                   # every visible character of the article
    prose: str = ""                                  # sentences for readability
    unsafe: list[tuple[str, str]] = field(default_factory=list)  # (what, detail)
    grade: float | None = None                       # reading grade of the prose, if long enough


class _Flags(NamedTuple):
    """Which counters an open element raised; its end tag lowers the same."""

    literal: bool
    no_text: bool
    not_prose: bool
    prose: bool
    cite: bool
    hidden: bool
    sources: bool


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.stack: list[tuple[str, _Flags | None]] = []
        self.literal = self.no_text = self.not_prose = self.prose = self.cite = self.hidden = self.sources = 0
        self.text: list[str] = []
        self.prose_parts: list[str] = []

    # Counters, not a tree: one pass, and an unclosed tag cannot derail it,
    # since each end tag pops back to its own start tag.
    def handle_starttag(self, tag, attrs):
        attrs_d = {}
        for name, value in attrs:
            value = value or ""
            attrs_d[name] = value
            self._check_attr(tag, name, value)
        if tag == "script":
            self.scan.unsafe.append(("script", attrs_d.get("src") or "inline script"))
        if "id" in attrs_d:
            self.scan.ids.add(attrs_d["id"])
            if tag in HEADINGS:
                self.scan.heading_ids.add(attrs_d["id"])
        if tag == "a" and "href" in attrs_d:
            self.scan.links.append(Link(attrs_d["href"], self.literal > 0, self.hidden > 0))
            if self.cite and attrs_d["href"].startswith("#ref-"):
                self.scan.cited.append(attrs_d["href"][5:])
            elif self.sources:
                # A source links to its own page, studies/<id>/ (or, before
                # study pages, to its entry on the References page).
                href = attrs_d["href"]
                study = STUDY_LINK.search(href)
                if study:
                    self.scan.sourced.add(study.group(1))
                elif "#ref-" in href:
                    self.scan.sourced.add(href.split("#ref-", 1)[1])
        if tag in VOID:
            return
        flags = None
        # Most tags (a, em, td, abbr...) change no counter: skip the work.
        if tag in FLAG_TAGS or "class" in attrs_d or "hidden" in attrs_d:
            classes = set(attrs_d.get("class", "").split())
            flags = _Flags(tag in LITERAL, tag in NO_TEXT,
                           tag in NOT_PROSE_TAGS or bool(classes & NOT_PROSE_CLASSES),
                           tag in PROSE_TAGS, tag == "sup" and "guide-cite" in classes,
                           "hidden" in attrs_d, SOURCES_CLASS in classes)
            if any(flags):
                self._count(flags, 1)
            else:
                flags = None
        self.stack.append((tag, flags))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Usually the innermost open tag; otherwise ignore a stray end tag.
        if not self.stack or (self.stack[-1][0] != tag and all(name != tag for name, _ in self.stack)):
            return
        while self.stack:
            name, flags = self.stack.pop()
            if flags:
                self._count(flags, -1)
                if flags.prose:  # a prose block ended: keep sentences apart
                    self._end_sentence()
            if name == tag:
                break

    def _count(self, flags: _Flags, step: int):
        self.literal += step * flags.literal
        self.no_text += step * flags.no_text
        self.not_prose += step * flags.not_prose
        self.prose += step * flags.prose
        self.cite += step * flags.cite
        self.hidden += step * flags.hidden
        self.sources += step * flags.sources

    def _end_sentence(self):
        if self.prose_parts:
            last = self.prose_parts[-1].rstrip()
            if last and not last.endswith(SENTENCE_END):
                self.prose_parts.append(".")
            self.prose_parts.append(" ")

    def _check_attr(self, tag, name, value):
        if name.startswith("on"):
            self.scan.unsafe.append(("handler", name))
        elif name in URL_ATTRS and ":" in value:  # most links are relative: no scheme at all
            # Browsers ignore whitespace and control characters in a scheme.
            bare = CONTROL.sub("", value).lower()
            if bare.startswith("javascript:"):
                self.scan.unsafe.append(("javascript", value))
            elif bare.startswith("http:"):
                self.scan.unsafe.append(("http", value))

    def updatepos(self, i, j):
        # HTMLParser counts lines for getpos(), which the checker never asks
        # for (findings get their line from the Markdown source): skip it.
        return j

    def handle_data(self, data):
        if self.no_text:
            return
        self.text.append(data)
        if self.prose and not self.not_prose:
            self.prose_parts.append(data)


def scan_page(html: str) -> PageScan:
    title = TITLE.search(html)
    start = html.find(ARTICLE_START)
    end = html.rfind("</article>")
    article = html[start:end] if start >= 0 and end > start else ""
    scanner = _Scanner()
    scanner.feed(article)
    scanner.close()
    scan = scanner.scan
    scan.title = unescape(title.group(1)).strip() if title else ""
    scan.text = "".join(scanner.text)
    scan.prose = " ".join("".join(scanner.prose_parts).split())
    return scan
