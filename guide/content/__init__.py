"""What pages call: the guide's macros, as plain functions.

Pages call these in Markdown (each module says more):

- safety("id", ...), safety_list(when=None), precaution("id"), safety_group("when"):
  the safety callouts from data/safety.yml (safety.py);
- red_flags(): the page's own warning signs from data/red-flags.yml (red_flags.py);
- cite("id", ...), reference_list(), bibliography(): sources from
  data/bibliography.yml (citations.py, with study.py for each study's record);
- derived("figure", "how"): a figure the guide worked out, with how (derived.py);
- benefit_table(category=None), evidence_overview(), grade_label("id"),
  claim_grade("id", evidence_from=[...]), grade_list(), grading_principles(): listings built from the benefit
  pages' front matter and data/grades.yml (listings.py);
- figure("name"): diagrams (figures.py); handout_items("when"), handout_plan(),
  handout_text("field"), qr_code(), handout_reviewed(), site_address(): the
  handout (handout.py);
- clinical_review(): who has reviewed the safety advice (clinical_reviews.py);
- corrections_log(): the "What changed" page (corrections_log.py).

Each macro is a function of the page it is called from (a PageCall, see
page_call.py) and the page's arguments. The macros adapter,
hooks/page_macros.py, registers MACROS with mkdocs-macros; a page may call
these names and nothing else (boundary/page_jinja.py).

A bad id never crashes the build with a traceback: it is logged as an error
naming the file, the line and the nearest known id, and `strict: true` stops
the build at the end, after every problem in every page has been reported.
"""

from __future__ import annotations

from ..records import limits, macro_calls, pages
from ..records.store import Records
from . import (arguments, citations, clinical_reviews, corrections_log, derived, figures, handout, listings,
               red_flags, safety)
from .page_call import PageCall

MODULES = (safety, red_flags, citations, listings, figures, handout, clinical_reviews, corrections_log, derived)

# name -> function(call, *arguments), for every macro a page may call.
MACROS = {name: function for module in MODULES for name, function in module.MACROS.items()}
PAGE_MACROS: frozenset[str] = frozenset(MACROS)


def run_macro(call: PageCall, name: str, function, args: tuple, kwargs: dict) -> str:
    """function(call, *args, **kwargs) if its arguments fit its signature
    (arguments.py); otherwise an error at the page line of the call, and
    nothing in the page."""
    site = call.next_call(name)
    wrong = arguments.problem(name, function, args, kwargs)
    if wrong:
        line = site.line if site is not None else arguments.call_line(call.source, name, args)
        call.log_error(f"docs/{call.src}:{line}: {wrong}")
        return ""
    try:
        return function(call, *args, **kwargs)
    finally:
        call.current = None


def expected_output(root):
    """What every page's safety macro calls must draw, for the verification
    pass (guide/boundary/built_site.py): a function (src, page text) ->
    (expected, required), from guide/content/emitted.py."""
    from . import emitted
    return emitted.expectations(root, PAGE_MACROS, arguments.call_ok(MACROS))


def check(records: Records) -> None:
    """Read and check every data file the macros use (raises ContentError),
    so a broken file stops the build before any page, naming its line."""
    records.check_all()
    figures.check(records)


def start_page(call: PageCall, environment=macro_calls.DEFAULT) -> None:
    """Before the page renders: the calls it makes, as Jinja reads them
    (environment: the one that renders the page), and problems its front
    matter's lists hold."""
    call.sites = macro_calls.page_calls(call.source, PAGE_MACROS, environment)
    pages.drop_invalid(call.meta, call.records)
    citations.start_page(call)


def finish_page(call: PageCall, markdown: str) -> str:
    """After the page rendered: fill in what needed the whole page."""
    # The HTML held back until after Markdown (held_html.py) is part of the
    # page readers load: it counts.
    size = len(markdown) + sum(len(held.html) for held in call.held.values())
    if size > limits.MAX_RENDERED_CHARS:
        # Markdown would take minutes on it, and readers a page they cannot load.
        call.log_error(f"docs/{call.src}:1: with its macros run, the page is {size:,} characters, over "
                       f"the limit of {limits.MAX_RENDERED_CHARS:,} (guide/records/limits.py); a macro was asked "
                       "for too much")
        call.held.clear()
        return ""
    markdown = citations.finish_page(call, markdown)
    safety.finish_page(call)
    return markdown
