"""Macros for the Backward Running Guide (loaded by mkdocs-macros).

Pages call these in Markdown:

- safety("id", ...), safety_list(when=None), precaution("id"): the safety
  callouts from data/safety.yml (see site_macros/safety.py);
- cite("id", ...), reference_list(), bibliography(): sources from
  data/bibliography.yml (see site_macros/citations.py);
- benefit_table(category=None), evidence_overview(), grade_label("id"),
  grade_list(), grading_principles(): listings built from the benefit
  pages' front matter and data/grades.yml (site_macros/listings.py);
- figure("name"): diagrams (site_macros/figures.py); handout_items(),
  handout_plan(), handout_text("field"), safety_group("when"), qr_code(),
  handout_reviewed(), site_address(): the handout (site_macros/handout.py);
- clinical_review(): who has reviewed the safety advice, from
  data/clinical-reviews.yml (site_macros/clinical_reviews.py);
- corrections_log(): the "What changed" page, from data/corrections.yml
  (site_macros/corrections.py).

A page may call these macros and nothing else (site_macros/page_jinja.py):
no variables, no attribute access, no {% set %} or {% include %}.

A bad id never crashes the build with a traceback: it is logged as an error
naming the file, the line and the nearest known id, and `strict: true` stops
the build at the end, after every problem in every page has been reported.
"""

from __future__ import annotations

from . import citations, clinical_reviews, corrections, data, figures, handout, listings, page_jinja, safety
from .errors import ContentError
from .page import log

# The macros this module adds: the only names a page may use. Set by
# define_env, which runs once a build, before any page.
PAGE_MACROS: frozenset[str] = frozenset()
MODULES = (safety, citations, listings, figures, handout, clinical_reviews, corrections)


class _Recorder:
    """Stands in for mkdocs-macros' env to learn the macros' names."""

    def __init__(self):
        self.macros, self.variables = {}, {}

    def macro(self, function, name=""):
        self.macros[name or function.__name__] = function


def page_macro_names() -> frozenset[str]:
    """The macros a page may call, without a build (for the checker).
    Raises ContentError when a data file is broken."""
    recorder = _Recorder()
    for module in MODULES:
        module.register(recorder)
    return frozenset(recorder.macros)


def define_env(env):
    # `mkdocs serve` rebuilds in one process: read the data files afresh.
    for cached in (data._grading, data.safety, data.bibliography, data.clinical_reviews,
                   data.corrections, data.schema, listings._benefit_pages):
        cached.cache_clear()
    global PAGE_MACROS
    before = set(env.macros)
    try:
        for module in MODULES:
            module.register(env)
    except ContentError as e:
        # A broken data file: say which entry, then stop before any page.
        from mkdocs.exceptions import PluginError

        raise PluginError(f"\n{e}") from None
    PAGE_MACROS = frozenset(set(env.macros) - before)


def _check_page_jinja(env) -> None:
    """Stop a page whose Jinja is more than calls of the guide's macros.

    It is rendered without its forbidden tags, so none of them runs;
    `strict: true` fails the build once every page has been read.
    """
    page = env.page
    content = page.file.content_string
    offset = page_jinja.body_offset(content, env.markdown)
    found = page_jinja.problems(env.markdown, env.env, PAGE_MACROS, offset)
    # mkdocs-macros renders page.title (the front-matter title unless the
    # nav names the page): it must hold no template code either.
    titles = [str(page.title or ""), str((page.meta or {}).get("title") or "")]
    if any(marker in title for title in titles for marker in page_jinja.MARKERS):
        found.append((data._key_line(data.split_front_matter(content)[0], "title"),
                      "the title holds template code ('{{', '{%' or '{#') "
                      "(titles are plain text: remove the braces)"))
        page.title = "Untitled"
    for line, message in found:
        log.error(f"docs/{page.file.src_uri}:{line}: {message}")
    if found:
        env.markdown = page_jinja.without_code(env.markdown, env.env, PAGE_MACROS)


def on_pre_page_macros(env):
    _check_page_jinja(env)
    citations.start_page(env)
    safety.start_page(env)


def on_post_page_macros(env):
    citations.finish_page(env)
    safety.finish_page(env)


__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros"]
