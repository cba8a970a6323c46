"""A page for every source, at studies/<id>/: the study's whole record, and
everything in the guide that relies on it.

Each page is Markdown made by plain functions from data/bibliography.yml,
data/safety.yml and the pages' own front matter and macro calls
(study_uses.py), before any page is rendered:

- pages() gives every study page's Markdown by its docs/ path;
- hooks/generated_pages.py hands them to MkDocs as generated files (MkDocs
  1.6's public File.generated(), in on_files): nothing is written to docs/;
- write() puts the same files into a docs folder, for a build by another
  engine (make bench does this for plain Material, which runs no hooks).

The Markdown uses nothing but what every Python-Markdown engine reads: a
front matter, headings, lists, links to other pages by their .md path
(so a strict build checks each link and anchor), and HTML blocks for the
record. Text from the data files is escaped, and it never holds a
template tag, so mkdocs-macros, which renders every page, finds nothing
to run in it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from pathlib import Path

from ..errors import ContentError
from ..records.store import Records
from . import citations, study
from .safety import source_label
from .study_uses import FOLDER, Uses, cite_anchor, src_of, uses

# Below 1, so the page that answers a reader's question comes before the
# record of a study behind it (Material's search, front matter search.boost).
SEARCH_BOOST = 0.5
PRECAUTIONS = "precautions.md"
REFERENCES = "references.md"
GRADES_PAGE = "about.md#evidence-grades"
TITLE_MAX = 70
DESCRIPTION_MAX = 160
# Markdown's own escapes: these characters are text, never markup.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|<>])")


def _md(text: str) -> str:
    """Data text for Markdown: every character shown as written."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _html(text: str) -> str:
    """Markup made from data text, with no brace a template engine would
    read ("{{", "{%", "{#"): each "{" is written as a character reference."""
    return text.replace("{", "&#123;")


def _yaml(front: dict) -> list[str]:
    """The front matter's lines. Each text is a JSON string, which YAML reads
    as the same text (a colon, a quote or a # in a title is safe); written
    by hand, as PyYAML's writer was a fifth of the time these pages take."""
    lines = []
    for key, value in front.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {json.dumps(v)}" for k, v in value.items()]
        elif isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return lines


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return cut + "…"


def title_of(entry: dict) -> str:
    """The page's title: "Alghadir 2019, randomised trial", or the
    organisation and its page's title, at most 70 characters."""
    label = source_label(entry)
    design = entry["study"]["design"]
    if entry.get("year") and label.endswith(str(entry["year"])):
        text = f"{label}, {design}"
    elif label != entry["title"]:
        text = f"{label}: {entry['title']}"
    else:
        text = entry["title"]
    return _shorten(" ".join(text.split()), TITLE_MAX)


def description_of(entry: dict) -> str:
    """One sentence for search engines and link previews (50 to 160 characters)."""
    line = study.design_line(entry["study"])
    tail = " What it did and found, and which pages of this guide rely on it."
    text = f"{line}.{tail}" if len(line) + 1 + len(tail) <= DESCRIPTION_MAX else f"{line}."
    return _shorten(text, DESCRIPTION_MAX)


def _link(src: str, target: str, anchor: str = "") -> str:
    """A Markdown link target from the study page at src to a docs/ file."""
    path = posixpath.relpath(target, posixpath.dirname(src))
    return f"{path}#{anchor}" if anchor else path


def _quoted(places) -> str:
    # A heading that is itself a quotation ("It works your hamstrings more") keeps its own marks.
    names = [_md(p) if p[:1] in "\"“" else f"“{_md(p)}”" for p in places]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _others(count: int) -> str:
    if count <= 1:
        return "rests on this study alone"
    other = count - 1
    return f"rests on this study and {other} other{'s' if other > 1 else ''}"


def relied_on(ref_id: str, src: str, found: Uses, grades: dict[str, dict]) -> list[str]:
    """The "Relied on by" list, as Markdown lines."""
    lines = []
    holders = found.holds_up
    for page in holders + [p for p in found.pages if not p.grade]:
        link = f"[{_md(page.title)}]({_link(src, page.src, cite_anchor(ref_id))})"
        where = f", in {_quoted(page.sections)}" if page.sections else ""
        if page.grade:
            label = grades.get(page.grade, {}).get("label", page.grade)
            text = (f"{link}{where}. Its grade, **{_md(label)}**, {_others(page.rests_on)}. "
                    f"The page's main claim: “{_md(page.claim)}”" if page.claim else
                    f"{link}{where}. Its grade, **{_md(label)}**, {_others(page.rests_on)}.")
        elif page.benefit:
            text = f"{link}{where}. Cited there; the page's grade does not rest on it."
        else:
            text = f"{link}{where}."
        lines.append(f"- {text}")
    for advice in found.advice:
        lines.append(f"- The safety advice [{_md(advice.title)}]({_link(src, PRECAUTIONS, advice.anchor)}) "
                     "rests on it.")
    return lines


