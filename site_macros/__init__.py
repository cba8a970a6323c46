"""Macros for the Backward Running Guide (loaded by mkdocs-macros).

Pages call these in Markdown:

- safety("id", ...), safety_list(when=None), precaution("id"): the safety
  callouts from data/safety.yml (see site_macros/safety.py);
- cite("id", ...), reference_list(), bibliography(): sources from
  data/bibliography.yml (see site_macros/citations.py);
- benefit_table(category=None), evidence_overview(), grade_label("id"):
  listings built from the benefit pages' front matter (site_macros/listings.py);
- clinical_review(): who has reviewed the safety advice, from
  data/clinical-reviews.yml (site_macros/clinical_reviews.py).
- corrections_log(): the "What changed" page, from data/corrections.yml
  (site_macros/corrections.py).

A bad id never crashes the build with a traceback: it is logged as an error
naming the file, the line and the nearest known id, and `strict: true` stops
the build at the end, after every problem in every page has been reported.
"""

from __future__ import annotations

from . import citations, clinical_reviews, corrections, data, figures, handout, listings, safety
from .errors import ContentError


def define_env(env):
    # `mkdocs serve` rebuilds in one process: read the data files afresh.
    for cached in (data._grading, data.safety, data.bibliography, data.clinical_reviews,
                   data.corrections, data.schema, listings._benefit_pages):
        cached.cache_clear()
    try:
        safety.register(env)
        citations.register(env)
        listings.register(env)
        figures.register(env)
        handout.register(env)
        clinical_reviews.register(env)
        corrections.register(env)
    except ContentError as e:
        # A broken data file: say which entry, then stop before any page.
        from mkdocs.exceptions import PluginError

        raise PluginError(f"\n{e}") from None


def on_pre_page_macros(env):
    citations.start_page(env)
    safety.start_page(env)


def on_post_page_macros(env):
    citations.finish_page(env)
    safety.finish_page(env)


__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros"]
