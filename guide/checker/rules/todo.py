"""todo: no leftover TODO markers, in the source or in what readers see."""

from __future__ import annotations

import re

from ...errors import ContentError
from ..findings import Finding, from_content_error

RULE = "todo"
SUMMARY = ("No TODO marker is left in a page: in its source (HTML comments included) or in its "
           "rendered text (a TODO coming from an include, reported at that file's line), nor in a "
           "data file. The page scaffolder (make new-page) and make new-source write them as `TODO`; "
           "replace each with finished text.")
MARKER = re.compile(r"\bTODO\b")


def check(ctx):
    yield from _data_todos(ctx)
    yield from _page_todos(ctx)


def _data_todos(ctx):
    """Every TODO in data/: what make new-source leaves for the contributor to fill in.

    Some of them a schema refuses (a TODO where a number belongs), but not
    one in a free-text field: this finds them all, at their line."""
    folder = ctx.project.root / "data"
    refused = _refused_lines(ctx)
    for file in sorted(folder.rglob("*.yml")) if folder.is_dir() else ():
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build names a data file it cannot read
        for number, line in enumerate(text.splitlines() if "TODO" in text else (), 1):
            path = ctx.project.rel(file)
            if MARKER.search(line) and not line.lstrip().startswith("#") and (path, number) not in refused:
                yield Finding(path, number, RULE, f"leftover TODO: '{_clip(line)}'",
                              "write what the source says in its place")


def _refused_lines(ctx) -> set[tuple[str, int]]:
    """(file, line) of every problem the bibliography's schema finds: a TODO
    there is already reported, with the values allowed."""
    try:
        ctx.project.records.bibliography()
    except ContentError as e:
        return {(f.path, f.line) for f in from_content_error(str(e), RULE, "data/bibliography.yml", "")}
    return set()


def _page_todos(ctx):
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
            yield from _rendered_todos(ctx, page, scan.text)


def _rendered_todos(ctx, page, text: str):
    """A TODO the page shows but its source lacks, reported where it is written.

    A listing page (a section index, Evidence at a glance) shows other pages'
    `finding:` lines, so a new page's TODO shows there too; that page's own
    finding already covers it, and a second one here would point at the wrong
    file. A TODO from a data file or an include is reported at that file's
    line. Only a TODO found nowhere is reported on the page itself.
    """
    unplaced = []
    for match in MARKER.finditer(text):
        # The marker and the words after it, as they would stand in the source.
        snippet = text[match.start():match.end() + 30].split("\n")[0].strip()
        if _in_other_page(ctx, page, snippet):
            continue
        where = _in_data_or_include(ctx, snippet)
        if where and where[0].startswith("data/"):
            continue  # _data_todos() reports it at its line
        if where:
            yield Finding(where[0], where[1], RULE, f"leftover TODO, shown on {page.path}: '{_clip(snippet)}'",
                          "write the missing text there and delete the marker")
        else:
            unplaced.append(snippet)
    if unplaced:
        yield Finding(page.path, 1, RULE, f"the rendered page shows a TODO that is not in its source: "
                                          f"'{_clip(unplaced[0])}'",
                      "find the macro or template that writes it and finish the text there")


def _in_other_page(ctx, page, snippet: str) -> bool:
    project = ctx.project
    for src, file in project.files.items():
        if src == page.src:
            continue
        try:
            if snippet in file.read_text(encoding="utf-8"):
                return True
        except (OSError, UnicodeDecodeError):
            continue
    return False


def _in_data_or_include(ctx, snippet: str) -> tuple[str, int] | None:
    root = ctx.project.root
    for folder in ("data", "includes"):
        for file in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            index = text.find(snippet)
            if index >= 0:
                return ctx.project.rel(file), text.count("\n", 0, index) + 1
    return None


def _clip(line: str) -> str:
    line = line.strip()
    return line if len(line) <= 60 else line[:57] + "..."
