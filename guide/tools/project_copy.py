"""The files a build of the site reads, and a copy of them to change freely.

Tests break a copy on purpose; the benchmarks add synthetic pages to one;
`make handout` asks for the list (run as a script) to tell if site/ is stale.
One list, so a new build input (a data folder, say) reaches all of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# The checkout this package is installed from (`make` installs it editable).
ROOT = Path(__file__).resolve().parents[2]
# guide/: the hooks hand every step to it. A copy built with `python -m
# mkdocs` from its own folder imports its own copy of the package.
BUILD_INPUTS = ["mkdocs.yml", "docs", "overrides", "hooks", "guide", "data", "schemas", "includes"]


def copy_project(dest: Path) -> Path:
    """Copy the build inputs into dest (created if missing); return dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in BUILD_INPUTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def main(argv=None) -> int:
    print(" ".join(BUILD_INPUTS))
    return 0
