"""Without its templates' indentation (guide/theme/html_whitespace.py), a
page shows a reader exactly what it showed with it: the same text, laid
out the same, in Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from guide_site import page_paths, site_url

from guide.tools.subpath_server import SiteServer

pytestmark = pytest.mark.browser

SHOWN = """() => {
  const article = document.querySelector('article');
  return [document.body.innerText, Math.round(article.getBoundingClientRect().height),
          Math.round(document.documentElement.scrollHeight)];
}"""


def test_pages_read_and_lie_out_the_same_without_indentation(variant, built_site, make_tab):
    def indented(project):
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "  - hooks/compact_html.py\n" in text
        config.write_text(text.replace("  - hooks/compact_html.py\n", ""), encoding="utf-8")

    build = variant(indented)
    assert build.ok, build.output
    prefix = urlsplit(site_url()).path
    # Every page written in docs/, and study pages of each kind of record.
    paths = [p for p in page_paths() if not p.startswith("studies/")]
    paths += ["studies/alghadir2019/", "studies/odu1998/", "studies/nhsinform-fall/", "studies/wang2019/"]
    with SiteServer(build.site, prefix) as before, SiteServer(built_site, prefix) as after:
        context_a, tab_a = make_tab(before, viewport={"width": 1280, "height": 900})
        context_b, tab_b = make_tab(after, viewport={"width": 1280, "height": 900})
        try:
            differ = []
            for path in paths:
                tab_a.goto(path)
                tab_b.goto(path)
                if tab_a.page.evaluate(SHOWN) != tab_b.page.evaluate(SHOWN):
                    differ.append(path)
            assert differ == [], f"pages that read or lie out differently without indentation: {differ}"
        finally:
            context_a.close()
            context_b.close()
