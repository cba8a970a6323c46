"""counts: counting words match the citations they stand beside.

"Two studies", "three small trials", "both reviews" and "every trial" are
claims about sources, so the checker compares them with the sources cited
beside them, and with their study records:

- a count is the number of sources it stands beside: those its sentence
  cites, else its paragraph, else the paragraphs that follow under the same
  heading, else the studies the claim rests on (a benefit page's
  evidence_from, or a graded claim's);
- "each", "every", "all" and "both" with "by chance" or "on a treadmill"
  must be true of each of those sources' records;
- sources that "agree" on a figure must each hold it;
- "these are the studies in this guide that used a treadmill" must list
  every such study in data/bibliography.yml;
- "no study has counted injuries" must not be contradicted by a study
  record that reports on harms;
- reviews counted as separate sources must not pool the same trials.
"""

from __future__ import annotations

import re

from ...errors import ContentError
from ..findings import Finding
from ..quantities import STUDY_COUNT, count_value, figures, record_values, traced
from ..sentences import blocks

RULE = "counts"
SUMMARY = ("Counting words beside citations match them: 'two studies' stands beside two cited "
           "sources (its sentence's, else its paragraph's, else those under the same heading, else "
           "the page's evidence_from); 'each'/'every'/'all' with 'by chance' or 'on a treadmill' is "
           "true of each cited study's record; sources that 'agree' on a figure each hold it; 'the "
           "studies in this guide that used a treadmill' lists every one; 'no study has counted "
           "injuries' is not contradicted by a record that reports harms; reviews counted apart do "
           "not pool the same trials.")

