"""Under GitHub Actions, the build's warnings and errors as annotations.

A pull request then shows each problem on the line it is about, and the
run's summary page lists them, instead of a long log to search. Elsewhere
(GITHUB_ACTIONS is not "true") this hook does nothing.

The build's messages are turned into file, line, rule and fix by the
content checker's own parser (scripts/checker/build.py), so the build and
`make check` name a problem the same way. They are printed when the process
ends: a strict build stops with an exception, and a macro error with
exit(), and both must still be reported.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from pathlib import Path

SCRIPTS = str(Path(__file__).resolve().parent.parent / "scripts")


class _Collector(logging.Handler):
    """Keeps each warning and error as the command line shows it."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


_collector: _Collector | None = None


def _report(config_file: str) -> None:
    # Imported only now: MkDocs restores sys.path after loading a hook.
    sys.path.insert(0, SCRIPTS)
    from checker import annotations
    from checker.build import parse_output
    from checker.project import Project

    if not _collector.lines:
        return
    findings = parse_output(Project(Path(config_file)), "\n".join(_collector.lines))
    sys.stdout.flush()
    annotations.emit(findings, "Build", sys.stdout)
    sys.stdout.flush()


def on_config(config):
    global _collector
    if os.environ.get("GITHUB_ACTIONS") == "true" and _collector is None:
        _collector = _Collector()
        logging.getLogger("mkdocs").addHandler(_collector)
        atexit.register(_report, config.config_file_path)
    return config
