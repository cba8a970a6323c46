"""safe-html: page content runs no code and sends readers only to https."""

from __future__ import annotations

from ..findings import Finding

RULE = "safe-html"
SUMMARY = ("Page content has no <script> element, no inline event handler (onclick=...), no "
           "javascript: URL, and every external link or embed uses https://. Site-wide scripts "
           "belong in the theme (overrides/), not in a page.")
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
