"""Each page without the indentation its templates leave in it.

Material's templates indent every line of a page, and the indentation is a
tenth of a benefit page's compressed size (about 1.3 KB of 15 KB): enough
to push a page past the first network round trip, about 14 KB, after which
a slow connection waits for a second one before it can paint.

Between tags, a run of spaces and newlines shows as one space or nothing,
so a line's leading spaces and blank lines can go and the page looks and
reads the same. Where whitespace is shown as it is (pre, code, kbd and
textarea, which Material's CSS or the browser keep as written) and in
scripts and stylesheets (whose hashes the Content Security Policy lists:
a changed byte and the browser refuses them), nothing changes.
"""

from __future__ import annotations

import re

# A block whose text is kept as it is, or the text between two such blocks.
KEPT = re.compile(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
# A newline and the whitespace after it (the next line's indentation, blank
# lines). Spaces before a newline stay: matching them too made this four
# times slower, for a few bytes.
INDENT = re.compile(r"\n\s+")


def dedent(html: str) -> str:
    """html with each line's indentation and the blank lines taken out,
    but for what pre, code, kbd, textarea, script and style elements hold."""
    out, last = [], 0
    for kept in KEPT.finditer(html):
        out.append(INDENT.sub("\n", html[last:kept.start()]))
        out.append(kept.group(0))
        last = kept.end()
    out.append(INDENT.sub("\n", html[last:]))
    return "".join(out)
