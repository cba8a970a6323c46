"""The dark scheme in extra.css is Material's own, for the Material installed.

overrides/main.html leaves out Material's palette.css (its own request held
up the first paint, issue 18); extra.css carries a copy of the rules of it
that apply to custom colours. A Material upgrade may change them: then the
copy must be redone, and this test says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from support import ROOT

from guide.theme.styles import without_comments

EXTRA = ROOT / "overrides/assets/stylesheets/extra.css"
COPY = re.compile(r"/\* material-slate: begin \*/(.*?)/\* material-slate: end \*/", re.S)
# Rules for a named colour (primary: indigo and so on) do nothing with custom colours.
NAMED_COLOUR = re.compile(r"\[data-md-color-(primary|accent)=")
# Left out of the copy on purpose (see extra.css): Material sets the
# attribute on <body> at every load, and this rule then restyles every
# element twice (issue 18).
SWITCHING = re.compile(r"\[data-md-color-switching\]")


def selector(rule: str) -> str:
    return rule.split("{")[0]


def bare(css: str) -> str:
    """The CSS without its comments or any whitespace."""
    return re.sub(r"\s+", "", re.sub(r"/\*.*?\*/", "", css, flags=re.S))


def rules(css: str) -> set[str]:
    """Each rule as 'selector{declarations}', whitespace and comments removed.
    Rules inside @media screen keep that prefix, so the wrapper must match."""
    css = bare(css)
    out = set()
    for m in re.finditer(r"@media([^{]+)\{((?:[^{}]*\{[^{}]*\})*)\}|([^{}@]+)\{([^{}]*)\}", css):
        if m.group(1):
            out |= {f"@media{m.group(1)}:{sel}{{{body.rstrip(';')}}}"
                    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", m.group(2))}
        else:
            out.add(f"{m.group(3)}{{{m.group(4).rstrip(';')}}}")
    return out


def materials_palette() -> str:
    found = sorted((Path(material.__file__).parent / "templates/assets/stylesheets").glob("palette.*.min.css"))
    assert len(found) == 1, f"expected one palette.*.min.css in Material, found {found}"
    return found[0].read_text(encoding="utf-8")


def test_the_copied_dark_scheme_matches_the_installed_material():
    copy = COPY.search(EXTRA.read_text(encoding="utf-8"))
    assert copy, f"{EXTRA}: the /* material-slate: begin */ ... end */ section is missing"
    ours = rules(copy.group(1))
    theirs = {r for r in rules(materials_palette())
              if not NAMED_COLOUR.search(selector(r)) and not SWITCHING.search(selector(r))}
    assert len(theirs) >= 2, "palette.css did not parse as expected; update this test"
    assert ours == theirs, (
        "extra.css's copy of Material's dark scheme differs from the installed palette.css.\n"
        f"Missing from the copy: {sorted(theirs - ours)}\nNot in Material: {sorted(ours - theirs)}\n"
        "Re-copy the rules without a named colour from palette.css into the material-slate section.")


def test_palette_uses_custom_colours_only():
    # Named colours need palette.css, which the pages no longer load.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    palettes = config["theme"]["palette"]
    named = [(p.get("scheme"), k, p[k]) for p in palettes for k in ("primary", "accent")
             if k in p and p[k] != "custom"]
    assert named == [], f"mkdocs.yml names Material colours {named}: use custom and set them in extra.css"
    schemes = {p.get("scheme") for p in palettes} - {None}
    assert schemes <= {"default", "slate"}, f"only Material's default and slate schemes are copied: {schemes}"


def test_the_copy_leaves_out_the_rule_that_restyles_every_element():
    # The rule must still be Material's (else this note is stale) and must
    # not come back into extra.css in any section.
    assert any(SWITCHING.search(r) for r in rules(materials_palette())), (
        "Material's palette.css no longer has the [data-md-color-switching] rule: "
        "drop the note about it from extra.css and this test")
    found = [r for r in rules(EXTRA.read_text(encoding="utf-8")) if SWITCHING.search(selector(r))]
    assert found == [], f"extra.css has a [data-md-color-switching] rule again, which restyles every element at load: {found}"


@pytest.mark.parametrize("css, inline", [
    ("a{color:red}/* why */\n\n/* two\nlines */\nb{color:blue}", "a{color:red} \nb{color:blue}"),
    ("a{margin:1px/**/2px}", "a{margin:1px 2px}"),  # a comment parts two values
    ('a::before{content:"/* kept */"}', 'a::before{content:"/* kept */"}'),
    ("a::before{content:'*/'}/* x */", "a::before{content:'*/'}"),
    ("a{background:url(x/*y*/z.svg)}", "a{background:url(x/*y*/z.svg)}"),  # not a comment there
])
def test_the_inline_styles_lose_their_comments_and_nothing_else(css, inline):
    assert without_comments(css) == inline


def test_our_styles_come_inside_each_page_not_as_downloads(built_site):
    # Linked, extra.css held up the first paint (issue 18): every page
    # carries both files' text in its <head>, and links neither.
    # Their comments stay in the files, not in every page (about 2 KB in all).
    sources = {name: (ROOT / f"overrides/assets/stylesheets/{name}.css").read_text(encoding="utf-8")
               for name in ("extra", "print")}
    for css in sources.values():
        assert "'/*" not in css and '"/*' not in css  # bare() would cut a comment opener inside a string
    styles = {name: bare(css) for name, css in sources.items()}
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page of a merged address: no styles at all
        head = html.split("</head>", 1)[0]
        name = page.relative_to(built_site)
        inline = re.findall(r"<style>(.*?)</style>", head, re.S)
        printed = re.findall(r'<style media="print">(.*?)</style>', head, re.S)
        assert any(bare(css) == styles["extra"] for css in inline), f"{name}: extra.css is not inline in <head>"
        assert [bare(css) for css in printed] == [styles["print"]], f"{name}: print.css is not inline"
        assert "/*" not in "".join(inline + printed), f"{name}: the inline styles still carry comments"
        for css in ("extra.css", "print.css"):
            assert f"stylesheets/{css}" not in html, f"{name} still links {css}"
    for css in ("extra.css", "print.css", "handout-screen.css"):
        assert not (built_site / "assets/stylesheets" / css).exists(), f"the site ships an unused copy of {css}"


def test_the_handouts_screen_styles_come_only_with_the_handout(built_site):
    """Every page carries what is inline: rules only the handout needs stay
    out of the others, which must fit the first round trip (issue 29)."""
    screen = bare((ROOT / "overrides/assets/stylesheets/handout-screen.css").read_text(encoding="utf-8"))
    assert ".guide-handout__item" in screen
    with_it = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        inline = [bare(css) for css in re.findall(r"<style>(.*?)</style>", html.split("</head>", 1)[0], re.S)]
        if screen in inline:
            with_it.append(page.relative_to(built_site).as_posix())
        holds = 'class="guide-handout"' in html
        assert (screen in inline) == holds, f"{page.relative_to(built_site)}: holds the handout: {holds}"
    assert "handout/index.html" in with_it
