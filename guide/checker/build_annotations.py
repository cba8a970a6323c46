"""Under GitHub Actions, the build's own warnings and errors as annotations.

A pull request then shows each problem on the line it is about, and the
run's summary page lists them, instead of a long log to search. Elsewhere
(GITHUB_ACTIONS is not "true") nothing is collected.

The build's messages are turned into file, line, rule and fix by the
content checker's own parser (build.py), so the build and `make check`
name a problem the same way. They are printed when the process ends: a
strict build stops with an exception, and a macro error with exit(), and
both must still be reported. hooks/ci_annotations.py starts the collection.
"""

from __future__ import annotations

import atexit
import logging
import sys
from pathlib import Path

from . import annotations


class _Collector(logging.Handler):
    """Keeps each warning and error as the command line shows it."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


# One collector a process, however many times the hook is loaded.
_collector: _Collector | None = None


def _report(config_file: Path) -> None:
    from .build import parse_output
    from .project import Project

    if not _collector.lines:
        return
    findings = parse_output(Project(config_file), "\n".join(_collector.lines))
    sys.stdout.flush()
    annotations.emit(findings, "Build", sys.stdout)
    sys.stdout.flush()


def collect(logger: logging.Logger, config_file: Path) -> None:
    """Under GitHub Actions, annotate what logger warns of when the process ends."""
    global _collector
    if annotations.on_github_actions() and _collector is None:
        _collector = _Collector()
        logger.addHandler(_collector)
        atexit.register(_report, Path(config_file))
