"""todo: no leftover TODO markers, in the source or in what readers see."""

from __future__ import annotations

import re

from ..findings import Finding

RULE = "todo"
SUMMARY = ("No TODO marker is left in a page: in its source (HTML comments included) or in its "
           "rendered text (a TODO coming from an include or a data file). The page scaffolder "
           "writes them as `TODO:`; replace each with finished text.")
MARKER = re.compile(r"\bTODO\b")


def check(ctx):
    for page in ctx.pages:
        if page.text is None:
            continue
        in_source = False
        for number, line in enumerate(page.text.splitlines() if "TODO" in page.text else (), 1):
            if MARKER.search(line):
                in_source = True
                yield Finding(page.path, number, RULE, f"leftover TODO: '{_clip(line)}'",
                              "write the missing text and delete the marker")
        scan = ctx.scans.get(page.src)
        if scan is not None and not in_source and "TODO" in scan.text and MARKER.search(scan.text):
            yield Finding(page.path, 1, RULE, "the rendered page shows a TODO that is not in its source",
                          "it comes from an include or a data file: finish the text there")


def _clip(line: str) -> str:
    line = line.strip()
    return line if len(line) <= 60 else line[:57] + "..."
