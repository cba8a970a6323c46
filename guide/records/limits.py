"""Limits on what a contributor's text can cost the build.

Python-Markdown is fast on prose and slow on a few shapes of text: one
paragraph holding thousands of "[" or "<" takes time that grows with the
square of their number (1,000 took 0.8 s, 4,000 took 10 s), a run of
thousands of "*" overflows Python's stack, and lists nested hundreds deep
take seconds, then overflow it. A page's YAML can expand a few lines into
gigabytes with aliases (refused in yaml_files.py). So every page and every
text in a data file is measured before the build reads it, and anything
over a limit is an error at its line.

The limits, and why these numbers (the largest in the guide today, as of
issue 30, in brackets):

- a page: at most 100 KB of Markdown [12 KB], so no page alone can slow
  the build by more than about a second;
- a data file: at most 1 MB [119 KB, the bibliography, which grows with
  every study];
- a page after its macros have run: at most 2 MB of Markdown, counting
  the HTML the macros hold back until after Markdown (the reference
  lists, held_html.py) and the files its snippets bring in; and
  bibliography() and reference_list() at most once a page (each stands
  for up to 150 KB of HTML: a thousand calls took 8 minutes and 2 GB);
- an include file (includes/): the same limits as a page, and a page's
  snippets together at most a page's size again;
- the glossary (includes/glossary.md): at most 40 KB and 400 terms [13 KB,
  126]: the tooltips are one pattern of every term, tried at every word
  of every page, so each term costs every page a little;
- markup pressure: for each paragraph, count its "[" and "<"; the squares
  of those counts, added over the page (or one data text), at most 40,000
  [106]: one paragraph of up to 200 brackets, and a page that cannot cost
  more than about a tenth of a second on them;
- a run of "*" or "_": at most 12 characters [2];
- indentation: at most 48 columns, twelve levels of lists [4];
- list markers at the start of one line (`- - - x`, `1. * x`): at most
  twelve, the same nesting without the indentation [1];
- quotes inside quotes: at most 8 ">" deep [0];
- HTML elements inside each other: at most 32 deep, across the whole page,
  not per paragraph (a thousand nested <div markdown> blocks, one per
  paragraph, overflowed Python's stack) [4];
- YAML: lists and mappings at most 20 deep, whole numbers at most 30
  digits (guide/records/yaml_files.py) [4, 4];
- brackets inside one {{ ... }}: at most 20 deep (records/macro_calls.py) [1].

Raise a limit here, with the reason, if the guide's real text needs it.
"""

from __future__ import annotations

import re

MAX_PAGE_BYTES = 100_000
MAX_DATA_BYTES = 1_000_000
MAX_RENDERED_CHARS = 2_000_000
MAX_MARKUP = 40_000
MAX_EMPHASIS_RUN = 12
MAX_INDENT = 48
MAX_QUOTE_DEPTH = 8
MAX_LIST_MARKERS = 12
MAX_HTML_DEPTH = 32
MAX_GLOSSARY_BYTES = 40_000
MAX_GLOSSARY_TERMS = 400

BLANK = re.compile(r"\n[ \t]*\n")
EMPHASIS = re.compile(r"[*_]{%d,}" % (MAX_EMPHASIS_RUN + 1))
QUOTES = re.compile(r"^(?:[ \t]*>){%d,}" % (MAX_QUOTE_DEPTH + 1), re.M)
LIST_MARKERS = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+){%d,}" % (MAX_LIST_MARKERS + 1), re.M)
# An HTML tag: its name, and whether it closes or closes itself.
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def size_problem(size: int, limit: int, what: str) -> str | None:
    if size <= limit:
        return None
    return (f"{what} is {size:,} bytes, over the limit of {limit:,} "
            "(guide/records/limits.py says why); split it into smaller ones")


def _line(text: str, index: int, first_line: int) -> int:
    return text.count("\n", 0, index) + first_line


def text_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each shape of text that would slow the build or
    overflow it; first_line is the file line text starts on."""
    problems = []
    pressure, start, worst = 0, 0, (0, 0)
    for paragraph in BLANK.split(text):
        count = paragraph.count("[") + paragraph.count("<")
        pressure += count * count
        if count > worst[0]:
            worst = (count, text.find(paragraph, start))
        start += len(paragraph)
    if pressure > MAX_MARKUP:
        problems.append((_line(text, max(worst[1], 0), first_line),
                         f"too much markup: {worst[0]:,} '[' and '<' in one paragraph here (the page's total "
                         f"weight is {pressure:,}, the limit {MAX_MARKUP:,}), which makes Markdown slow; "
                         "split the paragraph or write the brackets as &#91; and &lt;"))
    run = EMPHASIS.search(text)
    if run:
        problems.append((_line(text, run.start(), first_line),
                         f"a run of {len(run.group(0)):,} '*' or '_' (at most {MAX_EMPHASIS_RUN}); Markdown "
                         "nests emphasis that deep until it overflows; shorten it or write \\* for a star"))
    quotes = QUOTES.search(text)
    if quotes:
        problems.append((_line(text, quotes.start(), first_line),
                         f"quotes nested more than {MAX_QUOTE_DEPTH} deep; flatten them"))
    markers = LIST_MARKERS.search(text)
    if markers:
        problems.append((_line(text, markers.start(), first_line),
                         f"more than {MAX_LIST_MARKERS} list markers at the start of one line: lists nested that "
                         "deep make Markdown fail; write one marker, or \\- for a dash"))
    deep = html_depth(text)
    if deep is not None:
        problems.append((_line(text, deep, first_line),
                         f"HTML elements nested more than {MAX_HTML_DEPTH} deep (counted across the page); "
                         "Markdown fails on blocks nested that deep; close some, or flatten them"))
    for number, line in enumerate(text.split("\n"), first_line):
        indent = len(line) - len(line.lstrip(" \t"))
        if indent and line.strip():
            columns = len(line[:indent].expandtabs(4))
            if columns > MAX_INDENT:
                problems.append((number, f"indented {columns} columns (at most {MAX_INDENT}, twelve levels of "
                                         "lists); Markdown slows and then fails on lists nested that deep"))
                break
    return problems


def html_depth(text: str) -> int | None:
    """The index where HTML tags, opened and not yet closed, first nest
    deeper than MAX_HTML_DEPTH across the whole text, or None."""
    if text.count("<") <= MAX_HTML_DEPTH:
        return None  # too few tags to nest that deep
    depth = 0
    for match in TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name.lower() in VOID or self_closing:
            continue
        depth = depth - 1 if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            return match.start()
        depth = max(depth, 0)
    return None


def glossary_problems(text: str, terms: int) -> list[tuple[int, str]]:
    """(line, message) when the glossary is over its limits."""
    size = len(text.encode("utf-8"))
    if size > MAX_GLOSSARY_BYTES:
        return [(1, f"the glossary is {size:,} bytes, over the limit of {MAX_GLOSSARY_BYTES:,} (each term is "
                    "tried at every word of every page); keep the terms a reader needs")]
    if terms > MAX_GLOSSARY_TERMS:
        return [(1, f"the glossary has {terms:,} terms, over the limit of {MAX_GLOSSARY_TERMS:,} (each term is "
                    "tried at every word of every page); keep the terms a reader needs")]
    return []
