"""The stranger's attack round on the boundary (issue 30), replayed.

Every payload of the attack report that got through (the build and the
checker both passed while readers lost safety text, saw a fake callout or
fetched from another site), and every one that was refused with a Python
traceback or at the wrong line, with variants of our own. Each must now be
an error at its file and line, in the build and in `make check`, and never
a traceback.

Payloads in pages share one copy of the project (one build, one check);
payloads in data files, in includes/ and in front matter stop the build
before the pages, so each has a copy of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import copy_project, run_build
from test_site_boundary_builds import add, build_lines, check


def replace(project: Path, page: str, old: str, new: str, needle: str) -> tuple[str, int]:
    """Replace old (once) in docs/page by new; (its path, the line of needle)."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, (page, old)
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return f"docs/{page}", next(n for n, row in enumerate(text.split("\n"), 1) if needle in row)


def wrap(project: Path, page: str, call: str, before: str, after: str) -> tuple[str, int]:
    """Put the lines before and after around the macro call on docs/page;
    (its path, the line the call is on now)."""
    return replace(project, page, call, f"{before}\n\n{call}\n\n{after}", call)


# -- pages: one copy, one build, one check -----------------------------------

def page_attacks(project: Path) -> dict[str, tuple[str, int]]:
    expected = {}
    # 3a. "Shown" decided from what a page can write: a class, an id, a link.
    expected["#7 a call in a comment, empty guide-summary links in its place"] = add(
        project, "about.md", '<!-- {{ safety("look-behind") }} -->\n\n'
        "[](precautions.md#look-behind){ .guide-summary }\n", "<!--")
    expected["#11 the emergency section commented out, its anchors faked"] = replace(
        project, "precautions.md", '{{ precaution("stop-signs", 3) }}',
        '<!-- {{ precaution("stop-signs", 3) }} -->\n<span id="when-to-stop"></span>'
        '<span id="cite-bhf-heart-attack"></span>', "<!--")
    expected["#8 a call spelled 'safety (' with joined strings, inside <svg><desc>"] = add(
        project, "treadmill.md", '<p><svg><desc>\n\n{{ safety ("look" "-behind") }}\n\n</desc></svg></p>\n',
        "safety (")
    expected["#33 the warning signs inside <svg><desc>"] = wrap(
        project, "benefits/walking/knee-arthritis.md", "{{ red_flags() }}", "<p><svg><desc>", "</desc></svg></p>")
    expected["a stamp the page writes itself"] = add(
        project, "speed-distance.md", '<p data-guide-stamp="0:health-check">Ask a professional first</p>\n',
        "data-guide-stamp")
    # 3b. "Hidden" on paper, by the theme's print styles and by our own.
    expected["#5 the handout's stop items in a class our print styles hide"] = wrap(
        project, "handout.md", '{{ handout_items("stop") }}', '<div class="guide-handout-actions" markdown>',
        "</div>")
    expected["#27a callouts inside Material's print-hidden .giscus"] = wrap(
        project, "technique.md", '{{ safety("look-behind", "open-space", "start-slowly") }}',
        '<div class="giscus" markdown>', "</div>")
    # 3c. Layout: a drawing that pushes a callout out of sight.
    expected["#10 a 120,000 px svg above a callout"] = replace(
        project, "getting-started.md", '{{ safety("health-check") }}',
        '<svg width="1" height="120000"></svg>\n\n{{ safety("health-check") }}', "120000")
    expected["callouts inside a class our print.css hides"] = wrap(
        project, "getting-started.md", '{{ safety("older-adults", "treadmill") }}',
        '<div class="guide-review__links" markdown>', "</div>")
    # 3c, our own variants: blank space, not a picture, pushes the callouts
    # 125,000 pixels down (3,000 lines of it did; 200 is enough to test).
    expected["blank paragraphs above a callout"] = replace(
        project, "benefits/walking/balance-falls.md",
        '{{ safety("if-you-fall", "head-injury", "stop-signs", "older-adults", "health-check") }}',
        "&nbsp;\n\n" * 200 + '{{ safety("if-you-fall", "head-injury", "stop-signs", "older-adults", "health-check") }}',
        "&nbsp;")
    expected["line breaks above a callout"] = replace(
        project, "benefits/mind/memory.md", '{{ safety("start-slowly", "open-space") }}',
        "<br>\n\n" * 200 + '{{ safety("start-slowly", "open-space") }}', "<br>")
    # 5. The safety look without the safety text.
    expected["#9 the admonition class written by character reference"] = add(
        project, "faq.md", '<div class="&#97;dmonition safety emergency">\n<p class="&#97;dmonition-title">'
        "Chest tightness is normal at first</p>\n<p>Keep going; it passes.</p>\n</div>\n", "&#97;dmonition safety")
    expected["#27c a page's own '!!! safety emergency'"] = add(
        project, "myths.md", '!!! safety emergency "Chest pain while running backward"\n\n'
        "    This is normal muscle strain in the first weeks. Keep going.\n", "!!! safety")
    # 4. Requests to other origins, however the address is written.
    expected["#26 an address with a tab that hides its //"] = add(
        project, "history.md", '<img alt="step" src="/&#9;/tab.evil.example/t.png">\n', "tab.evil")
    expected["#26 an address with a leading control character"] = add(
        project, "evidence.md", '<img alt="step" src="&#1;//ctl.evil.example/u.png">\n', "ctl.evil")
    expected["a backslash read as a slash"] = add(
        project, "glossary.md", '<img alt="step" src="\\\\bs.evil.example/w.png">\n', "bs.evil")
    expected["#14 an inline svg painted from another site, CSS-escaped"] = add(
        project, "editorial-policy.md", '<svg width="40" height="40"><rect width="10" height="10" '
        'fill="\\75 rl(https://inline.evil.example/p.svg#g)"></rect></svg>\n', "inline.evil")
    return expected


