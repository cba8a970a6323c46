"""macros-only: a page's Jinja calls the guide's macros and nothing else.

The check is the build's own (guide/boundary/page_jinja.py), run here on the
source, so it works with --site-dir too and names the same lines.
"""

from __future__ import annotations

import functools

from jinja2 import Environment
from mkdocs.utils.meta import get_data

from ...boundary import page_jinja
from ...content import PAGE_MACROS
from ..findings import Finding, split_fix

RULE = "macros-only"
SUMMARY = ("A page's template code only calls the guide's macros with plain arguments, like "
           '{{ cite("flynn1994") }} or {{ safety("look-behind") }}. No variables, no attribute '
           "access, no filters, no {% set %}, {% include %}, {% import %} or loops: a page is "
           "words, not code. An unclosed {{ is reported at its line. The message lists the macros.")
FIX = "call one of the guide's macros, or put literal braces between {% raw %} and {% endraw %}"


@functools.lru_cache(maxsize=None)
def _environment() -> Environment:
    return Environment()  # mkdocs-macros' syntax: the default delimiters


def check(ctx):
    allowed = PAGE_MACROS
    for page in ctx.pages:
        if page.text is None:
            continue
        markdown, _ = get_data(page.text)  # the body as MkDocs hands it to mkdocs-macros
        offset = page_jinja.body_offset(page.text, markdown)
        for line, text in page_jinja.problems(markdown, _environment(), allowed, offset):
            message, fix = split_fix(text, FIX)
            yield Finding(page.path, line, RULE, message, fix)
