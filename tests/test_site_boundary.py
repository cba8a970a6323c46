"""The built site is the boundary (issue 30): the pieces, one payload at a time.

Each test feeds one attack of a stranger's making to the piece that must
stop it: the verification pass on a small hand-made site, the SVG
allowlist, the limits, the YAML loader, the macro argument check, the
policy, the review-due issue. tests/test_site_boundary_builds.py runs the
same classes through whole builds of a copy of the project.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import material
import pytest
import yaml

from guide import content
from guide.boundary import built_site, csp, css_hiding, site_rules, svg_files, theme_scripts
from guide.boundary.content_files import page_problems, snippet_problems
from guide.content import MACROS, arguments
from guide.records import limits
from guide.records.yaml_files import SAFE_LOADER, decode_text
from guide.tools.overdue_report import quoted
from support import ROOT

THEME = (str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates"))


# -- the verification pass on a hand-made site --------------------------------

@pytest.fixture(scope="module")
def good_page(built_site) -> str:
    """A real built page, to change one thing at a time."""
    return (built_site / "getting-started/index.html").read_text(encoding="utf-8")


def verify(tmp_path: Path, files: dict[str, str | bytes], docs: dict[str, str] | None = None) -> list[str]:
    site = tmp_path / "site"
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    docs_dir = tmp_path / "docs"
    for name, text in (docs or {}).items():
        (docs_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (docs_dir / name).write_text(text, encoding="utf-8")
    for folder in ("data", "schemas", "overrides"):
        if not (tmp_path / folder).exists():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    project = built_site.project_for(tmp_path, (str(tmp_path / "overrides"), THEME[1]), docs_dir=docs_dir,
                                     expected=content.expected_output(tmp_path))
    return [str(f) for f in built_site.verify(site, project)]


def in_article(page: str, html: str) -> str:
    """page with html put at the end of its article."""
    assert page.count("</article>") == 1
    return page.replace("</article>", html + "</article>", 1)


def test_the_real_page_passes(tmp_path, good_page):
    assert verify(tmp_path, {"getting-started/index.html": good_page}) == []


@pytest.mark.parametrize("html, says", [
    ('<a href="#x" onmouseover="alert(1)">x</a>', "event handler onmouseover="),
    ('<p style="position:fixed;inset:0;background:#fff">x</p>', "style="),
    ("<iframe src=\"https://example.org\"></iframe>", "<iframe>"),
    ('<img src="https://example.org/x.png" alt="">', "fetches from another site"),
    ('<img src="x.png" srcset="//example.org/x.png 2x" alt="">', "fetches from another site"),
    ('<a href="javascript:alert(1)">x</a>', "would run code"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "would run code"),
    ('<div id="__config"></div>', "the theme reserves"),
    ('<div class="md-toggle"></div>', "the theme reserves"),
    ('<h2 id="x&quot; onmouseover=&quot;y">x</h2>', "characters an id may not have"),
    ('<p class="a&quot;b">x</p>', "characters a class may not have"),
    ("<script>alert(1)</script>", "no template of the theme"),
    ('<script>__md_scope=new URL("x",location);alert(1)</script>', "no template of the theme"),
    ('<script type="text/x-evil">alert(1)</script>', "does not use"),
    ('<object data="https://example.org/x.swf"></object>', "<object>"),
    ('<meta http-equiv="refresh" content="0; url=https://example.org">', "refresh to another site"),
    ('<meta http-equiv="set-cookie" content="a=b">', "not allowed"),
    ('<div data-md-component="announce">Fake notice</div>', "data-md-component= on <div> is not on"),
])
def test_what_no_page_may_hold_is_found(tmp_path, good_page, html, says):
    found = verify(tmp_path, {"getting-started/index.html": in_article(good_page, html)})
    assert any(says in f for f in found), found


def test_an_id_twice_is_found_so_content_cannot_take_the_themes(tmp_path, good_page):
    page = good_page.replace("<body", '<body id="__search"', 1) if 'id="__search"' in good_page else None
    assert page, "Material's search toggle id changed; pick another theme id"
    found = verify(tmp_path, {"getting-started/index.html": page})
    assert any("used twice" in f for f in found), found


@pytest.mark.parametrize("wrapper", [
    ('<details markdown>', "</details>"),
    ('<div hidden>', "</div>"),
    ('<div aria-hidden="true">', "</div>"),
    ('<div class="md-toggle">', "</div>"),
    ('<div class="tabbed-block">', "</div>"),
    ('<div class="guide-sr-only">', "</div>"),
    ("<template>", "</template>"),
    ("<noscript>", "</noscript>"),
    # SVG draws shapes and <text>; HTML inside it, or in <desc>, is never drawn.
    ("<svg><desc>", "</desc></svg>"),
    ("<svg><foreignObject>", "</foreignObject></svg>"),
    ("<svg>", "</svg>"),
    # Hidden only on paper: Material's print styles, and our own.
    ('<div class="giscus">', "</div>"),
    ('<div class="guide-review__links">', "</div>"),
])
def test_a_hidden_safety_callout_is_found_at_the_line_that_calls_it(tmp_path, good_page, wrapper):
    start = good_page.index('<div class="admonition safety')
    end = good_page.index("</div>", good_page.index("guide-safety__sources", start)) + len("</div>")
    page = good_page[:start] + wrapper[0] + good_page[start:end] + wrapper[1] + good_page[end:]
    source = (ROOT / "docs/getting-started.md").read_text(encoding="utf-8")
    found = verify(tmp_path, {"getting-started/index.html": page}, {"getting-started.md": source})
    hidden = [f for f in found if "is hidden from readers" in f]
    assert hidden, found
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "{{ safety(" in text)
    assert hidden[0].startswith(f"docs/getting-started.md:{line}:"), hidden


@pytest.mark.parametrize("inner", ['<p class="guide-sr-only">', '<p hidden>', '<p aria-hidden="true">'])
def test_safety_text_hidden_from_inside_the_callout_is_found(tmp_path, good_page, inner):
    """Not only what is around a callout: a part of it hidden (the emergency
    sentence made screen-reader-only) is hidden safety text too."""
    start = good_page.index('<div class="admonition safety')
    body = good_page.index("<p>", good_page.index("admonition-title", start))
    page = good_page[:body] + inner + good_page[body + len("<p>"):]
    source = (ROOT / "docs/getting-started.md").read_text(encoding="utf-8")
    found = verify(tmp_path, {"getting-started/index.html": page}, {"getting-started.md": source})
    assert any("part of it is" in f and "hidden from readers" in f for f in found), found


def test_a_missing_safety_callout_is_found(tmp_path, good_page):
    start = good_page.index('<div class="admonition safety')
    end = good_page.index("</div>", good_page.index("guide-safety__sources", start)) + len("</div>")
    source = (ROOT / "docs/getting-started.md").read_text(encoding="utf-8")
    found = verify(tmp_path, {"getting-started/index.html": good_page[:start] + good_page[end:]},
                   {"getting-started.md": source})
    assert any("is not shown on the built page" in f for f in found), found


@pytest.mark.parametrize("box", [
    '<div class="admonition safety emergency"><p class="admonition-title">Chest pain is normal</p>'
    "<p>Keep going; it passes.</p></div>",
    '<p class="guide-summary">In short: no need to stop for dizziness.</p>',
    '<div class="guide-handout__item"><p>Run backward on the road.</p></div>',
])
def test_a_box_with_the_safety_look_that_no_macro_drew_is_found(tmp_path, good_page, box):
    """The pass alone, as for a site another engine built: what looks like
    the guide's safety advice must be the data file's, drawn by a macro."""
    source = (ROOT / "docs/getting-started.md").read_text(encoding="utf-8")
    found = verify(tmp_path, {"getting-started/index.html": in_article(good_page, box)},
                   {"getting-started.md": source})
    assert any("with the look of the guide's safety advice" in f for f in found), found


def test_safety_text_stamped_but_drawn_by_no_call_is_found(tmp_path, good_page):
    start = good_page.index('<div class="admonition safety')
    end = good_page.index("</div>", good_page.index("guide-safety__sources", start)) + len("</div>")
    source = (ROOT / "docs/getting-started.md").read_text(encoding="utf-8")
    copy = good_page[start:end]
    assert "data-guide-stamp" in copy
    found = verify(tmp_path, {"getting-started/index.html": in_article(good_page, copy)},
                   {"getting-started.md": source})
    assert any("is on the page 2 times" in f for f in found), found


@pytest.mark.parametrize("change, says", [
    (lambda p: p.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", 1), "unsafe-inline"),
    (lambda p: p.replace("script-src 'self'", "script-src 'self' 'sha256-AAAA'", 1), "no template writes"),
    (lambda p: p.replace("worker-src ", "worker-src 'self' ", 1), "worker"),
    (lambda p: p.replace('http-equiv="Content-Security-Policy"', 'name="x"', 1), "no Content Security Policy"),
    # The page's own stylesheet, changed after its hash was taken: the browser refuses it.
    (lambda p: p.replace("<style>", "<style>\n", 1), "is not in its policy's style-src"),
])
def test_a_weakened_policy_is_found(tmp_path, good_page, change, says):
    found = verify(tmp_path, {"getting-started/index.html": change(good_page)})
    assert any(says in f for f in found), found


@pytest.mark.parametrize("name, content, says", [
    ("search/search_index.json", '{"docs": [{"boost": NaN}]}', "not valid JSON"),
    ("data.json", "{'a': 1", "not valid JSON"),
    ("sw.js", "self.onfetch = () => {}", "not one of the theme's own files"),
    ("assets/javascripts/bundle.a5f9d56c.min.js", "alert(1)", "not one of the theme's own files"),
    ("assets/stylesheets/extra.css", "body{}", "not one of the theme's own files"),
    ("evil.exe", b"MZ", "has no place in the site"),
    ("CNAME", "evil.example.org", "has no place in the site"),
    ("x.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
])
def test_every_file_of_the_site_is_checked(tmp_path, name, content, says):
    found = verify(tmp_path, {name: content})
    assert any(says in f for f in found), found


def test_the_pass_reads_hiding_classes_from_every_stylesheet_on_screen_and_on_paper():
    css = (".a { color: red }\n.b, .c > .d { display: none }\n@media print { .e { display: none } }\n"
           ".f > * { visibility: hidden }\n.g::before { display: none }\nimg[src$='.png'] { display: none }\n"
           "body:has(.h) .i { display:none }\n@media screen and (max-width: 40em) { .j { opacity: 0 } }\n")
    found = css_hiding.hiding([css])
    assert found.screen == {"b", "d", "f", "i", "j"} and found.print == {"e"}
    real = css_hiding.hiding([(ROOT / "overrides/assets/stylesheets/extra.css").read_text()])
    assert "guide-sr-only" in real.screen
    # Material's compiled stylesheet, minified: its print rules hide .giscus.
    material_css = [p.read_text() for p in (Path(THEME[1]) / "assets/stylesheets").glob("main.*.min.css")]
    assert material_css and "giscus" in css_hiding.hiding(material_css).print


# -- the SVG allowlist ---------------------------------------------------------

@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<svg xmlns="http://www.w3.org/2000/svg"><g ONCLICK="alert(1)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<use xlink:href="https://example.org/x.svg#a"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/svg+xml,x"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://example.org/x)"/></svg>',
    # CSS escapes spell url( in disguise (the attack report's #14).
    '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="\\75 rl(https://example.org/p.svg#g)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect clip-path="u\\rl(https://example.org/c.svg#c)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect stroke="\\000075rl(//example.org/s.svg#s)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://example.org/x.css)</style></svg>',
    '<?xml-stylesheet href="https://example.org/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
    "<svg",
])
def test_the_svg_allowlist_refuses_code_and_outside_files(svg):
    assert svg_files.problems(svg.encode()), svg


def test_the_guides_own_svgs_pass():
    for path in (ROOT / "docs").rglob("*.svg"):
        assert svg_files.problems(path.read_bytes()) == [], path


# -- limits, reading and YAML ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "[" * 20000, "[a " * 400, "<a " * 300, "![" * 300, "\n".join(["[" * 150] * 3),
    "*" * 3000 + "x" + "*" * 3000, "_" * 40,
    "\n".join("    " * i + "- x" for i in range(20)),
    "> " * 20 + "x", ">" * 20 + "x",
    "\t" * 13 + "x",
])
def test_text_that_makes_markdown_slow_or_overflow_is_refused(text):
    assert limits.text_problems(text), text[:40]


def test_the_guides_own_pages_are_well_within_the_limits():
    for path in (ROOT / "docs").rglob("*.md"):
        data = path.read_bytes()
        assert len(data) < limits.MAX_PAGE_BYTES / 4, path
        assert page_problems(path.name, data, [ROOT / "includes"]) == [], path


def test_the_markup_limit_names_the_paragraph_line():
    text = "fine\n\nfine\n\n" + "[" * 300 + "\n"
    assert limits.text_problems(text, first_line=10)[0][0] == 14


@pytest.mark.parametrize("data, line, says", [
    (b"\xef\xbb\xbf---\ntitle: x\n---\n", 1, "byte-order mark"),
    (b"\xef\xbb\xbf\xef\xbb\xbf---\ntitle: x\n---\n", 1, "byte-order mark"),
    (b"---\ntitle: x\n---\n\nline\ncaf\xe9\n", 6, "not UTF-8"),
    (b"---\ntitle: x\n---\n\n\xff\xfe", 5, "not UTF-8"),
])
def test_bytes_readers_would_disagree_on_are_refused_at_their_line(data, line, says):
    text, problem = decode_text(data)
    assert problem and problem[0] == line and says in problem[1]


@pytest.mark.parametrize("front, line", [
    ("a: &x [1, 2]\nb: *x\n", 3),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", 4),
    ("x0: &a [lol, lol]\nx1: &b [*a, *a]\nx2: [*b, *b]\n", 3),
])
def test_aliases_in_front_matter_stop_the_build_before_mkdocs_expands_them(front, line):
    problems = page_problems("docs/x.md", f"---\n{front}---\n\nText.\n".encode())
    assert problems and problems[0].startswith(f"docs/x.md:{line}:") and "aliases" in problems[0], problems


@pytest.mark.parametrize("front, line, says", [
    ("search: {boost: .nan}\n", 2, "NaN"),
    ("search: {boost: -.Inf}\n", 2, "NaN"),
    ("search:\n  boost: .INF\n", 3, "NaN"),
    ("reviewed: 2026-11-01 10:00:00\n", 2, "date and a time"),
    ("reviewed: 2026-11-01T10:00:00Z\n", 2, "date and a time"),
])
def test_front_matter_that_breaks_json_or_dates_is_refused_at_its_line(front, line, says):
    from guide.records.pages import parse_page
    from support import records

    _, _, problems = parse_page(f"---\ntitle: x\n{front}---\n\nText.\n", "x.md", records())
    assert problems and problems[0].line == line + 1 and says in problems[0].message, problems


def test_a_field_the_schema_or_json_refuses_is_dropped_before_macros_and_search_read_it():
    import datetime as dt

    from guide.records.pages import drop_invalid
    from support import records

    from guide.records.pages import read_page

    good, _, problems = read_page(ROOT / "docs/faq.md", ROOT / "docs", records())
    assert not problems
    meta = {**good, "references": 5, "search": {"boost": float("nan")},
            "review_due": dt.datetime(2027, 11, 1, 10, 0)}
    drop_invalid(meta, records())
    assert meta == good


def test_an_alias_bomb_is_refused_before_it_expands():
    bomb = "a: &a [" + ",".join(["lol"] * 9) + "]\n" + "".join(
        f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    with pytest.raises(yaml.YAMLError, match="aliases"):
        yaml.load(bomb, Loader=SAFE_LOADER)


def test_front_matter_is_split_with_mkdocs_own_pattern():
    from mkdocs.utils.meta import YAML_RE

    from guide.records.pages import FRONT_MATTER
    assert FRONT_MATTER.pattern == YAML_RE.pattern and FRONT_MATTER.flags == YAML_RE.flags


@pytest.mark.parametrize("target", ["../mkdocs.yml", "/etc/passwd", "glossary.md/../../mkdocs.yml",
                                    "https://example.org/x.md", "no-such-file.md"])
def test_a_snippet_from_outside_the_includes_is_refused_at_its_line(target):
    for text, line in ((f'Intro.\n\n--8<-- "{target}"\n', 3), (f"Intro.\n\n--8<--\n{target}\n--8<--\n", 4)):
        problems = snippet_problems(text, [ROOT / "includes"])
        assert problems and problems[0][0] == line, (text, problems)


def test_a_snippet_of_an_include_file_is_fine():
    assert snippet_problems('--8<-- "glossary.md"\n;--8<-- "../x"\n', [ROOT / "includes"]) == []


# -- macro arguments -------------------------------------------------------------

@pytest.mark.parametrize("name, args, says", [
    ("precaution", ("health-check", 30000000), "from 1 to 6"),
    ("precaution", ("health-check", 0), "from 1 to 6"),
    ("precaution", ("health-check", True), "whole number"),
    ("precaution", (["health-check"],), "quoted text"),
    ("safety", ("look-behind", 5), "quoted text"),
    ("safety", ("x" * 5000,), "at most"),
    ("cite", ({"a": 1},), "quoted text"),
    ("figure", (), "cannot take"),
    ("evidence_overview", (2.5,), "whole number"),
    ("grade_label", ("supported", "yes"), "true or false"),
])
def test_macro_arguments_are_checked_against_the_signature(name, args, says):
    problem = arguments.problem(name, MACROS[name], args, {})
    assert problem and says in problem, problem


def test_good_macro_arguments_pass():
    assert arguments.problem("precaution", MACROS["precaution"], ("health-check", 3), {}) is None
    assert arguments.problem("safety", MACROS["safety"], ("a", "b", "c"), {}) is None
    assert arguments.problem("benefit_table", MACROS["benefit_table"], (None,), {}) is None


def test_the_error_names_the_line_of_that_call():
    source = 'a\n{{ precaution("x") }}\n{{ precaution("health-check", 9) }}\n'
    assert arguments.call_line(source, "precaution", ("health-check", 9)) == 3


# -- the policy from a fixed list ------------------------------------------------

def test_the_policy_hashes_only_the_templates_scripts_and_our_styles(good_page):
    rules = csp.allowed(THEME, "https://example.org/guide/", ["body{}"])
    injected = good_page.replace("</article>", "<script>alert(1)</script><style>*{}</style></article>")
    scripts, styles = csp.page_hashes(injected, rules)
    assert csp.digest("alert(1)") not in scripts and csp.digest("*{}") not in styles
    assert scripts, "the theme's own inline scripts lost their hashes"
    policy = csp.policy(scripts, styles, rules.workers)
    assert "'unsafe-inline'" not in policy
    workers = policy.split("worker-src ", 1)[1].split(";", 1)[0].split()
    assert workers and all(w.endswith(".min.js") and "/workers/search." in w for w in workers)


def test_every_template_script_becomes_a_pattern_with_no_room_for_code(good_page):
    patterns = theme_scripts.patterns(THEME, theme_scripts.redirect_templates())
    real = theme_scripts.inline_scripts(good_page)
    assert real and all(theme_scripts.known(body, patterns) for body in real)
    scope = next(body for body in real if body.startswith("__md_scope=new URL("))
    value = scope.split('"', 2)[1]
    for evil in ('"),alert(1),("', 'x\\"', "</script><script>", "x\u2028"):
        assert not theme_scripts.known(scope.replace(f'"{value}"', f'"{evil}"', 1), patterns), evil


def test_live_reload_can_still_add_its_script(good_page):
    page = csp.with_policy(good_page, csp.allowed(THEME))
    assert csp.digest("reload()") in csp.allow_script(page, "reload()")
    assert csp.digest("p{}") in csp.allow_style(page, "p{}")


# -- the review-due issue --------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Knee @octocat", "[click](https://example.org)", "#12 and GH-3", "<b>bold</b>", "a `tick` here",
    "``", "line\nbreak @team", "https://example.org/x", "<!-- hidden -->", "**bold** _it_",
])
def test_a_title_in_the_review_issue_is_plain_text(title):
    text = quoted(title)
    fence = text[: len(text) - len(text.lstrip("`"))]
    inner = text[len(fence):-len(fence)]
    assert "`" * len(fence) not in inner and "\n" not in text
    assert inner.strip() == " ".join(title.split())


def test_json_in_the_site_is_checked_strictly(tmp_path):
    good = json.dumps({"docs": [{"boost": 1.5}]})
    assert verify(tmp_path, {"search/search_index.json": good}) == []


def test_an_unsafe_footnote_id_is_reported_at_the_footnote():
    from guide.boundary.allowlist_report import name_problems

    source = 'Text.[^a"b]\n\n[^a"b]: The note.\n'
    problems = name_problems('<li id="fn:a&quot;b">x</li>', "x.md", source)
    assert problems and problems[0].startswith("docs/x.md:3:"), problems


@pytest.mark.parametrize("url", [
    "/\t/evil.example/t.png", "/\n/evil.example/t.png", "\x01//evil.example/u.png", "\\\\evil.example/w.png",
    "/\\evil.example/w.png", " https://evil.example/", "HTTP://evil.example/", "ht\ttps://evil.example/",
])
def test_addresses_are_judged_as_a_browser_reads_them(url):
    from guide.boundary import addresses

    assert addresses.outside(url), repr(url)


@pytest.mark.parametrize("url", ["/guide/x.png", "x.png", "#top", "data:image/png;base64,AAAA", "?q=1"])
def test_addresses_on_the_site_stay_on_it(url):
    from guide.boundary import addresses

    assert not addresses.outside(url), repr(url)


@pytest.mark.parametrize("content", ["0;URL=https://evil.example/", "0; https://evil.example/",
                                     "0;url='https://evil.example/'", " 5 , URL = //evil.example/"])
def test_a_refresh_to_another_site_is_found_however_it_is_written(tmp_path, good_page, content):
    page = good_page.replace("<head>", f'<head><meta http-equiv="refresh" content="{content}">', 1)
    found = verify(tmp_path, {"getting-started/index.html": page})
    assert any("a refresh to another site" in f for f in found), found


def test_a_page_the_pass_cannot_read_is_a_finding_not_a_traceback(tmp_path, good_page, monkeypatch):
    """Whatever a page does to the checks, the pass names the page: here a
    check that breaks on it, as the list in safety(["..."]) once broke one."""
    def broken(self, *args):
        raise TypeError("unhashable type: 'list'")
    monkeypatch.setattr(built_site.Verifier, "_safety_text", broken)
    found = verify(tmp_path, {"getting-started/index.html": good_page})
    assert any(f.startswith("site/getting-started/index.html:1:") and "could not check this page" in f
               for f in found), found


def test_a_reserved_class_written_once_is_reported_once():
    """One class="admonition" written by hand is in the page's HTML once
    more for each callout a macro drew: each place is said once."""
    from guide.boundary.allowlist_report import name_problems

    source = 'Intro.\n\n<p class="admonition safety">Chest pain is normal</p>\n'
    html = ('<div class="admonition safety"><p>a</p></div>' * 7
            + '<p class="admonition safety">Chest pain is normal</p>')
    problems = name_problems(html, "x.md", source)
    assert problems == [problems[0]] and problems[0].startswith("docs/x.md:3:"), problems
