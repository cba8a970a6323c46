"""What the templates show around a page: its review dates, its corrections,
its "report a problem" link and its schema.org facts.

hooks/page_meta.py hands these to the theme for every page, so no template
computes them itself. A page's front matter is checked here too, before
Markdown becomes HTML, and each problem names its file and line.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from ..content import corrections_log
from ..errors import ContentError
from ..records.pages import next_review, parse_page
from ..records.reviews import state
from ..records.store import Records
from .page_facts import facts, plain


def front_matter(meta: dict, src: str, source: str, records: Records) -> list[str]:
    """The page's front-matter problems; meta is made fit for the theme:
    a date written another way (reviewed: 01/12/2026) is reported and
    dropped, since the theme formats these as dates, and next_review is set."""
    _, _, problems = parse_page(source, src, records)
    for field in ("reviewed", "review_due"):
        if field in meta and not isinstance(meta[field], dt.date):
            del meta[field]
    meta["next_review"] = next_review(meta)
    return [str(problem) for problem in problems]


def report_url(config: dict, title: str, address: str | None) -> str:
    """GitHub's new-issue address for the page-problem form, filled in.
    `template` picks the form; `title` and the form's field ids fill it."""
    extra = config.get("extra") or {}
    query = {"template": extra.get("report_form", "page-problem.yml"), "title": f"Page: {title}"}
    if address:
        query["page"] = address
    return f"{config['repo_url'].rstrip('/')}/issues/new?{urlencode(query)}"


def page_context(*, src: str, meta: dict, nav_title, address: str | None, config: dict,
                 records: Records, today: dt.date) -> dict:
    """The template variables of one page: review, page_changes, report_url, page_facts."""
    # The text itself: title and description reach here HTML-escaped (allowlist_report.escape_meta).
    title = plain(meta.get("title") or nav_title or config["site_name"])
    try:
        entries = corrections_log.for_page(records, src)
    except ContentError:
        entries = []  # reported by the macros adapter
    return {
        "review": state(meta.get("next_review"), today),
        "page_changes": {"count": len(entries), "anchor": corrections_log.anchor(src)},
        "report_url": report_url(config, title, address),
        "page_facts": facts(src=src, meta=meta, title=title, url=address, config=config,
                            last_changed=entries[0]["date"] if entries else None,
                            sources=_sources(records)),
    }


def _sources(records: Records) -> dict[str, dict]:
    try:
        return records.bibliography()
    except ContentError:
        return {}  # reported by the macros adapter
