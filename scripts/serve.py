#!/usr/bin/env python3
"""`make serve`: MkDocs' live-reload server, made to survive mistakes.

    python scripts/serve.py [mkdocs serve options]

Plain `mkdocs serve` with this site's `strict: true` is a poor editor
companion: a warning at start stops it from starting, a failed rebuild
leaves every request waiting ("the server will appear stuck"), and a macro
error exits the process (mkdocs-macros calls exit() on it). Nor does it
re-import the macro package: site_macros stays as it was at start.

So this script runs the same `mkdocs serve` with four changes, all for
serving only (`make build`, `make check` and CI stay strict):

- `--no-strict`: warnings and errors print with their file and line, and
  the site is still served, so the next good save brings it back;
- mkdocs-macros' `on_error_fail` off: a broken macro call shows its error on
  the page in the browser and in the terminal instead of ending the server;
- a build that raises anyway is reported in one block and the last good
  site stays served, so no request ever hangs;
- the site_macros package is dropped from the import cache before each
  rebuild, so an edit to a macro is in the next page served.

What is watched is the `watch:` list in mkdocs.yml (data, includes,
overrides, schemas, site_macros, hooks), plus docs/ and mkdocs.yml.

Under each warning that does not say where it is, one more line does:
`docs/x.md:12: rule: message (fix)`, worked out by the content checker's
parser (a broken link), or from mkdocs-macros' error (a macro error, whose
line it counts without the front matter).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import traceback
from pathlib import Path

import mkdocs.commands.serve as serve_command
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer

MACRO_PACKAGE = "site_macros"
log = logging.getLogger("mkdocs.serve")

# A re-imported macro module must not write __pycache__ into a watched folder
# (that would trigger a second, pointless rebuild).
sys.dont_write_bytecode = True

_load_config = serve_command.load_config
_build = serve_command.build


def forget_macros() -> None:
    """Drop site_macros and its modules, so the next import reads the files."""
    for name in [m for m in sys.modules if m == MACRO_PACKAGE or m.startswith(MACRO_PACKAGE + ".")]:
        del sys.modules[name]


def load_fresh_config(*args, **kwargs):
    # Before the config loads: hooks/front_matter.py imports site_macros then.
    forget_macros()
    return _load_config(*args, **kwargs)


def report_failure(error: BaseException) -> None:
    if isinstance(error, SystemExit) and not str(error).strip("0123456789"):
        message = "a plugin stopped the build (see the message above)"
    else:
        message = str(error).strip() or "".join(traceback.format_exception(error)).strip()
    log.error("The site did not build: %s\nThe last good build is still served; "
              "save a fix and the site comes back.", message)


def forgiving_build(config, **kwargs):
    """Build as mkdocs serve does, but never raise: a failure is reported."""
    mkdocs_log = logging.getLogger("mkdocs")
    if not any(isinstance(h, WhereItIs) for h in mkdocs_log.handlers):
        # Added now, after MkDocs' own handler, so the hint follows the message.
        mkdocs_log.addHandler(WhereItIs(Path(config.config_file_path)))
    macros = config.plugins.get("macros")
    if macros is not None:
        macros.config["on_error_fail"] = False  # show the error on the page
    try:
        _build(config, **kwargs)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: B036  mkdocs' Abort is a SystemExit
        report_failure(error)


class ForgivingServer(LiveReloadServer):
    """A rebuild that fails before the build (say, mkdocs.yml no longer
    parses) is reported, and the browsers are still answered."""

    def __init__(self, builder, **kwargs):
        def builder_that_never_raises():
            try:
                builder()
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # noqa: B036
                report_failure(error)
        super().__init__(builder=builder_that_never_raises, **kwargs)


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
        from checker.build import parse_output
        from checker.project import Project

        project = Project(self.config_file)
        config = project.rel(project.config_file)
        return [f.text() for f in parse_output(project, f"WARNING -  {text}")
                if not (f.path == config and f.line == 1)]

    def macro_error(self, src: str, where) -> str:
        path = self.config_file.parent / "docs" / src
        if not where:
            return f"docs/{src}:1: macro: the macro call failed (see the error above and on the page)"
        from site_macros.data import split_front_matter

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


def main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve_command.load_config = load_fresh_config
    serve_command.build = forgiving_build
    serve_command.LiveReloadServer = ForgivingServer
    return cli.main(["serve", "--no-strict", *argv], prog_name="make serve", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
