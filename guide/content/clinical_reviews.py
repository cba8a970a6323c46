"""Who has reviewed the safety advice, from data/clinical-reviews.yml.

The About page says it with {{ clinical_review() }}. With no record the
sentence says plainly that no clinician has reviewed the advice: the site
never implies a review that did not happen. A record appears only once it
is in the data file, with the reviewer's name, profession and registration.
"""

from __future__ import annotations

import datetime as dt

from ..records.reviews import long_date
from .page_call import PageCall
from .plain_text import text

NONE_YET = ("No doctor, physiotherapist or other clinician has reviewed the safety advice "
            "on this site yet.")


def _covers(callouts: dict[str, dict], entry: dict) -> str:
    if "all" in entry["covers"]:
        return "all the safety advice"
    titles = [f"“{text(callouts[i]['title'])}”" for i in entry["covers"]]
    return "the safety advice " + (titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1])


def review_line(callouts: dict[str, dict], entry: dict) -> str:
    """One review as a Markdown list item."""
    day = dt.date.fromisoformat(entry["date"])
    line = (f"- **{text(entry['reviewer'])}**, {text(entry['profession'])} "
            f"(registered: {text(entry['registration'])}), reviewed {_covers(callouts, entry)} "
            f"on {long_date(day)}. {text(entry['summary'])}")
    if entry.get("link"):
        line += f" [Record of the review]({entry['link']})."
    return line


def clinical_review(call: PageCall) -> str:
    reviews = call.records.clinical_reviews()
    if not reviews:
        return NONE_YET + "\n"
    callouts = call.records.safety()
    return ("These clinicians have reviewed the safety advice:\n\n"
            + "\n".join(review_line(callouts, review) for review in reviews) + "\n")


# The macros pages call: name -> function(call, *arguments).
MACROS = {"clinical_review": clinical_review}
