"""safety-first: on a benefit page, the safety advice comes before the evidence.

A reader deciding whether to try something needs "is this for me, and how do
I start safely" first, not after the study details. So the page's first
safety callout (or its warning signs) must come before its second `## `
heading: inside the first section after "In short", or above it.
"""

from __future__ import annotations

import re

from ...content import PAGE_MACROS
from ...records.macro_calls import page_calls
from ..findings import Finding

RULE = "safety-first"
SUMMARY = ("On every benefit page the first safety callout comes before the evidence: "
           "{{ safety(...) }} (or {{ red_flags() }}) must appear before the page's second `## ` "
           "heading, so readers meet it right after \"In short\". Fix: move the section with the "
           "callouts (\"Is it for you? How to start safely\") up to just after the In short box.")
# The calls as Jinja reads them (records/macro_calls.py): `safety ("x")`
# with a space is a call too, and one inside {# ... #} is not.
CALLOUTS = {"safety", "red_flags"}
FENCE = re.compile(r"^(```|~~~)")


def _headings(text: str) -> list[int]:
    """Offsets of the `## ` headings outside code fences."""
    found, offset, fenced = [], 0, False
    for line in text.splitlines(keepends=True):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found.append(offset)
        offset += len(line)
    return found


def check(ctx):
    for page in ctx.pages:
        if not page.is_benefit or page.text is None:
            continue
        callout = next((c for c in page_calls(page.text, PAGE_MACROS) if c.name in CALLOUTS), None)
        if callout is None:
            continue  # no callout at all: precautions-link says so
        headings = _headings(page.text)
        if len(headings) >= 2 and callout.line > page.text.count("\n", 0, headings[1]) + 1:
            evidence = page.text[headings[1]:].split("\n", 1)[0]
            yield Finding(page.path, callout.line, RULE,
                          f"the first safety callout comes after '{evidence}': readers meet the study "
                          "details before the safety advice",
                          "move the section with the callouts up, to just after the In short box")
