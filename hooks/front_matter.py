"""Validate each page's front matter and derive what the templates show.

Runs on every page, before Markdown becomes HTML. A problem is logged as an
error naming file and line; `strict: true` then stops the build. The
templates get the grades (for the evidence badge), each page's next review
date and whether it is overdue (against GUIDE_TODAY, if set), the page's
entries in the corrections log, its "report a problem" address and its
schema.org facts, so no page has to compute them itself.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_macros import corrections, data, page_facts, reviews  # noqa: E402
from site_macros.errors import ContentError  # noqa: E402

log = get_plugin_logger("front_matter")
_today = None


def on_config(config):
    global _today
    try:
        _today = reviews.today()  # once a build, so every page agrees
    except ContentError as e:
        raise PluginError(str(e)) from None
    return config


def on_files(files, config):
    try:
        corrections.check_pages({f.src_uri for f in files.documentation_pages()}, config)
    except ContentError:
        pass  # the macros plugin has already reported the broken data file
    return files


def on_env(env, config, files):
    try:
        env.globals["grades"] = data.grades()
    except ContentError as e:
        log.error(str(e))
    return env


def on_page_markdown(markdown, page, config, files):
    _, _, problems = data.parse_page(page.file.content_string, page.file.src_uri)
    for problem in problems:
        log.error(str(problem))
    # A date written another way (reviewed: 01/12/2026) is reported above;
    # the theme formats these as dates, so it must not see the string.
    for field in ("reviewed", "review_due"):
        if field in page.meta and not isinstance(page.meta[field], dt.date):
            del page.meta[field]
    page.meta["next_review"] = data.next_review(page.meta)
    return markdown


def report_url(config, title: str, address: str | None) -> str:
    """GitHub's new-issue address for the page-problem form, filled in.
    `template` picks the form; `title` and the form's field ids fill it."""
    extra = config.get("extra") or {}
    query = {"template": extra.get("report_form", "page-problem.yml"), "title": f"Page: {title}"}
    if address:
        query["page"] = address
    return f"{config['repo_url'].rstrip('/')}/issues/new?{urlencode(query)}"


def on_page_context(context, page, config, nav):
    src = page.file.src_uri
    meta = page.meta or {}
    # The text itself: title and description reach here HTML-escaped (hooks/html_allowlist.py).
    title = page_facts.plain(meta.get("title") or page.title or config["site_name"])
    try:
        entries = corrections.for_page(src)
    except ContentError:
        entries = []  # reported by the macros plugin
    context["review"] = reviews.state(meta.get("next_review"), _today)
    context["page_changes"] = {"count": len(entries), "anchor": corrections.anchor(src)}
    context["report_url"] = report_url(config, title, page.canonical_url)
    context["page_facts"] = page_facts.facts(
        src=src, meta=meta, title=title, url=page.canonical_url, config=config,
        last_changed=entries[0]["date"] if entries else None)
    return context
