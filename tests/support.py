"""Helpers the tests share: the project root and throw-away builds.

A plain module, not conftest.py: tests/browser has a conftest of its own,
and `from conftest import ...` would find whichever pytest loaded first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; a variant copies these and changes what a test says.
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "hooks", "site_macros", "data", "schemas", "includes"]
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


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest
