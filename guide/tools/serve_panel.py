"""The error panel `make serve` shows on every page after a build with problems.

A contributor watches the browser, not the terminal. So after a build that
logged a warning or an error, or stopped, every page the live server sends
carries a panel listing each problem with its file, line, message and fix.
The next build without problems sends pages without it.

The panel is plain HTML with one inline stylesheet and no script. The
stylesheet's hash goes into the page's Content Security Policy
(csp.allow_style), so it shows under the published site's policy too.
It is added as the page is sent, never written into the built site.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..boundary import csp
from ..checker.findings import Finding

PANEL_ID = "guide-serve-problems"
# Colours of its own, not the theme's: the panel must read the same in the
# light and the dark scheme, over any page.
CSS = f"""
#{PANEL_ID} {{
  position: fixed; inset: auto 0 0 0; z-index: 1000; max-height: 50vh; overflow: auto;
  margin: 0; padding: 0.75rem 1rem; background: #fff4f2; color: #1f1f1f;
  border-top: 0.3rem solid #b3261e; box-shadow: 0 -0.2rem 1rem rgba(0, 0, 0, 0.35);
  font: 0.8rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}}
#{PANEL_ID} summary {{ cursor: pointer; font-weight: 700; font-size: 0.9rem; color: #8c1d18; }}
#{PANEL_ID} ol {{ margin: 0.5rem 0; padding-left: 1.5rem; }}
#{PANEL_ID} li {{ margin: 0.35rem 0; }}
#{PANEL_ID} code {{ font: 0.75rem/1.4 ui-monospace, Menlo, Consolas, monospace; background: #ffe1dc;
  padding: 0 0.2rem; color: #1f1f1f; }}
#{PANEL_ID} .guide-serve-fix {{ display: block; color: #3d3d3d; }}
#{PANEL_ID} p {{ margin: 0.25rem 0 0; color: #3d3d3d; }}
""".strip()
BODY = re.compile(r"<body\b[^>]*>", re.I)


@dataclass(frozen=True)
class Outcome:
    """How the last build went, as the pages show it."""

    problems: tuple[Finding, ...] = ()
    stopped: bool = False  # the build raised: the pages are the last good build's
    built: bool = True     # a build has finished since the server started


def _item(problem: Finding) -> str:
    where = f"<code>{html.escape(problem.path)}:{problem.line}</code> " if problem.path else ""
    return (f"<li>{where}{html.escape(problem.message)}"
            f'<span class="guide-serve-fix">Fix: {html.escape(problem.fix)}</span></li>')


def panel(outcome: Outcome) -> str:
    """The panel's HTML for a build with problems."""
    count = len(outcome.problems)
    problems = f"{count} problem{'s' if count != 1 else ''}"
    if outcome.stopped:
        title = f"make serve: the site did not build ({problems})"
        note = (("You are looking at the last good build." if outcome.built else "No build has finished yet.")
                + " Save a fix and the page reloads by itself.")
    else:
        title = f"make serve: {problems} in the last build"
        note = ("The page is served anyway, but make check, make build and CI stop on these. "
                "Save a fix and the page reloads by itself; this panel goes when none is left.")
    items = "\n".join(_item(p) for p in outcome.problems)
    return (f'<aside id="{PANEL_ID}" role="alert" aria-labelledby="{PANEL_ID}-title">'
            f'<details open><summary id="{PANEL_ID}-title">{html.escape(title)}</summary>'
            f"<ol>\n{items}\n</ol><p>{html.escape(note)}</p></details></aside>")


def add_panel(page: str, outcome: Outcome) -> str:
    """page with the panel first in its <body> and its stylesheet allowed,
    or page unchanged after a build without problems."""
    if not outcome.problems:
        return page
    style = f"<style>{CSS}</style>"
    body = BODY.search(page)
    if body is None:
        return page
    page = page[:body.end()] + panel(outcome) + page[body.end():]
    page = page.replace("</head>", style + "</head>", 1) if "</head>" in page else style + page
    return csp.allow_style(page, CSS)
