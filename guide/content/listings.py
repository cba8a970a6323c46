"""Listings built from the benefit pages' own front matter.

The evidence overview and the section indexes are never hand-kept copies:
they read title, grade and one-line finding from each page under
docs/benefits/, so a page that changes its grade changes every listing.
"""

from __future__ import annotations

import html

from ..errors import unknown
from ..records.pages import read_page
from .arguments import HeadingLevel
from .page_call import PageCall
from .plain_text import text

CATEGORIES = {"physical": "Physical benefits", "mind": "Mind and brain", "training": "Training benefits",
              "walking": "Backward walking"}


def _read_benefit_pages(call: PageCall) -> tuple[dict, ...]:
    """Front matter of every benefit page, in path order."""
    root = call.site.docs_dir
    pages = []
    for path in sorted((root / "benefits").rglob("*.md")):
        meta, _, _ = read_page(path, root, call.records)  # problems are the hook's to report
        if meta.get("type") == "benefit":
            pages.append({**meta, "src": path.relative_to(root).as_posix()})
    return tuple(pages)


def _text(page: dict, field: str) -> str:
    """A front-matter text escaped for Markdown: it is text, never markup.
    The title is plain text; the finding may hold Markdown emphasis (its
    HTML is escaped)."""
    value = page.get(field, "")
    return text(value) if field == "title" else html.escape(str(value), quote=False)


def benefit_pages(call: PageCall) -> tuple[dict, ...]:
    """Benefit pages in navigation order (pages missing from it go last);
    read once a build, the first time a page asks."""
    cache = call.site.cache
    if "benefit_pages" not in cache:
        order = call.site.nav_order
        cache["benefit_pages"] = tuple(sorted(_read_benefit_pages(call),
                                              key=lambda p: order.get(p["src"], len(order))))
    return cache["benefit_pages"]


def grade_label(call: PageCall, grade: str, lower: bool = False) -> str:
    """A grade's label; lower=True for the middle of a sentence."""
    grades = call.records.grades()
    if grade not in grades:
        call.report(grade, unknown("evidence grade", grade, grades))
        return grade
    label = grades[grade]["label"]
    return text(label.lower() if lower else label)


def claim_grade(call: PageCall, grade: str, evidence_from=(), activity: str = "running") -> str:
    """The grade of a claim made in the text (a myth), with the studies it
    rests on: the page shows the grade's label, and the content checker's
    grading rule holds it to data/grades.yml as it holds a benefit page."""
    known = call.records.bibliography()
    for ref_id in evidence_from or ():
        if ref_id not in known:
            call.report(str(ref_id), unknown("source", str(ref_id), known)
                        + " in claim_grade's evidence_from (use an id from data/bibliography.yml)")
    if activity not in ("running", "walking"):
        call.report(str(activity), f"claim_grade's activity must be 'running' or 'walking', not {activity!r}")
    return grade_label(call, grade)


def _grade_cell(grades: dict, grade: str) -> str:
    label = grades.get(grade, {}).get("label", grade)
    return f'<span class="guide-grade-chip guide-grade--{html.escape(grade)}">{text(label)}</span>'


def benefit_table(call: PageCall, category: str | None = None) -> str:
    """A table of benefit pages: topic, grade, finding. One category or all."""
    if category is not None and category not in CATEGORIES:
        call.report(category, unknown("benefit category", category, CATEGORIES))
        return ""
    rows = ["| Topic | Evidence | What we found |", "| --- | --- | --- |"]
    grades = call.records.grades()
    for page in benefit_pages(call):
        if category in (None, page.get("category")):
            rows.append(f"| [{_text(page, 'title')}]({call.link_to(page['src'])}) "
                        f"| {_grade_cell(grades, page.get('evidence', ''))} | {_text(page, 'finding')} |")
    return "\n".join(rows) + "\n"


def evidence_overview(call: PageCall, level: HeadingLevel = 2) -> str:
    """Every benefit grouped by grade, strongest first, each with its finding."""
    out = []
    pages = benefit_pages(call)
    for grade in call.records.grades().values():
        matching = [p for p in pages if p.get("evidence") == grade["id"]]
        out.append(f"{'#' * level} {text(grade['label'])} {{ #grade-{grade['id']} }}\n")
        out.append(f"_{text(grade['meaning'])}_\n")
        if not matching:
            out.append("No page has this grade at the moment.\n")
            continue
        for page in matching:
            section = CATEGORIES.get(page.get("category"), "")
            out.append(f"- **[{_text(page, 'title')}]({call.link_to(page['src'])})** ({section}): "
                       f"{_text(page, 'finding')}")
        out.append("")
    return "\n".join(out)


def grade_list(call: PageCall) -> str:
    """Every evidence grade as a Markdown list: label and rule, strongest first."""
    return "\n".join(f"- **{text(g['label'])}**: {text(g['rule'])}" for g in call.records.grades().values()) + "\n"


def grading_principles(call: PageCall) -> str:
    """The rules every grade follows (data/grades.yml), one paragraph each, with an anchor."""
    return "\n".join(f"**{text(p['title'])}.** {text(p['text'])}\n{{: #rule-{p['id']} }}\n"
                     for p in call.records.principles())


# The macros pages call: name -> function(call, *arguments).
MACROS = {"grade_label": grade_label, "claim_grade": claim_grade, "benefit_table": benefit_table, "evidence_overview": evidence_overview,
          "grade_list": grade_list, "grading_principles": grading_principles}
