"""review-due (a warning): pages whose next review is close or past.

A warning, so an unrelated pull request is never blocked by the calendar.
The page itself shows readers an overdue notice, and the weekly workflow
(.github/workflows/review-due.yml) opens an issue; this tells contributors.
"""

from __future__ import annotations

from ...errors import ContentError
from ...records import reviews
from ...records.pages import next_review
from ..findings import WARNING, Finding, split_fix

RULE = "review-due"
SUMMARY = ("A warning, never a failure: a page whose next review date (review_due, or one year "
           "after reviewed) is less than 30 days away, or has passed. Check the page against its "
           "sources, then set reviewed to the day you did. Set GUIDE_TODAY=YYYY-MM-DD to check "
           "as if it were another day.")


def check(ctx):
    try:
        today = reviews.today()
    except ContentError as e:
        yield Finding(ctx.project.rel(ctx.project.config_file), 1, RULE, *split_fix(str(e), "fix GUIDE_TODAY"))
        return
    for page in ctx.pages:
        if page.text is None:
            continue
        state = reviews.state(next_review(page.meta), today)
        if state.due is None:
            continue  # no valid 'reviewed' date: the front-matter rule reports it
        line = ctx.line_of(page, "review_due:" if "review_due" in page.meta else "reviewed:")
        when = reviews.long_date(state.due)
        fix = "check the page against its sources, then set 'reviewed' to that day"
        if state.overdue:
            yield Finding(page.path, line, RULE, f"the page's review was due on {when} and is overdue; "
                          "readers see a notice saying so", fix, WARNING)
        elif state.due_soon:
            days = state.days_left
            yield Finding(page.path, line, RULE, f"the page's review is due on {when}, in {days} "
                          f"day{'s' if days != 1 else ''}", fix, WARNING)

