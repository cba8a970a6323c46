"""front-matter: the fields each page type needs, valid per the one schema.

The schema (schemas/front-matter.schema.json) and its checks live in
guide/records/pages.py, which the build uses too; this rule only reports them.
"""

from __future__ import annotations

from ..findings import Finding, split_fix

RULE = "front-matter"
SUMMARY = ("Each page starts with front matter valid against schemas/front-matter.schema.json "
           "(the one definition). Every page: title, description (at most 160 characters), "
           "reviewed (YYYY-MM-DD, not in the future). Benefit pages also: type: benefit, category "
           "(physical, mind, training), evidence (supported, some, untested, contradicted), "
           "finding, and references (a non-empty list of bibliography ids). The message names the "
           "field; copy a finished page's front matter if unsure.")
FIX = "see schemas/front-matter.schema.json for the fields and the values allowed"


def check(ctx):
    for page in ctx.pages:
        if page.text is None:
            continue  # the encoding rule reports it
        for problem in page.problems:
            if is_missing_type(problem.message):
                continue  # precautions-link owns it: it decides which pages are benefit pages
            message, fix = split_fix(problem.message, FIX)
            yield Finding(page.path, problem.line, RULE, message, fix)


def is_missing_type(message: str) -> bool:
    return "needs 'type: benefit'" in message
