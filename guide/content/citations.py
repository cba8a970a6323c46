"""Citations from data/bibliography.yml.

cite("id") puts a numbered link in the text; reference_list() lists the page's
sources in order of first citation, each linking back to where it was first
cited. Numbers are per page. reference_list() may stand anywhere on the page:
it leaves a marker that is filled in once the whole page has been read.
"""

from __future__ import annotations

import html

from ..errors import line_of, unknown
from ..records.pages import split_front_matter
from . import held_html, study
from .page_call import PageCall

MARKER = "<!-- guide:references -->"


def format_entry(entry: dict) -> str:
    """One source as HTML: authors (year). Title. Journal volume:pages. Link."""
    title = html.escape(entry["title"].rstrip(".")) + "."
    year = f"({entry['year']})." if entry.get("year") else ""
    if entry.get("authors"):
        parts = [html.escape(entry["authors"]), year or "(no date).", title]
    else:  # an anonymous work is known by its title
        parts = [title[:-1], year] if year else [title]
    if entry.get("journal"):
        where = f"<em>{html.escape(entry['journal'])}</em>"
        if entry.get("volume"):
            where += f" {html.escape(entry['volume'])}"
        if entry.get("pages"):
            where += f":{html.escape(entry['pages'])}"
        parts.append(where + ".")
    if entry.get("study"):
        parts.append(f"<span class=\"guide-ref__about\">{html.escape(study.design_line(entry['study']))}.</span>")
    else:  # an entry whose record is not written yet
        about = ", ".join(x for x in (entry.get("type"), entry.get("size")) if x)
        if about:
            parts.append(f"<span class=\"guide-ref__about\">{html.escape(about[0].upper() + about[1:])}.</span>")
    if entry.get("note"):
        parts.append(f"<span class=\"guide-ref__note\">Note: {html.escape(entry['note'])}</span>")
    links = []
    if entry.get("doi"):
        links.append((f"https://doi.org/{entry['doi']}", f"doi:{entry['doi']}"))
    if entry.get("pmid"):
        links.append((f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/", f"PubMed {entry['pmid']}"))
    if not links and entry.get("url"):
        links.append((entry["url"], "Publisher's page"))
    parts += [f"<a href=\"{html.escape(href)}\">{html.escape(label)}</a>" for href, label in links]
    if not links and entry.get("no_link"):
        parts.append(html.escape(entry["no_link"]))
    return " ".join(parts)


def study_details(entry: dict) -> str:
    """The collapsed study record, or nothing for an entry without one."""
    return study.details(entry["study"]) if entry.get("study") else ""


def cite(call: PageCall, *ids: str) -> str:
    """Numbered links to this page's reference list, like [1, 3]."""
    known = call.records.bibliography()
    order = call.cited
    links, missing = [], []  # missing: the placeholders `make serve` shows for unknown ids
    listed = call.meta.get("references") or []
    for ref_id in ids:
        if ref_id not in known:
            if ref_id in listed:  # start_page() reported it once, at the front-matter line
                missing.append(call.stand_in(f"source not found: {ref_id}",
                                             f"'{ref_id}' is not in data/bibliography.yml"))
                continue
            logged = call.report(ref_id, unknown("source", ref_id, known)
                                 + " (fix the id in cite(), or add the source to data/bibliography.yml)")
            missing.append(call.stand_in(f"source not found: {ref_id}", logged))
            continue
        first = ref_id not in order
        if first:
            order.append(ref_id)
        number = order.index(ref_id) + 1
        anchor = f' id="cite-{ref_id}"' if first else ""
        links.append(f'<a href="#ref-{ref_id}"{anchor} title="{html.escape(known[ref_id]["title"])}">{number}</a>')
    if not ids:
        call.report("cite()", 'cite() needs at least one source id, like cite("flynn1994")')
    cited = f'<sup class="guide-cite">[{", ".join(links)}]</sup>' if links else ""
    return cited + "".join(missing)


def reference_list(call: PageCall) -> str:
    """This page's sources. (Not named references(): the front-matter field
    of that name would hide the macro, as page variables outrank macros.)"""
    call.wants_reference_list = True
    return MARKER


def _reference_list(known: dict[str, dict], ids: list[str], backlinks: bool) -> str:
    items = []
    for ref_id in ids:
        back = (f' <a class="guide-ref__back" href="#cite-{ref_id}" '
                f'aria-label="Back to where source {ids.index(ref_id) + 1} is first cited">↩</a>') if backlinks else ""
        entry = known[ref_id]
        items.append(f'<li id="ref-{ref_id}">{format_entry(entry)}{back}{study_details(entry)}</li>')
    return '<ol class="guide-references">\n' + "\n".join(items) + "\n</ol>\n"


def bibliography(call: PageCall) -> str:
    """Every source, sorted by author and year, for the References page."""
    entries = sorted(call.records.bibliography().values(),
                     key=lambda e: ((e.get("authors") or e["title"]).lower(), e.get("year") or 0))
    items = [f'<li id="ref-{e["id"]}">{format_entry(e)}{study_details(e)}</li>' for e in entries]
    html = '<ul class="guide-references guide-bibliography">\n' + "\n".join(items) + "\n</ul>\n"
    return held_html.hold(call.held, html, ids=[f"ref-{e['id']}" for e in entries], call="bibliography()")


def start_page(call: PageCall) -> None:
    """Report the unknown ids of the page's front-matter list, at their line."""
    known = call.records.bibliography()
    yaml_text = split_front_matter(call.source)[0]
    for ref_id in (call.meta.get("references") or []):
        if ref_id not in known:
            # The line in the front matter (+1 for its opening ---), not a cite() further down.
            line = line_of(yaml_text, str(ref_id)) + 1
            call.report(ref_id, unknown("source", str(ref_id), known)
                   + " in the page's references list (add it to data/bibliography.yml, or fix the id)",
                   line=line)


def finish_page(call: PageCall, markdown: str) -> str:
    """The page's Markdown with its reference list filled in, now that every
    citation is known."""
    if not call.wants_reference_list:
        if call.cited:
            call.report("cite(", "this page cites sources but has no reference list; "
                                 "add {{ reference_list() }} under a '## References' heading")
        return markdown
    if MARKER not in markdown:
        return markdown  # the page failed to render (mkdocs serve shows the error instead)
    order = call.cited
    listing = _reference_list(call.records.bibliography(), order, backlinks=True) if order else (
        "<p>This page does not cite any source yet.</p>\n")
    marker = held_html.hold(call.held, listing, ids=[f"ref-{ref_id}" for ref_id in order],
                            call="reference_list()")
    return markdown.replace(MARKER, marker)


# The macros pages call: name -> function(call, *arguments).
MACROS = {"cite": cite, "reference_list": reference_list, "bibliography": bibliography}
