"""Check every page's HTML, front matter and data text against the allowlist.

Anything outside it (site_macros/html_allowlist.py) is a build error naming
the file and line where it was written, so the contributor is told, not
silently corrected; `strict: true` then stops the build. The page is still
published cleaned, so nothing outside the allowlist reaches the site even
from a build someone forces through.

Data files are checked once a build, before any page: HTML in a safety
callout is blamed on data/safety.yml and its line, not on every page that
shows it. Titles, descriptions and findings are escaped where the theme
prints them (see escape_meta), so they can never end a tag.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_macros import data, html_allowlist  # noqa: E402
from site_macros.errors import line_of  # noqa: E402

log = get_plugin_logger("html_allowlist")
FIX = "remove it or write it in Markdown; CONTRIBUTING.md lists the HTML a page may use"
# Plain-text fields: no markup at all. finding is shown in tables as Markdown.
PLAIN_FIELDS = ("title", "description")
MARKUP_FIELDS = ("finding",)

# Set by on_pre_build: data text broke the allowlist, so a page showing it is
# not to blame (the data file's line was reported).
_data_broken = False


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


def check_data_file(path: Path) -> list[str]:
    """'file:line: message' for each text of a data file outside the allowlist."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=data.SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError):
        return []  # reported by the loader that reads the file
    problems = []
    for line, text in _scalars(node, []) if node is not None else []:
        for piece in html_allowlist.disallowed(text):
            problems.append(f"{data.rel(path)}:{line}: {_message(piece)}")
    return problems


def on_pre_build(config):
    global _data_broken
    problems = [p for path in sorted(data.DATA.glob("*.yml")) for p in check_data_file(path)]
    for problem in problems:
        log.error(problem)
    _data_broken = bool(problems)


def _front_matter(page) -> None:
    content = page.file.content_string
    yaml_text = data.split_front_matter(content)[0]
    for field in PLAIN_FIELDS + MARKUP_FIELDS:
        value = page.meta.get(field)
        if not isinstance(value, str):
            continue
        cleaner = html_allowlist.PLAIN if field in PLAIN_FIELDS else html_allowlist.CONTENT
        for piece in html_allowlist.disallowed(value, cleaner):
            if field in PLAIN_FIELDS:
                what, fix = f"HTML: {html_allowlist.describe(piece)}", "write it as plain text, with no tags"
            else:
                what, fix = html_allowlist.describe(piece), FIX
            log.error(f"docs/{page.file.src_uri}:{data._key_line(yaml_text, field)}: front matter "
                      f"'{field}' holds {what}, which is not on the guide's HTML allowlist ({fix})")


def escape_meta(page) -> None:
    """Title, description and finding escaped once, where the theme reads them.

    Material prints page.meta.title and page.meta.description unescaped (in
    <title>, <meta> and the header). As Markup the escaped text prints as it
    is, and the `| e` filter does not escape it twice. Only < > & and " are
    escaped: an apostrophe is harmless in text and in "quoted" attributes.
    """
    for field in PLAIN_FIELDS + MARKUP_FIELDS:
        value = page.meta.get(field)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[field] = Markup(value.replace("&", "&amp;").replace("<", "&lt;")
                                      .replace(">", "&gt;").replace('"', "&quot;"))


def on_page_markdown(markdown, page, config, files):
    _front_matter(page)
    escape_meta(page)
    return markdown


def on_page_content(html, page, config, files):
    source = page.file.content_string
    cleaned, removed = html_allowlist.check(html)
    for piece in removed:
        line = next((line_of(source, n) for n in html_allowlist.needles(piece) if n and n in source), None)
        if line is None:
            if _data_broken:
                continue  # it came from a data file, already reported at its line
            line = 1
            where = ", which comes from an include or a macro, not from this page's text,"
        else:
            where = ""
        log.error(f"docs/{page.file.src_uri}:{line}: {_message(piece, where)}")
    return cleaned
