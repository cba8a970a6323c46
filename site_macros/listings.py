"""Listings built from the benefit pages' own front matter.

The evidence overview and the section indexes are never hand-kept copies:
they read title, grade and one-line finding from each page under
docs/benefits/, so a page that changes its grade changes every listing.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

from . import data
from .errors import unknown
from .page import link_to, report

CATEGORIES = {"physical": "Physical benefits", "mind": "Mind and brain", "training": "Training benefits",
              "walking": "Backward walking"}


@functools.lru_cache(maxsize=4)
def _benefit_pages(docs_dir: str) -> tuple[dict, ...]:
    """Front matter of every benefit page, in path order (read once a build)."""
    root = Path(docs_dir)
    pages = []
    for path in sorted((root / "benefits").rglob("*.md")):
        meta, _, _ = data.read_page(path, root)  # problems are the hook's to report
        if meta.get("type") == "benefit":
            pages.append({**meta, "src": path.relative_to(root).as_posix()})
    return tuple(pages)


def _text(page: dict, field: str) -> str:
    """A front-matter text escaped for Markdown: it is text, never markup."""
    return html.escape(str(page.get(field, "")), quote=False)


def _nav_order(nav) -> list[str]:
    """Source paths in the order the navigation shows them."""
    order = []
    for item in nav or []:
        values = [item] if isinstance(item, str) else item.values()
        for value in values:
            order.extend(_nav_order(value) if isinstance(value, list) else [value])
    return order


def benefit_pages(env) -> tuple[dict, ...]:
    """Benefit pages in navigation order (pages missing from it go last)."""
    order = {src: i for i, src in enumerate(_nav_order(env.conf.get("nav")))}
    return tuple(sorted(_benefit_pages(env.conf["docs_dir"]), key=lambda p: order.get(p["src"], len(order))))


def grade_label(env, grade: str, lower: bool = False) -> str:
    """A grade's label; lower=True for the middle of a sentence."""
    grades = data.grades()
    if grade not in grades:
        report(env, grade, unknown("evidence grade", grade, grades))
        return grade
    label = grades[grade]["label"]
    return label.lower() if lower else label


def _grade_cell(grade: str) -> str:
    label = data.grades().get(grade, {}).get("label", grade)
    return f'<span class="guide-grade-chip guide-grade--{grade}">{label}</span>'


def benefit_table(env, category: str | None = None) -> str:
    """A table of benefit pages: topic, grade, finding. One category or all."""
    if category is not None and category not in CATEGORIES:
        report(env, category, unknown("benefit category", category, CATEGORIES))
        return ""
    rows = ["| Topic | Evidence | What we found |", "| --- | --- | --- |"]
    for page in benefit_pages(env):
        if category in (None, page.get("category")):
            rows.append(f"| [{_text(page, 'title')}]({link_to(env, page['src'])}) "
                        f"| {_grade_cell(page.get('evidence', ''))} | {_text(page, 'finding')} |")
    return "\n".join(rows) + "\n"


def evidence_overview(env, level: int = 2) -> str:
    """Every benefit grouped by grade, strongest first, each with its finding."""
    out = []
    pages = benefit_pages(env)
    for grade in data.grades().values():
        matching = [p for p in pages if p.get("evidence") == grade["id"]]
        out.append(f"{'#' * level} {grade['label']} {{ #grade-{grade['id']} }}\n")
        out.append(f"_{grade['meaning']}_\n")
        if not matching:
            out.append("No page has this grade at the moment.\n")
            continue
        for page in matching:
            section = CATEGORIES.get(page.get("category"), "")
            out.append(f"- **[{_text(page, 'title')}]({link_to(env, page['src'])})** ({section}): "
                       f"{_text(page, 'finding')}")
        out.append("")
    return "\n".join(out)


def grade_list(env) -> str:
    """Every evidence grade as a Markdown list: label and rule, strongest first."""
    return "\n".join(f"- **{g['label']}**: {g['rule']}" for g in data.grades().values()) + "\n"


def grading_principles(env) -> str:
    """The rules every grade follows (data/grades.yml), one paragraph each, with an anchor."""
    return "\n".join(f"**{p['title']}.** {p['text']}\n{{: #rule-{p['id']} }}\n" for p in data.principles())


def register(env) -> None:
    env.macro(lambda grade, lower=False: grade_label(env, grade, lower), "grade_label")
    env.macro(lambda category=None: benefit_table(env, category), "benefit_table")
    env.macro(lambda level=2: evidence_overview(env, level), "evidence_overview")
    env.macro(lambda: grade_list(env), "grade_list")
    env.macro(lambda: grading_principles(env), "grading_principles")
