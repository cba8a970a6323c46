"""Compare two builds of the site file by file: every difference, or none.

    python scripts/compare_builds.py SITE_A SITE_B

CI builds the site with MkDocs and with ProperDocs (the maintained fork of
MkDocs 1.x) and runs this on the two. The one line allowed to differ is
the page's `<meta name="generator">`, which names the tool that built it.
Anything else (a file only one build wrote, or a changed byte) is listed,
with the first differing line, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

# The generator line names the tool and its version; nothing else may differ.
GENERATOR = re.compile(rb'^\s*<meta name="generator" content="[^"]*">\s*$', re.M)


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    return GENERATOR.sub(b"", data) if path.suffix == ".html" else data


def first_difference(a: bytes, b: bytes) -> str:
    """Where the two first differ: the line number and both versions of it."""
    lines_a = a.decode("utf-8", "replace").splitlines()
    lines_b = b.decode("utf-8", "replace").splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False).get_opcodes():
        if tag != "equal":
            old = lines_a[i1][:150] if i1 < i2 else "(nothing)"
            new = lines_b[j1][:150] if j1 < j2 else "(nothing)"
            return f"line {i1 + 1}: {old!r} became {new!r}"
    return "the bytes differ, not the lines (line endings, or a binary file)"


def compare(site_a: Path, site_b: Path) -> list[str]:
    files_a = {p.relative_to(site_a).as_posix() for p in site_a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(site_b).as_posix() for p in site_b.rglob("*") if p.is_file()}
    problems = [f"{name}: only in {site_a}" for name in sorted(files_a - files_b)]
    problems += [f"{name}: only in {site_b}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        a, b = normalised(site_a / name), normalised(site_b / name)
        if a != b:
            problems.append(f"{name}: differs: {first_difference(a, b)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            print(f"compare_builds.py: {site}: no such folder; build the site there first", file=sys.stderr)
            return 2
    problems = compare(args.site_a, args.site_b)
    count = sum(1 for p in args.site_a.rglob("*") if p.is_file())
    if problems:
        print(f"{len(problems)} difference{'s' if len(problems) != 1 else ''} "
              f"(the generator line is ignored):\n  " + "\n  ".join(problems))
        return 1
    print(f"{count} files compared: identical apart from the generator line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
