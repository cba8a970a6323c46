"""What in the guide relies on each source: the pages that cite it, the
grades it holds up, and the safety advice that rests on it.

Read from the pages as written (their front matter and their macro calls)
and from data/safety.yml, never from a build, so the study pages
(study_pages.py) and the References page can be made before any page is
rendered, by MkDocs or by anything else.

The macro calls are found with Jinja's own parser, the one mkdocs-macros
renders pages with: a call inside {% raw %} is text, as it is on the page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import nodes

from ..records.macro_calls import parse
from ..records.pages import split_front_matter
from ..records.store import Records, callout_sources
from ..records.yaml_files import SAFE_LOADER

# Where the study pages live; no page of docs/ may be there (study_pages.py).
FOLDER = "studies"

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
ATTR_LIST = re.compile(r"[ \t]*\{:?[^{}]*\}[ \t]*$")
MACRO = re.compile(r"\{\{.*?\}\}")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


@dataclass(frozen=True)
class Citing:
    """One page that cites a source."""

    src: str                      # docs-relative path of the page
    title: str
    sections: tuple[str, ...]     # the headings it is cited under, in page order
    grade: str | None = None      # the page's grade, when this source holds it up
    claim: str | None = None      # the page's main claim (its finding), likewise
    rests_on: int = 0             # how many sources that grade rests on
    benefit: bool = False         # a benefit page (one that grades a claim)
    page_grade: str | None = None  # the grade of a benefit page, held up or not


@dataclass(frozen=True)
class Advice:
    """A safety callout that rests on a source."""

    id: str
    title: str
    anchor: str                   # its section on the precautions page


@dataclass
class Uses:
    """Everything in the guide that relies on one source."""

    pages: list[Citing] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)

    @property
    def holds_up(self) -> list[Citing]:
        return [page for page in self.pages if page.grade]

    def __bool__(self) -> bool:
        return bool(self.pages or self.advice)


def src_of(ref_id: str) -> str:
    """The docs/ path of a source's study page: studies/<id>.md, published at studies/<id>/."""
    return f"{FOLDER}/{ref_id}.md"


def cite_anchor(ref_id: str) -> str:
    """The id of a source's first citation on a page (citations.cite())."""
    return f"cite-{ref_id}"


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple
    line: int                     # in the page body


def macro_calls(body: str) -> list[Call]:
    """Every call of a macro with plain arguments in a page body, in order;
    [] for a page Jinja cannot parse (the build reports it)."""
    if "{{" not in body:
        return []
    tree = parse(body)  # None: Jinja cannot read it, or it nests too deep
    if tree is None:
        return []
    calls = []
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Name) and all(isinstance(a, nodes.Const) for a in node.args):
            calls.append(Call(node.node.name, tuple(a.value for a in node.args), node.lineno))
    return sorted(calls, key=lambda c: c.line)


def plain_heading(text: str) -> str:
    """A Markdown heading's words: no attribute list, links, emphasis or macros."""
    text = ATTR_LIST.sub("", text)
    text = MACRO.sub("", text)
    text = LINK.sub(r"\1", text)
    return EMPHASIS.sub("", text).strip()


def headings(body: str) -> list[tuple[int, str]]:
    """(line, words) of every heading below the page title in a page body,
    outside code blocks."""
    found, fence = [], None
    for number, line in enumerate(body.splitlines(), 1):
        opened = FENCE.match(line)
        if opened:
            marker = opened.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        match = HEADING.match(line)
        if match and len(match.group(1)) > 1:
            words = plain_heading(match.group(2))
            if words:
                found.append((number, words))
    return found


def _section(heads: list[tuple[int, str]], line: int) -> str | None:
    """The heading a line stands under (not the page title)."""
    current = None
    for number, words in heads:
        if number > line:
            break
        current = words
    return current


def _pages(docs_dir: Path) -> list[Path]:
    """The pages of docs/, as MkDocs finds them (no dot-files), but not
    anything in the study pages' own folder."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        parts = path.relative_to(docs_dir).parts
        if parts[0] == FOLDER or any(part.startswith(".") for part in parts):
            continue
        found.append(path)
    return found


def uses(records: Records, docs_dir: Path, order: dict[str, int] | None = None) -> dict[str, Uses]:
    """For each source id, what relies on it; pages in `order` (each docs
    path's place in the navigation), then by path. Worked out once for the
    same records and pages: the study pages and the References page of a
    build both ask."""
    order = order or {}
    texts = []
    for path in _pages(docs_dir):
        src = path.relative_to(docs_dir).as_posix()
        try:
            texts.append((src, path.read_text(encoding="utf-8-sig")))
        except UnicodeDecodeError:
            continue  # the build reports the file
    texts.sort(key=lambda item: (order.get(item[0], len(order)), item[0]))
    return _uses(records, tuple(texts))


def _front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a page, {} for front matter that will not
    load: the build reports it, with its line, when it reads the page."""
    yaml_text, body, _ = split_front_matter(text.removeprefix("\ufeff"))
    try:
        meta = yaml.load(yaml_text, Loader=SAFE_LOADER) if yaml_text.strip() else {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), body


@functools.lru_cache(maxsize=2)
def _uses(records: Records, texts: tuple[tuple[str, str], ...]) -> dict[str, Uses]:
    known = records.bibliography()
    callouts = records.safety()
    found: dict[str, Uses] = {ref_id: Uses() for ref_id in known}
    for src, text in texts:
        meta, body = _front_matter(text)
        calls = macro_calls(body)
        # precaution() writes a heading of its own: the callout's title.
        heads = sorted(headings(body) + [(c.line, callouts[c.args[0]]["title"]) for c in calls
                                         if c.name == "precaution" and c.args and c.args[0] in callouts])
        sections: dict[str, list[str]] = {}
        for call in calls:
            if call.name == "cite":
                for ref_id in call.args:
                    section = _section(heads, call.line)
                    places = sections.setdefault(str(ref_id), [])
                    if section and section not in places:
                        places.append(section)
        benefit = meta.get("type") == "benefit"
        rests_on = [str(i) for i in meta.get("evidence_from") or []]
        for ref_id, places in sections.items():
            if ref_id not in found:
                continue  # an unknown id: the build names it
            holds = benefit and ref_id in rests_on
            found[ref_id].pages.append(Citing(
                src=src, title=str(meta.get("title") or src), sections=tuple(places),
                grade=str(meta.get("evidence")) if holds else None,
                claim=str(meta.get("finding") or "") or None if holds else None,
                rests_on=len(rests_on) if holds else 0, benefit=benefit,
                page_grade=str(meta["evidence"]) if benefit and meta.get("evidence") else None))
    # Every callout has its section on the precautions page (the build
    # sees to it), and its "Sources:" line wherever it is shown.
    for callout_id, entry in callouts.items():
        for ref_id in callout_sources(entry):
            if ref_id in found:
                found[ref_id].advice.append(Advice(callout_id, entry["title"], entry["anchor"]))
    return found
