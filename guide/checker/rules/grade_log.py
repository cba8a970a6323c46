"""grade-log: a page's grade never moves without an entry in the corrections log.

Two checks, so the rule works on a fresh clone, in CI and offline:

1. The log against the page: the newest entry for a page that gives a
   grade_after must name the grade the page has now.
2. Git against the page, when history is there: the page's grade at the
   merge-base with main (GUIDE_BASE_REF, else origin/main, else main) is
   compared with its grade now. A change needs log entries for that page
   that lead from the old grade to the new one (grade_before, grade_after).
   Without git, or without a main branch (a shallow CI checkout), only the
   first check runs.
"""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import yaml

from ...errors import ContentError
from ...records.pages import split_front_matter
from ..findings import Finding, from_content_error

RULE = "grade-log"
LOG = "data/corrections.yml"
SUMMARY = ("A page's grade (evidence in its front matter) changed without an entry in "
           f"{LOG}. The newest entry for a page with a grade_after must match the page's grade, "
           "and a grade that differs from the one on main (found with git, when history is there) "
           "needs entries for the page with grade_before (the old grade) and grade_after (the new "
           "one), saying what changed and why. See CONTRIBUTING.md, 'Log every change of substance'.")
BASE_VARIABLE = "GUIDE_BASE_REF"
BASE_CANDIDATES = ("origin/main", "main")


def check(ctx):
    try:
        log = ctx.project.records.corrections()
    except ContentError as e:
        yield from from_content_error(str(e), RULE, LOG, "see schemas/corrections.schema.json")
        return
    pages = [p for p in ctx.pages if p.text is not None and isinstance(p.meta.get("evidence"), str)]
    old_grades = _grades_at_base(ctx.project.root, tuple(p.path for p in pages))
    for page in pages:
        now = page.meta["evidence"]
        mine = [e for e in log if e["page"] == page.src]
        line = ctx.line_of(page, "evidence:")
        logged = next((e for e in mine if "grade_after" in e), None)  # newest first
        if logged and logged["grade_after"] != now:
            yield Finding(page.path, line, RULE,
                          f"the grade is '{now}', but the newest entry for this page in {LOG} "
                          f"(line {logged['line']}, {logged['date']}) says it became '{logged['grade_after']}'",
                          f"add an entry to {LOG} with grade_before: {logged['grade_after']} and "
                          f"grade_after: {now}, saying what changed and why")
            continue
        before = old_grades.get(page.path)
        if before and before != now and not _leads(mine, before, now):
            yield Finding(page.path, line, RULE,
                          f"the grade changed from '{before}' (on main) to '{now}' with no entry in {LOG}",
                          f"add an entry for page {page.src} with grade_before: {before} and "
                          f"grade_after: {now}, saying what changed and why")


def _leads(entries: list[dict], start: str, goal: str) -> bool:
    """True if the entries' grade moves lead from start to goal (in any order)."""
    moves = {(e["grade_before"], e["grade_after"]) for e in entries if "grade_before" in e}
    reached, frontier = {start}, [start]
    while frontier:
        grade = frontier.pop()
        for before, after in moves:
            if before == grade and after not in reached:
                reached.add(after)
                frontier.append(after)
    return goal in reached


def _git(root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc if proc.returncode == 0 else None


@functools.lru_cache(maxsize=4)
def base_commit(root: Path) -> str | None:
    """The merge-base of HEAD with main, or None when git cannot say."""
    chosen = os.environ.get(BASE_VARIABLE, "").strip()
    for ref in ([chosen] if chosen else BASE_CANDIDATES):
        found = _git(root, "merge-base", "HEAD", ref)
        if found:
            return found.stdout.decode().strip()
    return None


def _grades_at_base(root: Path, paths: tuple[str, ...]) -> dict[str, str]:
    """Each page's grade at the base commit, by project-relative path."""
    base = base_commit(root)
    prefix = _git(root, "rev-parse", "--show-prefix") if base else None
    if not base or prefix is None or not paths:
        return {}
    prefix_text = prefix.stdout.decode().strip()
    request = "".join(f"{base}:{prefix_text}{p}\n" for p in paths).encode()
    out = _git(root, "cat-file", "--batch", data=request)
    if out is None:
        return {}
    grades, blob, at = {}, out.stdout, 0
    for path in paths:
        end = blob.index(b"\n", at)
        header = blob[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<name> missing": a new page
            continue
        size = int(header[2])
        text = blob[at:at + size].decode("utf-8", "replace")
        at += size + 1
        grade = _grade_of(text)
        if grade:
            grades[path] = grade
    return grades


def _grade_of(text: str) -> str | None:
    """The evidence grade in a page's old text, split off as the build does."""
    head, _, _ = split_front_matter(text.removeprefix("\ufeff"))
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError:
        return None
    grade = meta.get("evidence") if isinstance(meta, dict) else None
    return grade if isinstance(grade, str) else None
