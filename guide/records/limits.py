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
- a page after its macros have run: at most 2 MB of Markdown (a macro
  asked for a huge output, say a heading level of 30 million);
- markup pressure: for each paragraph, count its "[" and "<"; the squares
  of those counts, added over the page (or one data text), at most 40,000
  [106]: one paragraph of up to 200 brackets, and a page that cannot cost
  more than about a tenth of a second on them;
- a run of "*" or "_": at most 12 characters [2];
- indentation: at most 48 columns, twelve levels of lists [4];
- quotes inside quotes: at most 8 ">" deep [0].

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

BLANK = re.compile(r"\n[ \t]*\n")
EMPHASIS = re.compile(r"[*_]{%d,}" % (MAX_EMPHASIS_RUN + 1))
QUOTES = re.compile(r"^(?:[ \t]*>){%d,}" % (MAX_QUOTE_DEPTH + 1), re.M)


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
    for number, line in enumerate(text.split("\n"), first_line):
        indent = len(line) - len(line.lstrip(" \t"))
        if indent and line.strip():
            columns = len(line[:indent].expandtabs(4))
            if columns > MAX_INDENT:
                problems.append((number, f"indented {columns} columns (at most {MAX_INDENT}, twelve levels of "
                                         "lists); Markdown slows and then fails on lists nested that deep"))
                break
    return problems
