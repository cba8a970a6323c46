"""derived("1.4", "6.0 METs ÷ 4.3 METs"): a figure the guide worked out
itself, with how.

Every figure beside a citation must be one the cited study's record holds
(the checker's numbers rule). A figure the guide worked out from recorded
numbers, like a ratio, is marked with this macro: the page shows the figure
and, after it, how it was worked out, so readers can check the sum, and the
checker checks that the numbers in the working are in the record.
"""

from __future__ import annotations

import html

from .page_call import PageCall


def derived(call: PageCall, figure: str = "", how: str = "") -> str:
    """The figure, then "(worked out by us: how)"."""
    if not str(figure).strip() or len(str(how).strip()) < 3:
        call.report("derived(", 'derived() needs the figure and how it was worked out, like '
                                'derived("1.4", "6.0 METs ÷ 4.3 METs")')
        return html.escape(str(figure))
    return (f'{html.escape(str(figure))}<span class="guide-derived"> (worked out by us: '
            f'{html.escape(str(how))})</span>')


# The macros pages call: name -> function(call, *arguments).
MACROS = {"derived": derived}
