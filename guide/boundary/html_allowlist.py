"""The HTML a page, a data file or a front-matter field may contain.

An allowlist, not a blocklist: the elements and attributes the guide's
pages, macros and Markdown extensions actually produce, and nothing else.
The sanitizer is nh3 (the Python binding to Ammonia, a well-kept HTML
sanitizer). To tell the contributor rather than strip in silence, the text
is cleaned twice with the same parser: once keeping everything it holds
(so only the serialisation changes) and once with the allowlist. Where the
two differ, the allowlist removed something, and that is reported.

A style attribute is allowed only with the exact values Markdown's tables
use (text-align), so a page cannot hide a safety callout with display: none.
URLs may be relative, https: or mailto: only.
"""

from __future__ import annotations

import difflib
import re

import nh3

INLINE = {"a", "abbr", "em", "strong", "code", "kbd", "sup", "sub", "span", "br", "time", "mark", "small"}
BLOCK = {"p", "div", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
         "table", "thead", "tbody", "tr", "th", "td", "pre", "blockquote", "hr", "details", "summary",
         "figure", "figcaption", "aside", "section", "img", "button", "input", "label"}
# Inline SVG: the figures (guide/content/figures.py), the QR code, emoji icons.
SVG = {"svg", "g", "path", "rect", "circle", "line", "text", "title", "desc"}
TAGS = INLINE | BLOCK | SVG

