"""Citations from data/bibliography.yml.

cite("id") puts a numbered link in the text; reference_list() lists the page's
sources in order of first citation, each linking back to where it was first
cited. Numbers are per page. reference_list() may stand anywhere on the page:
it leaves a marker that is filled in once the whole page has been read.
"""

from __future__ import annotations

import html
import re

from ..errors import line_of, unknown
from ..records.pages import split_front_matter
from . import held_html, study, study_uses
from .page_call import PageCall

def marker_for(call: PageCall) -> str:
    """Where reference_list() stands until the page is read. It holds the
    page's secret (PageCall.stamp_key), so the page cannot write it too:
    each copy would become a whole reference list."""
    return f"<!-- guide:references {call.stamp_key} -->"


def _once(call: PageCall, name: str) -> bool:
    """True the first time a page calls name; after that an error at the
    call's line. bibliography() and reference_list() stand for up to 150 KB
    of HTML each (guide/records/limits.py): a page needs each once."""
    if name in call.once:
        call.report(f"{name}(", f"{name}() stands on this page already; a page shows it once")
        return False
    call.once.add(name)
    return True


def _names(entry: dict) -> list[str]:
    """Authors (year). Title. -- an anonymous work is known by its title."""
    title = html.escape(entry["title"].rstrip(".")) + "."
    year = f"({entry['year']})." if entry.get("year") else ""
    if entry.get("authors"):
        return [html.escape(entry["authors"]), year or "(no date).", title]
    return [title[:-1], year] if year else [title]


