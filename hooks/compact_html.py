"""Every page without its templates' indentation (guide.theme.html_whitespace.py says why)."""

from guide.theme.html_whitespace import dedent


def on_post_page(output, page, config):
    return dedent(output)
