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

from .page_call import PageCall
from .safety import source_kind, source_label, src_of

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


def sources_line(call: PageCall, flags: list[dict]) -> str:
    """'Sources: ...' for the whole box, each source once, and any expert-advice notes."""
    known = call.records.bibliography()
    ids = list(dict.fromkeys(s for flag in flags for s in flag["sources"]))
    # Each source links to its own page, as a safety callout's sources do.
    names = [f"[{source_label(known[i])}]({call.link_to(src_of(i))}), {source_kind(known[i])}" for i in ids]
    line = f"{'Sources' if len(names) > 1 else 'Source'}: {'; '.join(names)}." if names else ""
    notes = list(dict.fromkeys(f["expert_advice"].strip() for f in flags if f.get("expert_advice")))
    return " ".join([line, *notes]).strip()


def render(call: PageCall, entry: dict) -> str:
    """The box as a Markdown admonition: one list of signs per action."""
    flags = entry["flags"]
    severity = "emergency" if any(f["action"] in URGENT for f in flags) else "stop"
    parts = [f'!!! safety {severity} {BOX_CLASS} "{entry["title"]}"', ""]
    for action, heading in ACTIONS.items():
        signs = [f["sign"].strip() for f in flags if f["action"] == action]
        if signs:
            parts += [f"    **{heading}**", ""] + [f"    - {sign}" for sign in signs] + [""]
    parts += [f"    {sources_line(call, flags)}", "    {: .guide-safety__sources }", ""]
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
