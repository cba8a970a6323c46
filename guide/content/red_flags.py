"""Each condition page's warning signs, from data/red-flags.yml.

A condition page (knee arthritis, low back pain, a treadmill...) shows the
signs that mean stop or get help right beside its advice, as NHS condition
pages do. The page only calls red_flags(); which signs belong to it is in
the data, so a page can neither pick the wrong set nor drift from it. The
signs are grouped by what to do, most urgent first, and the box names its
sources the way a safety callout does. The content checker's red-flags rule
(guide/checker/rules/red_flags.py) fails a condition page without the box.
"""

from __future__ import annotations

from . import stamps
from .page_call import PageCall
from .plain_text import text
from .safety import sources_line as _sources_line
from .study_uses import src_of

# What to do, most urgent first: the heading each group of signs gets.
# The numbers are the ones the safety callouts give (999, 911, 112).
ACTIONS = {
    "call": "Call 999 (UK), 911 (USA) or 112 (EU) at once if:",
    "emergency": "Go to A&E (the emergency department), or call 999, 911 or 112, if:",
    "same-day": "Get medical help the same day (your doctor, NHS 111 or an urgent care centre) if:",
    "stop": "Stop and rest if:",
    "gp": "See your doctor or physiotherapist soon if:",
}
# The class that marks the box, for the stylesheet and the checker.
BOX_CLASS = "guide-red-flags"
# A box with a sign that needs an emergency number is drawn as an emergency.
URGENT = {"call", "emergency"}


def sources_line(known: dict[str, dict], flags: list[dict], link=None) -> str:
    """'Sources: ...' for the whole box, each source once, and any
    expert-advice notes: Markdown linking to each source's page (link(id)),
    or with link=None the plain text a reader sees."""
    ids = list(dict.fromkeys(s for flag in flags for s in flag["sources"]))
    notes = list(dict.fromkeys(f["expert_advice"].strip() for f in flags if f.get("expert_advice")))
    return _sources_line(known, ids, notes, link)


def severity(entry: dict) -> str:
    return "emergency" if any(f["action"] in URGENT for f in entry["flags"]) else "stop"


def groups(entry: dict) -> list[tuple[str, list[str]]]:
    """(what to do, the signs that call for it), most urgent first."""
    found = [(heading, [f["sign"] for f in entry["flags"] if f["action"] == action])
             for action, heading in ACTIONS.items()]
    return [(heading, signs) for heading, signs in found if signs]


def render(call: PageCall, entry: dict) -> str:
    """The box as a Markdown admonition: one list of signs per action,
    stamped (stamps.py) on its last paragraph."""
    parts = [f'!!! safety {severity(entry)} {BOX_CLASS} "{text(entry["title"])}"', ""]
    for heading, signs in groups(entry):
        parts += [f"    **{heading}**", ""] + [f"    - {text(sign)}" for sign in signs] + [""]
    line = sources_line(call.records.bibliography(), entry["flags"], lambda i: call.link_to(src_of(i)))
    parts += [f"    {line}", f"    {{: .guide-safety__sources {stamps.attribute(call, entry['id'])} }}", ""]
    return "\n".join(parts)


def red_flags(call: PageCall) -> str:
    """This page's warning signs, as data/red-flags.yml gives them for it.

    Call it on a line of its own, outside any list or box: the admonition
    it writes starts at the left margin."""
    entry = call.records.red_flags_for(call.src)
    if entry is None:
        call.report("red_flags", f"data/red-flags.yml has no entry for {call.src}; add one with "
                                 f"pages: [{call.src}], or remove red_flags() from this page")
        return ""
    return render(call, entry)


# The macros pages call: name -> function(call, *arguments).
MACROS = {"red_flags": red_flags}
