"""red-flags: every condition page shows its own warning signs.

A condition page is one about living with a health condition: any page that
data/red-flags.yml names, and every benefit page of the walking section
(category: walking), which are all about a condition. Which signs belong to
which page lives in the data; the page calls red_flags() and the rendered
page must then show the box's heading and every sign, word for word. The
data also names the safety callouts a condition's readers need beside the
box (the stop signs, what to do after a fall or a knock to the head): the
rendered page must show each of them, with every sign it lists.
"""

from __future__ import annotations

from ...errors import ContentError
from ..findings import Finding, from_content_error

RULE = "red-flags"
DATA = "data/red-flags.yml"
SUMMARY = ("Every condition page shows its own warning signs (red flags) beside its advice: each page "
           "data/red-flags.yml names, and every benefit page with category: walking. The rendered page "
           "must show the entry's heading and every sign, and each callout the entry's callouts: names. "
           "A walking page with no entry, or a page the data names that does not exist, is a finding "
           "too. Fix: add {{ red_flags() }} to the page's \"start safely\" section, and "
           "{{ safety(...) }} with the callouts the entry names; or give the page an entry in "
           "data/red-flags.yml with its signs and their sources.")


def _flat(text: str) -> str:
    return " ".join(text.split())


def check(ctx):
    project = ctx.project
    try:
        project.records.safety()
    except ContentError:
        # The warning signs are checked against the callouts, so they need
        # data/safety.yml whole; its own mistakes are the build's to report,
        # at their line, not this rule's.
        return
    try:
        entries = project.records.red_flags()
    except ContentError as e:
        yield from from_content_error(str(e), RULE, DATA, "see schemas/red-flags.schema.json")
        return
    named = {page: entry for entry in entries.values() for page in entry["pages"]}
    for page_src in sorted(set(named) - set(project.files)):
        entry = named[page_src]
        yield Finding(DATA, entry["line"], RULE,
                      f"entry '{entry['id']}' names the page {page_src}, which docs/ does not have",
                      "fix the path (relative to docs/), or remove it from pages")
    for page in ctx.pages:
        entry = named.get(page.src)
        if entry is None:
            if page.is_benefit and page.meta.get("category") == "walking":
                yield Finding(page.path, ctx.line_of(page, "category:"), RULE,
                              "a walking page is about a health condition, but data/red-flags.yml has "
                              "no warning signs for it",
                              f"add an entry with pages: [{page.src}] and its signs, each with the "
                              "sources that give it, then call {{ red_flags() }} on the page")
            continue
        scan = ctx.scans.get(page.src)
        if scan is None or page.text is None:
            continue  # not rendered: the build rule says why
        shown = _flat(scan.text)
        missing = [flag["sign"] for flag in entry["flags"] if _flat(flag["sign"]) not in shown]
        if _flat(entry["title"]) not in shown:
            yield Finding(page.path, ctx.line_of(page, "red_flags(") if "red_flags(" in page.text
                          else ctx.line_of(page, "safety("), RULE,
                          f"the page does not show its warning signs ('{entry['title']}' in {DATA})",
                          "add {{ red_flags() }} on a line of its own after the page's safety callouts")
        elif missing:
            yield Finding(page.path, ctx.line_of(page, "red_flags("), RULE,
                          f"the page shows only some of its warning signs; missing: '{missing[0]}'"
                          + (f" and {len(missing) - 1} more" if len(missing) > 1 else ""),
                          "show them with {{ red_flags() }}, not copied by hand")
        callouts = project.records.safety()
        for callout_id in entry.get("callouts", ()):
            callout = callouts.get(callout_id)
            if callout is None:
                continue  # the records name the unknown id
            texts = [callout["title"], callout["body"], *(sign["sign"] for sign in callout.get("signs", ()))]
            if not all(_flat(text) in shown for text in texts):
                yield Finding(page.path, ctx.line_of(page, "red_flags(") if "red_flags(" in page.text
                              else ctx.line_of(page, "safety("), RULE,
                              f"the page does not show the callout '{callout_id}' ('{callout['title']}'), which "
                              f"its readers need beside the warning signs (entry '{entry['id']}' in {DATA})",
                              f"add {{{{ safety(\"{callout_id}\") }}}} next to {{{{ red_flags() }}}}")
