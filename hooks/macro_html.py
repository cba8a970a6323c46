"""Put the HTML the macros held back into each page, right after Markdown
(guide/content/held_html.py says why); mkdocs.yml lists this hook before
hooks/content_html.py, which must see it."""

from mkdocs.plugins import get_plugin_logger

from guide.content import held_html
from guide.content.page_call import attached

log = get_plugin_logger("macro_html")


def on_page_content(html, page, config, files):
    call = attached(page)
    if call is None:
        return html
    html, ids, problems = held_html.placed(call, html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
    for problem in problems:
        log.error(problem)
    return html
