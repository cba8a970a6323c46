"""safe-html: page content runs no code and sends readers only to https.

The build checks every page, front-matter text and data text against the
HTML allowlist (guide/boundary/html_allowlist.py) and names the file and line;
the checker reports those findings under this rule. This module takes a
second look at the built page itself, so a site built some other way
(--site-dir) is still checked for scripts, handlers and unsafe links.
"""

from __future__ import annotations

from ..findings import Finding

RULE = "safe-html"
SUMMARY = ("Page content, front-matter text and data text use only the HTML on the guide's "
           "allowlist (guide/boundary/html_allowlist.py; CONTRIBUTING.md lists it): no <script>, no "
           "inline event handler (onclick=...), no <style> or style=, no iframe, form, object, "
           "embed, base or meta, and links only to site pages, https:// or mailto: addresses. "
           "Site-wide scripts belong in the theme (overrides/), not in a page.")
WHAT = {
    "script": ("a <script> element in the page content", "remove it; pages may not run scripts", "<script"),
    "handler": ("an inline event handler '{detail}'", "remove the attribute; pages may not run scripts", "{detail}="),
    "javascript": ("a javascript: URL '{detail}'", "link to a page or an https:// address instead", "{detail}"),
    "http": ("an external address over plain http: '{detail}'", "use the https:// address", "{detail}"),
}


def check(ctx):
    for page in ctx.pages:
        scan = ctx.scans.get(page.src)
        if scan is None:
            continue
        for kind, detail in scan.unsafe:
            message, fix, needle = WHAT[kind]
            yield Finding(page.path, ctx.line_of(page, needle.format(detail=detail)), RULE,
                          message.format(detail=detail), fix)
