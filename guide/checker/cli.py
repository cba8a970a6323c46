"""Check the guide's content the way a reviewer would, and say how to fix it.

Builds the site into a temporary folder (or reads one given with --site-dir)
and checks what readers get, mapped back to the Markdown source. Prints one
line per finding, `path:line: rule-id: message (how to fix)`, then a count.
Exit status: 0 clean (warnings allowed), 1 findings, 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from . import annotations as github
from .findings import ERROR, as_json, as_text
from .project import Project, UsageError
from .rules import summaries


def _wrap(text: str, first: str, rest: str) -> str:
    # Never split an id like start-slowly or a path at its hyphen.
    return textwrap.fill(text, 78, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False, break_long_words=False)


class Parser(argparse.ArgumentParser):
    def error(self, message):
        # One line a contributor can act on, not a usage dump.
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def parse_args(argv, root: Path):
    parser = Parser(
        prog="check_content.py",
        description="Check the Backward Running Guide's pages as a reviewer would.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="rules (see CONTRIBUTING.md):\n" + "\n".join(
            _wrap(f"{rule}: {text}", "  ", "      ")
            for rule, text in summaries())
        + "\n\nexit status: 0 clean (warnings allowed), 1 findings, 2 usage error",
    )
    parser.add_argument("pages", nargs="*", help="Markdown pages to check (default: every page under docs/)")
    parser.add_argument("--site-dir", type=Path, help="check this already built site instead of building one")
    parser.add_argument("--config", type=Path, default=root / "mkdocs.yml",
                        help="the project's mkdocs.yml (default: %(default)s)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    parser.add_argument("--list-rules", action="store_true", help="print each rule id and what it checks, then exit")
    return parser.parse_args(argv)


def main(argv=None, root: Path | None = None) -> int:
    """The checker's command line; root is the project whose mkdocs.yml is
    the default (the current folder unless an entry point says)."""
    try:
        return _run(parse_args(argv, root or Path.cwd()))
    except BrokenPipeError:  # piped into head or less, which closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(args) -> int:
    if args.list_rules:
        for rule, text in summaries():
            print(f"{rule}\n{_wrap(text, '    ', '    ')}\n")
        return 0
    try:
        if args.site_dir is not None and not args.site_dir.is_dir():
            raise UsageError(f"--site-dir {args.site_dir}: no such folder; build the site first (make build)")
        project = Project(args.config)
        from .run import check

        findings, pages = check(project, args.pages, args.site_dir)
    except UsageError as e:
        print(f"check_content.py: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(as_json(findings))
    else:
        print(as_text(findings, pages))
        github.emit(findings, "Content checker", sys.stdout)  # under GitHub Actions only
    return 1 if any(f.severity == ERROR for f in findings) else 0

