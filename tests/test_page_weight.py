"""Pages light enough for the first round trip, with their templates'
indentation gone and nothing a reader sees changed (issue 29)."""

from __future__ import annotations

import pytest
from support import ROOT

from guide.theme.html_whitespace import dedent
from guide.tools.speed import page_weight

DOCS = ROOT / "docs"


def test_every_benefit_and_condition_page_fits_in_the_first_round_trip(built_site):
    weights = page_weight.weigh(built_site, page_weight.benefit_addresses(DOCS))
    assert weights["benefit_pages"] == len([p for p in (DOCS / "benefits").rglob("*.md") if p.name != "index.md"])
    assert weights["over_first_round_trip"] == {}, (
        f"over {page_weight.FIRST_ROUND_TRIP:,} bytes compressed: {weights['over_first_round_trip']}")


def test_the_search_index_is_at_most_half_its_size_before_issue_29(built_site):
    assert page_weight.weigh(built_site, set())["search_index_bytes"] <= page_weight.SEARCH_INDEX_GOAL


@pytest.mark.parametrize("html, expected", [
    ("<div>\n    <p>\n      text\n    </p>\n\n\n  </div>", "<div>\n<p>\ntext\n</p>\n</div>"),
    ("<p>a\n   b</p>   \n  <p>c</p>", "<p>a\nb</p>   \n<p>c</p>"),
])
def test_indentation_and_blank_lines_go(html, expected):
    assert dedent(html) == expected


@pytest.mark.parametrize("kept", [
    "<pre><code>def f():\n    return 1\n\n\n    # end</code></pre>",
    "<code class=\"x\">a\n    b</code>",
    "<KBD>Ctrl\n   C</KBD>",
    "<textarea>\n  typed\n</textarea>",
    "<script>\n  var a = `\n    x`;\n</script>",
    # The policy allows our inline stylesheets by the hash of their exact text.
    "<style>\n  a {\n    color: red;\n  }\n</style>",
])
def test_what_is_shown_or_run_as_written_stays_as_written(kept):
    html = f"<div>\n    {kept}\n    <p>\n      after\n    </p>\n</div>"
    out = dedent(html)
    assert kept in out and "\n<p>\nafter\n</p>" in out


def test_every_built_page_has_lost_its_indentation(built_site):
    page = (built_site / "benefits/walking/knee-arthritis/index.html").read_text(encoding="utf-8")
    assert dedent(page) == page
    assert "\n    <" not in page.split("<script", 1)[0]
