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
import hashlib
import html as html_text
import re
from pathlib import Path

import yaml
from markupsafe import Markup

from ..errors import line_of
from ..records.pages import key_line, split_front_matter
from ..records.yaml_files import SAFE_LOADER, refuse_aliases, scalar_texts
from . import html_allowlist, site_rules

FIX = "remove it or write it in Markdown; CONTRIBUTING.md lists the HTML a page may use"
# Plain-text fields: no markup at all. finding is shown in tables as Markdown.
PLAIN_FIELDS = ("title", "description")
MARKUP_FIELDS = ("finding",)


def _message(piece: str, where: str = "") -> str:
    return f"{html_allowlist.describe(piece)}{where} is not on the guide's HTML allowlist ({FIX})"


# Markdown a contributor may have meant to work in a data text, and that
# would link, style or hide something if it did. Data texts are plain text
# (guide/content/plain_text.py shows them exactly as written), so each is
# refused at its line rather than shown as typed. (A star or an underscore
# stays: shown as typed, it does no harm, and "*" can be text.)
MARKDOWN = (
    (re.compile(r"\]\s*\("), "a Markdown link or image ('](')"),
    (re.compile(r"\]\s*:"), "a Markdown link reference ('[...]:')"),
    (re.compile(r"\{\s*[:.#]"), "an attribute list ('{: ...}', '{ .class }' or '{ #id }')"),
    (re.compile(r"\[\^"), "a footnote ('[^')"),
    (re.compile(r"`"), "code ('`')"),
    (re.compile(r"-{1,}8<-{1,}"), "a snippet ('--8<--')"),
)


def markdown_in(text: str) -> str | None:
    """What Markdown a data text holds, as the error message names it, or None."""
    for pattern, what in MARKDOWN:
        if pattern.search(text):
            return what
    return None


def data_file_problems(path: Path, name: str, data: bytes | None = None) -> list[str]:
    """'name:line: message' for each text of a data file (its bytes, if
    already read) outside the allowlist; name is the file as contributors
    see it (data/safety.yml)."""
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8")
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError):
        return []  # reported by the loader that reads the file
    problems = []
    try:
        refuse_aliases(node) if node is not None else None
    except yaml.YAMLError:
        return []  # reported by the loader that reads the file
    for line, text in scalar_texts(node):
        for piece in html_allowlist.disallowed(text):
            problems.append(f"{name}:{line}: {_message(piece)}")
        markdown = markdown_in(text)
        if markdown:
            problems.append(f"{name}:{line}: this text holds {markdown}, but data texts are plain text: pages "
                            "show them exactly as written, so it would appear as typed; remove it (a source's "
                            "address belongs in data/bibliography.yml)")

    return problems


# Each data file's problems by its bytes' digest: after a save of one data
# file, `make serve` checks that file again, not all of them.
_checked: dict[Path, tuple[bytes, list[str]]] = {}


def data_problems(root: Path) -> list[str]:
    """data_file_problems() for every data file of the project at root;
    a file is read again only when it has changed."""
    problems = []
    for path in sorted((Path(root).resolve() / "data").glob("*.yml")):
        try:
            data = path.read_bytes()
        except OSError:
            continue  # gone since the listing: the loader reports a missing file
        stamp = hashlib.blake2b(data, digest_size=16).digest()
        held = _checked.get(path)
        if held is None or held[0] != stamp:
            held = _checked[path] = (stamp, data_file_problems(path, f"data/{path.name}", data))
        problems += held[1]
    return problems


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
    return cleaned, problems + name_problems(cleaned, src, source)


NAME_ATTRIBUTE = re.compile(r'\s(id|class)="([^"]*)"')


def _name_line(source: str, kind: str, name: str, raw: str) -> int:
    label = name.split(":", 1)[1] if name.startswith(("fn:", "fnref:")) else None
    footnote = (f"[^{label}]:", f"[^{label}]") if label else ()  # footnotes make fn:label ids
    for text in (source, _unescaped_lines(source)):
        for needle in (*footnote, f"#{name}", f".{name}", raw, name, html_text.escape(name)):
            if needle and needle in text:
                return line_of(text, needle)
    return 1


def _unescaped_lines(source: str) -> str:
    """source with its character references resolved line by line, so a
    name written &#97;dmonition is found on the line that wrote it."""
    return "\n".join(html_text.unescape(line).replace("\n", " ") for line in source.split("\n"))


@functools.lru_cache(maxsize=8)
def _as_html_reads(source: str) -> str:
    # A page asks this for each theme name in its HTML (a thousand a build),
    # always of the same source: resolved once a page.
    return html_text.unescape(source) if "&" in source else source


def written_in(source: str, kind: str, name: str) -> bool:
    """True if the page's source sets this id or class itself, in an
    attribute list ({ .name } or { #name }) or an HTML attribute, rather
    than a Markdown extension writing it. The source is read as HTML reads
    it, character references resolved: class="&#97;dmonition" is written
    "admonition"."""
    source = _as_html_reads(source)
    mark, quoted = ("#", re.escape(name)) if kind == "id" else (".", re.escape(name))
    in_braces = re.search(rf"\{{[^}}\n]*{re.escape(mark)}{quoted}(?![\w-])", source)
    attribute = rf"{kind}\s*=\s*[\"']?[^\"'>]*(?<![\w-]){quoted}(?![\w-])"
    return bool(in_braces or re.search(attribute, source, re.I))


def name_problems(html: str, src: str, source: str) -> list[str]:
    """Ids and classes in a page's HTML that are not safe names, or that
    take a name the theme reserves (site_rules.RESERVED): an id that leaves
    its attribute where the theme prints it (the table of contents), a
    second __config that re-points the theme, a class that hides a callout."""
    problems = []
    for kind, raw in NAME_ATTRIBUTE.findall(html):
        value = html_text.unescape(raw)
        names = [value] if kind == "id" else value.split()
        for name in names:
            if not site_rules.SAFE_NAME.match(name):
                why = (f"the {kind} '{name[:60]}' has characters {'an id' if kind == 'id' else 'a class'} "
                       "may not have (quotes, spaces, brackets can end the attribute where the theme "
                       "prints it); use letters, digits and dashes")
            elif site_rules.RESERVED.match(name) and name not in site_rules.CONTENT_MAY_WRITE and (
                    not (site_rules.THEME_IDS_IN_ARTICLE.match(name) if kind == "id"
                         else name in site_rules.THEME_CLASSES_IN_ARTICLE)
                    or written_in(source, kind, name)):
                why = (f"the {kind} '{name}' is a name the theme reserves (names starting __, md-, "
                       "tabbed- and the like can re-point the theme or hide what is around them); choose another")
            else:
                continue
            problems.append(f"docs/{src}:{_name_line(source, kind, name, raw)}: {why}")
    # A name the page writes once is in the HTML once for each box a macro
    # drew with it (one class="admonition" written by hand matched all 7
    # callouts of the page): each place is said once.
    return list(dict.fromkeys(problems))
