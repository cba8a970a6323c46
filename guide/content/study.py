"""A study's record (the `study:` mapping in data/bibliography.yml) in words.

design_line() is the short line each reference shows, so readers see at a
glance how strong a source is: "Randomised trial, 3 groups, 68 adults with
knee arthritis, walking, 6 weeks". rows() is the record itself, exact
figures included, for the study's own page (study_pages.py): pages use
plain words, and a reader who wants the numbers follows the reference to
it. Both are made from the record alone, so the reference list can never
disagree with it.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from ..records.reviews import long_date

# Designs whose groups all did the same thing: "2 groups" would mislead.
SINGLE_GROUP = {"single-group study", "case series", "systematic review", "narrative review"}
ACTIVITY = {"running": "running", "walking": "walking", "both": "running and walking"}
BACKWARD_WORK = {
    "added": "added to usual training or care",
    "replaced": "in place of part of usual training",
    "only": "the only exercise",
    "single session": "one session",
    "not stated": "not stated in the source",
}
CHECKED = {"abstract": "the abstract", "full text": "the full text",
           "publisher page": "the publisher's page", "guidance page": "the guidance page",
           "not found": "not yet: we could not find its abstract or full text, so these details are unchecked"}


def _day(value) -> str:
    """A record's date as every page writes one: 1 December 2026."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return long_date(day)


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def design_line(study: dict) -> str:
    """The record in one line of plain text (not yet escaped)."""
    parts = [study["design"][0].upper() + study["design"][1:]]
    if not study["peer_reviewed"]:
        parts.append("not peer reviewed")
    if study["checked"]["source"] == "not found":
        parts.append("not checked against its source")
    groups = study.get("groups") or []
    if len(groups) > 1 and study["design"] not in SINGLE_GROUP:
        parts.append(f"{len(groups)} groups")
    if study.get("people"):
        parts.append(f"{study['people']} {study['who_short']}")
    elif study.get("studies"):
        parts.append(f"{study['studies']} studies, {study['who_short']}")
    else:
        parts.append(study["who_short"])
    if study["activity"] in ACTIVITY:
        parts.append(ACTIVITY[study["activity"]])
    if study.get("duration"):
        # The line stays short: "6 weeks", not the record's whole explanation.
        parts.append(re.split(r"\s*[(,;]", study["duration"], maxsplit=1)[0])
    return ", ".join(parts)


def _group(group: dict) -> str:
    size = f" ({group['people']})" if group.get("people") else ""
    role = " <em>comparison group</em>" if group.get("comparison") else ""
    return f"<strong>{_esc(group['label'])}</strong>{size}{role}: {_esc(group['did'])}"


def rows(study: dict) -> list[tuple[str, str]]:
    """The whole record as (name, HTML) rows, in the order a reader needs them."""
    rows = [("Who", _esc(study["who"]))]
    if study.get("people"):
        rows.append(("How many", _esc(study["people"])))
    if study.get("studies"):
        rows.append(("Studies included", _esc(study["studies"])))
    for group in study.get("groups") or []:
        rows.append(("Group", _group(group)))
    if study["backward_work"] in BACKWARD_WORK:
        rows.append(("Backward work", _esc(BACKWARD_WORK[study["backward_work"]])))
    if study["surface"] not in ("not applicable",):
        rows.append(("Where", _esc(study["surface"])))
    if study.get("dose"):
        rows.append(("How much", _esc(study["dose"])))
    if study.get("duration"):
        rows.append(("How long", _esc(study["duration"])))
    for outcome in study["outcomes"]:
        rows.append(("Result", f"<strong>{_esc(outcome['measure'])}</strong>: {_esc(outcome['result'])}"))
    for limit in study["limitations"]:
        rows.append(("Limitation", _esc(limit)))
    checked = study["checked"]
    rows.append(("Checked", f"{_esc(CHECKED.get(checked['source'], checked['source']))} "
                            f"({_esc(checked['where'])}), {_esc(_day(checked['date']))}"))
    return rows
