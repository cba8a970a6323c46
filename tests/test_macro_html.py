"""The reference lists skip Python-Markdown (guide/content/held_html.py,
hooks/macro_html.py) and the site comes out byte for byte the same."""

from __future__ import annotations

import pytest
from support import line_with

from guide.content import held_html as after_markdown
from guide.tools.build_diff import compare


def test_take_puts_each_block_back_once_and_names_what_did_not_come_out_on_its_own_line():
    page = {}  # the page's held blocks
    first = after_markdown.hold(page, "<ol id=a>\n</ol>\n", ids=["a"], call="reference_list()")
    second = after_markdown.hold(page, "<ul id=b></ul>", ids=["b"], call="bibliography()")
    lost = after_markdown.hold(page, "<ul id=c></ul>", ids=["c"], call="bibliography()")
    assert len({first, second, lost}) == 3
    html = f"<h2>Sources</h2>\n{first}\n<p>See {second} here.</p>\n<pre><code>&lt;!-- --&gt;</code></pre>"
    content, ids, misplaced = after_markdown.take(page, html)
    assert content == "<h2>Sources</h2>\n<ol id=a>\n</ol>\n<p>See <ul id=b></ul> here.</p>\n<pre><code>&lt;!-- --&gt;</code></pre>"
    assert ids == {"a", "b"}  # c never reached the page
    assert misplaced == [after_markdown.Misplaced("bibliography()", found=True),
                         after_markdown.Misplaced("bibliography()", found=False)]
    assert after_markdown.take(page, "<p>again</p>") == ("<p>again</p>", set(), [])


# The way it was: the macros' HTML goes into the Markdown, and Markdown reads it.
INTO_THE_MARKDOWN = '''

def hold(blocks, html, ids, call, key=""):
    return html
'''


def test_the_site_is_byte_for_byte_what_markdown_made_of_the_same_html(built_site, variant):
    def markdown_reads_it(project):
        with open(project / "guide" / "content" / "held_html.py", "a", encoding="utf-8") as f:
            f.write(INTO_THE_MARKDOWN)

    build = variant(markdown_reads_it)
    assert build.ok, build.output
    assert compare(build.site, built_site) == []


def test_a_link_to_a_source_in_the_references_page_is_a_known_anchor(variant):
    page = "docs/faq.md"

    def link_to_a_source(project):
        path = project / page
        path.write_text(path.read_text(encoding="utf-8")
                        + "\nSee [the study](references.md#ref-flynn1994).\n", encoding="utf-8")

    build = variant(link_to_a_source)
    assert build.ok, build.output
    assert "ref-flynn1994" not in build.output


@pytest.mark.parametrize("written, problem", [
    ("```\n{{ reference_list() }}\n```", "was shown as text"),  # in a code block
    ("Our sources: {{ reference_list() }} and more.", "landed inside a paragraph"),
])
def test_a_reference_list_not_on_a_line_of_its_own_is_an_error_on_its_line(variant, written, problem):
    page = "docs/faq.md"

    def misplace_the_list(project):
        path = project / page
        text = path.read_text(encoding="utf-8").replace("{{ reference_list() }}", written)
        assert written in text
        path.write_text(text, encoding="utf-8")

    build = variant(misplace_the_list)
    assert not build.ok
    line = line_with(variant.project / page, "{{ reference_list() }}")
    assert f"docs/faq.md:{line}: {{{{ reference_list() }}}} {problem}" in build.output
    assert "on a line of its own" in build.output


def test_the_allowlist_still_reads_the_lists_the_macros_made(variant):
    # A macro that made HTML outside the allowlist must still be caught:
    # the lists go in before hooks/content_html.py checks the page.
    broken_macro = '''

_made = _reference_list


def _reference_list(call, ids):
    return _made(call, ids).replace("</ol>", "<iframe></iframe></ol>")
'''

    def make_bad_html(project):
        with open(project / "guide" / "content" / "citations.py", "a", encoding="utf-8") as f:
            f.write(broken_macro)

    build = variant(make_bad_html)
    assert not build.ok
    assert "the element <iframe>" in build.output and "is not on the guide's HTML allowlist" in build.output
