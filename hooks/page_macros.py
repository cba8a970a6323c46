"""The guide's macros for mkdocs-macros (mkdocs.yml: `module_name: hooks/page_macros`).

This file only registers the macros of guide/content and runs the page
checks around each page; what each macro does is in the package. Every
page gets its own PageCall (guide/content/page_call.py), made from what
mkdocs-macros holds, and the hooks that run after Markdown find it on the
page.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from guide import content
from guide.boundary import page_jinja
from guide.content.page_call import PageCall, Site, attach, attached
from guide.errors import ContentError
from guide.records.store import records_for

log = get_plugin_logger("macros")


def _site(conf) -> Site:
    redirects = conf.plugins.get("redirects") if hasattr(conf, "plugins") else None
    merged = (getattr(redirects, "config", {}) or {}).get("redirect_maps") or {}
    # `make serve` sets extra.serving (guide/tools/live_server.py); a strict
    # build never shows a placeholder, whatever the config says.
    serving = bool((conf.get("extra") or {}).get("serving")) and not conf.get("strict")
    return Site(root=Path(conf.config_file_path).parent, docs_dir=Path(conf["docs_dir"]), nav=conf.get("nav"),
                site_url=conf.get("site_url") or "", merged=frozenset(merged), serving=serving,
                use_directory_urls=conf.get("use_directory_urls", True) is not False)


def _new_call(env) -> PageCall:
    page = env.page
    return attach(page, PageCall(src=page.file.src_uri, source=page.file.content_string, meta=page.meta,
                                 site=env.guide_site, records=env.guide_records, log_error=log.error))


def _call(env) -> PageCall:
    """The PageCall of the page being rendered (made on first use)."""
    return attached(env.page) or _new_call(env)


def _bind(env, name, function):
    """The macro as pages call it: function(the page's PageCall, *arguments),
    its arguments checked first (guide/content/arguments.py)."""
    def macro(*args, **kwargs):
        return content.run_macro(_call(env), name, function, args, kwargs)
    return macro


def define_env(env):
    site = _site(env.conf)
    try:
        records = records_for(site.root)
        content.check(records)
    except ContentError as e:
        # A broken data file: say which entry, then stop before any page.
        raise PluginError(f"\n{e}") from None
    # Kept on mkdocs-macros' own object, which lives for one build.
    env.guide_site, env.guide_records = site, records
    for name, function in content.MACROS.items():
        env.macro(_bind(env, name, function), name)


def on_pre_page_macros(env):
    page = env.page
    env.markdown, problems, bad_title = page_jinja.check_page(
        src=page.file.src_uri, source=page.file.content_string, markdown=env.markdown, environment=env.env,
        allowed=content.PAGE_MACROS, titles=[str(page.title or ""), str((page.meta or {}).get("title") or "")])
    for problem in problems:
        log.error(problem)
    if bad_title:
        page.title = "Untitled"
    content.start_page(_new_call(env), env.env)


def on_post_page_macros(env):
    env.markdown = content.finish_page(_call(env), env.markdown)