def links_of(entry: dict, full: bool = False) -> list[tuple[str, str]]:
    """(address, label) of each place a reader can find the source: its DOI
    and PubMed page, else its own address; full adds its PubMed Central copy."""
    links = []
    if entry.get("doi"):
        links.append((f"https://doi.org/{entry['doi']}", f"doi:{entry['doi']}"))
    if entry.get("pmid"):
        links.append((f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/", f"PubMed {entry['pmid']}"))
    if full and entry.get("pmcid"):
        links.append((f"https://pmc.ncbi.nlm.nih.gov/articles/{entry['pmcid']}/", f"PubMed Central {entry['pmcid']}"))
    if not links and entry.get("url"):
        links.append((entry["url"], "Publisher's page"))
    return links


def format_entry(entry: dict, full: bool = False) -> str:
    """One source in full as HTML: authors (year). Title. Journal
    volume:pages. Its design line (unless full: the study page shows it
    above), its note, its links."""
    parts = _names(entry)
    if entry.get("journal"):
        where = f"<em>{html.escape(entry['journal'])}</em>"
        if entry.get("volume"):
            where += f" {html.escape(entry['volume'])}"
        if entry.get("pages"):
            where += f":{html.escape(entry['pages'])}"
        parts.append(where + ".")
    if not full:
        parts.append(f"<span class=\"guide-ref__about\">{html.escape(study.design_line(entry['study']))}.</span>")
    if entry.get("note"):
        parts.append(f"<span class=\"guide-ref__note\">Note: {html.escape(entry['note'])}</span>")
    links = links_of(entry, full)
    parts += [f"<a href=\"{html.escape(href)}\">{html.escape(label)}</a>" for href, label in links]
    if not links and entry.get("no_link"):
        parts.append(html.escape(entry["no_link"]))
    return " ".join(parts)


def short_entry(entry: dict, study_page: str) -> str:
    """One source as a page's reference list shows it: authors (year), the
    title as a link to the study's own page, and the design line. That page
    holds the rest: the whole record, the links to the source and what in
    the guide relies on it."""
    title = html.escape(entry["title"].rstrip("."))
    year = f"({entry['year']})." if entry.get("year") else ""
    link = f'<a href="{html.escape(study_page)}">{title}</a>'
    if entry.get("authors"):
        parts = [html.escape(entry["authors"]), year or "(no date).", link + "."]
    else:  # an anonymous work is known by its title
        parts = [link, year] if year else [link + "."]
    parts.append(f'<span class="guide-ref__about">{html.escape(study.design_line(entry["study"]))}.</span>')
    return " ".join(parts)


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
    if not _once(call, "reference_list"):
        return ""
    call.wants_reference_list = True
    return marker_for(call)


def _reference_list(call: PageCall, ids: list[str]) -> str:
    """The page's sources, numbered, each linking back to its first citation."""
    known = call.records.bibliography()
    items = []
    for number, ref_id in enumerate(ids, 1):
        back = (f' <a class="guide-ref__back" href="#cite-{ref_id}" '
                f'aria-label="Back to where source {number} is first cited">↩</a>')
        page = call.href_to(study_uses.src_of(ref_id))
        items.append(f'<li id="ref-{ref_id}">{short_entry(known[ref_id], page)}{back}</li>')
    # Out of the search index: each study is found on its own page.
    return '<ol class="guide-references" data-search-exclude>\n' + "\n".join(items) + "\n</ol>\n"


# The References page's groups, strongest kind of study first; a design
# missing here goes in the last group (tests/test_study_pages.py checks
# that every design the schema allows has its place).
DESIGN_GROUPS = (
    ("trials", "Trials", ("randomised trial", "non-randomised trial", "crossover trial")),
    ("people", "Other studies of people", ("cohort study", "case-control study", "single-group study",
                                           "case series", "injury-surveillance study")),
    ("lab", "Laboratory studies", ("laboratory study",)),
    ("reviews", "Reviews of studies", ("systematic review", "narrative review")),
    ("unreviewed", "Theses and conference abstracts", ("thesis", "conference abstract")),
    ("other", "Guidance, reference works and other sources", ("public guidance", "reference compendium",
                                                               "record listing", "other")),
)
ACTIVITY_GROUPS = (("running", "Backward running"), ("walking", "Backward walking"),
                   ("both", "Backward running and walking"), ("not applicable", "Not a study of one activity"))


def design_group(design: str) -> str:
    for key, _, designs in DESIGN_GROUPS:
        if design in designs:
            return key
    return DESIGN_GROUPS[-1][0]


def _uses(call: PageCall) -> dict:
    """What relies on each source, read from the pages once a build."""
    cache = call.site.cache
    if "study_uses" not in cache:
        cache["study_uses"] = study_uses.uses(call.records, call.site.docs_dir, call.site.nav_order)
    return cache["study_uses"]


def role(call: PageCall, found: study_uses.Uses) -> str:
    """What a source does in the guide, in a sentence or two of HTML."""
    grades = call.records.grades()
    parts = []
    if found.holds_up:
        pages = ", ".join(f'<a href="{call.href_to(p.src)}">{html.escape(p.title)}</a> '
                          f'({html.escape(grades.get(p.grade, {}).get("label", p.grade))})' for p in found.holds_up)
        parts.append(f"Holds up the grade of {pages}.")
    others = [p for p in found.pages if not p.grade]
    if others:
        count = f"{len(others)}{' other' if found.holds_up else ''} page{'s' if len(others) > 1 else ''}"
        parts.append(f"Also cited on {count}." if found.holds_up else f"Cited on {count}; holds up no grade.")
    if found.advice:
        parts.append("Safety advice rests on it.")
    return " ".join(parts) or "Cited by no page at present."


def bibliography(call: PageCall) -> str:
    """Every source, grouped by the kind of study and then by activity, for
    the References page: a link to its page, its design line and its role."""
    if not _once(call, "bibliography"):
        return ""
    known = call.records.bibliography()
    found = _uses(call)
    out = []
    for key, label, _ in DESIGN_GROUPS:
        group = [e for e in known.values() if design_group(e["study"]["design"]) == key]
        if not group:
            continue
        out.append(f"## {label} {{ #{key} }}\n")
        for activity, heading in ACTIVITY_GROUPS:
            entries = sorted((e for e in group if e["study"]["activity"] == activity),
                             key=lambda e: ((e.get("authors") or e["title"]).lower(), e.get("year") or 0))
            if not entries:
                continue
            items = [f'<li id="ref-{e["id"]}">{short_entry(e, call.href_to(study_uses.src_of(e["id"])))} '
                     f'<span class="guide-ref__note">{role(call, found[e["id"]])}</span></li>' for e in entries]
            listing = ('<ul class="guide-references guide-bibliography" data-search-exclude>\n'
                       + "\n".join(items) + "\n</ul>\n")
            marker = held_html.hold(call.held, listing, ids=[f"ref-{e['id']}" for e in entries],
                                    call="bibliography()", key=call.stamp_key)
            slug = activity.replace(" ", "-")
            out.append(f"### {heading} {{ #{key}-{slug} }}\n\n{marker}\n")
    return "\n".join(out)


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
    marker_text = marker_for(call)
    if marker_text not in markdown:
        return markdown  # the page failed to render (mkdocs serve shows the error instead)
    order = call.cited
    listing = _reference_list(call, order) if order else (
        "<p>This page does not cite any source yet.</p>\n")
    marker = held_html.hold(call.held, listing, ids=[f"ref-{ref_id}" for ref_id in order],
                            call="reference_list()", key=call.stamp_key)
    return _unsearched_heading(markdown, marker_text).replace(marker_text, marker, 1)


HEADING = re.compile(r"^(#{1,6}[ \t]+[^\n]*?)([ \t]*\{:?([^{}\n]*)\})?[ \t]*$")


def _unsearched_heading(markdown: str, marker: str) -> str:
    """The heading right above the reference list (with only blank lines
    between) leaves the search index with it: left in, every page's empty
    "References" section answered a search for "references"."""
    index = markdown.find(marker)
    before = markdown[:index].rstrip("\n")
    start = before.rfind("\n") + 1
    match = HEADING.match(before[start:])
    if index < 0 or not match:
        return markdown
    attrs = " ".join(x for x in ((match.group(3) or "").strip(), "data-search-exclude") if x)
    return markdown[:start] + f"{match.group(1)} {{ {attrs} }}" + markdown[len(before):]


# The macros pages call: name -> function(call, *arguments).
MACROS = {"cite": cite, "reference_list": reference_list, "bibliography": bibliography}
