"""The checker's rules, each in its own module under its stable id.

A rule module has RULE (the id), SUMMARY (what it checks and how to fix it,
shown by --list-rules) and check(context) -> findings.
"""

from __future__ import annotations

from . import (condition_pages, counts, encoding, front_matter, grade_log, grading, macros_only, muscles, numbers,
               precautions_link, readability, references, review_due, safe_html, safety_first, template_leak, todo)

RULES = [precautions_link, safety_first, condition_pages, front_matter, references, macros_only, grading, grade_log,
         numbers, counts, muscles,
         template_leak, safe_html, todo, readability, review_due, encoding]

# Findings the build itself reports that no rule above covers (a broken
# link, an unknown safety callout, a page missing from the nav).
BUILD_SUMMARY = ("`mkdocs build --strict` failed for a reason no other rule names: a broken "
                 "link, an unknown safety callout, a page not in the nav, or a page that stopped "
                 "the build. Fix it as the message says; `make build` shows the full log.")


def summaries() -> list[tuple[str, str]]:
    return [(rule.RULE, rule.SUMMARY) for rule in RULES] + [("build", BUILD_SUMMARY)]
