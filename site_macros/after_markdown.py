"""HTML that the macros make, put into the page after Python-Markdown has run.

The reference lists, with each study's record, are HTML built from
data/bibliography.yml: about two thirds of the site's Markdown once the
macros have run. Python-Markdown passes raw HTML through as it is, but it
still reads all of it, tag by tag and in pure Python, twice (its own raw
HTML parser, then MkDocs' scan for ids): a quarter of the build for nothing.

So a macro that makes such a block returns hold(...): a marker, an HTML
comment that Markdown passes through untouched. hooks/macro_html.py swaps
the block in as soon as the page is HTML, before the allowlist checks it and
before the search index reads it, so every built file is byte for byte what
it was when Markdown read the blocks itself (tests/test_macro_html.py).
A held block must stand on its own lines, as raw HTML has to in Markdown.
"""

from __future__ import annotations

import re

# Page (src_uri) -> marker -> the HTML it stands for. Filled while the
# macros run on a page, emptied by take() once the page is HTML.
_held: dict[str, dict[str, str]] = {}

_ID = re.compile(r'\sid="([^"]+)"')


def hold(page: str, html: str) -> str:
    """A marker for html on this page, to put where the html would go."""
    blocks = _held.setdefault(page, {})
    marker = f"<!-- guide:html {len(blocks) + 1} -->"
    # Markdown ends a raw block at its last tag: a trailing newline would
    # come out as an extra blank line.
    blocks[marker] = html.rstrip("\n")
    return marker


def forget(page: str) -> None:
    """Drop what an earlier, interrupted render of the page left behind."""
    _held.pop(page, None)


def filled(page: str, text: str) -> str:
    """text with this page's markers replaced by their HTML (nothing taken)."""
    for marker, html in _held.get(page, {}).items():
        text = text.replace(marker, html)
    return text


def take(page: str, content: str) -> tuple[str, set[str], list[str]]:
    """The page's HTML with its blocks in place, the ids those blocks hold
    (for MkDocs' anchor check), and any marker Markdown did not pass
    through (a call that did not stand on its own line)."""
    blocks = _held.pop(page, {})
    missing = [marker for marker in blocks if marker not in content]
    ids: set[str] = set()
    for marker, html in blocks.items():
        content = content.replace(marker, html)
        ids.update(_ID.findall(html))
    return content, ids, missing