@pytest.fixture(scope="module")
def page_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("attack-pages") / "project")
    return project, page_attacks(project)


@pytest.fixture(scope="module")
def page_build(page_project, tmp_path_factory):
    return run_build(page_project[0], tmp_path_factory.mktemp("attack-pages-site"))


def test_page_attacks_are_errors_of_the_build_at_their_line(page_project, page_build):
    assert not page_build.ok
    assert "Traceback" not in page_build.output, page_build.output[-3000:]
    found = build_lines(page_build.output)
    missing = {name: where for name, where in page_project[1].items() if where not in found}
    assert not missing, f"not reported at their line: {missing}\n{page_build.output[-6000:]}"


def test_page_attacks_are_findings_of_make_check(page_project):
    proc, findings = check(page_project[0])
    assert proc.returncode == 1
    found = {(f["path"], f["line"]) for f in findings}
    missing = {name: where for name, where in page_project[1].items() if where not in found}
    assert not missing, f"not reported at their line: {missing}"


# -- data files, includes/ and front matter: a copy each ---------------------

SOURCE_LINE = re.compile(r"(?:^|\s)((?:docs|data|includes|overrides)/[^:\n]*?):(\d+): ", re.M)


def _edit(path: str, change):
    def edit(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        before = file.read_text(encoding="utf-8") if file.is_file() else ""
        after = change(before)
        file.write_bytes(after if isinstance(after, bytes) else after.encode("utf-8"))
    return edit


def _front_matter(page: str, line_text: str):
    """Put line_text as the first front-matter line of docs/page (line 2)."""
    return _edit(f"docs/{page}", lambda text: "---\n" + line_text + "\n" + text[4:])


def _append(page: str, text: str):
    return _edit(f"docs/{page}", lambda before: before.rstrip("\n") + "\n\n" + text + "\n")


def _appended_line(project: Path, page: str, needle: str) -> int:
    rows = (project / "docs" / page).read_text(encoding="utf-8").split("\n")
    return max(n for n, row in enumerate(rows, 1) if needle in row)


def _line_in(project: Path, path: str, needle) -> int:
    """The line of path holding needle (or (needle, n): its n-th line, from 1)."""
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    rows = (project / path).read_bytes().decode("utf-8", errors="replace").split("\n")
    return [n for n, row in enumerate(rows, 1) if needle in row][nth - 1]


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def _safety_field(entry: str, field: str, value: str):
    """Set field of the entry `- id: entry` of data/safety.yml to value (one line)."""
    def change(text: str) -> str:
        start = text.index(f"- id: {entry}\n")
        end = text.find("\n- id: ", start + 1)
        end = len(text) if end < 0 else end
        block = re.sub(rf"^  {field}: .*?(?=^  \w)", lambda m: f"  {field}: {value}\n", text[start:end],
                       count=1, flags=re.M | re.S)
        return text[:start] + block + text[end:]
    return _edit("data/safety.yml", change)


# name -> (edit, (path, needle of the line it must be reported at))
REFUSED = {
    "#6 the handout's stop group replaced by a contributor's words": (
        _edit("docs/handout.md", lambda t: t.replace('{{ handout_items("stop") }}',
                                                     "Most aches pass. If something hurts, carry on gently.")),
        ("docs/handout.md", None)),
    "#29 a Markdown link in a callout's title": (
        _safety_field("look-behind", "title", "Look](https://ev.il) [back"), ("data/safety.yml", "Look](")),
    "#13 an attribute list that hides the emergency sentence": (
        _safety_field("stop-signs", "body", '"*For chest pain, call your local emergency number at once.*'
                                           '{: .guide-sr-only } Stop at once."'), ("data/safety.yml", "guide-sr-only")),
    "#28 a javascript: link in a correction": (
        _edit("data/corrections.yml", lambda t: t.replace("  change: >-\n", "  change: >-\n    See [the details]"
                                                          "(javascript:alert(document.domain)).\n", 1)),
        ("data/corrections.yml", "change: >-")),
    "#27d review_due a thousand years ahead": (
        _front_matter("faq.md", "review_due: 2999-12-31"), ("docs/faq.md", "review_due")),
    "#1 a whole number of 5,000 digits in front matter": (
        _front_matter("faq.md", "search:\n  boost: " + "9" * 5000), ("docs/faq.md", "boost")),
    "#2 front matter nested 700 deep": (
        _front_matter("faq.md", "search: " + _nested(700)), ("docs/faq.md", "search: [[[")),
    "#2b a data file nested 700 deep": (
        _edit("data/safety.yml", lambda t: t.replace("  title: Ask a professional first\n",
                                                     "  title: Ask a professional first\n  extra: " + _nested(700)
                                                     + "\n", 1)), ("data/safety.yml", "extra: [[[")),
    "#3 a macro argument in 3,000 parentheses": (
        _append("faq.md", 'See {{ cite(' + "(" * 3000 + '"flynn1994"' + ")" * 3000 + ") }}."),
        ("docs/faq.md", "cite((((")),
    "#19 500 list markers on one line": (_append("faq.md", "- " * 500 + "x"), ("docs/faq.md", "- - - -")),
    "#20 1,000 nested <div markdown> blocks": (
        _append("faq.md", '<div markdown="1">\n\n' * 1000 + "x\n\n" + "</div>\n\n" * 1000),
        ("docs/faq.md", ('<div markdown="1">', 33))),  # the first block deeper than 32
    "#32 ignore_macros in front matter": (_front_matter("faq.md", "ignore_macros: true"), ("docs/faq.md", "ignore_macros")),
    "#17 safety(true), a wrong argument far down a page": (
        _append("benefits/walking/balance-falls.md", "{{ safety(true) }}"),
        ("docs/benefits/walking/balance-falls.md", "safety(true)")),
    "#17 safety(callout_ids=...), a keyword only": (
        _append("benefits/walking/balance-falls.md", '{{ safety(callout_ids="look-behind") }}'),
        ("docs/benefits/walking/balance-falls.md", "callout_ids=")),
    "#4 two hundred bibliographies on a page": (
        _append("faq.md", "{{ bibliography() }}\n" * 200), ("docs/faq.md", ("bibliography()", 2))),  # the second call
    "#21 a byte that is not UTF-8 in the glossary": (
        _edit("includes/glossary.md", lambda t: t.encode("utf-8") + b"*[HTML]: \xff bad\n"),
        ("includes/glossary.md", "*[HTML]:")),
    "#23 a glossary of 28,000 terms": (
        _edit("includes/glossary.md", lambda t: t + "".join(f"*[xq{n:05d}]: a meaning for xq{n:05d}\n"
                                                            for n in range(28000))), ("includes/glossary.md", None)),
    "#22a a snippet of 4,000 brackets from includes/": (
        lambda p: (_edit("includes/notes.md", lambda t: "Notes: " + "[a" * 4000 + "\n")(p),
                   _append("faq.md", '--8<-- "notes.md"')(p)), ("includes/notes.md", None)),
    "#22b deep emphasis in an included file": (
        lambda p: (_edit("includes/notes.md", lambda t: "Stars: " + "*" * 3000 + "x" + "*" * 3000 + "\n")(p),
                   _append("faq.md", '--8<-- "notes.md"')(p)), ("includes/notes.md", None)),
    "#22c Latin-1 in an included file": (
        lambda p: (_edit("includes/notes.md", lambda t: b"Latin-1 text: \xe9\n")(p),
                   _append("faq.md", '--8<-- "notes.md"')(p)), ("includes/notes.md", None)),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_at_its_file_and_line_without_a_traceback(variant, name):
    edit, (path, needle) = REFUSED[name]
    build = variant(edit)
    assert not build.ok, f"{name}: the build passed"
    assert "Traceback" not in build.output, build.output[-3000:]
    line = 1 if needle is None else _line_in(variant.project, path, needle)
    found = {(m.group(1), int(m.group(2))) for m in SOURCE_LINE.finditer(build.output)}
    assert (path, line) in found, f"{name}: not at {path}:{line}\n{build.output[-4000:]}"
    proc, findings = check(variant.project)
    assert proc.returncode == 1
    assert (path, line) in {(f["path"], f["line"]) for f in findings}, f"{name}: make check: {findings[:20]}"


def test_a_glossary_term_puts_no_tooltip_on_safety_text(variant):
    """#27b: a glossary entry for words the stop-signs callout uses. The
    glossary still serves the rest of the page; inside safety text it adds
    nothing, so no tooltip can contradict the advice."""
    import lxml.etree

    from guide.boundary.built_site import _box

    build = variant(_edit("includes/glossary.md", lambda t: t + "*[chest pain]: Only needed if the pain "
                                                                "lasts more than an hour\n"))
    assert build.ok, build.output[-3000:]
    pages = 0
    for path in build.site.rglob("*.html"):
        tree = lxml.etree.parse(str(path), lxml.etree.HTMLParser(encoding="utf-8"))
        for stamped in tree.xpath("//*[@data-guide-stamp]"):
            box = _box(stamped)
            if "chest pain" in "".join(box.itertext()):
                pages += 1
                assert not list(box.iter("abbr")), (path, lxml.etree.tostring(box)[:600])
    assert pages, "no safety text says 'chest pain'; pick words it does say"


def test_the_pass_refuses_a_tooltip_inside_safety_text(tmp_path, built_site):
    """The same, on the built page: if anything puts an <abbr> into a
    callout, the verification pass finds it at the line of the call."""
    from test_site_boundary import verify

    from support import ROOT

    page = (built_site / "about/index.html").read_text(encoding="utf-8")
    words = "You have chest pain, pressure"
    assert words in page
    page = page.replace(words, 'You have <abbr title="Only if it lasts">chest pain</abbr>, pressure', 1)
    source = (ROOT / "docs/about.md").read_text(encoding="utf-8")
    found = verify(tmp_path, {"about/index.html": page}, {"about.md": source})
    assert any("has a tooltip on 'chest pain'" in f for f in found), found


@pytest.mark.parametrize("data_text", [
    "Look](https://ev.il) [back",                                   # #29
    "*For chest pain, call 999 at once.*{: .guide-sr-only } Stop.",  # #13
    "Stop. { #__config } <b>x</b> `code` [^1] --8<-- \"x.md\"",
    "1. Not a list",
    "# Not a heading",
    "(c) 1/2 :smile: ~~x~~",
])
def test_a_data_text_reaches_the_page_as_its_own_words(data_text):
    """Data texts are plain text where they enter a page: Markdown (with the
    site's own extensions) shows exactly the words, inside a link of the
    macro's, and nothing in them links, styles or hides."""
    import lxml.html
    import markdown
    import yaml as _yaml

    from guide.content.plain_text import text
    from support import ROOT

    config = _yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_yaml.BaseLoader)
    wanted = {"attr_list", "md_in_html", "abbr", "footnotes", "pymdownx.smartsymbols", "pymdownx.tilde",
              "pymdownx.caret", "pymdownx.mark", "pymdownx.betterem"}
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    html = markdown.markdown(f"[{text(data_text)}](../precautions/#x)\n", extensions=[n for n in names if n in wanted])
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    links = tree.xpath("//a")
    assert [a.get("href") for a in links] == ["../precautions/#x"], html
    assert " ".join(tree.text_content().split()) == " ".join(data_text.split()), html
    assert [e.tag for e in tree.iter()] == ["div", "p", "a"], html
    assert not any(set(e.attrib) - {"href"} for e in tree.iter() if e.tag != "div"), html


@pytest.mark.parametrize("html, says", [
    ("<p>&nbsp;</p>" * 11, "11 blank lines"),
    ("<p>Words.</p>" + "<p>.<br>.<br></p>" * 6, "blank lines"),
    ("<ul>" + "<li> </li>" * 11 + "</ul>", "blank lines"),
    ("<table><tbody>" + "<tr><td></td></tr>" * 11 + "</tbody></table>", "blank lines"),
    ("<pre><code>x" + "\n" * 12 + "y</code></pre>", "blank lines"),
    ("<p>" + "a line<br>" * 51 + "</p>", "51 line breaks"),
])
def test_blank_space_that_pushes_a_callout_out_of_sight_is_found(html, says):
    import lxml.etree

    from guide.boundary import blank_space

    article = lxml.etree.fromstring(f"<div>{html}</div>", lxml.etree.HTMLParser()).find(".//div")
    found = blank_space.problems(article)
    assert any(says in message for _, message, _ in found), found


def test_a_few_blank_lines_and_breaks_are_fine():
    import lxml.etree

    from guide.boundary import blank_space

    html = "<p>&nbsp;</p>" * 10 + "<p>" + "a line<br>" * 50 + "</p><p><img src='x.png' alt='x'></p>" * 20
    article = lxml.etree.fromstring(f"<div>{html}</div>", lxml.etree.HTMLParser()).find(".//div")
    assert blank_space.problems(article) == []


def test_safety_summary_reports_an_unknown_id_and_draws_the_rest(caplog):
    """The precautions page's In short box: an id that is no callout is an
    error at its line; the box still holds the callouts that are."""
    from guide.content.safety import safety_summary
    from support import page_call

    call = page_call("precautions.md", 'Intro.\n\n{{ safety_summary("stop-signs", "no-such-callout") }}\n')
    known = [i for i, e in call.records.safety().items() if "in_short" in e]
    assert known
    with caplog.at_level("ERROR"):
        box = safety_summary(call, known[0], "no-such-callout")
    assert any("docs/precautions.md:3:" in r.getMessage() and "no-such-callout" in r.getMessage()
               for r in caplog.records), [r.getMessage() for r in caplog.records]
    assert call.records.safety()[known[0]]["anchor"] in box
