"""Put the HTML the macros held back (site_macros/after_markdown.py) into each page.

It runs on the page's HTML straight after Python-Markdown, before
hooks/html_allowlist.py checks it and before the search index reads it, so
the allowlist, the search and the built page see what they always saw. The
ids in those blocks join the page's anchors, so MkDocs' link check still
knows a link to, say, references.md#ref-flynn1994.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_macros import after_markdown  # noqa: E402

log = get_plugin_logger("macro_html")


def on_page_content(html, page, config, files):
    html, ids, missing = after_markdown.take(page.file.src_uri, html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
    if missing:
        log.error(f"docs/{page.file.src_uri}: a reference list or bibliography did not come out as HTML; "
                  "put {{ reference_list() }} or {{ bibliography() }} on a line of its own, "
                  "with a blank line before and after, not inside a list, table or code block")
    return html
