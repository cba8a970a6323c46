"""For `make serve`: the file and line under a warning that lacks them.

MkDocs names only the file of a broken link, and mkdocs-macros counts a
macro error's line from the end of the front matter. Under each such
message one more line says `docs/x.md:12: rule: message (fix)`: from the
content checker's parser (so serve and `make check` agree), or, for a
macro error, the file's own line, or the line of a call left open above it.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

MACRO_FILE = re.compile(r"_File_: `(?P<src>[^`]+)`")
MACRO_LINE = re.compile(r"_Line (?P<line>\d+) in Markdown file:_ \*\*(?P<message>.*?)\*\*")


class WhereItIs(logging.Handler):
    """Prints file:line under a warning or error that lacks them."""

    def __init__(self, config_file: Path):
        super().__init__(logging.WARNING)
        self.config_file = config_file

    def emit(self, record):
        try:
            text = record.getMessage()
            for line in self.locate(text):
                if line.split(": ", 1)[0] not in text:  # say nothing the message already says
                    print(f"  -> {line}", file=sys.stderr, flush=True)
        except Exception:  # noqa: BLE001  a hint must never break the server
            pass

    def locate(self, text: str) -> list[str]:
        if m := MACRO_FILE.search(text):
            return [self.macro_error(m["src"], MACRO_LINE.search(text))]
        from ..checker.build import parse_output
        from ..checker.project import Project

        project = Project(self.config_file)
        config = project.rel(project.config_file)
        return [f.text() for f in parse_output(project, f"WARNING -  {text}")
                if not (f.path == config and f.line == 1)]

    def macro_error(self, src: str, where) -> str:
        path = self.config_file.parent / "docs" / src
        if not where:
            return f"docs/{src}:1: macro: the macro call failed (see the error above and on the page)"
        from ..records.pages import split_front_matter

        text = path.read_text(encoding="utf-8")
        _, body, body_start = split_front_matter(text)
        # MkDocs also drops the blank lines after the front matter.
        body_start += len(body) - len(body.lstrip("\n"))
        line = int(where["line"]) + body_start - 1
        # Jinja names the line where it gave up; a call left open further up
        # is where the contributor has to look.
        lines = text.splitlines()
        opened = [n for n in range(body_start, min(line, len(lines)) + 1)
                  if lines[n - 1].count("{{") > lines[n - 1].count("}}")]
        if opened and opened[-1] != line:
            return (f"docs/{src}:{opened[-1]}: macro: this {{{{ ... }}}} call is never closed "
                    f"({where['message']} on line {line}; end the call with }}}})")
        return f"docs/{src}:{line}: macro: {where['message']} (finish or fix the {{{{ ... }}}} call on that line)"
