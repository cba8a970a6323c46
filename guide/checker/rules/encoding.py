"""encoding: every page is UTF-8 text (MkDocs cannot read it otherwise)."""

from __future__ import annotations

from ..findings import Finding, split_fix

RULE = "encoding"
SUMMARY = ("Every page is saved as UTF-8. A page in another encoding stops the whole build, "
           "so no other page can be checked either. Re-save it as UTF-8 in your editor.")


def check(ctx):
    for page in ctx.pages:
        if page.text is None:
            for problem in page.problems:
                message, fix = split_fix(problem.message, "save the file as UTF-8")
                yield Finding(page.path, problem.line, RULE, message, fix)
