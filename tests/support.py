"""Helpers the tests share: the project root and throw-away builds.

A plain module, not conftest.py: tests/browser has a conftest of its own,
and `from conftest import ...` would find whichever pytest loaded first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import logging

import pytest

from guide.content.page_call import PageCall, Site
from guide.records.store import Records, records_for
from guide.tools.project_copy import ROOT, copy_project  # noqa: F401

MKDOCS = [sys.executable, "-m", "mkdocs"]
# The macros' errors, as the build logs them (tests read them with caplog).
MACRO_LOG = logging.getLogger("mkdocs.plugins.macros")


def records(root: Path = ROOT) -> Records:
    """The evidence record of the project at root (the real one by default)."""
    return records_for(root)


def page_call(src: str, source: str = "", meta: dict | None = None, root: Path = ROOT,
              site_url: str = "https://example.org/guide/", docs_dir: Path | None = None) -> PageCall:
    """A stand-in for the page a macro is called from: the page docs/src of
    the project at root (its pages in docs_dir, root/docs by default), whose
    text is source."""
    site = Site(root=root, docs_dir=docs_dir or root / "docs", nav=None, site_url=site_url)
    return PageCall(src=src, source=source, meta=meta or {}, site=site, records=records_for(root),
                    log_error=MACRO_LOG.error)


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def line_with(path: Path, needle: str) -> int:
    """1-based number of the first line of path that contains needle."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def edit(path: Path, old: str, new: str) -> str:
    """Replace the first old with new in path; return the text before, to restore."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def run_build(project: Path, site: Path, extra_env: dict | None = None) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    proc = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def build_or_stop(root: Path, site: Path) -> Path:
    """Build root into site; if it fails, stop the whole run with its findings.

    Most tests read the built site. Failing each of them would repeat the
    build log hundreds of times; one stop with the problems (file, line and
    fix, from the content checker's parser) is the message to act on.
    """
    build = run_build(root, site)
    if build.ok:
        return site
    from guide.checker.build import parse_output
    from guide.checker.project import Project

    findings = parse_output(Project(root / "mkdocs.yml"), build.output)
    listed = "\n".join(f"  {f.text()}" for f in findings[:20]) or build.output[-2000:]
    pytest.exit(f"the real site does not build, so the tests that read it cannot run:\n{listed}\n"
                "Fix these and run the tests again (`make build` shows the full log).", returncode=1)
