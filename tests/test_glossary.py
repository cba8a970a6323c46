"""The glossary tooltips (includes/glossary.md) and the Glossary page agree.

hooks/glossary_terms.py gives includes/glossary.md to every page (abbr's
`glossary` option), so each `*[Term]: meaning` line becomes a tooltip
wherever Term appears. docs/glossary.md shows the
same terms to read. A term added to one file and forgotten in the other is
the drift these tests catch.

Page entries look like `**Headword** (also *variant*, *variant*): meaning.`
Terms are compared ignoring case: the tooltip file needs "Quadriceps" and
"quadriceps" (abbr matching is case-sensitive), the page lists it once.
"""

from __future__ import annotations

import html
import re

from support import ROOT

INCLUDE = ROOT / "includes" / "glossary.md"
PAGE = ROOT / "docs" / "glossary.md"

ABBR_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]: (?P<meaning>.+)$")
PAGE_ENTRY = re.compile(r"^\*\*(?P<head>[^*]+)\*\*(?: \(also (?P<also>[^)]+)\))?: (?P<meaning>.+)$")
VARIANT = re.compile(r"\*([^*]+)\*")


def include_terms() -> dict[str, tuple[int, str]]:
    """Tooltip terms -> (line, meaning). Fails on a line that is not one."""
    terms: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(INCLUDE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = ABBR_LINE.match(line)
        assert match, (f"includes/glossary.md:{number}: not a glossary line: {line!r}; "
                       "write it as *[Term]: One plain sentence.")
        term = match["term"]
        assert term not in terms, (f"includes/glossary.md:{number}: '{term}' is already defined "
                                   f"on line {terms[term][0]}; keep one line per term")
        terms[term] = (number, match["meaning"])
    return terms


def page_entries() -> list[dict]:
    """The page's entries: headword, variants, meaning and line."""
    entries = []
    for number, line in enumerate(PAGE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("**"):
            continue
        match = PAGE_ENTRY.match(line)
        assert match, (f"docs/glossary.md:{number}: entry not in the expected form: {line[:60]!r}; "
                       "write **Term** (also *variant*): meaning.")
        variants = VARIANT.findall(match["also"] or "")
        entries.append({"head": match["head"], "variants": variants,
                        "meaning": match["meaning"], "line": number})
    return entries


def test_the_files_are_not_empty():
    # Guards the tests below, which would pass vacuously on two empty files.
    assert len(include_terms()) >= 20, "includes/glossary.md has fewer than 20 terms"
    assert len(page_entries()) >= 20, "docs/glossary.md has fewer than 20 entries"


def test_every_tooltip_term_is_on_the_page():
    on_page = {w.lower() for e in page_entries() for w in [e["head"], *e["variants"]]}
    missing = [f"includes/glossary.md:{line}: '{term}'"
               for term, (line, _) in include_terms().items() if term.lower() not in on_page]
    assert not missing, ("terms with a tooltip but no entry on docs/glossary.md "
                         "(add an entry, or list the term as a variant with (also *term*)):\n"
                         + "\n".join(missing))


def test_every_page_term_has_a_tooltip():
    tooltips = {t.lower() for t in include_terms()}
    missing = [f"docs/glossary.md:{e['line']}: '{word}'"
               for e in page_entries() for word in [e["head"], *e["variants"]]
               if word.lower() not in tooltips]
    assert not missing, ("terms on the Glossary page with no tooltip line "
                         "(add *[Term]: meaning to includes/glossary.md):\n" + "\n".join(missing))


def test_page_and_tooltip_give_the_same_meaning():
    terms = {t.lower(): (line, meaning) for t, (line, meaning) in include_terms().items()}
    differ = []
    for entry in page_entries():
        found = terms.get(entry["head"].lower())
        if found and found[1] != entry["meaning"]:
            differ.append(f"docs/glossary.md:{entry['line']} vs includes/glossary.md:{found[0]}: "
                          f"'{entry['head']}'")
    assert not differ, ("the page and the tooltip explain these words differently; "
                        "make the two sentences identical:\n" + "\n".join(differ))


def test_case_variants_share_one_meaning():
    # "Quadriceps" at the start of a sentence must not explain the muscle differently.
    by_word: dict[str, list[tuple[str, int, str]]] = {}
    for term, (line, meaning) in include_terms().items():
        by_word.setdefault(term.lower(), []).append((term, line, meaning))
    differ = [" / ".join(f"line {line} '{term}'" for term, line, _ in group)
              for group in by_word.values() if len({m for _, _, m in group}) > 1]
    assert not differ, ("includes/glossary.md: capitalised and lower-case forms of a term "
                        "must have the same meaning:\n" + "\n".join(differ))


def test_page_is_alphabetical():
    heads = [e["head"] for e in page_entries()]
    out_of_order = [f"'{b}' comes after '{a}'" for a, b in zip(heads, heads[1:]) if b.lower() < a.lower()]
    assert not out_of_order, "docs/glossary.md is not in alphabetical order: " + "; ".join(out_of_order)


def test_every_meaning_is_one_sentence():
    for term, (line, meaning) in include_terms().items():
        assert meaning.endswith("."), f"includes/glossary.md:{line}: '{term}': end the meaning with a full stop"
        inner = re.findall(r"[.!?]\s+[A-Z]", meaning)
        assert not inner, f"includes/glossary.md:{line}: '{term}': keep the meaning to one sentence"


def test_built_glossary_page_shows_each_headword_tooltip(built_site):
    # The terms reach pages through hooks/glossary_terms.py: without it, no page
    # gets a tooltip and this fails (the file tests above would still pass).
    terms = include_terms()
    shown = {(html.unescape(term), html.unescape(title)) for title, term in
             re.findall(r'<abbr title="([^"]*)">([^<]+)</abbr>',
                        (built_site / "glossary" / "index.html").read_text(encoding="utf-8"))}
    heads = [e["head"] for e in page_entries() if e["head"] in terms]
    assert len(heads) >= 20, "fewer than 20 Glossary page headwords are tooltip terms; the test lost its grip"
    missing = [h for h in heads if (h, terms[h][1]) not in shown]
    assert not missing, f"the built Glossary page has no tooltip for: {', '.join(missing)}"


def test_a_missing_glossary_stops_the_build_with_a_fix(variant):
    build = variant(lambda project: (project / "includes" / "glossary.md").unlink())
    assert not build.ok
    assert "includes/glossary.md: the glossary file is missing" in build.output
    assert "Traceback" not in build.output
