"""Safety callouts from data/safety.yml, the one source of safety wording.

The same entry renders as a callout on a benefit page, as a section on the
precautions page and as a line on the handout, so they cannot disagree.
"""

from __future__ import annotations

from . import data
from .errors import unknown
from .page import indent, indent_of_call, link_to, log, report, src

PRECAUTIONS = "precautions.md"
GROUPS = {
    "before": "Before you start",
    "during": "While you run",
    "stop": "Stop and get help",
}

# Which precautions sections the current page rendered, by callout id.
_sections: set[str] = set()


def _entry(env, callout_id: str, macro: str) -> dict | None:
    callouts = data.safety()
    if callout_id not in callouts:
        report(env, callout_id, unknown("safety callout", callout_id, callouts)
               + f" (fix the id in {macro}(), or add the callout to data/safety.yml)")
        return None
    return callouts[callout_id]


def render_callout(env, entry: dict) -> str:
    """One callout as a Markdown admonition whose title links to its section."""
    target = f"{link_to(env, PRECAUTIONS)}#{entry['anchor']}"
    return (f'!!! safety {entry["severity"]} "[{entry["title"]}]({target})"\n\n'
            f"    {entry['body'].strip()}\n")


def safety(env, *callout_ids: str) -> str:
    """Render one or more callouts, in the order given."""
    if not callout_ids:
        report(env, "safety()", "safety() needs at least one callout id, like safety(\"look-behind\")")
        return ""
    blocks = [render_callout(env, e) for e in (_entry(env, i, "safety") for i in callout_ids) if e]
    return indent("\n".join(blocks), indent_of_call(env, "safety", callout_ids[0]))


def safety_list(env, when: str | None = None) -> str:
    """Every callout (or those of one handout group), in data-file order."""
    if when is not None and when not in GROUPS:
        report(env, "safety_list", unknown("safety group", when, GROUPS))
        return ""
    entries = [e for e in data.safety().values() if when in (None, e["when"])]
    return "\n".join(render_callout(env, e) for e in entries)


def precaution(env, callout_id: str, level: int = 2) -> str:
    """A precautions-page section: its heading and summary from the data."""
    entry = _entry(env, callout_id, "precaution")
    if not entry:
        return ""
    _sections.add(callout_id)
    kind = "stop" if entry["severity"] == "stop" else "caution"
    return (f"{'#' * level} {entry['title']} {{ #{entry['anchor']} }}\n\n"
            f"{entry['body'].strip()}\n{{: .guide-summary .guide-summary--{kind} }}\n")


def safety_group(env, when: str) -> str:
    """The heading of one group of callouts, like safety_group("before")."""
    if when not in GROUPS:
        report(env, when, unknown("safety group", when, GROUPS))
        return ""
    return GROUPS[when]


def start_page(env) -> None:
    _sections.clear()


def finish_page(env) -> None:
    """The precautions page must have a section for every callout."""
    if src(env) != PRECAUTIONS:
        return
    for callout_id, entry in data.safety().items():
        if callout_id not in _sections:
            log.error(f"data/safety.yml: callout '{callout_id}' links to section "
                      f"'#{entry['anchor']}', which docs/{PRECAUTIONS} does not have; "
                      f"add {{{{ precaution(\"{callout_id}\") }}}} to that page")


def register(env) -> None:
    data.safety()  # fail early, before any page, on a broken data file
    env.macro(lambda *ids: safety(env, *ids), "safety")
    env.macro(lambda when=None: safety_list(env, when), "safety_list")
    env.macro(lambda callout_id, level=2: precaution(env, callout_id, level), "precaution")
    env.macro(lambda when: safety_group(env, when), "safety_group")
