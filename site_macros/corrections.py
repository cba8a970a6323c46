"""The corrections log (data/corrections.yml) as readers see it.

corrections_log() lists the entries on the "What changed" page, grouped by
page, each group under a heading whose id every page can link to. The log's
entries name pages by their docs/ path; a path that is not a page (nor a
page merged away with a redirect) is a build error with the entry's line.
"""

from __future__ import annotations

import difflib
import functools
import html
from pathlib import Path

from . import data
from .page import link_to, log
from .reviews import long_date

LOG = "data/corrections.yml"
CHANGES_PAGE = "changes.md"
# Grade ids the log may name that data/grades.yml no longer has: before
# 2026-12-01 one grade mixed "contradicted" with "not studied".
RETIRED_GRADES = {"not-supported": "Not supported"}


def anchor(src: str) -> str:
    """The heading id of a page's group, e.g. page-benefits-physical-knee-load."""
    return "page-" + src[: -len(".md")].replace("/", "-").replace("_", "-")


def for_page(src: str) -> list[dict]:
    """This page's entries, newest first."""
    return [e for e in data.corrections() if e["page"] == src]


@functools.lru_cache(maxsize=4)
def _titles(docs_dir: str) -> dict[str, str]:
    """Each page's title, from its front matter (problems are the hook's)."""
    root = Path(docs_dir)
    titles = {}
    for path in sorted(root.rglob("*.md")):
        meta, _, _ = data.read_page(path, root)
        titles[path.relative_to(root).as_posix()] = str(meta.get("title") or path.stem)
    return titles


def redirected(config) -> set[str]:
    """Pages merged away: the old paths of the redirects plugin, if it is used."""
    plugin = (config.get("plugins") or {}).get("redirects")
    maps = getattr(plugin, "config", {}).get("redirect_maps", {}) if plugin else {}
    return set(maps or {})


def check_pages(pages: set[str], config) -> None:
    """Log an error for each entry whose page does not exist."""
    gone = redirected(config)
    for entry in data.corrections():
        if entry["page"] not in pages and entry["page"] not in gone:
            close = difflib.get_close_matches(entry["page"], sorted(pages), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            log.error(f"{LOG}:{entry['line']}: entry for page '{entry['page']}': no such page "
                      f"under docs/{hint} (write the path relative to docs/, like benefits/physical/knee-load.md)")


def _text(value: str) -> str:
    # Markdown stays (emphasis), HTML does not: the log is data, not markup.
    return html.escape(" ".join(value.split()), quote=False)


def _entry(entry: dict) -> str:
    labels = {**RETIRED_GRADES, **{g["id"]: g["label"] for g in data.grades().values()}}
    line = f"- **{long_date(entry['date'])}.** {_text(entry['change'])} *Why:* {_text(entry['why'])}"
    if "grade_before" in entry:
        before = labels.get(entry["grade_before"], entry["grade_before"])
        after = labels.get(entry["grade_after"], entry["grade_after"])
        line += (f" *Grade:* {before} before, {after} after." if before != after
                 else f" *Grade:* still {after}.")
    return line


def corrections_log(env, level: int = 2) -> str:
    """Every entry, grouped by page; the most recently changed page first."""
    titles = _titles(env.conf["docs_dir"])
    groups: dict[str, list[dict]] = {}
    for entry in data.corrections():  # newest first, so groups come in that order
        groups.setdefault(entry["page"], []).append(entry)
    if not groups:
        return "No changes have been logged yet.\n"
    out = []
    for src, entries in groups.items():
        title = _text(titles.get(src, src))
        out.append(f"{'#' * level} {title} {{ #{anchor(src)} }}\n")
        if src in titles:
            out.append(f"[Go to the page: {title}]({link_to(env, src)})\n")
        else:
            out.append("This page has been merged into another one.\n")
        out.extend(_entry(e) for e in entries)
        out.append("")
    return "\n".join(out)


def register(env) -> None:
    data.corrections()  # fail early, before any page, on a broken data file
    _titles.cache_clear()
    env.macro(lambda level=2: corrections_log(env, level), "corrections_log")
