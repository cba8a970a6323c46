"""readability (a warning): the reading grade of each page's prose."""

from __future__ import annotations

import warnings
from functools import lru_cache

from ..findings import WARNING, Finding

RULE = "readability"
LIMIT = 8.0  # no page above grade 8; the site's median stays at 5 or below (tests/test_readability.py)
MIN_WORDS = 30  # fewer words than this give a meaningless score
SUMMARY = (f"A warning, never a failure: pages whose prose scores above Flesch-Kincaid grade "
           f"{LIMIT:g} (textstat). Prose means paragraphs and list items, not headings, tables, "
           "code, callout titles or the reference list. The site aims for a median of grade 5: "
           "sentences of about 20 words at most, everyday words, technical terms explained once.")


with warnings.catch_warnings():
    # textstat 0.7.3 imports pkg_resources, which warns that it is deprecated.
    warnings.simplefilter("ignore")
    import textstat


class _CachedHyphenator:
    """textstat asks pyphen about every word of every page; a site repeats
    most words, so remember the answers. The scores are unchanged."""

    def __init__(self, pyphen):
        self.positions = lru_cache(maxsize=None)(pyphen.positions)


textstat.textstat.pyphen = _CachedHyphenator(textstat.textstat.pyphen)


def grade_of(prose: str) -> float | None:
    """Flesch-Kincaid grade of a page's prose; None when too short to score."""
    if len(prose.split()) < MIN_WORDS:
        return None
    return textstat.flesch_kincaid_grade(prose)


def check(ctx):
    for page in ctx.pages:
        scan = ctx.scans.get(page.src)
        if scan is not None and scan.grade is not None and scan.grade > LIMIT:
            yield Finding(page.path, 1, RULE, f"Flesch-Kincaid grade {scan.grade:.1f} is above {LIMIT:g}",
                          "shorten long sentences and use everyday words", WARNING)
