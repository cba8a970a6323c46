"""Our two stylesheets travel inside every page's <head>, not as downloads.

Linked, extra.css was a render-blocking request of its own and print.css a
second request: in Lighthouse (simulated slow 4G, median of 3) the home
page's first paint came about 150 ms after plain Material's and its largest
paint about 300 ms after. Inline, both match plain Material (issue 18). They
cost about 5 KB compressed in each page, about what the two requests cost.

The files stay in docs/assets/stylesheets/, where contributors look for
them; mkdocs.yml's exclude_docs keeps them out of the built site, and
overrides/main.html prints them with guide_styles (set by
hooks/inline_styles.py). Only these two files,
read from the project's own docs/: no page or data file can reach this.

The comments stay in the files and are left out of the pages: they are a
third of the text, about 2 KB compressed in every page. Lighthouse's
simulated slow 4G sends about 14 KB in its first round trip, and pages just
over that paint a round trip later: without the comments the Memory page
went from 14.7 KB to 12.7 KB and its largest paint from 1.64 s to 1.49 s
(median of 5, plain Material 1.40 s, same run).
"""

from __future__ import annotations

import re
from pathlib import Path

STYLES = ("extra", "print")
# What is kept as it is (a quoted string or an unquoted url(), where "/*" is
# not a comment), or a comment.
KEPT_OR_COMMENT = re.compile(r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|url\([^"')]*\))|/\*.*?\*/""",
                             re.S | re.I)
BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def without_comments(css: str) -> str:
    # A comment parts what is either side of it (1px/**/2px is two values),
    # so it becomes a space, not nothing.
    css = KEPT_OR_COMMENT.sub(lambda m: m.group(1) or " ", css)
    return BLANK_LINES.sub("", css).strip()


def inline_styles(docs_dir: Path) -> dict[str, str]:
    """Our stylesheets by name, without their comments, for the templates."""
    folder = Path(docs_dir) / "assets" / "stylesheets"
    return {name: without_comments((folder / f"{name}.css").read_text(encoding="utf-8")) for name in STYLES}
