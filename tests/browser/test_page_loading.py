"""Nothing of ours holds up a page's first paint (issue 18).

Plain Material loads one render-blocking stylesheet, main.css. We add none,
and no script that stops the parser: Lighthouse measured four stylesheets
(main, palette, extra, handout) and a synchronous print.js costing blocking
time and a later first paint, and even one linked extra.css put the first
paint about 150 ms after plain Material's. Our styles come inline
(hooks/inline_styles.py). Material's palette.css counts as ours: plain
Material loads it only for a palette, and its rules that we need are in
extra.css. Chromium itself says which downloads blocked rendering
(PerformanceResourceTiming.renderBlockingStatus); the page's HTML says which
scripts run during parsing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from site_html import page_file

pytestmark = pytest.mark.browser

# Material's own stylesheet: plain Material loads it the same way.
MATERIAL_CSS = re.compile(r"/assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$")
# Material 9.8's inline scripts, by how they start: scope and storage helpers,
# the saved colour scheme (before first paint, on purpose), content tabs.
# If a Material upgrade adds one, name its start here.
MATERIAL_INLINE = ("__md_scope=", 'var palette=__md_get("__palette")',
                   "var target=document.getElementById(location.hash.slice(1))")
OURS_MAX_BLOCKING_CSS = 0


class _Scripts(HTMLParser):
    """Each <script> of a page: its attributes and inline text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str, int]] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = (dict(attrs), [], self.getpos()[0])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open:
            attrs, text, line = self._open
            self.scripts.append((attrs, "".join(text).strip(), line))
            self._open = None


def parser_blocking_scripts_of_ours(html: str) -> list[str]:
    """Scripts that run while the page is parsed and are not Material's.
    Deferred, async and module scripts run later; JSON data never runs."""
    reader = _Scripts()
    reader.feed(html)
    found = []
    for attrs, text, line in reader.scripts:
        kind = (attrs.get("type") or "text/javascript").lower()
        if kind not in ("text/javascript", "application/javascript"):
            continue  # module (deferred by default), JSON, JSON-LD
        src = attrs.get("src")
        if src:
            if "defer" in attrs or "async" in attrs or "/assets/javascripts/bundle." in "/" + src:
                continue  # the bundle: overrides/main.html defers it (tests/test_build.py)
            found.append(f"line {line}: <script src={src!r}> (add defer: true in mkdocs.yml)")
        elif not text.startswith(MATERIAL_INLINE):
            found.append(f"line {line}: inline <script>{text[:60]!r}... (make it type=\"module\")")
    return found


def test_no_script_of_ours_blocks_the_parser(built_site, page_path):
    html = page_file(built_site, page_path).read_text(encoding="utf-8")
    assert parser_blocking_scripts_of_ours(html) == [], f"/{page_path}"


def test_no_render_blocking_download_of_ours(desktop_tab, page_path):
    desktop_tab.goto(page_path)
    blocking = desktop_tab.page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => e.renderBlockingStatus === 'blocking').map(e => e.name)""")
    material = [u for u in blocking if MATERIAL_CSS.search(u)]
    ours = [u for u in blocking if not MATERIAL_CSS.search(u)]
    # Material's main stylesheet is always there: the check itself works.
    assert material, f"/{page_path}: Chromium reported no render-blocking request at all: {blocking}"
    assert len(ours) <= OURS_MAX_BLOCKING_CSS, (
        f"/{page_path}: {len(ours)} render-blocking downloads besides Material's main.css: {ours}. "
        "Put the rules in extra.css (printed inline by hooks/inline_styles.py), or link print-only "
        "ones with media=\"print\" in overrides/main.html (which also leaves out Material's palette.css)")
