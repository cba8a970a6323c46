"""Validate each page's front matter and derive what the templates show.

Runs on every page, before Markdown becomes HTML. A problem is logged as an
error naming file and line; `strict: true` then stops the build. The
templates get the grades (for the evidence badge) and each page's next
review date, so no page has to compute them itself.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_macros import data  # noqa: E402
from site_macros.errors import ContentError  # noqa: E402

log = get_plugin_logger("front_matter")


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
