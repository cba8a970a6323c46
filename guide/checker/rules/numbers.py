"""numbers: every figure beside a citation is in the cited study's record,
or is marked as worked out, with how.

A figure on a page is only as good as the place a reader can check it. So
each figure in a sentence that cites a source (digits, percentages, shares
in words like "about a third", and number words like "twenty") must be one
the cited record in data/bibliography.yml holds, as written or rounded. A
sentence with no citation of its own is read with the citations of its
paragraph or list item: the next sentence that cites (or, after the last
citation, the one before). A figure the guide worked out itself, like a
ratio of two recorded numbers, is marked {{ derived("1.4", "6.0 ÷ 4.3") }}:
the page then shows how it was worked out, and the numbers used in the
working must be in the record too. The page's description and finding
(shown in listings, with no citation) are held to the page's references.
"""

from __future__ import annotations

import re

from ...errors import ContentError
from ...records.pages import split_front_matter
from ..findings import Finding
from ..quantities import STUDY_COUNT, figures, record_values, traced
from ..sentences import blocks

RULE = "numbers"
SUMMARY = ("Every figure in a sentence or list item that cites a source (digits, percentages, shares "
           "like 'about a third', number words like 'twenty') is in the cited source's record in "
           "data/bibliography.yml, as written or rounded. A sentence without its own citation is "
           "read with the next citation in its paragraph (or, after the last, the one before). A figure worked out by the guide is marked "
           "{{ derived(\"1.4\", \"6.0 ÷ 4.3\") }}, and the numbers in the working must be in the "
           "record. A page's description and finding are held to its references. Counts of "
           "studies are the counts rule's.")
FIX = ('give the figure as the record has it, correct the record if the source says otherwise, or, if you '
       'worked it out, mark it: {{ derived("the figure", "how: 6.0 ÷ 4.3") }}')
# Plain arithmetic in a working ("100 − 68.6", "x 2") needs no source.
CONSTANTS = {1.0, 2.0, 10.0, 60.0, 100.0, 1000.0}


def check(ctx):
    try:
        known = ctx.project.records.bibliography()
    except ContentError:
        return  # the references rule reports a broken bibliography
    values: dict[str, set[float]] = {}

    def of(ref_id: str) -> set[float]:
        if ref_id not in values:
            values[ref_id] = record_values(known[ref_id])
        return values[ref_id]

    for page in ctx.pages:
        if page.text is None:
            continue
        yield from _front_matter(page, known, of)
        listed = [str(r) for r in page.meta.get("references") or [] if str(r) in known]
        for block in blocks(page.text):
            for sentence in block.sentences:
                cites = [c for c in block.cites_for(sentence) if c in known]
                if cites:
                    # A working may use figures cited anywhere in its paragraph.
                    yield from _sentence(page, sentence, cites, of, working=[c for c in block.cites if c in known])
                elif block.summary and listed:
                    # The "In short" box sums up the page: held to its references.
                    yield from _sentence(page, sentence, listed, of, "the page lists")


def _sentence(page, sentence, cites: list[str], of, where: str = "", working: list[str] = ()):
    held = set().union(*(of(c) for c in cites))
    inputs = held.union(*(of(c) for c in working))
    counts = [m.span() for m in STUDY_COUNT.finditer(sentence.text)]
    names = ", ".join(cites) if len(cites) < 6 else f"the {len(cites)} sources"
    where = where or ("this sentence cites" if sentence.cites else "the sentence citing after it (or before) cites")
    for figure in figures(sentence.text, skip=sentence.exempt + counts):
        if not traced(figure, held):
            yield Finding(page.path, sentence.line_at(figure.start), RULE,
                          f"'{_context(sentence.text, figure)}': {figure.text} is not in the record of "
                          f"{names}, which {where}", FIX)
    for shown, how in sentence.derived:
        for figure in figures(how):
            if figure.value not in CONSTANTS and not traced(figure, inputs):
                yield Finding(page.path, sentence.line, RULE,
                              f"the working of {shown!r} ({how}) uses {figure.text}, which is not in the "
                              f"record of any source its paragraph cites", "work it out from the figures the record holds")


def _front_matter(page, known, of):
    """description and finding: shown without citations, so held to every
    source the page lists."""
    refs = [str(r) for r in page.meta.get("references") or [] if str(r) in known]
    if not refs:
        return
    held = set().union(*(of(r) for r in refs))
    yaml_text = split_front_matter(page.text)[0]
    for field in ("description", "finding"):
        text = page.meta.get(field)
        if not isinstance(text, str):
            continue
        counts = [m.span() for m in STUDY_COUNT.finditer(text)]
        for figure in figures(text, skip=counts):
            if not traced(figure, held):
                match = re.search(rf"^{field}\s*:", yaml_text, re.M)
                line = yaml_text.count("\n", 0, match.start()) + 2 if match else 1
                yield Finding(page.path, line, RULE,
                              f"the {field} says {figure.text}, which no source in the page's references holds",
                              "use the figure the page's sources give, or leave the figure out of the "
                              f"{field}")


def _context(text: str, figure) -> str:
    """A few words around a figure, so the message is found at a glance."""
    start = max(0, text.rfind(" ", 0, max(0, figure.start - 25)) + 1)
    end = text.find(" ", figure.start + len(figure.text) + 20)
    snippet = text[start:end if end > 0 else len(text)].strip()
    return ("..." if start > 0 else "") + snippet + ("..." if 0 < end < len(text) else "")
