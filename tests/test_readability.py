"""Reading level: the site's median page reads at Flesch-Kincaid grade 5 or
below, and no page is above grade 8, scored as the checker scores them
(the prose of each built page: paragraphs and list items)."""

from __future__ import annotations

import statistics

from guide.checker.html_scan import scan_page
from guide.checker.rules.readability import LIMIT, grade_of

MEDIAN_GOAL = 5.0


def page_grades(site) -> dict[str, float]:
    grades = {}
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        grade = grade_of(scan_page(page.read_text(encoding="utf-8")).prose)
        if grade is not None:
            grades[rel] = grade
    return grades


def test_no_page_is_above_grade_8_and_the_median_is_5_or_below(built_site):
    grades = page_grades(built_site)
    assert len(grades) > 30  # every page of the guide was scored
    too_hard = {page: round(g, 1) for page, g in grades.items() if g > LIMIT}
    assert not too_hard, f"pages above grade {LIMIT:g}: {too_hard}"
    median = statistics.median(grades.values())
    assert median <= MEDIAN_GOAL, f"the median page reads at grade {median:.1f}; split long sentences"


def test_the_score_rises_with_long_sentences_and_long_words():
    """The guard can fail: the same facts in one long, hard sentence score higher."""
    plain = ("Running backward costs more energy. Two small lab studies found this. "
             "Each tested people once. They ran on a treadmill. The extra was about a third. ") * 3
    hard = ("Retrograde locomotion necessitates considerably elevated metabolic expenditure, as "
            "demonstrated by multiple investigations employing laboratory-based treadmill "
            "protocols, consistently approximating thirty-five percent additional energetic cost. ") * 3
    assert grade_of(plain) <= MEDIAN_GOAL < LIMIT < grade_of(hard)
