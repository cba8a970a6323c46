"""Each page's front matter checked, and what the templates show around it
(guide/theme/page_context.py): review dates, corrections, the report link,
schema.org facts."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from guide.content import corrections_log
from guide.content.page_call import attached
from guide.errors import ContentError
from guide.records import reviews
from guide.records.store import records_for
from guide.theme import page_context

log = get_plugin_logger("front_matter")


def _records(config, page=None):
    # The records the page's macros read (one reading a build), else the project's.
    call = attached(page) if page is not None else None
    return call.records if call is not None else records_for(Path(config.config_file_path).parent)


def on_config(config):
    try:
        # Once a build, so every page agrees on the day.
        config.extra["guide_today"] = reviews.today()
    except ContentError as e:
        raise PluginError(str(e)) from None
    return config


def on_files(files, config):
    redirects = (config.plugins.get("redirects") or None)
    merged = set((getattr(redirects, "config", {}) or {}).get("redirect_maps") or {})
    try:
        for problem in corrections_log.missing_pages(_records(config), {f.src_uri for f in files.documentation_pages()},
                                                     merged):
            log.error(problem)
    except ContentError:
        pass  # the macros adapter has already reported the broken data file
    return files


def on_env(env, config, files):
    try:
        env.globals["grades"] = _records(config).grades()
    except ContentError as e:
        log.error(str(e))
    return env


def on_page_markdown(markdown, page, config, files):
    for problem in page_context.front_matter(page.meta, page.file.src_uri, page.file.content_string,
                                             _records(config, page)):
        log.error(problem)
    return markdown


def on_page_context(context, page, config, nav):
    context.update(page_context.page_context(
        src=page.file.src_uri, meta=page.meta or {}, nav_title=page.title, address=page.canonical_url,
        config=config, records=_records(config, page), today=config.extra["guide_today"]))
    return context
