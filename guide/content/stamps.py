"""The stamp on the safety text the macros draw, which a page cannot forge.

The verification pass must know, on the built page, that each safety
callout a page calls is there and visible (guide/boundary/built_site.py).
Anything a page can write itself proves nothing: a class, an id, a link to
the callout's section. So each safety macro (safety, safety_list,
precaution, red_flags, handout_items) stamps what it draws with

    data-guide-stamp="ORDINAL:ITEM"

where ORDINAL is the call's place among the page's macro calls, as Jinja
reads them (records/macro_calls.py), and ITEM the callout (or the warning
box) it draws. The pass reads the same list from the page's own source and
looks for exactly these stamps, each on a visible element holding the data
file's words.

While the page is built, the macros write the stamp with a secret of this
page's build in front (PageCall.stamp_key): KEY:ORDINAL:ITEM. Right after
the HTML allowlist has cleaned the page (hooks/content_html.py), settle()
keeps the stamps that carry the secret, without it, and takes out and
reports every other one: a page cannot know the secret, so a stamp it
writes itself is refused at its line, and the built site holds only the
macros' stamps.
"""

from __future__ import annotations

import re

from ..errors import line_of

ATTRIBUTE = "data-guide-stamp"
# The allowlist's serialiser (nh3) writes every attribute as name="value",
# with no quote inside the value, so after it this finds each one.
FOUND = re.compile(rf'\s{ATTRIBUTE}="([^"]*)"')


def value(key: str, ordinal: int, item: str) -> str:
    return f"{key}:{ordinal}:{item}"


def attribute(call, item: str) -> str:
    """The stamp for what the running macro call draws, as name="value"
    (usable in an attribute list and in HTML alike)."""
    site = call.current
    ordinal = site.ordinal if site is not None else -1
    return f'{ATTRIBUTE}="{value(call.stamp_key, ordinal, item)}"'


def settle(html: str, key: str) -> tuple[str, list[str]]:
    """(html with its genuine stamps' secret taken out and every other
    stamp taken out whole, the values of those forged stamps)."""
    if ATTRIBUTE not in html:
        return html, []
    forged: list[str] = []
    prefix = f"{key}:"

    def one(match: re.Match) -> str:
        if key and match.group(1).startswith(prefix):
            return f' {ATTRIBUTE}="{match.group(1)[len(prefix):]}"'
        forged.append(match.group(1))
        return ""

    settled = FOUND.sub(one, html)
    if settled.count(ATTRIBUTE) != html.count(ATTRIBUTE) - len(forged):
        forged.append("(written in a form the allowlist did not rewrite)")
    return settled, forged


def settled_page(html: str, key: str, src: str, source: str) -> tuple[str, list[str]]:
    """settle() for the page docs/src, with a message at the source line for
    each stamp the page wrote itself."""
    html, forged = settle(html, key)
    return html, [f"docs/{src}:{line_of(source, ATTRIBUTE)}: the attribute {ATTRIBUTE}=\"{value[:40]}\" marks "
                  "safety text that only the safety macros draw (safety(), precaution(), red_flags(), "
                  "handout_items()); a page may not write it: call the macro instead"
                  for value in forged]
