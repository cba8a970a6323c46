"""Our stylesheets travel inside the pages' <head>, not as downloads.

extra.css and print.css are in every page; handout-screen.css, how the
safety handout looks on screen, only in pages that hold the handout.

Linked, extra.css was a render-blocking request of its own and print.css a
second request: in Lighthouse (simulated slow 4G, median of 3) the home
page's first paint came about 150 ms after plain Material's and its largest
paint about 300 ms after. Inline, both match plain Material (issue 18). They
cost about 5 KB compressed in each page, about what the two requests cost.

The files are code, so they live with the templates in
overrides/assets/stylesheets/ (issue 30: docs/ holds content only, and a
change to them is plainly a change to the theme, reviewed as code).
hooks/inline_styles.py keeps the files out of the built site, and
overrides/main.html prints them with guide_styles. A stylesheet printed
into <style> must not hold "</style" or "<script": that would end the
stylesheet and start HTML on every page, so it is an error at its line.

The comments stay in the files and are left out of the pages: they are a
third of the text, about 2 KB compressed in every page. Lighthouse's
simulated slow 4G sends about 14 KB in its first round trip, and pages just
over that paint a round trip later: without the comments the Memory page
went from 14.7 KB to 12.7 KB and its largest paint from 1.64 s to 1.49 s
(median of 5, plain Material 1.40 s, same run).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..errors import ContentError

STYLES = ("extra", "print", "handout-screen")
# What is kept as it is (a quoted string or an unquoted url(), where "/*" is
# not a comment), or a comment.
KEPT_OR_COMMENT = re.compile(r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|url\([^"')]*\))|/\*.*?\*/""",
                             re.S | re.I)
BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")
# Indentation is for people reading the file; in a page it is bytes that
# every reader downloads (about 200 compressed, enough to push a page past
# the first round trip). CSS has no meaning in a line's leading spaces (a
# string cannot run over a line without a backslash, which our files never use).
INDENT = re.compile(r"\n[ \t]+")


# Every page asks for the same three texts (its policy hashes them), so
# each text is cleaned once; a changed file is a new text, cleaned anew.
@functools.lru_cache(maxsize=16)
def without_comments(css: str) -> str:
    # A comment parts what is either side of it (1px/**/2px is two values),
    # so it becomes a space, not nothing.
    css = KEPT_OR_COMMENT.sub(lambda m: m.group(1) or " ", css)
    return INDENT.sub("\n", BLANK_LINES.sub("", css)).strip()


FOLDER = Path("assets") / "stylesheets"
ENDS_STYLE = re.compile(r"</\s*style|<\s*/?\s*script|<!--", re.I)


def stylesheet_files(theme_dir: Path) -> list[Path]:
    """The stylesheets printed inline, in the theme folder (overrides/);
    none for a build without that folder (make bench's plain Material)."""
    if theme_dir is None:
        return []
    return [Path(theme_dir) / FOLDER / f"{name}.css" for name in STYLES]


def inline_styles(theme_dir: Path) -> dict[str, str]:
    """Our stylesheets by name, without their comments, for the templates;
    raises ContentError naming the line if one could end its <style>."""
    styles = {}
    for name, path in zip(STYLES, stylesheet_files(theme_dir)):
        css = path.read_text(encoding="utf-8")
        bad = ENDS_STYLE.search(css)
        if bad:
            line = css.count("\n", 0, bad.start()) + 1
            raise ContentError(f"overrides/{FOLDER.as_posix()}/{name}.css:{line}: '{bad.group(0)}' would end "
                               "the stylesheet printed into every page and start HTML; write it as \\3C in a "
                               "CSS string, or remove it")
        styles[name] = without_comments(css)
    return styles
