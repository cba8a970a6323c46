"""A page's prose as the numbers and counts rules read it: blocks (a
paragraph, a list item, a table row), each cut into sentences, and each
sentence with its line, its plain text and the sources it cites.

It reads the Markdown source, not the built page, so every figure keeps
its true line. Code, comments, headings and lines that only call a macro
(a safety callout, the reference list) are not prose. A citation that
follows a full stop belongs to the sentence before it: "Fact.{{ cite(..) }}
Next" cites the fact, as the guide writes it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from ..records.pages import split_front_matter

MACRO = re.compile(r"\{\{\s*(?P<name>\w+)\s*\((?P<args>.*?)\)\s*\}\}", re.S)
HIDDEN = re.compile(r"\{%\s*raw\s*%\}.*?\{%\s*endraw\s*%\}|<!--.*?-->|\{#.*?#\}", re.S)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.*)")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
ROW = re.compile(r"^\s*\|")
RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}")
MACRO_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$")
SKIP_LINE = re.compile(r"^\s*(?:\*\[|\{:|\[\^?[\w-]+\]:)")
# A sentence ends at . ! or ? (and any closing quote or bracket), before a
# space and a capital, a digit, a quote or markup. Macros are masked by NUL
# characters of the same length, so offsets (and lines) never move.
BOUNDARY = re.compile(r"[.!?][\"”’)\]*_]*+((?:\s*+\x00++)*+)\s+(?=[A-Z0-9\"“‘*_(\[\x00])")
ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|vs|et al|approx|St|Dr|No)\.", re.I)
# Markup that is not words: link targets, images, inline code, HTML tags, emphasis.
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
CODE = re.compile(r"`[^`]*`")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w))")
ATTR_LIST = re.compile(r"\{\s*[:#.][^}]*\}")


@dataclass
class Macro:
    name: str
    args: tuple
    kwargs: dict
    start: int
    end: int


@dataclass
class Sentence:
    text: str                    # plain words: macros, links and markup taken out
    lines: list[int]             # the source line of each character of text
    cites: list[str]             # source ids it cites, in order
    derived: list[tuple[str, str]]  # (figure, how it was worked out), marked with derived()
    exempt: list[tuple[int, int]]   # spans of text that hold a derived figure
    grades: list[Macro]          # claim_grade() calls in it

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 1

    def line_at(self, index: int) -> int:
        return self.lines[min(index, len(self.lines) - 1)] if self.lines else 1


@dataclass
class Block:
    kind: str                    # paragraph, item or row
    heading: str                 # the heading it sits under
    heading_level: int
    sentences: list[Sentence] = field(default_factory=list)
    summary: bool = False        # inside an "In short" box: it sums up the page and cites nothing

    @property
    def cites(self) -> list[str]:
        return list(dict.fromkeys(i for s in self.sentences for i in s.cites))

    def cites_for(self, sentence: Sentence) -> list[str]:
        """The sources a sentence rests on: its own citations; else those of
        the next sentence that cites (the guide cites right after the facts
        it supports); else, after the last citation, those of the one before."""
        if sentence.cites:
            return sentence.cites
        index = self.sentences.index(sentence)
        for later in self.sentences[index + 1:]:
            if later.cites:
                return later.cites
        for earlier in reversed(self.sentences[:index]):
            if earlier.cites:
                return earlier.cites
        return []

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def macro_args(args: str) -> tuple[tuple, dict]:
    """The literal arguments of a macro call, as Python reads them (the page
    Jinja check allows nothing else); ((), {}) when they are not literals."""
    try:
        call = ast.parse(f"f({args})", mode="eval").body
        return (tuple(ast.literal_eval(a) for a in call.args),
                {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg})
    except (SyntaxError, ValueError):
        return (), {}


def _blank(match: re.Match) -> str:
    """Text the rules must not read, kept as spaces so lines stay put."""
    return re.sub(r"[^\n]", " ", match.group(0))


def body_lines(text: str) -> list[tuple[int, int, str]]:
    """(line number, offset, line) of the page body's prose lines, with code,
    comments and raw blocks blanked."""
    _, body, first = split_front_matter(text)
    start = len(text) - len(body)
    masked = HIDDEN.sub(_blank, text)
    lines, in_fence = [], False
    offset = start
    for number, line in enumerate(masked[start:].split("\n"), first):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            lines.append((number, offset, line))
        offset += len(line) + 1
    return lines


def blocks(text: str) -> list[Block]:
    """The page's prose, block by block, in order."""
    line_of = _line_index(text)
    spans: list[tuple[str, str, int, bool, list[tuple[int, int]]]] = []  # kind, heading, level, summary, parts
    heading, level = "", 0
    current: list[tuple[int, int]] | None = None
    kind = "paragraph"
    in_box = False  # inside an admonition ("!!! abstract ...") and its indented lines

    def close():
        nonlocal current
        if current:
            spans.append((kind, heading, level, in_box, current))
        current = None

    for _, offset, line in body_lines(text):
        stripped = line.strip()
        if stripped and not line.startswith((" ", "\t")) and not ADMONITION.match(line):
            in_box = False
        if ADMONITION.match(line):
            close()
            in_box = bool(re.search(r"\babstract\b|in short", line, re.I))
            continue
        head = HEADING.match(line)
        if not stripped or head or MACRO_LINE.match(line) and "cite(" not in line or SKIP_LINE.match(line):
            close()
            if head:
                heading, level = head.group("title").strip(), len(line.strip()) - len(line.strip().lstrip("#"))
            continue
        if ROW.match(line):
            close()
            if not RULE_ROW.match(line.replace("|", "", 1) if line.strip().startswith("|") else line):
                kind, current = "row", [(offset, offset + len(line))]
                close()
            continue
        if ITEM.match(line):
            close()
            kind, current = "item", [(offset + ITEM.match(line).end(), offset + len(line))]
            continue
        if current is None:
            kind, current = "paragraph", []
        indent = len(line) - len(line.lstrip())
        current.append((offset + indent, offset + len(line)))
    close()
    return [Block(k, h, lv, _sentences(text, parts, line_of), summary) for k, h, lv, summary, parts in spans]


