"""Every page's HTML, front matter and data text against the guide's HTML
allowlist (guide/boundary/allowlist_report.py): each problem is an error
at its file and line, and the page is published cleaned."""

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from guide.boundary import allowlist_report
from guide.content import stamps
from guide.content.page_call import attached

log = get_plugin_logger("html_allowlist")


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_pre_build(config):
    for problem in allowlist_report.data_problems(_root(config)):
        log.error(problem)


def on_page_markdown(markdown, page, config, files):
    for problem in allowlist_report.front_matter_problems(page.file.src_uri, page.file.content_string, page.meta):
        log.error(problem)
    allowlist_report.escape_meta(page.meta)
    return markdown


def on_page_content(html, page, config, files):
    call = attached(page)  # its records: one reading of the data files a build
    data_broken = bool(allowlist_report.data_problems_of(call.records) if call
                       else allowlist_report.data_problems(_root(config)))
    cleaned, problems = allowlist_report.page_html(html, page.file.src_uri, page.file.content_string, data_broken)
    cleaned, forged = stamps.settled_page(cleaned, call.stamp_key if call else "", page.file.src_uri,
                                          page.file.content_string)
    for problem in problems + forged:
        log.error(problem)
    return cleaned
