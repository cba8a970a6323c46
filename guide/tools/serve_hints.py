"""For `make serve`: every problem of a build, placed at its file and line.

MkDocs names only the file of a broken link, and mkdocs-macros counts a
macro error's line from the end of the front matter. ProblemLog listens to
one build's warnings and errors and turns each into findings (file, line,
message, fix): with the content checker's parser, so serve and `make check`
agree, or, for a macro error, at the file's own line (or the line of a call
left open above it). Under a message that does not say where it is, one
more line does: `  -> docs/x.md:12: rule: message (fix)`. The findings go
on to the error panel (serve_panel.py).

stopped() does the same for a build that raised: a broken data file lists
its problems one a line; a Python error in the guide's own code is placed
at its line in the project.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from ..checker.findings import Finding, split_fix

MACRO_FILE = re.compile(r"_File_: `(?P<src>[^`]+)`")
MACRO_LINE = re.compile(r"_Line (?P<line>\d+) in Markdown file:_ \*\*(?P<message>.*?)\*\*")
MACRO_ERROR = re.compile(r"^_(?P<kind>\w+)_: (?P<message>.+)$", re.M)
# "data/safety.yml:12: message", as the guide's own errors are written.
LOCATED = re.compile(r"^(?P<path>[\w./\-]+\.\w+):(?P<line>\d+): (?P<message>.+)$")
FIX = "see the full message in the terminal"
# MkDocs reports an extension that failed to load (ours, in guide/, when
# its code has a syntax error) as text: the frames' files, then Python's
# message, which names the broken file by its base name only.
FRAME_FILE = re.compile(r'File "(?P<path>[^"]+)", line \d+')
SYNTAX = re.compile(r"(?P<kind>\w*Error): (?P<message>.*) \((?P<name>[\w.-]+\.py), line (?P<line>\d+)\)\s*$", re.M)


def unplaced(message: str, fix: str = FIX) -> Finding:
    """A problem no file and line can be given for (path '' and line 0)."""
    message, fix = split_fix(message, fix)
    return Finding("", 0, "build", message, fix)


class ProblemLog(logging.Handler):
    """Keeps every warning and error of one build as findings, and prints
    file:line under a message that lacks them."""

    def __init__(self, config_file: Path):
        super().__init__(logging.WARNING)
        self.config_file = config_file
        self.problems: list[Finding] = []
        self.errors = 0  # records at ERROR or above: the build may have stopped on them
        self._project = None

    def emit(self, record):
        try:
            text = record.getMessage()
            self.errors += record.levelno >= logging.ERROR
            found = self.locate(text, record.levelname)
            placed = [f for f in found if f.path]
            self.problems += placed or [unplaced(text)]
            for finding in placed:
                if f"{finding.path}:{finding.line}" not in text:  # say nothing the message already says
                    print(f"  -> {finding.text()}", file=sys.stderr, flush=True)
        except Exception:  # noqa: BLE001  a hint must never break the server
            pass

    def project(self):
        """The checker's view of the project, read once a build: it reads
        mkdocs.yml, lists the pages and checks the data files' digests, and
        a build with 75 problems once spent 4 s making it again for each."""
        if self._project is None:
            from ..checker.project import Project

            self._project = Project(self.config_file)
        return self._project

    def locate(self, text: str, level: str = "WARNING") -> list[Finding]:
        if syntax := _syntax_in_text(text, Path(self.config_file).parent):
            return [syntax]
        if m := MACRO_FILE.search(text):
            return [self.macro_error(m["src"], MACRO_LINE.search(text), MACRO_ERROR.search(text))]
        from ..checker.build import parse_output

        project = self.project()
        config = project.rel(project.config_file)
        level = "ERROR" if level in ("ERROR", "CRITICAL") else "WARNING"
        # The parser's last resort is mkdocs.yml, line 1: that places nothing.
        return [f for f in parse_output(project, f"{level} -  {text}") if not (f.path == config and f.line == 1)]

    def macro_error(self, src: str, where, error) -> Finding:
        path = self.config_file.parent / "docs" / src
        if not where:
            message = f"{error['kind']}: {error['message']}" if error else "the macro call failed"
            return Finding(f"docs/{src}", 1, "macro", message,
                           "fix the macro call; the terminal shows where it failed")
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
            return Finding(f"docs/{src}", opened[-1], "macro", "this {{ ... }} call is never closed "
                           f"({where['message']} on line {line})", "end the call with }}")
        return Finding(f"docs/{src}", line, "macro", where["message"], "finish or fix the {{ ... }} call on that line")


def stopped(error: BaseException, root: Path) -> list[Finding]:
    """The problems of a build that raised error, each at its file and line
    where the error says (root: the project folder)."""
    text = str(error).strip()
    found = []
    for line in text.splitlines():
        if m := LOCATED.match(line.strip()):
            message, fix = split_fix(m["message"], FIX)
            found.append(Finding(m["path"], int(m["line"]), "build", message, fix))
    if found:
        return found  # the guide's own ContentError: one problem a line
    if isinstance(error, SystemExit) and not text.strip("0123456789"):
        return [unplaced("a plugin stopped the build", "read the message above it in the terminal")]
    if isinstance(error, MkDocsException):  # a message for people, not a bug: no code line to show
        placed = _syntax_in_text(text, root)
        return [placed] if placed else [unplaced(text or type(error).__name__)]
    kind = type(error).__name__
    where = _in_project(error, root)
    if where is None:
        return [unplaced(f"{kind}: {text}" if text else kind)]
    return [Finding(where[0], where[1], "build", f"{kind}: {text}" if text else kind,
                    "fix the code on that line; the terminal shows the whole traceback")]


def _syntax_in_text(text: str, root: Path) -> Finding | None:
    """A syntax error in a module of the project, told as text (an
    extension MkDocs could not load), at its file and line: the file is the
    one of that name beside a frame the text names, deepest first."""
    found = SYNTAX.search(text)
    if not found:
        return None
    for frame in reversed(FRAME_FILE.findall(text)):
        rel = _relative(Path(frame).parent / found["name"], root.resolve())
        if rel and not rel.startswith(".venv/") and (root / rel).is_file():
            return Finding(rel, int(found["line"]), "build", f"{found['kind']}: {found['message']}",
                           "fix the code on that line; the terminal shows the whole traceback")
    return None


def _in_project(error: BaseException, root: Path) -> tuple[str, int] | None:
    """(project-relative file, line) of the deepest place in the project's
    own files the error came from, if any."""
    root = root.resolve()
    # Python's and Jinja's syntax errors name the file and line they could not read.
    filename = getattr(error, "filename", None)
    if isinstance(filename, str) and filename:
        rel = _relative(Path(filename), root)
        if rel:
            return rel, getattr(error, "lineno", None) or 1
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        rel = _relative(Path(frame.filename), root)
        if rel and not rel.startswith(".venv/"):
            return rel, frame.lineno or 1
    return None


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None
