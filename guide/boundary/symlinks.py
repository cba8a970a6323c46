"""No symbolic links in the folders a build reads.

A link under includes/ or docs/assets/ to /proc/self/environ (or to any
file on the machine) would be read or copied into the site as if it were
content. A pull request can add one as easily as a page, so the build
stops before it reads a single file (hooks/no_symlinks.py runs this before
every plugin), naming every link it found.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDERS = ("docs", "includes", "data", "overrides", "schemas")


def symlinks(root: Path) -> list[tuple[str, str]]:
    """(project-relative path, target) of every symlink under FOLDERS."""
    found = []
    for folder in FOLDERS:
        top = root / folder
        if top.is_symlink():
            found.append((folder, os.readlink(top)))
            continue
        for here, dirs, files in os.walk(top):  # does not follow links
            for name in sorted(dirs + files):
                path = Path(here) / name
                if path.is_symlink():
                    found.append((path.relative_to(root).as_posix(), os.readlink(path)))
    return found


def problems(root: Path) -> list[str]:
    """One 'path:1: message' per symbolic link under FOLDERS."""
    return [f"{path}:1: is a symbolic link (to {target}); the build reads only real files "
            "in the project (replace it with a copy of the file it points to, or delete it)"
            for path, target in symlinks(root)]
