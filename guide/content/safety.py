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
from . import citations, signs, stamps
from .arguments import HeadingLevel
from .page_call import PageCall, indent
from .plain_text import text
from .study_uses import src_of

PRECAUTIONS = "precautions.md"
# "Graves JM, Iyer KR" or "Uthoff A et al." is a person; anything else an organisation.
PERSON = re.compile(r"^([A-Z][\w'-]+) [A-Z]{1,3}(?:,| et al|$)")
GROUPS = {
    "before": "Before you start",
    "during": "While you run",
    "stop": "Stop and get help",
}


# The class of a callout's "Sources:" line. The line names the same pages
# on every page that shows the callout, so it stays out of the search
# index, as the reference lists do (issue 29): a search finds the advice,
# and the sources are one tap away on its precautions section.
SOURCES_CLASS = ".guide-safety__sources data-search-exclude"


def _missing(call: PageCall, callout_id: str, macro: str) -> str:
    """Report an unknown callout id; the placeholder `make serve` shows for it."""
    logged = call.report(callout_id, unknown("safety callout", callout_id, call.records.safety())
                         + f" (fix the id in {macro}(), or add the callout to data/safety.yml)")
    return call.stand_in(f"Safety callout not found: {callout_id}", logged, block=True)


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


def sources_line(known: dict[str, dict], ids, note: str = "", link=None) -> str:
    """'Sources: NHS inform, public guidance; Graves 2014, ...' and the
    own-advice note: as Markdown whose names link to each source's own page
    (link(id): its address from this page), or with link=None as the plain
    text a reader sees (the verification pass compares the two). With no
    source the advice is wholly our own, and the note says so."""
    labels = [source_label(known[i]) for i in ids]
    # Two pages of one organisation would read as the same source twice
    # ("Allina Health; Allina Health"), so each of them gets its title too.
    labels = [f"{label}, \u201c{' '.join(known[i]['title'].split())}\u201d" if labels.count(label) > 1 else label
              for i, label in zip(ids, labels)]
    if link is None:
        names = [f"{label}, {source_kind(known[i])}" for i, label in zip(ids, labels)]
    else:
        names = [f"[{text(label)}]({link(i)}), {text(source_kind(known[i]))}" for i, label in zip(ids, labels)]
    line = f"{'Sources' if len(names) > 1 else 'Source'}: {'; '.join(names)}." if names else ""
    note = " ".join(note.split())
    if link is not None and note:
        note = text(note)
    return " ".join(part for part in (line, note) if part)


def _basis(records, entry: dict, link=None) -> str:
    """The callout's sources (its body's and its signs') and its own-advice
    note: Markdown with link, else the plain text a reader sees."""
    return sources_line(records.bibliography(), callout_sources(entry),
                        signs.own_advice(records, entry, entry["id"]), link)


def basis_line(call: PageCall, entry: dict) -> str:
    """The callout's sources line, as Markdown."""
    return _basis(call.records, entry, lambda i: call.link_to(src_of(i)))


def callout_words(records, entry: dict) -> list[str]:
    """Every word a reader reads in the callout, in order, the sources line
    as plain text (for the verification pass, guide/content/emitted.py)."""
    return [entry["title"], entry["body"], *signs.words(entry.get("signs", [])), _basis(records, entry)]


