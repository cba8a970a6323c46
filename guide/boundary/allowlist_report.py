"""Every page's HTML, front matter and data text against the allowlist,
as findings a contributor can act on.

Anything outside the allowlist (html_allowlist.py) is a build error naming
the file and line where it was written, so the contributor is told, not
silently corrected; `strict: true` then stops the build. The page is still
published cleaned, so nothing outside the allowlist reaches the site even
from a build someone forces through. hooks/content_html.py runs these.

Data files are checked once a build, before any page: HTML in a safety
callout is blamed on data/safety.yml and its line, not on every page that
shows it. Titles, descriptions and findings are escaped where the theme
prints them (see escape_meta), so they can never end a tag.
"""

from __future__ import annotations

import functools

from pathlib import Path

import yaml
from markupsafe import Markup

from ..errors import line_of
from ..records.pages import key_line, split_front_matter
from ..records.store import signature
from ..records.yaml_files import SAFE_LOADER
from . import html_allowlist

FIX = "remove it or write it in Markdown; CONTRIBUTING.md lists the HTML a page may use"
# Plain-text fields: no markup at all. finding is shown in tables as Markdown.
PLAIN_FIELDS = ("title", "description")
MARKUP_FIELDS = ("finding",)


def _message(piece: str, where: str = "") -> str:
    return f"{html_allowlist.describe(piece)}{where} is not on the guide's HTML allowlist ({FIX})"


def _scalars(node, found):
    """Every string in a YAML tree with its 1-based line."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str":
            found.append((node.start_mark.line + 1, node.value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _scalars(item, found)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _scalars(value, found)
    return found


def data_file_problems(path: Path, name: str) -> list[str]:
    """'name:line: message' for each text of a data file outside the allowlist;
    name is the file as contributors see it (data/safety.yml)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError):
        return []  # reported by the loader that reads the file
    problems = []
    for line, text in _scalars(node, []) if node is not None else []:
        for piece in html_allowlist.disallowed(text):
            problems.append(f"{name}:{line}: {_message(piece)}")
    return problems


_checked: dict[Path, tuple[tuple, list[str]]] = {}


def data_problems(root: Path) -> list[str]:
    """data_file_problems() for every data file of the project at root;
    read again only when a data file has changed."""
    root = Path(root).resolve()
    stamp = signature(root)
    held = _checked.get(root)
    if held is None or held[0] != stamp:
        held = _checked[root] = (stamp, [problem for path in sorted((root / "data").glob("*.yml"))
                                         for problem in data_file_problems(path, f"data/{path.name}")])
    return held[1]


@functools.lru_cache(maxsize=4)
def data_problems_of(records) -> tuple[str, ...]:
    """data_problems() for the project a Records reads: once for each
    reading of its files (a build reads them once; `make serve` again after
    a change), so a page need not check the data files' digests again."""
    return tuple(data_problems(records.root))


def front_matter_problems(src: str, source: str, meta: dict) -> list[str]:
    """Front-matter texts of the page docs/src outside the allowlist."""
    yaml_text = split_front_matter(source)[0]
    problems = []
    for field in PLAIN_FIELDS + MARKUP_FIELDS:
        value = meta.get(field)
        if not isinstance(value, str):
            continue
        cleaner = html_allowlist.PLAIN if field in PLAIN_FIELDS else html_allowlist.CONTENT
        for piece in html_allowlist.disallowed(value, cleaner):
            if field in PLAIN_FIELDS:
                what, fix = f"HTML: {html_allowlist.describe(piece)}", "write it as plain text, with no tags"
            else:
                what, fix = html_allowlist.describe(piece), FIX
            problems.append(f"docs/{src}:{key_line(yaml_text, field)}: front matter '{field}' holds {what}, "
                            f"which is not on the guide's HTML allowlist ({fix})")
    return problems


def escape_meta(meta: dict) -> None:
    """Title, description and finding escaped once, where the theme reads them.

    Material prints page.meta.title and page.meta.description unescaped (in
    <title>, <meta> and the header). As Markup the escaped text prints as it
    is, and the `| e` filter does not escape it twice. Only < > & and " are
    escaped: an apostrophe is harmless in text and in "quoted" attributes.
    """
    for field in PLAIN_FIELDS + MARKUP_FIELDS:
        value = meta.get(field)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[field] = Markup(value.replace("&", "&amp;").replace("<", "&lt;")
                                 .replace(">", "&gt;").replace('"', "&quot;"))


def page_html(html: str, src: str, source: str, data_broken: bool) -> tuple[str, list[str]]:
    """(the page's HTML cleaned by the allowlist, a message for each piece
    removed, at the source line that wrote it). data_broken: the data files
    broke the allowlist already, so a piece not in this page's text came
    from them and was reported at their line."""
    cleaned, removed = html_allowlist.check(html)
    problems = []
    for piece in removed:
        line = next((line_of(source, n) for n in html_allowlist.needles(piece) if n and n in source), None)
        if line is None:
            if data_broken:
                continue  # it came from a data file, already reported at its line
            line = 1
            where = ", which comes from an include or a macro, not from this page's text,"
        else:
            where = ""
        problems.append(f"docs/{src}:{line}: {_message(piece, where)}")
    return cleaned, problems
