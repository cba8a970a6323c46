"""The corrections log (data/corrections.yml) as readers see it.

corrections_log() lists the entries on the "What changed" page, grouped by
page, each group under a heading whose id every page can link to. The log's
entries name pages by their docs/ path; a path that is not a page (nor a
page merged away with a redirect) is a build error with the entry's line.
"""

from __future__ import annotations

import difflib

from ..records.pages import read_page
from ..records.reviews import long_date
from ..records.store import Records
from .arguments import HeadingLevel
from .page_call import PageCall
from .plain_text import text as _text

LOG = "data/corrections.yml"
CHANGES_PAGE = "changes.md"
# Grade ids the log may name that data/grades.yml no longer has: before
# 2026-12-01 one grade mixed "contradicted" with "not studied".
RETIRED_GRADES = {"not-supported": "Not supported"}


def anchor(src: str) -> str:
    """The heading id of a page's group, e.g. page-benefits-physical-knee-load."""
    return "page-" + src[: -len(".md")].replace("/", "-").replace("_", "-")


def for_page(records: Records, src: str) -> list[dict]:
    """This page's entries, newest first."""
    return [e for e in records.corrections() if e["page"] == src]


def _titles(call: PageCall) -> dict[str, str]:
    """Each page's title, from its front matter (problems are the hook's);
    read once a build."""
    cache = call.site.cache
    if "titles" not in cache:
        root = call.site.docs_dir
        cache["titles"] = {path.relative_to(root).as_posix(): str(read_page(path, root, call.records)[0].get("title")
                                                                  or path.stem)
                           for path in sorted(root.rglob("*.md"))}
    return cache["titles"]


def missing_pages(records: Records, pages: set[str], merged: set[str]) -> list[str]:
    """A message for each entry whose page does not exist (nor was merged away)."""
    problems = []
    for entry in records.corrections():
        if entry["page"] not in pages and entry["page"] not in merged:
            close = difflib.get_close_matches(entry["page"], sorted(pages), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(f"{LOG}:{entry['line']}: entry for page '{entry['page']}': no such page "
                            f"under docs/{hint} (write the path relative to docs/, like "
                            "benefits/physical/knee-load.md)")
    return problems


def _entry(grades: dict[str, dict], entry: dict) -> str:
    labels = {**RETIRED_GRADES, **{g["id"]: g["label"] for g in grades.values()}}
    line = f"- **{long_date(entry['date'])}.** {_text(entry['change'])} *Why:* {_text(entry['why'])}"
    if "grade_before" in entry:
        before = labels.get(entry["grade_before"], entry["grade_before"])
        after = labels.get(entry["grade_after"], entry["grade_after"])
        line += (f" *Grade:* {_text(before)} before, {_text(after)} after." if before != after
                 else f" *Grade:* still {_text(after)}.")
    return line


def corrections_log(call: PageCall, level: HeadingLevel = 2) -> str:
    """Every entry, grouped by page; the most recently changed page first."""
    titles = _titles(call)
    grades = call.records.grades()
    groups: dict[str, list[dict]] = {}
    for entry in call.records.corrections():  # newest first, so groups come in that order
        groups.setdefault(entry["page"], []).append(entry)
    if not groups:
        return "No changes have been logged yet.\n"
    out = []
    for src, entries in groups.items():
        title = _text(titles.get(src, src))
        # Each page's entries stay out of the search index (Material's
        # data-search-exclude leaves out the section under the heading): they
        # quote what pages used to say, and a search should find what they say
        # now. The page's own intro stays searchable; every page links here.
        out.append(f"{'#' * level} {title} {{ #{anchor(src)} data-search-exclude }}\n")
        if src in titles:
            out.append(f"[Go to the page: {title}]({call.link_to(src)})\n")
        else:
            out.append("This page has been merged into another one.\n")
        out.extend(_entry(grades, e) for e in entries)
        out.append("")
    return "\n".join(out)


# The macros pages call: name -> function(call, *arguments).
MACROS = {"corrections_log": corrections_log}