# data-search-exclude: Material's own mark for a part its search leaves out
# (the reference lists, whose studies each have a page of their own).
# data-guide-stamp marks the safety text the macros draw; one a page writes
# is refused right after this allowlist (guide/content/stamps.py).
GENERIC = {"class", "id", "title", "role", "aria-label", "aria-labelledby", "aria-describedby",
           "aria-hidden", "lang", "data-search-exclude", "data-guide-stamp"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": {"href", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
    "details": {"open"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "div": {"data-tabs"},
    "label": {"for"},
    "input": {"checked", "name"},
    "button": {"data-guide-print"},
    "figure": {"data-figure"},
    "svg": {"xmlns", "viewBox", "width", "height", "fill", "font-size"},
    "g": {"data-grade", "data-count"},
    "path": {"d", "fill", "stroke"},
    "rect": {"x", "y", "width", "height", "rx", "fill", "stroke", "stroke-width", "stroke-dasharray",
             "data-value", "data-minutes"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-opacity", "stroke-width"},
    "text": {"x", "y", "text-anchor", "font-weight"},
}
# Attributes allowed only with these exact values. The figures take their
# colours and sizes from classes (guide/content/figures.py says why).
ALIGN = {f"text-align: {side};" for side in ("left", "center", "right")}
VALUES = {
    "th": {"style": ALIGN},
    "td": {"style": ALIGN},
    "input": {"type": {"radio"}},
    "button": {"type": {"button"}},
}
SCHEMES = {"https", "mailto"}
# Kept by the keep-everything pass even when written in disguise (with a tab
# or an entity inside), so the allowlist pass is seen to remove them.
KNOWN_SCHEMES = SCHEMES | {"http", "javascript", "vbscript", "data", "file", "ftp", "blob", "about",
                           "filesystem", "ws", "wss", "tel", "sms"}

# The tags and URL schemes a text holds: only to tell the keep-everything
# pass what to keep (a superset does no harm), never to judge.
TAG_NAME = re.compile(r"</?([A-Za-z][\w:.-]*)")
SCHEME = re.compile(r"""=\s*["']?\s*([A-Za-z][A-Za-z0-9+.-]*):""")
# One token of nh3's output: a tag, or the text between two tags.
TOKEN = re.compile(r"<[^>]*>|[^<]+")

# Built once: every page is cleaned with the same objects.
CONTENT = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, tag_attribute_values=VALUES, url_schemes=SCHEMES,
                      link_rel=None, strip_comments=False)
PLAIN = nh3.Cleaner(tags=set(), attributes={}, link_rel=None, strip_comments=False)


def _keep_all(text: str) -> str:
    tags = {name.lower() for name in TAG_NAME.findall(text)}
    schemes = {name.lower() for name in SCHEME.findall(text)} | KNOWN_SCHEMES
    return nh3.clean(text, tags=tags, clean_content_tags=set(), generic_attribute_prefixes={""},
                     url_schemes=schemes, link_rel=None, strip_comments=False)


def _what(token: str) -> str:
    """A removed token as the contributor wrote it: the tag, or its start."""
    token = token.strip()
    return token if len(token) <= 80 else token[:77] + "..."


def disallowed(text: str, cleaner: nh3.Cleaner = CONTENT) -> list[str]:
    """What the allowlist removes from text, in order; [] when it is clean."""
    return check(text, cleaner)[1]


def check(text: str, cleaner: nh3.Cleaner = CONTENT) -> tuple[str, list[str]]:
    """(text cleaned by the allowlist, what the allowlist removed, in order).

    Each removed item is the piece of the kept-everything text that the
    allowlist took out or changed: a whole element, or a tag with the
    attribute. Both passes parse with the same library, so where they agree
    the allowlist removed nothing.
    """
    if "<" not in text and "&" not in text:
        return text, []  # no markup at all: nothing an allowlist could remove
    cleaned = cleaner.clean(text)
    kept = _keep_all(text)
    if cleaned == kept:
        return cleaned, []
    a, b = TOKEN.findall(kept), TOKEN.findall(cleaned)
    removed = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            removed.extend(_what(t) for t in a[i1:i2] if t.startswith("<") and not t.startswith("</"))
            if not any(t.startswith("<") for t in a[i1:i2]):
                removed.extend(_what(t) for t in a[i1:i2])
    return cleaned, removed or ["markup the allowlist does not permit"]


URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background"}
ATTR = re.compile(r"\s([\w:-]+)=\"([^\"]*)\"")


def _bad_attributes(name: str, removed: str) -> list[tuple[str, str]]:
    """(attribute, value) pairs of a removed tag that the allowlist refuses."""
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(name, set())
    values = VALUES.get(name, {})
    bad = []
    for attr, value in ATTR.findall(removed):
        if attr in values:
            if value not in values[attr]:
                bad.append((attr, value))
        elif attr not in allowed:
            bad.append((attr, value))
        elif attr in URL_ATTRS and ":" in value.split("/")[0] and not value.startswith(("https:", "mailto:")):
            bad.append((attr, value))
    return bad


def describe(removed: str) -> str:
    """One removed piece as the error message says it."""
    tag = TAG_NAME.match(removed)
    name = tag.group(1).lower() if tag else ""
    if name == "script":
        return "a <script> element (pages may not run scripts)"
    if name and name not in TAGS:
        return f"the element <{name}>, which the guide does not use,"
    for attr, value in _bad_attributes(name, removed):
        if attr.lower().startswith("on"):
            return f"the event handler {attr}= (pages may not run scripts)"
        if attr in URL_ATTRS:
            return f"the address '{value}' (links are relative, https: or mailto:)"
        return f"the attribute {attr}=\"{value}\" on <{name}>"
    return f"markup the guide does not use ({removed})"


def needles(removed: str) -> list[str]:
    """What to look for in the source, best first, to find the line of a
    removed piece: the element, or the bad attribute and its value."""
    tag = TAG_NAME.match(removed)
    if not tag:
        return [removed.strip()[:40]]
    name = tag.group(1)
    if name.lower() not in TAGS:
        return [f"<{name}", f"<{name.lower()}"]
    found = []
    for attr, value in _bad_attributes(name.lower(), removed):
        found += [f'{attr}="{value}"', f"{attr}='{value}'", value, f"{attr}="]
        if len(attr) >= 4:
            found.append(attr)  # written bare, as in an attribute list: { words-x }
    return found + [f"<{name}"]
