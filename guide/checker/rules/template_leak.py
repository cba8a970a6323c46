"""no-template-leak: no Jinja syntax reaches the reader."""

from __future__ import annotations

import re

from ..findings import Finding

RULE = "no-template-leak"
SUMMARY = ("No `{{`, `{%` or `{#` in a rendered page's text or title: it means a macro was not "
           "run (a typo, or text inside {% raw %}). Fix the macro call, and write a header id "
           "as `{ #my-id }` with spaces.")
MARK = re.compile(r"\{\{|\{%|\{#")
# The whole tag when it is closed on the same line: that is what the source has.
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|[^\n]{1,40}")


def check(ctx):
    for page in ctx.pages:
        scan = ctx.scans.get(page.src)
        if scan is None:
            continue
        seen = set()
        for where, text in (("title", scan.title), ("text", scan.text)):
            for match in MARK.finditer(text):
                snippet = TAG.match(text, match.start()).group(0).strip()
                if snippet in seen:
                    continue
                seen.add(snippet)
                yield Finding(page.path, ctx.line_of(page, snippet), RULE,
                              f"the page {where} shows template code to readers: '{snippet}'",
                              "fix the macro call or remove the braces; write header ids as { #id }")
