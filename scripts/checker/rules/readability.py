"""readability (a warning): the reading grade of each page's prose."""

from __future__ import annotations

import importlib
import sys
import types
import warnings
from functools import lru_cache

from ..findings import WARNING, Finding

RULE = "readability"
LIMIT = 9.0
MIN_WORDS = 30  # fewer words than this give a meaningless score
SUMMARY = (f"A warning, never a failure: pages whose prose scores above Flesch-Kincaid grade "
           f"{LIMIT:g} (textstat). Prose means paragraphs and list items, not headings, tables, "
           "code, callout titles or the reference list. Aim for grade 8: sentences of about 20 "
           "words at most, everyday words, technical terms explained once.")


def _import_textstat():
    """textstat 0.7.3 imports pkg_resources (0.1 s, and a deprecation
    warning) only to read word lists for measures this rule never uses. A
    stand-in fetches the real module if textstat ever asks it for anything."""
    def real(name):
        sys.modules.pop("pkg_resources", None)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return getattr(importlib.import_module("pkg_resources"), name)

    stand_in = types.ModuleType("pkg_resources")
    stand_in.__getattr__ = real
    added = sys.modules.setdefault("pkg_resources", stand_in) is stand_in
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.import_module("textstat")
    finally:
        if added and sys.modules.get("pkg_resources") is stand_in:
            del sys.modules["pkg_resources"]


textstat = _import_textstat()


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
