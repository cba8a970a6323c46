"""readability (a warning): the reading grade of each page's prose."""

from __future__ import annotations

import warnings

from ..findings import WARNING, Finding

RULE = "readability"
LIMIT = 9.0
MIN_WORDS = 30  # fewer words than this give a meaningless score
SUMMARY = (f"A warning, never a failure: pages whose prose scores above Flesch-Kincaid grade "
           f"{LIMIT:g} (textstat). Prose means paragraphs and list items, not headings, tables, "
           "code, callout titles or the reference list. Aim for grade 8: sentences of about 20 "
           "words at most, everyday words, technical terms explained once.")

with warnings.catch_warnings():
    # textstat 0.7.3 imports pkg_resources, which warns on import.
    warnings.simplefilter("ignore")
    import textstat


def check(ctx):
    for page in ctx.pages:
        scan = ctx.scans.get(page.src)
        if scan is None or len(scan.prose.split()) < MIN_WORDS:
            continue
        grade = textstat.flesch_kincaid_grade(scan.prose)
        if grade > LIMIT:
            yield Finding(page.path, 1, RULE, f"Flesch-Kincaid grade {grade:.1f} is above {LIMIT:g}",
                          "shorten long sentences and use everyday words", WARNING)
