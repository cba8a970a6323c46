"""grading: each benefit page's grade is what the grading rule allows for
the studies it rests on.

The rule is written once, in data/grades.yml; this module reads its `needs`
and checks them against the study records in data/bibliography.yml. It
checks the mechanical part only: which sources count, how many, and that
no body of evidence is counted twice. Whether a study really measured the
claim is the reviewer's call, made when the page lists it in
`evidence_from`.
"""

from __future__ import annotations

import functools
import re

from ...errors import ContentError
from ..findings import Finding

RULE = "grading"
SUMMARY = ("A benefit page's grade (front matter `evidence`) follows data/grades.yml, judged on the "
           "sources in its `evidence_from` (the studies that measured its main claim). Only "
           "peer-reviewed studies of the claim's activity (running unless `activity: walking`) "
           "count: a walking study never counts for a running claim, and a thesis, poster or "
           "guidance never counts at all. Supported needs at least two such studies with a "
           "comparison group or condition; Some evidence and Contradicted need one; Not tested "
           "needs none, and must list none. No study may hold up two pages' grades.")

# Designs that can compare like with like, when the record names a comparison.
CONTROLLED = {"randomised trial", "non-randomised trial", "crossover trial", "laboratory study",
              "case-control study", "cohort study"}
# Lab studies and crossover trials here compare the same people going both ways.
WITHIN_PERSON = {"laboratory study", "crossover trial"}
# Not studies of anyone: they can inform a page, never a grade.
NOT_EVIDENCE = {"narrative review", "public guidance", "reference compendium", "record listing", "other"}
EVIDENCE_FROM = re.compile(r"^evidence_from\s*:\s*(\[[^\]]*\]|\n(?:\s*-\s*.+\n?)+)", re.M)


def counts(study: dict, activity: str) -> str | None:
    """Why a source does not count towards a grade, or None when it does."""
    if not study:
        return "it has no study record yet"
    if study.get("checked", {}).get("source") == "not found":
        return "nobody could read its abstract, so it is unchecked"
    if not study["peer_reviewed"]:
        return f"it was not peer reviewed ({study['design']})"
    if study["design"] in NOT_EVIDENCE:
        return f"it is a {study['design']}, not a study of people"
    if study["activity"] not in (activity, "both"):
        return f"it is a {study['activity']} study, and this claim is about {activity}"
    return None


def controlled(study: dict) -> bool:
    """A comparison group, or (in the lab) the same people tested backward and forward."""
    if study["design"] in WITHIN_PERSON:
        return True
    return study["design"] in CONTROLLED and any(g.get("comparison") for g in study.get("groups") or [])


def _names(ids) -> str:
    return ", ".join(ids) if ids else "none"


def check(ctx):
    try:
        known, grades = ctx.project.records.bibliography(), ctx.project.records.grades()
    except ContentError:
        return  # the references and front-matter rules report a broken data file
    homes = evidence_homes(ctx.project)
    for page in ctx.pages:
        meta = page.meta
        grade = grades.get(meta.get("evidence"))
        if page.text is None or meta.get("type") != "benefit" or grade is None:
            continue  # front-matter reports a missing or unknown grade
        yield from _check_page(ctx, page, grade, known, homes)


def _check_page(ctx, page, grade, known, homes):
    meta = page.meta
    activity = meta.get("activity", "running")
    rests_on = [str(x) for x in meta.get("evidence_from") or []]
    listed = {str(x) for x in meta.get("references") or []}
    line = ctx.line_of(page, "evidence_from:") if "evidence_from" in meta else ctx.line_of(page, "evidence:")
    label, needs = grade["label"], grade["needs"]
    for ref_id in rests_on:
        if ref_id not in known:
            yield Finding(page.path, line, RULE, f"evidence_from names '{ref_id}', which is not in data/bibliography.yml",
                          "use an id from the page's references")
        elif ref_id not in listed:
            yield Finding(page.path, line, RULE, f"evidence_from names '{ref_id}', which is not in the page's references",
                          f"add {ref_id} to references and cite it, or remove it from evidence_from")
    sources = [r for r in rests_on if r in known]
    reasons = {r: counts(known[r].get("study"), activity) for r in sources}
    for ref_id, reason in reasons.items():
        if reason and "peer reviewed" in reason:
            yield Finding(page.path, line, RULE,
                          f"the grade '{label}' rests on {ref_id}, but {reason}; no grade may rest on unreviewed work",
                          f"remove {ref_id} from evidence_from (the page may still mention it)")
    valid = [r for r, reason in reasons.items() if reason is None]
    strong = [r for r in valid if controlled(known[r]["study"])] if needs["controlled"] else valid
    if needs["studies"] == 0:
        if valid:
            yield Finding(page.path, line, RULE,
                          f"graded '{label}', but evidence_from lists {_names(valid)}: peer-reviewed "
                          f"{activity} studies of the claim",
                          "if they measured the main claim, grade it Some evidence (or Contradicted); "
                          "if not, remove them from evidence_from")
    elif len(strong) < needs["studies"]:
        kind = "controlled " if needs["controlled"] else ""
        left_out = [f"{r} ({reasons[r] or 'no comparison group or condition'})" for r in sources if r not in strong]
        walking_only = sources and all((known[r].get("study") or {}).get("activity") == "walking" for r in sources)
        hint = (f" All its sources are walking studies; a {activity} claim studied only in walking is graded Not tested."
                if walking_only and activity == "running" else "")
        fix = ("lower the grade to what the studies allow, or list the studies that measured the claim "
               "in evidence_from")
        if walking_only and "activity" not in meta and meta.get("category") == "walking":
            # A page of the walking section that forgot to say so: the fix is one line, not a lower grade.
            hint = " The page is in the walking section but does not say `activity: walking`."
            fix = "if the claim is about backward walking, add `activity: walking` to the front matter; else " + fix
        yield Finding(page.path, line, RULE,
                      f"graded '{label}', which needs at least {needs['studies']} peer-reviewed {kind}"
                      f"{activity} {'study' if needs['studies'] == 1 else 'studies'} of the claim in evidence_from; "
                      f"it has {len(strong)} ({_names(strong)})"
                      + (f". Not counted: {'; '.join(left_out)}" if left_out else "") + "." + hint, fix)
    for ref_id in valid:
        others = [src for src in homes.get(ref_id, ()) if src != page.src]
        if others:
            yield Finding(page.path, line, RULE,
                          f"{ref_id} also holds up the grade of {', '.join(others)}: the same evidence counted twice",
                          "make one page the home of this evidence and link to it from the other; "
                          "remove the study from the other page's evidence_from")


@functools.lru_cache(maxsize=4)
def _homes(docs_dir: str, files: tuple) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for src, path in files:
        if not src.startswith("benefits/"):
            continue
        try:
            head = path.read_text(encoding="utf-8")[:4000]
        except (OSError, UnicodeDecodeError):
            continue
        match = EVIDENCE_FROM.search(head.split("\n---", 1)[0] if head.startswith("---") else "")
        if match:
            for ref_id in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", match.group(1)):
                index.setdefault(ref_id, []).append(src)
    return {k: tuple(v) for k, v in index.items()}


def evidence_homes(project) -> dict[str, tuple[str, ...]]:
    """Which benefit pages list each source in evidence_from, from every
    page of the site (not only the chunk being checked), read once."""
    return _homes(str(project.docs_dir), tuple(project.files.items()))
