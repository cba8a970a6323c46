"""muscles: a muscle named beside a citation is named in the cited record.

"The front of the thigh", "the hamstrings", "the glutes": a reader takes a
muscle named next to a citation as the study's finding. So, like a figure,
it must be in the record of a source the sentence (or its paragraph) cites.
Each group below is one set of muscles under its everyday and its
scientific names. Sentences that say the muscle was not measured ("no
study measured the hamstrings") are left alone.
"""

from __future__ import annotations

import re

from ...errors import ContentError
from ..findings import Finding
from ..sentences import blocks
from .counts import NEGATION

RULE = "muscles"
SUMMARY = ("A muscle named in a sentence that cites a source (front of the thigh or quadriceps, "
           "hamstrings, glutes, calves, shins, hip muscles) is named, by either name, in the record of "
           "a source the sentence or its paragraph cites. Saying a muscle was not measured is fine.")

GROUPS = {
    "the front of the thigh (quadriceps)": r"quadriceps|quads|front(?:\s+of\s+(?:the|your))?\s+thighs?",
    "the hamstrings": r"hamstrings?|back(?:\s+of\s+(?:the|your))?\s+thighs?",
    "the glutes": r"glutes?|gluteal|gluteus|buttocks?",
    "the calves": r"calf|calves|gastrocnemius|soleus|plantar ?flexors?",
    "the shins": r"shins?(?!\s+(?:splints?|bones?))|tibialis",  # shin splints are an injury, not a muscle
    "the hip muscles": r"hip\s+(?:muscles?|extensors?|abductors?|flexors?)",
}
PATTERNS = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in GROUPS.items()}


def _record_text(entry: dict) -> str:
    study = entry.get("study") or {}
    parts = [entry.get("title", ""), entry.get("note", "")]
    parts += [str(study.get(k, "")) for k in ("who", "dose", "outcomes", "groups", "limitations")]
    return " ".join(parts)


def check(ctx):
    try:
        known = ctx.project.records.bibliography()
    except ContentError:
        return
    for page in ctx.pages:
        if page.text is None:
            continue
        for block in blocks(page.text):
            for sentence in block.sentences:
                cites = [c for c in block.cites_for(sentence) if c in known]
                if not cites:
                    continue
                for name, pattern in PATTERNS.items():
                    found = pattern.search(sentence.text)
                    if not found or NEGATION.search(sentence.text):
                        continue
                    if not any(pattern.search(_record_text(known[c])) for c in cites):
                        yield Finding(page.path, sentence.line_at(found.start()), RULE,
                                      f"names {name} ('{found.group(0)}'), but the record of {', '.join(cites)}, "
                                      f"which {'it cites' if sentence.cites else 'the citation after it (or before) holds'}, names no such "
                                      "muscle", "cite the source that names the muscle, or say 'leg muscles'")
