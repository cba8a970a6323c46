"""Give every page the glossary tooltips through abbr's own `glossary` option.

The terms live in includes/glossary.md as `*[Term]: meaning` lines. They used
to be appended to every page by pymdownx.snippets (`auto_append`). That made
the glossary one 118-line block at the end of every page, and Python-Markdown
takes such a block apart one definition at a time: after each one it puts
the rest back and tests every block processor against it again. That is
quadratic in the glossary's length, and it was almost half of the build time.

Python-Markdown's abbr extension (3.7+) takes a `glossary` of terms that
apply to every page (hooks/glossary_terms.py sets it), which is the same
result without re-parsing the list on each page. The file is read here with the abbr extension itself, so a
line means exactly what it meant when it was appended to a page. Each line
is passed as a block of its own, which keeps even this one parse linear
(tests/test_glossary.py holds the file to one definition a line).
"""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.extensions.abbr import AbbrExtension
from ..errors import ContentError

GLOSSARY = Path("includes") / "glossary.md"


def read_glossary(path: Path) -> dict[str, str]:
    """Term -> meaning, parsed by the abbr extension exactly as a page would be."""
    abbr = AbbrExtension()
    lines = path.read_text(encoding="utf-8").splitlines()
    markdown.Markdown(extensions=[abbr]).convert("\n\n".join(lines))
    return dict(abbr.abbrs)


def glossary(root: Path) -> dict[str, str]:
    """The project's glossary (includes/glossary.md), or a ContentError if it is gone."""
    path = Path(root) / GLOSSARY
    if not path.is_file():
        raise ContentError(f"{GLOSSARY}: the glossary file is missing; restore it "
                           "(it gives every page its tooltips)")
    return read_glossary(path)