def render_callout(call: PageCall, entry: dict) -> str:
    """One callout as a Markdown admonition whose title links to its section:
    the body, its signs grouped by what to do, then its sources, stamped
    (stamps.py) on that last paragraph: an admonition's own <div> takes no
    attributes."""
    target = f"{call.link_to(PRECAUTIONS)}#{entry['anchor']}"
    groups = "".join(f"    {line}\n" if line else "\n" for line in signs.markdown(entry.get("signs", [])))
    return (f'!!! safety {entry["severity"]} "[{text(entry["title"])}]({target})"\n\n'
            f"    {text(entry['body'])}\n\n"
            f"{groups}"
            f"    {basis_line(call, entry)}\n"
            f"    {{: {SOURCES_CLASS} {stamps.attribute(call, entry['id'])} }}\n")


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
    """A precautions-page section: its heading and summary from the data."""
    entry = call.records.safety().get(callout_id)
    if not entry:
        return _missing(call, callout_id, "precaution")
    call.sections.add(callout_id)
    kind = entry["severity"]  # caution, stop or emergency: the summary's class
    # Numbered citations, so the sources join this page's own reference list.
    body = f"{text(entry['body'])}{citations.cite(call, *entry['sources']) if entry['sources'] else ''}"
    groups = signs.markdown(entry.get("signs", []),
                            cite=lambda sign: citations.cite(call, *sign["sources"]) if sign["sources"] else "")
    note = signs.own_advice(call.records, entry, entry["id"])
    basis = f"\n{text(note)}\n{{: .guide-summary__basis }}\n" if note else ""
    heading = f"{'#' * level} {text(entry['title'])} {{ #{entry['anchor']} }}\n\n"
    stamp = stamps.attribute(call, entry["id"])
    if not groups:
        return f"{heading}{body}\n{{: .guide-summary .guide-summary--{kind} {stamp} }}\n{basis}"
    # The summary and its lists in one stamped block the verification pass keeps in view.
    inner = "\n".join([body, "", *groups])
    return (f'{heading}<div class="guide-summary guide-summary--{kind}" {stamp} markdown>\n\n{inner}\n</div>\n'
            f"{basis}")


def precaution_words(entry: dict) -> list[str]:
    """The words a reader reads in a precautions section's summary, in order."""
    return [entry["body"], *signs.words(entry.get("signs", []))]


SUMMARY_TITLE = "In short: how to stay safe"
SEVERITY_ORDER = ("caution", "stop", "emergency")


def summary_severity(entries) -> str:
    return max((e["severity"] for e in entries), key=SEVERITY_ORDER.index)


def summary_lines(entry: dict) -> list[dict]:
    """A callout's lines in the "In short" box (its in_short list)."""
    return entry.get("in_short", [])


def summary_words(entries) -> list[str]:
    """The words a reader reads in the "In short" box, in order."""
    return [SUMMARY_TITLE] + [" ".join(x for x in (line["lead"], line["text"], line.get("link", "")) if x)
                              for entry in entries for line in summary_lines(entry)]


def safety_summary(call: PageCall, *callout_ids: str) -> str:
    """The "In short" box of the precautions page: each callout's in_short
    lines, in the order given, linking to its section. Its words are the
    data file's, like every box with the safety look."""
    callouts = call.records.safety()
    entries = [callouts[i] for i in callout_ids if i in callouts]
    for unknown_id in (i for i in callout_ids if i not in callouts):
        _missing(call, unknown_id, "safety_summary")  # reported; the box shows the rest
    for entry in entries:
        if "in_short" not in entry:
            call.report(entry["id"], f"callout '{entry['id']}' has no in_short line in data/safety.yml; "
                                     "add lead, text and link under in_short, or leave it out of safety_summary()")
    entries = [e for e in entries if "in_short" in e]
    if not entries:
        return ""
    target = f"{call.link_to(PRECAUTIONS)}" if call.src != PRECAUTIONS else ""
    lines = [f'!!! safety {summary_severity(entries)} "{SUMMARY_TITLE}"', ""]
    for entry in entries:
        for short in summary_lines(entry):
            link = f" [{text(short['link'])}]({target}#{entry['anchor']})" if short.get("link") else ""
            lines.append(f"    - **{text(short['lead'])}** {text(short['text'])}{link}")
    lines.append(f"    {{: {stamps.attribute(call, 'in-short')} }}")
    return "\n".join(lines) + "\n"


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
MACROS = {"safety": safety, "safety_list": safety_list, "precaution": precaution, "safety_group": safety_group,
          "safety_summary": safety_summary}
