"""Data texts are plain text: readers read exactly the words of the data file.

A safety callout's title and body, a warning sign, a line of the handout,
a grade's label and meaning, an entry of the corrections log: each is
written in data/ as plain words, and a macro pastes it into the page's
Markdown (or into a block of HTML the macro writes). Pasted as it is,
Markdown would read it: a title `Look](https://ev.il) [back` made the
first word of a safety callout a link to another site, and
`*Call 999 at once.*{: .guide-sr-only }` hid that sentence from sighted
readers on every page.

So every data text goes into a page through text(). Each character that
Markdown, one of its extensions (emoji, smart symbols, snippets, attribute
lists) or HTML could read as markup becomes an HTML character reference
(`&#91;` for `[`). Markdown and HTML alike show a character reference as
the character, so the reader sees the same words, and nothing in them
acts. Characters that are only markup at the start of a line (`-`, `#`,
`1.`) are escaped there. Line breaks become spaces: a data text is one
paragraph, so it can never end the block it sits in.

No data field holds Markdown; the schemas say so in each description, and
guide/boundary/allowlist_report.py refuses Markdown syntax in data texts at
their line, so a contributor hears of it instead of seeing brackets on the
page.
"""

from __future__ import annotations

import re

# Markup wherever it stands: emphasis, code, links and images, attribute
# lists, tables, HTML, backslash escapes, and the marks of the extensions
# that are not enabled today (~ ^ =) so enabling one changes no text.
ANYWHERE = {c: f"&#{ord(c)};" for c in "*_`[]{}|\\~^=+"}
ANYWHERE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
SPECIAL = re.compile("[" + re.escape("".join(ANYWHERE)) + "]")
# Markup only in some company: an emoji :name:, a smart symbol (c), (r),
# (tm) or a fraction 1/2.
EMOJI_COLON = re.compile(r":(?=[^\s:])")
SMART = re.compile(r"\((?=(?:c|r|tm)\))|(?<=\d)/(?=\d)", re.I)
# Markup at the start of a line: lists, headings, quotes, admonitions,
# details, snippets, and an ordered list's "1." or "1)".
LEADING = ("-", "#", ">", "!", "?", ":", ".")
ORDERED = re.compile(r"^(\d+)([.)])")


def _entity(match: re.Match) -> str:
    return f"&#{ord(match.group(0))};"


def text(value) -> str:
    """A data text as Markdown that shows exactly its words."""
    words = " ".join(str(value).split())
    words = SPECIAL.sub(lambda m: ANYWHERE[m.group(0)], words)
    words = EMOJI_COLON.sub("&#58;", words)
    words = SMART.sub(_entity, words)
    ordered = ORDERED.match(words)
    if ordered:
        return f"{ordered.group(1)}&#{ord(ordered.group(2))};{words[ordered.end():]}"
    if words[:1] in LEADING:
        return f"&#{ord(words[0])};{words[1:]}"
    return words
