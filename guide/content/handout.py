"""Macros for the printable safety handout (docs/handout.md).

The handout repeats the safety callouts of data/safety.yml word for word,
so a printed sheet can never drift from the site. Its other words (who it
is for, the five-line beginner plan, the disclaimer) live in
data/handout.yml. scripts/build_pdfs.py prints the page to PDF and fails
if it no longer fits on one sheet.
"""

from __future__ import annotations

import segno

from ..records.reviews import long_date
from ..records.store import HANDOUT_TEXT_FIELDS
from . import signs, stamps
from .page_call import PageCall
from .plain_text import text
from .safety import GROUPS

# The QR code and the printed address lead here: the full precautions page.
PRECAUTIONS_PATH = "precautions/"


def site_url(call: PageCall) -> str:
    url = call.site.site_url or ""
    if not url:
        call.log_error("mkdocs.yml: 'site_url' is empty, so the handout cannot print the site's "
                  "address or its QR code; set site_url (or the SITE_URL variable)")
    return url if url.endswith("/") else url + "/"


def readable(url: str) -> str:
    """An address as a person types it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def handout_items(call: PageCall, when: str) -> str:
    """The callouts of one group as a compact list, in the data file's words."""
    if when not in GROUPS:
        call.report("handout_items", f"unknown safety group '{when}'; use one of: {', '.join(GROUPS)}")
        return ""
    rows = []
    for entry in call.records.safety().values():
        if entry["when"] != when:
            continue
        body = (f'<dd markdown="span">{text(entry["body"])}</dd>' if not entry.get("signs") else
                f'<dd markdown="block"><p markdown="span">{text(entry["body"])}</p>'
                f'{signs.handout_html(entry["signs"])}</dd>')
        rows.append(f'<div class="guide-handout__item guide-handout__item--{entry["severity"]}" '
                    f'{stamps.attribute(call, entry["id"])}>'
                    f'<dt markdown="span">{text(entry["title"])}</dt>{body}</div>')
    if not rows:
        call.report("handout_items", f"no callout in data/safety.yml has 'when: {when}'; "
                                     "remove this group from the handout or add a callout to it")
        return ""
    # The callouts' own words, as every page that shows them gives them:
    # search finds them at their home on the precautions page, so the copy
    # here stays out of the index (issue 29's goal, half its old size).
    return '<dl class="guide-handout__items" data-search-exclude>\n' + "\n".join(rows) + "\n</dl>\n"


def handout_plan(call: PageCall) -> str:
    steps = "\n".join(f'<li markdown="span">{text(step)}</li>' for step in call.records.handout()["plan"])
    return f'<ol class="guide-handout__plan">\n{steps}\n</ol>\n'


def qr_code(call: PageCall) -> str:
    """An inline SVG QR code for the online precautions page, made offline."""
    target = site_url(call) + PRECAUTIONS_PATH
    qr = segno.make(target, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True,
                        svgclass="guide-qr", lineclass=None,
                        title=f"QR code for {readable(target)}")
    # role="img" makes screen readers announce the title, not the drawing.
    return svg.replace("<svg ", '<svg role="img" ', 1)


def handout_reviewed(call: PageCall) -> str:
    reviewed = (call.meta or {}).get("reviewed")
    if not hasattr(reviewed, "strftime"):
        call.report("handout_reviewed", "the handout shows when its content was reviewed; "
                                        "add 'reviewed: YYYY-MM-DD' to this page's front matter")
        return ""
    return f'<time datetime="{reviewed.isoformat()}">{long_date(reviewed)}</time>'


def site_address(call: PageCall, page: str = "index.md") -> str:
    """A Markdown link to a docs/ page whose text is its full published address.

    On paper the reader sees where to go; on screen the link stays relative,
    so it works under any address and MkDocs checks that it resolves.
    """
    path = page[: -len(".md")]
    path = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
    return f"[{readable(site_url(call) + path)}]({call.link_to(page)}){{ .guide-address }}"


def handout_text(call: PageCall, field: str) -> str:
    """One line of data/handout.yml, like handout_text("audience")."""
    if field not in HANDOUT_TEXT_FIELDS:
        call.report(field, f"unknown handout text '{field}'; use one of: {', '.join(HANDOUT_TEXT_FIELDS)}")
        return ""
    return text(call.records.handout()[field])


# The macros pages call: name -> function(call, *arguments).
MACROS = {"handout_text": handout_text, "handout_items": handout_items, "handout_plan": handout_plan,
          "qr_code": qr_code, "handout_reviewed": handout_reviewed, "site_address": site_address}
