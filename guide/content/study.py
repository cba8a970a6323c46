"""A study's record (the `study:` mapping in data/bibliography.yml) in words.

design_line() is the short line each reference shows, so readers see at a
glance how strong a source is: "Randomised trial, 3 groups, 68 adults with
knee arthritis, walking, 6 weeks; how many finished: 91% (backward walking),
...; harms not reported". As in a Cochrane summary, a trial's line says how
many finished and whether harms were reported. rows() is the record itself,
exact figures included, for the study's own page (study_pages.py): pages
use plain words, and a reader who wants the numbers follows the reference
to it. Both are made from the record alone, so the reference list can
never disagree with it.
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
    if not_randomised(study):
        count = not_randomised(study)
        parts.append(f"{count} group{'s' if count > 1 else ''} not put in by chance")
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
    line = ", ".join(parts)
    follow_up = [part for part in (finished_phrase(study), harms_phrase(study)) if part]
    return line + ("; " + "; ".join(follow_up) if follow_up else "")


def not_randomised(study: dict) -> int:
    """How many groups of a randomised trial were not put in by chance."""
    return sum(group.get("randomised") is False for group in study.get("groups") or [])


def finished_phrase(study: dict) -> str:
    """How many finished, as Cochrane summaries give it: "14 of 15 finished".
    Only for records that say (trials must; see the schema)."""
    started, finished = study.get("started"), study.get("finished")
    if finished is not None:
        return f"{finished} of {started} finished" if started else f"{finished} finished"
    completion = study.get("completion", "")
    if completion.startswith("not "):
        return "number who finished not reported"
    # The line stays short: the record's first clause, like "91%, 87% and 82% finished".
    return re.split(r"\s*[(;]", completion, maxsplit=1)[0]


def harms_phrase(study: dict) -> str:
    """Whether harms were reported: looked and found none, found some, or silent."""
    harms = study.get("harms")
    if not harms:
        return ""
    if not harms["reported"]:
        return "harms not reported"
    return "no harms reported" if harms.get("none") else f"harms reported: {harms['what']}"


def _group(group: dict) -> str:
    size = f" ({group['people']})" if group.get("people") else ""
    role = " <em>comparison group</em>" if group.get("comparison") else ""
    if group.get("randomised") is False:
        role += " <em>not put in by chance</em>"
    return f"<strong>{_esc(group['label'])}</strong>{size}{role}: {_esc(group['did'])}"


def _result(text: str) -> str:
    """A result as HTML: a list of several items (a source's warning signs,
    say, written with semicolons between them) becomes a list on the page,
    one item a line, as a reader scans it; one long sentence would not."""
    items = [item.strip() for item in text.split("; ") if item.strip()]
    if len(items) < 3:
        return _esc(text)
    return "<ul>" + "".join(f"<li>{_esc(item)}</li>" for item in items) + "</ul>"


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
    if study.get("started"):
        rows.append(("Began", _esc(study["started"])))
    if study.get("finished") is not None:
        rows.append(("Finished", _esc(study["finished"])))
    if study.get("completion"):
        rows.append(("How many finished", _esc(study["completion"])))
    if study.get("harms"):
        harms = study["harms"]
        said = ("none reported" if harms.get("none") else "reported") if harms["reported"] else "not reported"
        rows.append(("Harms", f"{said}: {_esc(harms['what'])}"))
    if study.get("pooled"):
        rows.append(("Trials pooled", _esc(", ".join(study["pooled"]))))
    if study.get("pooled_unknown"):
        rows.append(("Trials pooled", "not known: " + _esc(study["pooled_unknown"])))
    if study.get("earlier_conflict"):
        rows.append(("Earlier studies", _esc(study["earlier_conflict"])))
    for outcome in study["outcomes"]:
        rows.append(("Result", f"<strong>{_esc(outcome['measure'])}</strong>: {_result(outcome['result'])}"))
    for limit in study["limitations"]:
        rows.append(("Limitation", _esc(limit)))
    checked = study["checked"]
    rows.append(("Checked", f"{_esc(CHECKED.get(checked['source'], checked['source']))} "
                            f"({_esc(checked['where'])}), {_esc(_day(checked['date']))}"))
    return rows
