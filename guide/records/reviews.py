"""When a page is due for its next review, measured against "today".

The page's overdue notice (hooks/page_meta.py), the checker's review-due
rule and the weekly report (guide/tools/overdue_report.py) all ask this module,
so they always agree on which pages are overdue. Tests set "today" with the
GUIDE_TODAY environment variable instead of changing the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from ..errors import ContentError

TODAY_VARIABLE = "GUIDE_TODAY"
# The checker starts warning this many days before a review falls due.
WARN_DAYS = 30


def today() -> dt.date:
    """GUIDE_TODAY (YYYY-MM-DD) when set, else the real date."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ContentError(f"{TODAY_VARIABLE}={value!r} is not a date (write it as YYYY-MM-DD, "
                           "or unset it to use today's date)") from None


@dataclass(frozen=True)
class ReviewState:
    due: dt.date | None
    today: dt.date

    @property
    def days_left(self) -> int | None:
        return (self.due - self.today).days if self.due else None

    @property
    def overdue(self) -> bool:
        """Past the due date. On the due date itself the page is due, not late."""
        return self.due is not None and self.today > self.due

    @property
    def due_soon(self) -> bool:
        return self.due is not None and 0 <= self.days_left <= WARN_DAYS


def state(due: dt.date | None, on: dt.date | None = None) -> ReviewState:
    return ReviewState(due if isinstance(due, dt.date) else None, on or today())


def long_date(day: dt.date) -> str:
    """25 November 2026: how every page writes a date."""
    return day.strftime("%-d %B %Y")
