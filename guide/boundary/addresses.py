"""Addresses judged as a browser reads them.

A browser does not read an address as it is written. The URL standard
(WHATWG) removes every tab and line break, anywhere in it, strips control
characters and spaces from both ends, and reads a backslash as a slash.
So `/&#9;/evil.example/t.png` is the address //evil.example/t.png, on
another site, though no pattern over the text finds "//" in it. CSS reads
escapes: `\\75 rl(https://...)` is url(https://...).

Every check of an address (the verification pass, the SVG allowlist) first
normalises it here, then judges it: is it on this site, does it run code?
"""

from __future__ import annotations

import functools
import re

# What the URL parser removes before it reads an address.
C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
CODE_SCHEMES = {"javascript", "vbscript", "data"}
# CSS: a backslash escape (hex digits and one optional space, or any one
# character), comments, and the functions that fetch.
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.S)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3|image-set\(\s*(['"])(.*?)\5""",
                     re.I | re.S)


def normalised(url: str) -> str:
    """url as the URL parser reads it: no tab or line break anywhere, no
    control character or space at either end, backslashes as slashes."""
    return TAB_OR_NEWLINE.sub("", url.strip(C0_OR_SPACE)).replace("\\", "/")


def scheme(url: str) -> str:
    """The address's scheme in lower case ('https', 'javascript'), or ''."""
    match = SCHEME.match(normalised(url))
    return match.group(1).lower() if match else ""


def outside(url: str) -> bool:
    """True when fetching url would leave the site's origin: a scheme other
    than data:, or an address that starts with // (another host)."""
    url = normalised(url)
    if url.startswith("//"):
        return True
    found = scheme(url)
    return bool(found) and found != "data"


def runs_code(url: str) -> bool:
    """True for an address that runs code or loads a document of its own
    when followed (javascript:, vbscript:, data:)."""
    return scheme(url) in CODE_SCHEMES


def css_unescaped(css: str) -> str:
    """CSS text with its comments and backslash escapes resolved, as the
    CSS parser reads it (\\75 rl( is url()."""
    def one(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)
    return CSS_ESCAPE.sub(one, CSS_COMMENT.sub("", css))


@functools.lru_cache(maxsize=256)
def css_urls(css: str) -> tuple[str, ...]:
    """Every address a piece of CSS (a stylesheet, a style attribute, an
    SVG presentation attribute) would fetch, escapes resolved."""
    found = []
    for match in CSS_URL.finditer(css_unescaped(css)):
        url = next((g for g in (match.group(2), match.group(4), match.group(6)) if g is not None), "")
        found.append(url)
    return tuple(found)


REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.*?)\1\s*$", re.I | re.S)


def refresh_target(content: str) -> str:
    """The address a <meta http-equiv="refresh" content="..."> goes to, with
    or without "url=", in any case, as browsers read it; '' for none."""
    match = REFRESH_URL.match(content or "")
    return match.group(2).strip() if match else ""