REVIEWS = {"systematic review", "narrative review"}
NOT_STUDIES = {"public guidance", "record listing", "reference compendium", "other"}
# A count that describes what a review pooled ("a review of 11 studies") is
# a figure of that review, not a count of citations.
CONTENTS = re.compile(r"(?:\bof|\bpooled|\bpulled together|\bincluded|\bcovering|\bacross|\bfrom|\bin|"
                      r"\bwith|\bwhich|\bthat)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
BOUND = re.compile(r"(?P<word>at least|more than|over|only|just)\s+$", re.I)
UNIVERSAL = re.compile(r"\b(?:each|every|all|both)\b", re.I)
NEGATION = re.compile(r"\b(?:not|no|never|none|nor|nobody|untested)\b|n't\b", re.I)
AGREE = re.compile(r"\b(?:agree[sd]?|agreeing|point the same way|all found|both found|each found|"
                   r"consistent|the same result)\b", re.I)
COMPLETE = re.compile(r"\b(?:in this guide|in our records|in the guide)\b", re.I)
VAGUE = re.compile(r"\b(?:many|some|most|few|several|a few|other|more)\b", re.I)
NO_STUDY = re.compile(r"\b(?:no|not one|not a single|none of the)\s+(?:[a-z]+\s+){0,2}?"
                      r"(?:stud(?:y|ies)|trials?|research)\b|\b(?:nobody|no one)\s+(?:has|have|had)\b", re.I)
# Falls count as a harm only beside trips or "while": "no trial has counted
# falls after training" is about preventing falls, not about harm done.
HARM = re.compile(r"\b(?:injur\w*|harm\w*|adverse|side effects?|hurt|trips?|tripp\w*)\b|"
                  r"\b(?:falls?|fell)\b(?=.*\b(?:while|during)\b)", re.I)
COUNTED = re.compile(r"\b(?:count\w*|report\w*|record\w*|measur\w*|look\w*\s+(?:at|for)|follow\w*|track\w*)\b",
                     re.I)
SHARED = re.compile(r"\b(?:same trials|same studies|share[sd]?|sharing|overlap\w*|many of the same|"
                    r"mostly the same|largely the same)\b", re.I)
# A sentence that tells of a study, with figures, must cite it where it stands.
A_STUDY = re.compile(rf"\b(?:an?|one|another)\s+(?:[a-z-]+\s+){{0,3}}?"
                     rf"(?:stud(?:y|ies)|trial|review|experiment|thesis|report)\b", re.I)
# A repeat of a study is a study of its own, with its own record.
REPEAT = re.compile(r"\b(?:a\s+(?:\w+,?\s+){0,2}?repeat|replicat\w+|repeated\s+(?:the|it|this|that|those|their)"
                    r"\s+(?:\w+\s+){0,3}?(?:study|test|tests|experiment|experiments|trial))\b", re.I)
# "Studies used slow to moderate speeds": a claim about speed, held to the records.
SLOW = re.compile(r"\b(?:slow|slower|moderate|gentle|easy|low)\s+(?:to\s+(?:moderate|medium)\s+)?"
                  r"(?:speeds?|paces?)\b", re.I)
FAST_KMH = 12.0  # faster than a steady jog
PREDICATES = {
    "put into groups by chance": (re.compile(r"\b(?:by chance|at random|randomly|randomi[sz]ed)\b", re.I),
                                  lambda s: s["design"] == "randomised trial"
                                  and not any(g.get("randomised") is False for g in s.get("groups") or [])),
    "on a treadmill": (re.compile(r"\btreadmills?\b", re.I),
                       lambda s: s["surface"] in ("treadmill", "both")),
}


def check(ctx):
    try:
        known = ctx.project.records.bibliography()
    except ContentError:
        return
    values: dict[str, set] = {}

    def held(ref_id: str):
        if ref_id not in values:
            values[ref_id] = record_values(known[ref_id])
        return values[ref_id]

    for page in ctx.pages:
        if page.text is None:
            continue
        page_blocks = blocks(page.text)
        claim = [str(x) for x in page.meta.get("evidence_from") or []] if page.meta.get("type") == "benefit" \
            else None
        activity = page.meta.get("activity", "running")
        listed = [str(r) for r in page.meta.get("references") or [] if str(r) in known]
        for index, block in enumerate(page_blocks):
            for position, sentence in enumerate(block.sentences):
                beside = _beside(page_blocks, index, sentence, claim, known, listed)
                yield from _counts(page, block, sentence, beside, known)
                yield from _predicates(page, sentence, beside, known)
                yield from _agreement(page, block, position, sentence, beside, known, held)
                yield from _completeness(page, block, sentence, beside, known)
                yield from _no_study(page, block, sentence, known, activity)
                yield from _uncited(page, block, sentence)
                yield from _speeds(page, sentence, known)


def _beside(page_blocks, index: int, sentence, claim, known, listed=()) -> tuple[list[str], str] | None:
    """The sources a counting word stands beside, and where they were found."""
    block = page_blocks[index]
    for ids, where in ((sentence.cites, "this sentence cites"), (block.cites, "its paragraph cites")):
        ids = [i for i in ids if i in known]
        if ids:
            return ids, where
    following = []
    for later in page_blocks[index + 1:]:
        if later.heading != block.heading:
            break
        following += [i for i in later.cites if i in known and i not in following]
    if following:
        return following, f"the paragraphs after it, under '{block.heading}', cite"
    earlier = []
    for before in reversed(page_blocks[:index]):
        if before.heading != block.heading:
            break
        earlier += [i for i in before.cites if i in known and i not in earlier]
    if earlier:
        return earlier, f"the paragraphs before it, under '{block.heading}', cite"
    section_claims = [g for later in page_blocks if later.heading == block.heading
                      for s in later.sentences for g in s.grades]
    for grade in section_claims:
        ids = [str(i) for i in grade.kwargs.get("evidence_from") or []]
        if ids:
            return [i for i in ids if i in known], "the graded claim above it rests on"
    if claim:
        return [i for i in claim if i in known], "the page's evidence_from lists"
    if block.summary and listed:
        return listed, "the page's references list"  # an "In short" box sums up the whole page
    return None


def _kind(noun: str, study: dict) -> bool:
    """Whether a source is the kind of thing a count names."""
    if study["design"] in NOT_STUDIES:
        return False
    return (study["design"] in REVIEWS) == noun.lower().startswith("review")


def _counts(page, block, sentence, beside, known):
    for match in STUDY_COUNT.finditer(sentence.text):
        before = sentence.text[:match.start()]
        if CONTENTS.search(before) and match.group("n").lower() not in ("both",):
            continue
        n = count_value(match.group("n"))
        if n is None or n == 0 or 1900 <= n <= 2100:
            continue  # "the 2019 review" is a year, not a count
        phrase = match.group(0)
        line = sentence.line_at(match.start())
        if beside is None:
            yield Finding(page.path, line, RULE, f"'{phrase}' counts sources, but no citation stands beside it",
                          "cite the sources it counts in the same sentence or paragraph")
            continue
        ids, where = beside
        counted = [i for i in ids if _kind(match.group("noun"), known[i]["study"])]
        if any(known[i]["study"].get("studies") == n for i in ids if known[i]["study"]["design"] in REVIEWS):
            continue  # "11 studies" of a review that pooled 11
        bound = BOUND.search(before)
        word = bound.group("word").lower() if bound else ""
        ok = len(counted) >= n if word == "at least" else len(counted) > n if word in ("more than", "over") \
            else len(counted) == n
        if not ok and not where.endswith("cites") and n < len(counted):
            ok = True  # "one small trial" of the several a page rests on: a part, not the whole
        if not ok:
            yield Finding(page.path, line, RULE,
                          f"'{phrase}', but {where} {len(counted)} such source{'s' if len(counted) != 1 else ''}"
                          f" ({', '.join(counted) or 'none'})",
                          "cite each source the count names, beside it, or correct the count")
            continue
        if n >= 2:
            yield from _shared_trials(page, line, phrase, block.text, counted, known)


def _pool(ref_id: str, known) -> set[str] | None:
    """The trials a review pooled (None: not known), as 'surname year'."""
    study = known[ref_id]["study"]
    if study["design"] not in REVIEWS:
        return None
    if study.get("pooled"):
        return {_short(known.get(p, {}), p) for p in study["pooled"]}
    return None


def _short(entry: dict, fallback: str) -> str:
    if entry.get("authors") and entry.get("year"):
        return f"{entry['authors'].split()[0].lower()} {entry['year']}"
    return fallback.lower()


def _shared_trials(page, line, phrase, text, counted, known):
    reviews = [i for i in counted if known[i]["study"]["design"] == "systematic review"]
    if len(reviews) < 2 or SHARED.search(text):
        return
    for a in reviews:
        for b in reviews:
            if a >= b or known[a]["study"]["activity"] != known[b]["study"]["activity"]:
                continue
            pool_a, pool_b = _pool(a, known), _pool(b, known)
            if pool_a is None or pool_b is None or pool_a & pool_b:
                what = f"they share {', '.join(sorted(pool_a & pool_b))}" if pool_a and pool_b else \
                    "their records do not show which trials each pooled"
                yield Finding(page.path, line, RULE,
                              f"'{phrase}' counts {a} and {b} as separate sources, but {what}",
                              "say the reviews pooled many of the same trials, and count those trials once")
                return


def _predicates(page, sentence, beside, known):
    if not UNIVERSAL.search(sentence.text) or beside is None:
        return
    for name, (pattern, holds) in PREDICATES.items():
        found = pattern.search(sentence.text)
        if not found or NEGATION.search(sentence.text[:found.start()]):
            continue
        ids, where = beside
        wrong = [i for i in ids if known[i]["study"]["design"] not in NOT_STUDIES | REVIEWS
                 and not holds(known[i]["study"])]
        if wrong:
            yield Finding(page.path, sentence.line_at(found.start()), RULE,
                          f"says each study was {name}, but the record of {', '.join(wrong)} ({where}) says "
                          "otherwise", "say which studies it is true of, or correct the study record")


def _agreement(page, block, position, sentence, beside, known, held):
    """Sources said to agree must each hold the figures they agree on."""
    if beside is None or not AGREE.search(sentence.text) or not (STUDY_COUNT.search(sentence.text)
                                                               or UNIVERSAL.search(sentence.text)):
        return
    ids = [i for i in beside[0] if known[i]["study"]["design"] not in NOT_STUDIES]
    span = [sentence] + [s for s in block.sentences[position + 1:] if not s.cites]
    for part in span:
        counts = [m.span() for m in STUDY_COUNT.finditer(part.text)]
        for figure in figures(part.text, skip=part.exempt + counts):
            missing = [i for i in ids if not traced(figure, held(i))]
            if missing:
                yield Finding(page.path, part.line_at(figure.start), RULE,
                              f"the sources are said to agree on {figure.text}, but the record of "
                              f"{', '.join(missing)} does not hold it",
                              "say how many of them put a number on it, and cite those")


def _completeness(page, block, sentence, beside, known):
    """"The studies in this guide that used a treadmill" lists every one."""
    found = COMPLETE.search(sentence.text)
    if not found or VAGUE.search(sentence.text[:found.start()]):
        return
    context = block.text
    for name, (pattern, holds) in PREDICATES.items():
        if not pattern.search(context):
            continue
        listed = set(beside[0]) if beside else set()
        every = [i for i, entry in known.items()
                 if entry["study"]["design"] not in NOT_STUDIES | REVIEWS
                 and entry["study"]["activity"] in ("running", "walking", "both")
                 and entry["study"].get("surface" if name == "on a treadmill" else "design")
                 and holds(entry["study"]) and (name != "on a treadmill" or entry["study"]["surface"] == "treadmill")]
        missing = sorted(set(every) - listed)
        if missing:
            yield Finding(page.path, sentence.line_at(found.start()), RULE,
                          f"claims to list the studies in this guide {name}, but leaves out "
                          f"{', '.join(missing)}", "add them, or say it lists only some")


def _no_study(page, block, sentence, known, activity):
    """"No study has counted injuries" against the records that did."""
    negative = NO_STUDY.search(sentence.text)
    if not negative or not HARM.search(sentence.text) or not COUNTED.search(sentence.text):
        return
    text = sentence.text.lower()
    kinds = {"running"} if re.search(r"\brun", text) else {"walking"} if re.search(r"\bwalk", text) else {activity}
    shown = set(block.cites)
    reported = [i for i, entry in known.items()
                if (entry["study"].get("harms") or {}).get("reported")
                and entry["study"]["design"] not in NOT_STUDIES | REVIEWS
                and ({entry["study"]["activity"]} | ({"running", "walking"} if entry["study"]["activity"] == "both"
                                                     else set())) & kinds
                and i not in shown]
    if reported:
        what = "; ".join(f"{i}: {known[i]['study']['harms']['what']}" for i in reported)
        yield Finding(page.path, sentence.line_at(negative.start()), RULE,
                      f"says no study has looked at harms, but the record of {', '.join(reported)} reports "
                      f"them ({what})", "say what that study found, and cite it")


def _uncited(page, block, sentence):
    """A study told with figures but cited nowhere near, and a repeat of a
    study credited to the study it repeated."""
    repeat = REPEAT.search(sentence.text)
    if repeat and not sentence.cites:
        yield Finding(page.path, sentence.line_at(repeat.start()), RULE,
                      f"'{repeat.group(0)}' tells of a repeat of a study, which is a study of its own, but this "
                      "sentence cites none", "add the repeat to data/bibliography.yml and cite it here")
        return
    told = A_STUDY.search(sentence.text)
    if told and not block.cites and not block.summary and any(f for f in figures(sentence.text) if not (1900 <= f.value <= 2100)):
        yield Finding(page.path, sentence.line_at(told.start()), RULE,
                      f"'{told.group(0)}' is told with figures, but nothing in its paragraph cites it",
                      "cite the study beside its figures, or add it to data/bibliography.yml first")


def _speeds(page, sentence, known):
    """"Studies used slow to moderate speeds" against the fastest running in the records."""
    slow = SLOW.search(sentence.text)
    if not slow or not re.search(r"\b(?:studies|trials)\b", sentence.text[:slow.start()], re.I) \
            or NEGATION.search(sentence.text[:slow.start()]):
        return
    fast = []
    for ref_id, entry in known.items():
        study = entry["study"]
        if study["activity"] not in ("running", "both") or study["design"] in NOT_STUDIES | REVIEWS:
            continue
        text = " ".join(str(study.get(k, "")) for k in ("who", "dose", "duration", "outcomes", "groups",
                                                         "limitations"))
        speeds = [f.value for f in figures(text, record=True) if f.unit == "speed" and "km" in text[f.start:f.start + 12]]
        if any(v > FAST_KMH for v in speeds) or re.search(r"\bsprint|maximal speed|maximum velocity|top speed\b",
                                                           text, re.I):
            fast.append(ref_id)
    if fast:
        yield Finding(page.path, sentence.line_at(slow.start()), RULE,
                      f"'{slow.group(0)}', but the records of {', '.join(sorted(fast))} hold faster running or sprints",
                      "say the range the studies used, fastest included")
