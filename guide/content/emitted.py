"""What the safety macros draw on a page: the list the verification pass
checks the built page against.

For each safety macro call a page makes (as Jinja reads it,
records/macro_calls.py), this says which stamped element (stamps.py) the
built page must hold, and the words a reader must read in it, from the
data files. guide/boundary/built_site.py then requires each one exactly
once, visible on screen and on paper, with exactly those words: a callout
moved into an HTML comment, an SVG's <desc> or a block that print hides is
reported at the line that calls it.

Two pages must call certain macros: the precautions page has a section for
every callout (precaution), and the handout prints every group of callouts
(handout_items), so a printed sheet can never leave out "Stop and get help".

The pass takes this list through a function it is handed
(expectations()), so it depends on no macro and no MkDocs object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import ContentError
from ..records.macro_calls import MacroCall, page_calls
from ..records.store import Records, records_for
from . import red_flags
from . import signs
from .safety import GROUPS, PRECAUTIONS, callout_words, precaution_words, summary_lines, summary_words

HANDOUT = "handout.md"
SAFETY_MACROS = frozenset({"safety", "safety_list", "precaution", "red_flags", "handout_items", "safety_summary"})


@dataclass(frozen=True)
class Expected:
    stamp: str        # "ordinal:item", as stamps.py writes it once settled
    line: int         # the page line of the call
    what: str         # what it is, for a message: "the safety callout 'look-behind'"
    kind: str         # "callout", "summary", "red-flags" or "handout-item"
    text: str         # every word a reader must read in it, in order
    heading: tuple[str, str] | None = None  # a precautions section's (title, anchor)
    source: str = "data/safety.yml"


@dataclass(frozen=True)
class Required:
    line: int
    message: str


def _callout(records: Records, call: MacroCall, entry: dict) -> Expected:
    return Expected(f"{call.ordinal}:{entry['id']}", call.line, f"the safety callout '{entry['id']}'",
                    "callout", " ".join(callout_words(records, entry)))


def _arguments(call: MacroCall) -> tuple[tuple, dict]:
    return call.args, dict(call.kwargs)


def _for_call(records: Records, src: str, call: MacroCall) -> list[Expected]:
    callouts = records.safety()
    args, kwargs = _arguments(call)
    if call.name == "safety":
        return [_callout(records, call, callouts[i]) for i in args if i in callouts]
    if call.name == "safety_list":
        when = args[0] if args else kwargs.get("when")
        return [_callout(records, call, e) for e in callouts.values() if when in (None, e["when"])]
    if call.name == "precaution":
        entry = callouts.get(args[0] if args else kwargs.get("callout_id"))
        if entry is None:
            return []
        return [Expected(f"{call.ordinal}:{entry['id']}", call.line, f"the precautions section '{entry['id']}'",
                         "summary", " ".join(precaution_words(entry)), heading=(entry["title"], entry["anchor"]))]
    if call.name == "red_flags":
        entry = records.red_flags_for(src)
        if entry is None:
            return []
        return [Expected(f"{call.ordinal}:{entry['id']}", call.line, f"the warning signs '{entry['id']}'",
                         "red-flags", " ".join(red_flags.words(records, entry)), source="data/red-flags.yml")]
    if call.name == "safety_summary":
        entries = [callouts[i] for i in args if i in callouts and summary_lines(callouts[i])]
        if not entries:
            return []
        return [Expected(f"{call.ordinal}:in-short", call.line, "the 'In short' safety box", "callout",
                         " ".join(summary_words(entries)))]
    if call.name == "handout_items":
        when = args[0] if args else kwargs.get("when")
        return [Expected(f"{call.ordinal}:{e['id']}", call.line, f"the handout's line for '{e['id']}'",
                         "handout-item", " ".join([e["title"], e["body"], *signs.words(e.get("signs", []))]))
                for e in callouts.values() if e["when"] == when]
    return []


def _required(records: Records, src: str, calls: list[MacroCall]) -> list[Required]:
    # A first argument of the wrong kind (safety(["x"]), a list) is reported
    # at its line by the argument check; here it names no callout.
    made = {(c.name, first) for c in calls for first in [(c.args or (None,))[0]]
            if first is None or isinstance(first, str)}
    if src == PRECAUTIONS:
        return [Required(1, f"the precautions page has no section for the callout '{i}' of data/safety.yml; "
                            f"add {{{{ precaution(\"{i}\") }}}} to it")
                for i in records.safety() if ("precaution", i) not in made]
    if src == HANDOUT:
        return [Required(1, f"the handout does not print the group '{group}' ({title}) of data/safety.yml; "
                            f"add {{{{ handout_items(\"{group}\") }}}} to it, outside any other block")
                for group, title in GROUPS.items() if ("handout_items", group) not in made]
    return []


def expectations(root, macros: frozenset[str], call_ok: Callable[[str, tuple, dict], bool]):
    """A function (src, page text) -> (expected, required) for the project
    at root: the stamped elements the page's safety calls must draw, and
    what a page that must call certain macros leaves out. call_ok says
    whether the build runs a call (one with wrong arguments is reported,
    not run, so nothing of it is looked for)."""
    held: list[Records] = []

    def of(src: str, text: str) -> tuple[list[Expected], list[Required]]:
        try:
            # Read once for the whole site (records_for() checks every data
            # file's digest each time it is asked).
            records = held[0] if held else records_for(root)
            records.safety()
        except ContentError:
            return [], []  # a broken data file stops the build with its own message
        held[:] = [records]
        calls = page_calls(text, macros)
        expected = [e for c in calls if c.name in SAFETY_MACROS and call_ok(c.name, c.args, dict(c.kwargs))
                    for e in _for_call(records, src, c)]
        return expected, _required(records, src, calls)
    return of
