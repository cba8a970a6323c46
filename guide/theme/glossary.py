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
from ..records import limits
from ..records.yaml_files import decode_text

GLOSSARY = Path("includes") / "glossary.md"


def read_glossary(path: Path) -> dict[str, str]:
    """Term -> meaning, parsed by the abbr extension exactly as a page would be;
    a ContentError at its line for a file that is not UTF-8 or over its limits
    (guide/records/limits.py: every term costs every page)."""
    data = path.read_bytes()
    too_big = limits.size_problem(len(data), limits.MAX_GLOSSARY_BYTES, "the glossary")
    if too_big:
        raise ContentError(f"{GLOSSARY.as_posix()}:1: {too_big}")
    text, problem = decode_text(data)
    if problem:
        raise ContentError(f"{GLOSSARY.as_posix()}:{problem[0]}: {problem[1]}")
    terms = sum(1 for line in text.splitlines() if line.startswith("*["))
    for line, message in limits.glossary_problems(text, terms):
        raise ContentError(f"{GLOSSARY.as_posix()}:{line}: {message}")
    abbr = AbbrExtension()
    lines = text.splitlines()
    markdown.Markdown(extensions=[abbr]).convert("\n\n".join(lines))
    return dict(abbr.abbrs)


def glossary(root: Path) -> dict[str, str]:
    """The project's glossary (includes/glossary.md), or a ContentError if it is gone."""
    path = Path(root) / GLOSSARY
    if not path.is_file():
        raise ContentError(f"{GLOSSARY}: the glossary file is missing; restore it "
                           "(it gives every page its tooltips)")
    return read_glossary(path)
