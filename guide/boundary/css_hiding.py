"""Which classes the site's stylesheets can hide things with, on screen
and on paper.

The verification pass requires every safety callout to be visible. A class
a stylesheet hides things with must not sit on a callout, around it or
inside it. The stylesheets are all of them: the guide's own
(overrides/assets/stylesheets, printed into every page) and the theme's
compiled ones (Material's main.*.min.css, minified), read for the screen
and, separately, for print. Material's own print rules hide `.giscus`: a
class no page of ours uses, which once took "Stop and get help" off the
printed handout while the screen showed it whole.

A class counts as hiding when a rule whose selector ends in it (or in one
of its children, `.x > *`) sets any of the declarations in HIDES. The test
is deliberately wide: a class that only shrinks a margin to nothing is
reported too, and the fix is to move the callout out of that block.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

COMMENT = re.compile(r"/\*.*?\*/", re.S)
BRACE = re.compile(r"[{}]")
# Declarations that can take an element, or its text, out of sight.
HIDES = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(hidden|collapse)|content-visibility\s*:\s*hidden"
    r"|(?<![-\w])opacity\s*:\s*0*\.?0*\s*(!important\s*)?(;|$)|(?<![-\w])clip\s*:|clip-path\s*:"
    r"|(?<![-\w])(max-)?(height|width)\s*:\s*0*\.?[01]?(px)?\s*(!important\s*)?(;|$)"
    r"|font-size\s*:\s*0*\.?0*(px|em|rem|%)?\s*(!important\s*)?(;|$)|transform\s*:[^;]*scale\w*\(\s*0*\.?0*\s*[,)]"
    r"|text-indent\s*:\s*-\s*\d{3,}|(?<![-\w])(left|top|right|bottom|margin(-\w+)?)\s*:\s*-\s*\d{3,}"
    r"|color\s*:\s*transparent|(?<![-\w])zoom\s*:\s*0*\.?0*\s*(;|$)",
    re.I)
CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
# Rules that style a pseudo-element hide only what the rule generates.
PSEUDO_ELEMENT = re.compile(r"::|:(before|after|first-line|first-letter|marker|placeholder)\b", re.I)
# Inside :not(...), :has(...), :is(...) and the like: not the subject.
FUNCTIONAL = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Hiding:
    screen: frozenset[str]   # classes that can hide things on screen
    print: frozenset[str]    # ... when the page is printed

    def why(self, classes) -> str:
        """Why an element with these classes may hide what is in it, or ''."""
        for name in classes:
            if name in self.screen:
                return f"class '{name}', which the stylesheets hide things with"
            if name in self.print:
                return f"class '{name}', which the stylesheets hide on paper (a reader who prints loses it)"
        return ""


def _rules(css: str, media: str = "all"):
    """(media, selector, declarations) of every rule, through @media blocks.
    A small brace matcher: the compiled stylesheets nest only @media and
    @supports, and keyframes hold no selectors that matter here."""
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        if brace < 0:
            return
        head = css[i:brace].strip()
        depth, j = 1, brace + 1
        while depth:  # from brace to brace, not character by character: Material's CSS is 140 KB
            next_brace = BRACE.search(css, j)
            if next_brace is None:
                j = n
                break
            depth += 1 if next_brace.group() == "{" else -1
            j = next_brace.end()
        body = css[brace + 1:j - 1]
        at = head.split(";")[-1].strip()  # an @import; before a rule is not part of it
        if at.startswith("@media"):
            query = at[len("@media"):].strip().lower()
            inner = "print" if ("print" in query and "screen" not in query and "not print" not in query) else \
                ("screen" if "print" not in query else "all")
            yield from _rules(body, inner if media == "all" else media)
        elif at.startswith("@supports") or at.startswith("@layer") or at.startswith("@container"):
            yield from _rules(body, media)
        elif not at.startswith("@"):
            yield media, at, body
        i = j


def _subject_classes(part: str) -> set[str]:
    """The classes that decide what a selector hides: its last compound's,
    or, if that is a bare * (all children), the nearest compound before it."""
    if PSEUDO_ELEMENT.search(part):
        return set()
    bare = ATTRIBUTE_SELECTOR.sub("[]", FUNCTIONAL.sub("", part)).strip()
    compounds = [c for c in COMBINATOR.split(bare) if c]
    for index, compound in enumerate(reversed(compounds)):
        names = set(CLASS.findall(compound))
        if names:
            return names
        if index == 0 and compound.strip("*") not in ("", "[]"):
            return set()  # an element or attribute selector: not a class a page can write
    return set()


def hiding(stylesheets) -> Hiding:
    """The Hiding of these stylesheets' texts."""
    return _hiding(tuple(stylesheets))


@functools.lru_cache(maxsize=4)
def _hiding(stylesheets: tuple[str, ...]) -> Hiding:
    # The theme's compiled stylesheet is 140 KB: read once per set of texts.
    screen, paper = set(), set()
    for css in stylesheets:
        for media, selector, body in _rules(COMMENT.sub(" ", css)):
            if not HIDES.search(body):
                continue
            for part in selector.split(","):
                names = _subject_classes(part)
                if media in ("all", "screen"):
                    screen |= names
                if media in ("all", "print"):
                    paper |= names
    return Hiding(frozenset(screen), frozenset(paper - screen))
