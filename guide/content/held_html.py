"""HTML that the macros make, put into the page after Python-Markdown has run.

The reference lists, with each study's record, are HTML built from
data/bibliography.yml: about two thirds of the site's Markdown once the
macros have run. Python-Markdown passes raw HTML through as it is, but it
still reads all of it, tag by tag and in pure Python, twice (MkDocs' scan
for ids, then Markdown's own raw HTML parser): about a tenth of the build
(1.99 s to 1.78 s, median of 6) for nothing.

So a macro that makes such a block returns hold(...): a marker, an HTML
comment that Markdown passes through untouched. hooks/macro_html.py swaps
the block in as soon as the page is HTML, before the allowlist checks it and
before the search index reads it, so every built file is byte for byte what
it was when Markdown read the blocks itself (tests/test_macro_html.py; every
call stands on a line of its own, and take() reports one that does not).

The blocks wait in the page's PageCall (page_call.py), which the macros and
the hook share: no state outlives the page, and `make serve`, which imports
this package afresh for each rebuild, cannot leave the hook reading an old
copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import line_of


@dataclass(frozen=True)
class Held:
    html: str
    ids: frozenset[str]  # the ids the html holds, for MkDocs' anchor check
    call: str  # the macro call, as the page writes it, for messages


@dataclass(frozen=True)
class Misplaced:
    call: str
    found: bool  # False: Markdown did not pass the marker through at all


def hold(blocks: dict[str, Held], html: str, ids, call: str, key: str = "") -> str:
    """A marker for html on this page, to put where the html would go;
    blocks is the page's held HTML (PageCall.held). key: the page's secret
    (PageCall.stamp_key), so a marker the page writes itself is only text."""
    marker = f"<!-- guide:html {key} {len(blocks) + 1} -->" if key else f"<!-- guide:html {len(blocks) + 1} -->"
    # Markdown ends a raw block at its last tag: a trailing newline would
    # come out as an extra blank line.
    blocks[marker] = Held(html.rstrip("\n"), frozenset(ids), call)
    return marker


def filled(blocks: dict[str, Held], text: str) -> str:
    """text with the page's markers replaced by their HTML (nothing taken)."""
    for marker, held in blocks.items():
        text = text.replace(marker, held.html)
    return text


def take(blocks: dict[str, Held], content: str) -> tuple[str, set[str], list[Misplaced]]:
    """The page's HTML with its blocks in place, the ids those blocks hold,
    and each call whose marker did not come out on a line of its own (inside
    a paragraph or a table cell the list would land in the middle of the
    text; in a code block Markdown shows the marker as text). The blocks
    are taken: blocks is left empty."""
    ids: set[str] = set()
    misplaced = []
    if not blocks:
        return content, ids, misplaced  # a page with no reference list: nothing to look for
    taken = dict(blocks)
    blocks.clear()
    lines = set(content.splitlines())
    for marker, held in taken.items():
        if marker not in content:
            misplaced.append(Misplaced(held.call, found=False))
            continue
        if marker not in lines:
            misplaced.append(Misplaced(held.call, found=True))
        content = content.replace(marker, held.html, 1)
        ids |= held.ids
    return content, ids, misplaced


def placed(call, content: str) -> tuple[str, set[str], list[str]]:
    """take() for the page of a PageCall, its blocks then forgotten, with a
    message at the source line for each call that was misplaced."""
    content, ids, misplaced = take(call.held, content)
    problems = []
    for problem in misplaced:
        line = line_of(call.source, problem.call)
        where = "was shown as text (it is in a code block)" if not problem.found else "landed inside a paragraph"
        problems.append(f"docs/{call.src}:{line}: {{{{ {problem.call} }}}} {where}; put it on a line "
                        "of its own, with a blank line before and after")
    return content, ids, problems
