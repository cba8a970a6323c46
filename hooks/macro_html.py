"""Put the HTML the macros held back (site_macros/after_markdown.py) into each page.

It runs on the page's HTML straight after Python-Markdown, before
hooks/html_allowlist.py checks it (so mkdocs.yml lists it first) and before
the search index reads it: the allowlist, the search and the built page see
what they always saw. The ids in those blocks join the page's anchors, so
MkDocs' link check still knows a link to, say, references.md#ref-flynn1994.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_macros import after_markdown  # noqa: E402
from site_macros.errors import line_of  # noqa: E402

log = get_plugin_logger("macro_html")


def on_page_content(html, page, config, files):
    html, ids, misplaced = after_markdown.take(page, html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
    for problem in misplaced:
        line = line_of(page.file.content_string, problem.call)
        where = "was shown as text (it is in a code block)" if not problem.found else "landed inside a paragraph"
        log.error(f"docs/{page.file.src_uri}:{line}: {{{{ {problem.call} }}}} {where}; put it on a line "
                  "of its own, with a blank line before and after")
    return html
