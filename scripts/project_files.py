"""The files a build of the site reads, and a copy of them to change freely.

Tests break a copy on purpose; the benchmarks add synthetic pages to one;
`make handout` asks for the list (run as a script) to tell if site/ is stale.
One list, so a new build input (a data folder, say) reaches all of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# scripts/checker: hooks/ci_annotations.py names build problems with its parser.
BUILD_INPUTS = ["mkdocs.yml", "docs", "overrides", "hooks", "site_macros", "data", "schemas", "includes",
                "scripts/checker"]


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


if __name__ == "__main__":
    print(" ".join(BUILD_INPUTS))