def _line_index(text: str):
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1
    return line_of


def _sentences(text: str, parts: list[tuple[int, int]], line_of) -> list[Sentence]:
    """Cut one block into sentences; each character keeps its line."""
    chars: list[str] = []
    offsets: list[int] = []
    for start, end in parts:
        if chars:
            chars.append(" ")
            offsets.append(start)
        chars.extend(text[start:end])
        offsets.extend(range(start, end))
    raw = "".join(chars)
    macros = []
    masked = list(raw)
    for match in MACRO.finditer(raw):
        args, kwargs = macro_args(match.group("args"))
        macros.append(Macro(match.group("name"), args, kwargs, match.start(), match.end()))
        masked[match.start():match.end()] = "\x00" * (match.end() - match.start())
    masked_text = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\x01"), "".join(masked))
    # Each cut falls after the full stop, its closing marks and any citation
    # that follows it (group 1), so "Fact.{{ cite() }} Next" cites the fact.
    cuts = [0] + [match.end(1) for match in BOUNDARY.finditer(masked_text)]
    cuts.append(len(raw))
    sentences = []
    for begin, end in zip(cuts, cuts[1:]):
        if begin >= end:
            continue
        inside = [m for m in macros if begin <= m.start < end]
        sentences.append(_plain(raw, begin, end, inside, [line_of(o) for o in offsets]))
    kept: list[Sentence] = []
    for sentence in sentences:
        if not sentence.text.strip() and kept:
            kept[-1].cites.extend(sentence.cites)  # a citation alone after the last full stop
            kept[-1].grades.extend(sentence.grades)
        elif sentence.text.strip() or sentence.cites:
            kept.append(sentence)
    return kept


def _plain(raw: str, begin: int, end: int, macros: list[Macro], lines: list[int]) -> Sentence:
    """One sentence in plain words, each character with its source line."""
    cites, derived, grades = [], [], []
    out: list[str] = []
    where: list[int] = []
    exempt = []
    position = begin
    for macro in macros:
        _keep(raw, position, macro.start, lines, out, where)
        if macro.name == "cite":
            cites.extend(str(a) for a in macro.args)
        elif macro.name == "derived" and macro.args:
            figure = str(macro.args[0])
            how = str(macro.args[1]) if len(macro.args) > 1 else ""
            derived.append((figure, how))
            exempt.append((len(out), len(out) + len(figure)))
            out.extend(figure)
            where.extend([lines[macro.start]] * len(figure))
        elif macro.name in ("grade_label", "claim_grade"):
            if macro.name == "claim_grade":
                grades.append(macro)
            word = str(macro.args[0]) if macro.args else "graded"  # "untested", "some"...
            out.extend(word)
            where.extend([lines[macro.start]] * len(word))
        position = macro.end
    _keep(raw, position, end, lines, out, where)
    text, where = _strip_markup("".join(out), where)
    return Sentence(text, where, cites, derived, exempt, grades)


def _keep(raw: str, start: int, end: int, lines: list[int], out: list[str], where: list[int]):
    out.extend(raw[start:end])
    where.extend(lines[start:end])


def _strip_markup(text: str, where: list[int]) -> tuple[str, list[int]]:
    """Links keep their words, code and tags go, emphasis marks go. The line
    of each kept character goes with it."""
    for pattern, keep_group in ((CODE, None), (TAG, None), (ATTR_LIST, None), (LINK, 1), (EMPHASIS, None)):
        pieces, lines, last = [], [], 0
        for match in pattern.finditer(text):
            pieces.append(text[last:match.start()])
            lines.extend(where[last:match.start()])
            if keep_group:
                kept_start = match.start(keep_group)
                pieces.append(match.group(keep_group))
                lines.extend(where[kept_start:match.end(keep_group)])
            last = match.end()
        pieces.append(text[last:])
        lines.extend(where[last:])
        text, where = "".join(pieces), lines
    return text, where
