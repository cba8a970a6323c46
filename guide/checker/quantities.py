"""Figures in plain text, and whether a study record holds them.

A figure is a number as a reader meets it: digits ("27", "9.6", "42,264",
"35%"), a number word for a count ("twenty", "twice"), or a share in words
("about a third", "9 in 10", "half"). Shares are kept as percentages, so
"a third" and "33%" are the same figure, and "about a third" matches a
record's 35%. Units are not compared: a figure is traced when the record
holds the same number, not when it uses the same words.

Rounding is allowed: "56" matches a record's 55.6, as a careful writer
would round it. "About", "nearly" and their kind allow a little more (a
tenth either way); "more than" and "up to" allow what they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "twice": 2, "double": 2, "triple": 3, "dozen": 12,
}
# "One" is left out: "one of them", "the one in", "one group" are rarely a figure.
SHARES = {"half": 50, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25, "quarters": 25, "fifth": 20,
          "fifths": 20, "tenth": 10, "tenths": 10, "hundredth": 1, "hundredths": 1}
# "A third group", "the fifth test": an order, not a share.
ORDINAL = re.compile(r"\s+(?:group|groups|time|test|trial|study|experiment|day|week|session|place|row|one|"
                     r"person|runner|child|step|round|race|edition|world)\b", re.I)
APPROX = r"(?:about|around|roughly|nearly|almost|approximately|some|close to|just over|just under|a little over|" \
         r"a little under|a little more than|a little less than|a bit over|a bit more than|a bit under|over|under)"
MORE = re.compile(r"(?:more than|over|above|at least|upwards of|just over|a little over|a little more than|"
                  r"a bit over|a bit more than)\s+$", re.I)
LESS = re.compile(r"(?:less than|fewer than|under|below|up to|at most|just under|a little under|"
                  r"a little less than|a bit under)\s+$", re.I)
NEAR = re.compile(rf"{APPROX}\s+$", re.I)
NUMBER_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
SHARE_WORD = "|".join(sorted(SHARES, key=len, reverse=True))
TOKEN = re.compile(
    rf"(?P<ratio>(?P<top>\d+|one|{NUMBER_WORD})\s+(?:in every|in|out of)\s+(?P<bottom>\d+|{NUMBER_WORD})\b)"
    rf"|(?P<share>\b(?:(?P<count>a|an|one|\d+|{NUMBER_WORD})[\s-]+)?(?P<part>{SHARE_WORD})\b)"
    r"|(?P<digits>(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\w.])-?\d+(?:\.\d+)?(?![\d]))"
    rf"|(?P<word>\b(?:{NUMBER_WORD})(?:-(?:{NUMBER_WORD}))?\b)",
    re.I)
# What a figure counts, read from the words after it: a figure traces only
# to a record's figure of the same kind (or of no stated kind), so "10 weeks"
# is not traced by a "10 m sprint". Number words are figures only with one.
UNITS = {
    "rate": r"(?:times|sessions?|days|visits) (?:a|per|each) week|sessions?|times a day|times|steps a minute|"
            r"steps",
    "time": r"weeks?|week-long|days?|months?|years?|minutes?|mins?|seconds?|secs?|s|hours?|hundredths?",
    "percent": r"%|percent|per cent|percentage points?",
    "people": r"people|persons?|men|women|boys|girls|players|runners|joggers|adults|children|kids|students|"
              r"volunteers|patients|athletes|subjects|participants|teenagers|individuals|fallers|non-fallers|"
              r"undergraduates|footballers|sprinters|walkers",
    "speed": r"km/h|km an hour|kilometres an hour|mph|miles an hour|m/s|m per second|metres a second|"
             r"metres per second|m per minute",
    "distance": r"m|metres?|meters?|km|kilometres?|miles?|cm|centimetres?",
    "angle": r"degrees?|°",
    "score": r"points?",
    "energy": r"METs?|times (?:the|as)|times more|times body weight|body ?weights?|BW",
    "groups": r"groups?|arms?",
}
UNIT = [(kind, re.compile(rf"\s*(?:{words})(?![\w/])", re.I)) for kind, words in UNITS.items()]

# A figure inside quotation marks is the claim being quoted, not a finding.
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


@dataclass(frozen=True)
class Figure:
    text: str
    value: float
    start: int
    decimals: int          # how precisely it is written; 0 for words
    approx: bool           # "about", a share in words, or a rounded word
    bound: str | None      # "more" (more than, at least) or "less" (under, up to)
    share: bool            # a share in words ("a third", "9 in 10")
    unit: str | None = None  # what it counts (UNITS), when the words after it say


def unit_after(text: str, end: int) -> str | None:
    """The kind of thing a figure counts: the first unit word right after
    it, or after up to two describing words ("26 young women")."""
    tail = text[end:end + 48]
    # "10-20 m", "5 to 10%", "between 2.6 and 6.2 points": the unit after the range.
    span = re.match(r"\s*(?:%\s*)?(?:-|–|to|and|or)\s*-?\d+(?:[.,]\d+)*", tail)
    if span:
        tail = tail[span.end():]
    if tail.startswith("%"):
        return "percent"
    for skip in (0, 1, 2):
        words = re.match(rf"\s*(?:[a-z]+[\s-]+){{{skip}}}", tail, re.I)
        if not words:
            break
        rest = tail[words.end() if skip else 0:]
        for kind, pattern in UNIT:
            if pattern.match(rest):
                return kind
        if re.match(r"\s*[,.;:)(]", rest):
            break
    return None


def _word_value(word: str) -> float | None:
    parts = word.lower().split("-")
    if not all(p in WORDS for p in parts):
        return None
    return float(sum(WORDS[p] for p in parts))


def _number(text: str) -> float | None:
    text = text.lower()
    if text == "one":
        return 1.0
    if text in WORDS:
        return float(WORDS[text])
    try:
        return abs(float(text.replace(",", "")))
    except ValueError:
        return None


def figures(text: str, skip: list[tuple[int, int]] = (), record: bool = False) -> list[Figure]:
    """Every figure in a page's text, except inside quotes and the spans in
    skip. record=True reads a study record: every number word counts (its
    "Twenty healthy subjects" or "two groups"), and so do quoted words."""
    quoted = [] if record else [m.span() for m in QUOTED.finditer(text)]
    found = []
    for match in TOKEN.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in [*quoted, *skip]):
            continue
        before = text[max(0, start - 30):start]
        bound = "more" if MORE.search(before) else "less" if LESS.search(before) else None
        near = bool(NEAR.search(before)) or bound is not None and bool(re.search(r"(just|a little|a bit)\s+\w+\s+$",
                                                                                before, re.I))
        if match.group("ratio"):
            top, bottom = _number(match.group("top")), _number(match.group("bottom"))
            if not bottom or top is None:
                continue
            found.append(Figure(match.group(0), 100 * top / bottom, start, 0, True, bound, True, "percent"))
        elif match.group("share"):
            if ORDINAL.match(text, match.end()) or re.search(r"\bthe\s+$", before, re.I):
                continue
            count = match.group("count")
            n = 1.0 if not count or count.lower() in ("a", "an", "one") else _number(count)
            part = SHARES[match.group("part").lower()]
            if match.group("part").lower() == "half" and count and count.lower() not in ("a", "an", "one"):
                continue  # "two half-days": not a share
            value, unit = (n or 1) * part, "percent"
            # "a tenth of a second" is 0.1 s and "7 hundredths" 0.07: amounts, not shares.
            of_a = re.match(r"\s+of\s+an?\s+(\w+)", text[match.end():], re.I)
            if of_a or match.group("part").lower().startswith("hundredth"):
                value /= 100
                unit = unit_after(" " + of_a.group(1), 0) if of_a else None
            found.append(Figure(match.group(0), value, start, 0, True, bound, True, unit))
        elif match.group("digits"):
            raw = match.group("digits")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            value = _number(raw)
            if value is not None:
                found.append(Figure(raw, value, start, decimals, near, bound, False, unit_after(text, match.end())))
        elif match.group("word"):
            value = _word_value(match.group("word"))
            unit = unit_after(text, match.end())
            # "two different moves", "both ways": a number word is a figure
            # only when it counts something the records count.
            if value is not None and (unit or near or bound or record):
                found.append(Figure(match.group(0), value, start, 0, near, bound, False, unit))
    if record:  # a record's "one trial was poor" holds the 1 a page may write as a digit
        found += [Figure("one", 1.0, m.start(), 0, False, None, False, unit_after(text, m.end()))
                  for m in re.finditer(r"\bone\b", text, re.I)]
    return found


def _rounds_to(record: float, figure: Figure) -> bool:
    """The record's number, rounded as the page writes it, is the page's."""
    if figure.decimals == 0 and figure.value >= 1000:
        # "42,264" or "40,000": thousands are often rounded to a round number.
        return round(record, -3 if figure.value % 1000 == 0 else 0) == figure.value
    return round(record, figure.decimals) == round(figure.value, figure.decimals)


def _leeway(figure: Figure, record: float) -> float:
    """How far "about" may stray: a tenth either way (a share in words, a
    sixth: "a third" for 35%), and never less than half the last digit."""
    if figure.share:
        return abs(record) / 6
    return max(0.1 * abs(record), 0.5 * 10 ** -figure.decimals)


def traced(figure: Figure, values: set[tuple[float, str | None]]) -> bool:
    """Whether the record's numbers hold this figure: the same number, or
    one it rounds or approximates, counting the same kind of thing."""
    v = figure.value
    for r, unit in values:
        if figure.unit and unit and unit != figure.unit:
            continue
        if r == v or _rounds_to(r, figure):
            return True
        if figure.bound == "more" and v < r <= v * 1.5 + 1:
            return True
        if figure.bound == "less" and v / 1.5 - 1 <= r < v:
            return True
        if (figure.approx or figure.share) and abs(r - v) <= _leeway(figure, r):
            return True
    return False


def record_values(entry: dict) -> set[tuple[float, str | None]]:
    """Every number a source's entry holds, with what it counts, in its text
    and its counts, plus the few that follow from them: group sizes as shares
    of the whole, how many finished as a share of those who began, and the
    number of groups."""
    texts: list[str] = []
    _collect(entry, texts, skip={"checked", "doi", "pmid", "pmcid", "url", "link", "pages", "volume", "id"})
    texts = [re.sub(r"https?://\S+|\bdoi:?\s*10\.\S+", " ", text).replace("\u2212", "-") for text in texts]
    values = {(f.value, f.unit) for text in texts for f in figures(text, record=True)}
    study = entry.get("study") or {}
    people = study.get("people") or study.get("started")
    groups = study.get("groups") or []
    if groups:
        values.add((float(len(groups)), "groups"))
    sizes = [g["people"] for g in groups if g.get("people")]
    if sizes:
        values.add((float(sum(sizes)), "people"))
    for key in ("people", "started", "finished"):
        if study.get(key) is not None:
            values.add((float(study[key]), "people"))
    for size in sizes:
        if people:
            values.add((float(Fraction(100 * size, people)), "percent"))
    if study.get("started") and study.get("finished") is not None:
        values.add((float(Fraction(100 * study["finished"], study["started"])), "percent"))
        values.add((float(study["started"] - study["finished"]), "people"))
    if entry.get("year"):
        values.add((float(entry["year"]), None))
    return values


def _collect(node, texts: list[str], skip: set[str]):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                _collect(value, texts, skip)
    elif isinstance(node, list):
        for item in node:
            _collect(item, texts, skip)
    elif isinstance(node, (str, int, float)) and not isinstance(node, bool):
        texts.append(str(node))


# A count of sources: "two studies", "three small trials", "both reviews".
# The counts rule checks it against the citations beside it; the numbers
# rule leaves it alone. Up to three describing words may stand between.
SOURCE_NOUN = r"(?:stud(?:y|ies)|trials?|reviews?|experiments?|papers|theses|thesis)"
COUNT_WORD = rf"(?:\d+|one|both|{NUMBER_WORD})"
DESCRIBING = (r"(?:small|smaller|large|larger|big|short|long|lab|laboratory|careful|later|earlier|other|more|"
              r"separate|randomised|randomized|controlled|training|walking|running|backward|forward|new|"
              r"published|recent|clinical|sprint|pilot|student|good|further|similar|different|such|"
              r"systematic|narrative|tiny|main|key|treadmill|uphill|related|major|independent|sports|"
              r"rehabilitation|rehab|single-session|one-off|fair|poor|weak|strong|strongest|weakest|"
              r"high-quality|peer-reviewed|well-designed|real|whole|same|early|older|newer|lab-based)")
STUDY_COUNT = re.compile(
    rf"\b(?P<n>{COUNT_WORD})\s+(?P<between>(?:{DESCRIBING}\s+){{0,3}})(?P<noun>{SOURCE_NOUN})\b", re.I)


def count_value(word: str) -> int | None:
    word = word.lower()
    if word == "both":
        return 2
    value = _number(word)
    return int(value) if value is not None and value == int(value) else None