# The record's rows (study.rows()) by section: the rows a section names go
# there; every other row says what the study did. Sections marked True are
# left out of the search index (Material's data-search-exclude): a reader
# finds a study by its title, authors, design and who took part; its
# results, in plain words, are on the pages that answer the question, which
# search should show first. The index stays small as well.
SECTIONS = (
    ("What it found", {"Result"}, True),
    ("What it could not show", {"Limitation"}, True),
    ("How we checked this record", {"Checked"}, True),
)
LISTED = {"Result", "Limitation"}  # rows shown as a list, not as name and value


def _heading(text: str, unsearched: bool) -> str:
    return f"## {text} {{ data-search-exclude }}" if unsearched else f"## {text}"


def _block(rows: list[tuple[str, str]]) -> str:
    """Rows as one HTML block: a list, or names and values. Values are
    apart from names (a search index reads "Who Adults", not "WhoAdults")."""
    if rows and all(name in LISTED for name, _ in rows):
        return "<ul>\n" + "\n".join(f"<li>{value}</li>" for _, value in rows) + "\n</ul>"
    return ('<dl class="guide-ref__study">\n'
            + "\n".join(f"<dt>{name}</dt> <dd>{value}</dd>" for name, value in rows) + "\n</dl>")


def record_sections(record: dict) -> list[str]:
    """The study record, section by section, as Markdown."""
    rows = study.rows(record)
    named = set().union(*(names for _, names, _ in SECTIONS))
    out = ["## What the study did", "", _html(_block([r for r in rows if r[0] not in named])), ""]
    for heading, names, unsearched in SECTIONS:
        part = [r for r in rows if r[0] in names]
        if part:
            out += [_heading(heading, unsearched), "", _html(_block(part)), ""]
    return out


def page_markdown(entry: dict, found: Uses, grades: dict[str, dict]) -> str:
    """The study page of one bibliography entry."""
    ref_id = entry["id"]
    src = src_of(ref_id)
    record = entry["study"]
    title = title_of(entry)
    front = {"title": title, "description": description_of(entry),
             "reviewed": dt.date.fromisoformat(str(record["checked"]["date"])),
             "search": {"boost": SEARCH_BOOST},
             # No macro call in it: mkdocs-macros need not compile it as a template.
             "render_macros": False}
    out = ["---", *_yaml(front), "---", "",
           f"# {_md(title)}", "",
           f'<p class="guide-ref__about">{_html(html.escape(study.design_line(record)))}.</p>', "",
           f"<p>{_html(citations.format_entry(entry, full=True))}</p>", "",
           *record_sections(record),
           _heading("Relied on by", True), ""]
    lines = relied_on(ref_id, src, found, grades)
    if lines:
        out += [f"These parts of the guide cite this source. A grade rests on the studies that measured a "
                f"page's main claim ([how we grade]({_link(src, GRADES_PAGE)})).", "", *lines]
    else:
        out.append("No page of the guide cites this source at present.")
    out += ["", f"Every source the guide uses is on the [References]({_link(src, REFERENCES)}) page.", ""]
    return "\n".join(out)


def pages(records: Records, docs_dir: Path, order: dict[str, int] | None = None) -> dict[str, str]:
    """Every study page's Markdown, by its docs/ path (raises ContentError
    for a broken data file, as Records does)."""
    found = uses(records, docs_dir, order)
    grades = records.grades()
    return {src_of(ref_id): page_markdown(entry, found[ref_id], grades)
            for ref_id, entry in records.bibliography().items()}


def clashes(docs_dir: Path) -> list[str]:
    """Pages written into docs/studies/ by hand: each would hide a study page."""
    folder = docs_dir / FOLDER
    if not folder.is_dir():
        return []
    return [f"docs/{path.relative_to(docs_dir).as_posix()}:1: docs/{FOLDER}/ is where the study pages "
            "are made, from data/bibliography.yml; move this page elsewhere"
            for path in sorted(folder.rglob("*.md"))]


def write(records: Records, docs_dir: Path, order: dict[str, int] | None = None) -> list[Path]:
    """Stage the study pages as files in docs_dir, for an engine that runs
    no hooks (the Markdown is read from the project's own docs/ pages,
    which docs_dir must hold)."""
    problems = clashes(docs_dir)
    if problems:
        raise ContentError("\n".join(problems))
    written = []
    for src, text in pages(records, docs_dir, order).items():
        path = docs_dir / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
