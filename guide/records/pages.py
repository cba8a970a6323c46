"""A page's front matter: split from the text, parsed strictly, checked.

The build, the macros and the content checker read front matter only
through parse_page(), so they can never disagree about what a page says.
Dates are compared with the review-date rule in reviews.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import did_you_mean
from .store import Records
from .yaml_files import BOM, SAFE_LOADER, decode_text, iso_dates, yaml_problem

# Exactly MkDocs' own pattern (mkdocs/utils/meta.py, YAML_RE; a test keeps
# the two equal), on exactly the text MkDocs reads (decode_text): the build
# and the checker can never disagree about where front matter ends.
# How far after its last review a page's next review may be set: a
# review_due of 2999-12-31 kept a page out of every review notice and the
# weekly issue for ever.
MAX_REVIEW_MONTHS = 18
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One finding about a file, as a contributor needs to read it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _where(error) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    return f"'{path}': " if path else ""


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, line where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end():], text.count("\n", 0, match.end()) + 1


def key_line(yaml_text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", yaml_text, re.M)
    return yaml_text.count("\n", 0, match.start()) + 2 if match else 1


def check_front_matter(meta: dict, yaml_text: str, src_path: str, records: Records,
                       today: dt.date | None = None) -> list[Problem]:
    """Everything wrong with one page's front matter. src_path is docs-relative;
    the schema is the project's own (records)."""
    path = f"docs/{src_path}"
    problems = []
    data = iso_dates(meta)
    for error in sorted(records.schema("front-matter").iter_errors(data), key=lambda e: list(e.absolute_path)):
        key = str(error.absolute_path[0]) if error.absolute_path else ""
        if error.validator == "additionalProperties":
            extra = sorted(set(data) - set(error.schema["properties"]))
            for name in extra:
                problems.append(Problem(path, key_line(yaml_text, name),
                                        f"unknown front-matter field '{name}'"
                                        f"{did_you_mean(name, error.schema['properties'])} "
                                        "(see schemas/front-matter.schema.json)"))
            continue
        message = error.message
        if error.validator == "enum":
            allowed = [str(v) for v in error.validator_value]
            message = (f"{error.instance!r} is not allowed{did_you_mean(str(error.instance), allowed)} "
                       f"(use one of: {', '.join(allowed)})")
        if error.validator == "format":
            message = f"{error.instance!r} is not a date; write it as YYYY-MM-DD"
        problems.append(Problem(path, key_line(yaml_text, key) if key else 1,
                                f"front matter {_where(error)}{message}"))
    today = today or dt.date.today()
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, dt.date) and reviewed > today:
        problems.append(Problem(path, key_line(yaml_text, "reviewed"),
                                f"front matter 'reviewed' is {reviewed}, in the future; use the date you checked the page"))
    due = meta.get("review_due")
    if isinstance(reviewed, dt.date) and isinstance(due, dt.date) and due > months_after(reviewed, MAX_REVIEW_MONTHS):
        problems.append(Problem(path, key_line(yaml_text, "review_due"),
                                f"front matter 'review_due' is {due}, more than {MAX_REVIEW_MONTHS} months after "
                                f"'reviewed' ({reviewed}); every page is checked again within that time, so set "
                                f"it to {months_after(reviewed, MAX_REVIEW_MONTHS)} or sooner"))
    in_benefits = src_path.startswith("benefits/") and not src_path.endswith("index.md")
    if in_benefits and meta.get("type") != "benefit":
        problems.append(Problem(path, 1, "a page under docs/benefits/ needs 'type: benefit' in its front matter"))
    return problems


def drop_invalid(meta: dict, records: Records) -> None:
    """Remove from meta every field its schema refuses, in place.

    MkDocs reads front matter itself, and what it read is what the macros
    and templates get. A field of the wrong kind (references: 5) is
    reported by check_front_matter at its line; dropped here, it cannot
    also end the build with a Python error in the code that uses it."""
    data = iso_dates(meta)
    for error in records.schema("front-matter").iter_errors(data):
        if error.absolute_path:
            meta.pop(error.absolute_path[0], None)
        elif error.validator == "additionalProperties":
            # An unknown field: mkdocs-macros reads every field as a switch
            # or a variable (`render_macros: false` turns a page's safety
            # callouts off; `ignore_macros` ends the build in a traceback).
            for name in set(data) - set(error.schema["properties"]):
                meta.pop(name, None)
    for field in ("reviewed", "review_due"):
        if isinstance(meta.get(field), dt.datetime):
            meta.pop(field)
    for field in [key for key, value in meta.items() if not _finite(value)]:
        meta.pop(field)  # NaN or infinity: the search index would not be JSON


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day of the month, months later (the month's last day if it
    has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    return day.replace(year=year, month=month, day=28)


def next_review(meta: dict) -> dt.date | None:
    """When a page is due for review: review_due, else a year after reviewed."""
    due, reviewed = meta.get("review_due"), meta.get("reviewed")
    if isinstance(due, dt.date):
        return due
    if isinstance(reviewed, dt.date):
        try:
            return reviewed.replace(year=reviewed.year + 1)
        except ValueError:  # 29 February
            return reviewed.replace(year=reviewed.year + 1, day=28)
    return None


def parse_page(text: str, src_path: str, records: Records) -> tuple[dict, str, list[Problem]]:
    """(front matter, body, problems) of a page's source text, never raising."""
    name = f"docs/{src_path}"
    if text.startswith(BOM):
        return {}, text, [Problem(name, 1, "the file starts with a byte-order mark (BOM); save it as UTF-8 "
                                           "without one")]
    yaml_text, body, _ = split_front_matter(text)
    if not yaml_text.strip():
        return {}, body, [Problem(name, 1, "no front matter; start the file with '---', "
                                           "title, description and reviewed, then '---'")]
    try:
        meta = yaml.load(yaml_text, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        line, problem = yaml_problem(e, "check indentation, colons and quotes", first_line=2)
        return {}, body, [Problem(name, line, f"front matter is not valid YAML: {problem}")]
    if not isinstance(meta, dict):
        return {}, body, [Problem(name, 2, "front matter must be 'key: value' lines")]
    return meta, body, check_front_matter(meta, yaml_text, src_path, records)


def read_page(path: Path, docs_dir: Path, records: Records) -> tuple[dict, str, list[Problem]]:
    """parse_page() for a file, reporting a file that is not UTF-8."""
    src = path.relative_to(docs_dir).as_posix()
    text, problem = decode_text(path.read_bytes())
    if problem:
        return {}, "", [Problem(f"docs/{src}", *problem)]
    return parse_page(text, src, records)
