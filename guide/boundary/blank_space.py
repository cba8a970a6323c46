"""Blank space that pushes a page's content out of sight.

A safety callout is only seen if a reader scrolls to it. Three thousand
paragraphs of a no-break space (`&nbsp;`), of `<br>`, or of lines holding
only a full stop put every callout of a page 125,000 pixels down, below
an empty screen that no reader scrolls through, and every check of the
callout itself passed (it was there, visible, with its words).

So the verification pass bounds what takes room on the page without
showing a word:

- a blank line: a paragraph, list item, heading, table row, term or
  quote with no letter or digit in it and no picture, a line of a code
  block with none, or a line ended by <br> with none. The guide's pages
  have none; a page may have a few (MAX_BLANK_LINES).
- line breaks (<br>): the guide's pages have at most 4 in an article; a
  page may have MAX_LINE_BREAKS, and a poem's worth is still far below it.

Pictures and drawings keep to a size of their own (site_rules.MAX_PICTURE_PX).
"""

from __future__ import annotations

import re

import lxml.etree

MAX_BLANK_LINES = 10
MAX_LINE_BREAKS = 50
WORD = re.compile(r"\w")
# Blocks that take a line of their own however little they hold.
LINES = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "tr", "blockquote", "figcaption", "summary"}
PICTURES = {"img", "svg", "picture", "video", "canvas"}


def _has_words(text: str | None) -> bool:
    return bool(text) and bool(WORD.search(text))


def _line_before(br) -> str:
    """The text of the line a <br> ends: back to the previous <br> or the
    start of its parent."""
    parts = []
    node = br.getprevious()
    while node is not None and node.tag != "br":
        parts.append(node.tail or "")
        if isinstance(node.tag, str):
            parts.append("".join(node.itertext()))
        node = node.getprevious()
    if node is None:
        parts.append(br.getparent().text or "")
    else:
        parts.append(node.tail or "")
    return "".join(parts)


def problems(article) -> list[tuple[int, str, str]]:
    """(built page line, message, needle to find it in the source) for an
    article with more blank lines or line breaks than the limits."""
    blank, breaks = [], []
    for element in article.iter(lxml.etree.Element):
        tag = element.tag
        if tag == "br":
            breaks.append(element)
            if not _has_words(_line_before(element)):
                blank.append((element, "<br>"))
        elif tag == "pre":
            empty = sum(1 for line in "".join(element.itertext()).split("\n")[:-1] if not _has_words(line))
            blank += [(element, "```")] * empty
        elif tag in LINES and not _has_words("".join(element.itertext())) \
                and not any(inner.tag in PICTURES for inner in element.iter(lxml.etree.Element)):
            text = "".join(element.itertext())
            blank.append((element, "&nbsp;" if "\xa0" in text else "<br>" if element.find(".//br") is not None
                          else ""))
    found = []
    if len(blank) > MAX_BLANK_LINES:
        element, needle = blank[MAX_BLANK_LINES]
        found.append((element.sourceline or 0, f"{len(blank)} blank lines in the page (empty paragraphs, list items "
                      f"or rows, lines of no words, a code block's empty lines; at most {MAX_BLANK_LINES}): blank "
                      "space pushes what follows, the safety advice too, out of sight; take them out", needle))
    if len(breaks) > MAX_LINE_BREAKS:
        found.append((breaks[MAX_LINE_BREAKS].sourceline or 0, f"{len(breaks)} line breaks (<br>, or two spaces at "
                      f"a line's end) in the page (at most {MAX_LINE_BREAKS}): they push what follows, the safety "
                      "advice too, out of sight; use paragraphs or a list", "<br>"))
    return found
