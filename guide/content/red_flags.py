"""Each condition page's warning signs, from data/red-flags.yml.

A condition page (knee arthritis, low back pain, a treadmill...) shows the
signs that mean stop or get help right beside its advice, as NHS condition
pages do. The page only calls red_flags(); which signs belong to it is in
the data, so a page can neither pick the wrong set nor drift from it. The
signs are grouped by what to do, most urgent first, under the same
headings as a callout's signs (signs.py), and the box names its sources the
way a safety callout does. The data also names the callouts a page's
readers need beside the box (the stop signs, a knock to the head); the
content checker's red-flags rule (guide/checker/rules/condition_pages.py)
fails a condition page without the box or without those callouts.
"""

from __future__ import annotations

from ..records.urgency import URGENT
from . import signs, stamps
from .page_call import PageCall
from .plain_text import text
from .safety import SOURCES_CLASS, sources_line
from .study_uses import src_of

# The class that marks the box, for the stylesheet and the checker.
BOX_CLASS = "guide-red-flags"
# The headings of each group of signs: the same words as in the callouts.
ACTIONS = signs.HEADINGS


def _basis(records, entry: dict, link=None) -> str:
    """The box's sources, each once, and its own-advice notes: Markdown with
    link, else the plain text a reader sees."""
    ids = list(dict.fromkeys(s for flag in entry["flags"] for s in flag["sources"]))
    return sources_line(records.bibliography(), ids, signs.own_advice(records, entry), link)


def render(call: PageCall, entry: dict) -> str:
    """The box as a Markdown admonition: one list of signs per action, then
    the sources, each once, and any own-advice notes, stamped (stamps.py)
    on that last paragraph."""
    severity = "emergency" if any(f["action"] in URGENT for f in entry["flags"]) else "stop"
    parts = [f'!!! safety {severity} {BOX_CLASS} "{text(entry["title"])}"', ""]
    parts += [f"    {line}" if line else "" for line in signs.markdown(entry["flags"])]
    line = _basis(call.records, entry, lambda i: call.link_to(src_of(i)))
    parts += [f"    {line}", f"    {{: {SOURCES_CLASS} {stamps.attribute(call, entry['id'])} }}", ""]
    return "\n".join(parts)


def words(records, entry: dict) -> list[str]:
    """Every word a reader reads in the box, in order, the sources line as
    plain text (for the verification pass, guide/content/emitted.py)."""
    return [entry["title"], *signs.words(entry["flags"]), _basis(records, entry)]


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
