"""Warning signs as readers see them: short lines grouped by what to do.

A safety callout's signs (data/safety.yml) and a condition page's warning
signs (data/red-flags.yml) are shown the same way: one heading for each
action, most urgent first, then one short line for each sign. The
headings are written once, here, so "call 999" reads the same on every
page, in every box and on the handout. The records keep each sign at one
level everywhere (guide/records/urgency.py).

Our own advice (the editors', who are not clinicians) is labelled the same
way everywhere too: the data says which part is ours, and the pages add
that no clinician has checked it, for as long as data/clinical-reviews.yml
records no review that covers it.
"""

from __future__ import annotations

from ..records.urgency import ACTIONS
from .plain_text import text

# What to do, most urgent first: the heading above each group of signs.
# The numbers are the ones the stop signs cite (999, 911, 112).
HEADINGS = {
    "call": "Call 999 (UK), 911 (USA) or 112 (EU) at once if:",
    "emergency": "Go to A&E (the emergency department), or call 999, 911 or 112, if:",
    "same-day": "Get medical help today (your doctor, NHS 111 or an urgent care centre) if:",
    "stop": "Stop and rest if:",
    "gp": "See your doctor as soon as you can if:",
}
assert tuple(HEADINGS) == ACTIONS, "a heading for each action, in the records' order"

UNCHECKED = "No clinician has checked it yet."


def grouped(signs: list[dict]) -> list[tuple[str, list[dict]]]:
    """(action, its signs) for each action that has any, most urgent first."""
    return [(action, [s for s in signs if s["action"] == action]) for action in ACTIONS
            if any(s["action"] == action for s in signs)]


def markdown(signs: list[dict], cite=lambda sign: "") -> list[str]:
    """The groups as Markdown lines: a bold heading, a blank line, a list.
    cite(sign) may add citations after each sign."""
    lines: list[str] = []
    for action, group in grouped(signs):
        lines += [f"**{text(HEADINGS[action])}**", ""] + [f"- {text(s['sign'])}{cite(s)}" for s in group] + [""]
    return lines


def words(signs: list[dict]) -> list[str]:
    """What a reader reads of the groups, in order: each heading, then its
    signs (for the verification pass, guide/content/emitted.py)."""
    return [w for action, group in grouped(signs) for w in (HEADINGS[action], *(s["sign"] for s in group))]


def handout_html(signs: list[dict]) -> str:
    """The groups for the printed handout: each a heading and a list, which
    the handout's print stylesheet runs on in one paragraph, to fit the sheet."""
    parts = []
    for action, group in grouped(signs):
        # Plain text (plain_text.py): the block around it is read as Markdown.
        items = " ".join(f"<li>{text(s['sign'])}</li>" for s in group)
        parts.append(f'<div class="guide-handout__signs"><strong>{text(HEADINGS[action])}</strong> '
                     f'<ul>{items}</ul></div>')
    return "".join(parts)


def own_advice(records, entry: dict, callout_id: str | None = None) -> str:
    """The own-advice note of a callout or of a box of warning signs, as
    readers see it, or '' when it has none: the data's sentences (the
    entry's own_advice, then its signs'), each once, and that no clinician
    has checked them unless a recorded review covers them (all the advice,
    or this callout)."""
    items = [entry, *entry.get("signs", ()), *entry.get("flags", ())]
    texts = list(dict.fromkeys(item["own_advice"].strip() for item in items if item.get("own_advice")))
    if not texts:
        return ""
    covered = any("all" in review["covers"] or callout_id in review["covers"]
                  for review in records.clinical_reviews())
    return " ".join(texts if covered else [*texts, UNCHECKED])
