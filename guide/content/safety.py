"""Safety callouts from data/safety.yml, the one source of safety wording.

The same entry renders as a callout on a benefit page, as a section on the
precautions page and as a line on the handout, so they cannot disagree.
Each callout names the sources it rests on: on a page as a "Sources:" line
linking to each source's own page, on the precautions page as numbered
citations in its own reference list. The handout has no room for them; it
points to the precautions page instead.
"""

from __future__ import annotations

import re

from ..errors import unknown
from ..records.store import callout_sources
from . import citations, signs
from .arguments import HeadingLevel
from .page_call import PageCall, indent
from .study_uses import src_of

PRECAUTIONS = "precautions.md"
# "Graves JM, Iyer KR" or "Uthoff A et al." is a person; anything else an organisation.
PERSON = re.compile(r"^([A-Z][\w'-]+) [A-Z]{1,3}(?:,| et al|$)")
GROUPS = {
    "before": "Before you start",
    "during": "While you run",
    "stop": "Stop and get help",
}


def _missing(call: PageCall, callout_id: str, macro: str) -> str:
    """Report an unknown callout id; the placeholder `make serve` shows for it."""
    logged = call.report(callout_id, unknown("safety callout", callout_id, call.records.safety())
                         + f" (fix the id in {macro}(), or add the callout to data/safety.yml)")
    return call.stand_in(f"Safety callout not found: {callout_id}", logged, block=True)


# The attributes of a callout's "Sources:" line. The line names the same
# pages on every page that shows the callout, so it stays out of the search
# index, as the reference lists do (issue 29): a search finds the advice,
# and the sources are one tap away on its precautions section.
SOURCES_ATTRS = "{: .guide-safety__sources data-search-exclude }"


def source_label(source: dict) -> str:
    """A short name a reader recognises: "Graves 2014", or the organisation."""
    authors = (source.get("authors") or "").strip()
    person = PERSON.match(authors)
    if person:
        return f"{person.group(1)} {source['year']}" if source.get("year") else person.group(1)
    # "CDC (US Centers for Disease Control and Prevention)" reads as "CDC".
    return authors.split(" (", 1)[0] or source["title"]


def source_kind(source: dict) -> str:
    """What kind of source it is: the study record's design, else the entry's type."""
    record = source.get("study")
    return (record.get("design") if isinstance(record, dict) else None) or source.get("type") or "source"


def sources_line(call: PageCall, ids: list[str], note: str = "") -> str:
    """'Sources: NHS inform, public guidance; Graves 2014, ...' and a note, as Markdown.

    With no source the advice is wholly our own, and the note says so."""
    known = call.records.bibliography()
    labels = [source_label(known[i]) for i in ids]
    # Two pages of one organisation would read as the same source twice
    # ("Allina Health; Allina Health"), so each of them gets its title too.
    labels = [f"{label}, \u201c{known[i]['title'].strip()}\u201d" if labels.count(label) > 1 else label
              for i, label in zip(ids, labels)]
    names = [f"[{label}]({call.link_to(src_of(i))}), {source_kind(known[i])}" for i, label in zip(ids, labels)]
    line = f"{'Sources' if len(names) > 1 else 'Source'}: {'; '.join(names)}." if names else ""
    return " ".join(part for part in (line, note) if part)


def basis_line(call: PageCall, entry: dict) -> str:
    """The callout's sources (its body's and its signs') and its own-advice notes."""
    return sources_line(call, callout_sources(entry), signs.own_advice(call.records, entry, entry["id"]))


def render_callout(call: PageCall, entry: dict) -> str:
    """One callout as a Markdown admonition whose title links to its section:
    the body, its signs grouped by what to do, then its sources."""
    target = f"{call.link_to(PRECAUTIONS)}#{entry['anchor']}"
    groups = "".join(f"    {line}\n" if line else "\n" for line in signs.markdown(entry.get("signs", [])))
    return (f'!!! safety {entry["severity"]} "[{entry["title"]}]({target})"\n\n'
            f"    {entry['body'].strip()}\n\n"
            f"{groups}"
            f"    {basis_line(call, entry)}\n"
            f"    {SOURCES_ATTRS}\n")


def safety(call: PageCall, *callout_ids: str) -> str:
    """Render one or more callouts, in the order given."""
    if not callout_ids:
        call.report("safety()", "safety() needs at least one callout id, like safety(\"look-behind\")")
        return ""
    callouts = call.records.safety()
    blocks = [render_callout(call, callouts[i]) if i in callouts else _missing(call, i, "safety")
              for i in callout_ids]
    return indent("\n".join(b for b in blocks if b), call.indent_of_call("safety", callout_ids[0]))


def safety_list(call: PageCall, when: str | None = None) -> str:
    """Every callout (or those of one handout group), in data-file order."""
    if when is not None and when not in GROUPS:
        call.report("safety_list", unknown("safety group", when, GROUPS))
        return ""
    entries = [e for e in call.records.safety().values() if when in (None, e["when"])]
    return "\n".join(render_callout(call, e) for e in entries)


def precaution(call: PageCall, callout_id: str, level: HeadingLevel = 2) -> str:
    """A precautions-page section: its heading and summary from the data.

    The summary is the callout's body and signs, each with numbered
    citations, so the sources join this page's own reference list."""
    entry = call.records.safety().get(callout_id)
    if not entry:
        return _missing(call, callout_id, "precaution")
    call.sections.add(callout_id)
    kind = entry["severity"]  # caution, stop or emergency: the summary's class
    body = f"{entry['body'].strip()}{citations.cite(call, *entry['sources']) if entry['sources'] else ''}"
    groups = signs.markdown(entry.get("signs", []),
                            cite=lambda sign: citations.cite(call, *sign["sources"]) if sign["sources"] else "")
    note = signs.own_advice(call.records, entry, entry["id"])
    basis = f"\n{note}\n{{: .guide-summary__basis }}\n" if note else ""
    heading = f"{'#' * level} {entry['title']} {{ #{entry['anchor']} }}\n\n"
    if not groups:
        return f"{heading}{body}\n{{: .guide-summary .guide-summary--{kind} }}\n{basis}"
    # The summary and its lists in one block the verification pass keeps in view.
    inner = "\n".join([body, "", *groups])
    return (f'{heading}<div class="guide-summary guide-summary--{kind}" markdown>\n\n{inner}\n</div>\n{basis}')


def safety_group(call: PageCall, when: str) -> str:
    """The heading of one group of callouts, like safety_group("before")."""
    if when not in GROUPS:
        call.report(when, unknown("safety group", when, GROUPS))
        return ""
    return GROUPS[when]


def finish_page(call: PageCall) -> None:
    """The precautions page must have a section for every callout."""
    if call.src != PRECAUTIONS:
        return
    for callout_id, entry in call.records.safety().items():
        if callout_id not in call.sections:
            call.log_error(f"data/safety.yml: callout '{callout_id}' links to section "
                      f"'#{entry['anchor']}', which docs/{PRECAUTIONS} does not have; "
                      f"add {{{{ precaution(\"{callout_id}\") }}}} to that page")


# The macros pages call: name -> function(call, *arguments).
MACROS = {"safety": safety, "safety_list": safety_list, "precaution": precaution, "safety_group": safety_group}
