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

from project_files import ROOT, copy_project  # noqa: F401  (scripts/, on the path via pytest.ini)

MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_build(project: Path, site: Path, extra_env: dict | None = None) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    proc = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(proc.returncode, proc.stdout + proc.stderr, site)

