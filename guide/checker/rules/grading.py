"""grading: each grade is what the grading rule allows for the studies it
rests on: a benefit page's (front matter `evidence`, `evidence_from`) and
every claim graded in a page's text with claim_grade() (the myths).

The rule is written once, in data/grades.yml; this module reads its `needs`
and checks them against the study records in data/bibliography.yml. It
checks the mechanical part only: which sources count (peer reviewed, of the
claim's activity, more than one lab session where the grade needs
training), how many bodies of evidence they make (trials two reviews both
pooled count once), whether a source reports earlier studies that found
otherwise, and that no body of evidence holds up two pages. Whether a study
really measured the claim is the reviewer's call, made when the page lists
it in `evidence_from`.
"""

from __future__ import annotations

import functools
import re

from ...errors import ContentError
from ..findings import Finding
from ..sentences import MACRO, macro_args
from .references import source_cites

RULE = "grading"
SUMMARY = ("A grade follows data/grades.yml, judged on the studies it rests on: a benefit page's "
           "`evidence` on its `evidence_from`, and a claim graded in the text (a myth) on "
           "claim_grade(\"grade\", evidence_from=[...]). Only peer-reviewed studies of the claim's "
           "activity (running unless it says walking) count: a walking study never counts for a "
           "running claim, and a thesis, poster or guidance never counts at all. Supported needs "
           "at least two such studies with a comparison, over weeks of training (not one lab "
           "session); Some evidence, Studies disagree and Contradicted need one; Not tested needs none, "
           "and must list none. Trials that two reviews both pooled count once. Supported and "
           "Contradicted may not rest on a source that reports earlier studies finding otherwise, and "
           "Studies disagree needs one that does. No study may hold up "
           "two pages' grades. A '**Grade:**' line calls claim_grade(), not grade_label().")

# Designs that can compare like with like, when the record names a comparison.
CONTROLLED = {"randomised trial", "non-randomised trial", "crossover trial", "laboratory study",
              "case-control study", "cohort study"}
# Lab studies and crossover trials here compare the same people going both ways.
WITHIN_PERSON = {"laboratory study", "crossover trial"}
# Not studies of anyone: they can inform a page, never a grade.
NOT_EVIDENCE = {"narrative review", "public guidance", "reference compendium", "record listing", "other"}
REVIEWS = {"systematic review"}
GRADE_LINE = re.compile(r"^[ \t]*\*\*Grade:\*\*.*\bgrade_label\(", re.M)
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
    """A comparison group, or (in the lab) the same people tested backward and
    forward; a systematic review pools such comparisons."""
    if study["design"] in WITHIN_PERSON or study["design"] in REVIEWS:
        return True
    return study["design"] in CONTROLLED and any(g.get("comparison") for g in study.get("groups") or [])


def _names(ids) -> str:
    return ", ".join(ids) if ids else "none"


def single_session(study: dict) -> bool:
    """Tested once in a lab: what happens in one run, not what training does."""
    return study.get("backward_work") == "single session" or str(study.get("duration", "")).startswith(
        "single session")


def _trials(ref_id: str, known: dict) -> set[str] | None:
    """The trials a source stands for, as 'surname year': a review's pooled
    list (None when unknown), or the study itself."""
    entry = known[ref_id]
    study = entry.get("study") or {}
    if study.get("design") in REVIEWS:
        if not study.get("pooled"):
            return None
        return {_short(known.get(p), p) for p in study["pooled"]}
    return {_short(entry, ref_id)}


def _short(entry: dict | None, fallback: str) -> str:
    if entry and entry.get("authors") and entry.get("year"):
        return f"{entry['authors'].split()[0].lower()} {entry['year']}"
    return fallback.lower()


def bodies(ids: list[str], known: dict) -> list[list[str]]:
    """Group sources into bodies of evidence: sources that share a trial are
    one body, and so are two reviews of one activity whose pooled trials we
    could not read (we assume they share them)."""
    groups: list[list[str]] = []
    for ref_id in ids:
        mine = _trials(ref_id, known)
        activity = known[ref_id]["study"]["activity"]
        home = None
        for group in groups:
            for other in group:
                theirs = _trials(other, known)
                same_kind = known[other]["study"]["activity"] == activity
                unknown_reviews = (mine is None or theirs is None) and same_kind and \
                    known[other]["study"]["design"] in REVIEWS and known[ref_id]["study"]["design"] in REVIEWS
                if unknown_reviews or (mine and theirs and mine & theirs):
                    home = group
                    break
            if home:
                break
        if home is None:
            groups.append([ref_id])
        else:
            home.append(ref_id)
    return groups


def check(ctx):
    try:
        known, grades = ctx.project.records.bibliography(), ctx.project.records.grades()
    except ContentError:
        return  # the references and front-matter rules report a broken data file
    homes = evidence_homes(ctx.project)
    for page in ctx.pages:
        if page.text is None:
            continue
        meta = page.meta
        grade = grades.get(meta.get("evidence"))
        if meta.get("type") == "benefit" and grade is not None:
            line = ctx.line_of(page, "evidence_from:") if "evidence_from" in meta else ctx.line_of(page, "evidence:")
            listed = {str(x) for x in meta.get("references") or []}
            yield from _judge(page, line, grade, meta.get("activity", "running"),
                              [str(x) for x in meta.get("evidence_from") or []], listed, known, homes,
                              "evidence_from", "the page's references")
        yield from _claims(page, grades, known, homes)


def _claims(page, grades, known, homes):
    """Claims graded in the text: claim_grade("contradicted", evidence_from=[...])."""
    cited = {ref_id for ref_id, _ in source_cites(page.text)}
    for match in MACRO.finditer(page.text):
        if match.group("name") != "claim_grade":
            continue
        line = page.text.count("\n", 0, match.start()) + 1
        args, kwargs = macro_args(match.group("args"))
        grade = grades.get(args[0]) if args else None
        if grade is None:
            continue  # the build reports an unknown grade
        rests_on = [str(x) for x in kwargs.get("evidence_from") or []]
        yield from _judge(page, line, grade, kwargs.get("activity", "running"), rests_on, cited, known, homes,
                          "claim_grade's evidence_from", "the sources the page cites", count_twice=False)
    for match in GRADE_LINE.finditer(page.text):
        line = page.text.count("\n", 0, match.start()) + 1
        yield Finding(page.path, line, RULE, "a graded claim uses grade_label(), so nobody can check what it rests on",
                      'name its studies: {{ claim_grade("some", evidence_from=["id"]) }}, with activity="walking" '
                      "for a walking claim")


def _judge(page, line, grade, activity, rests_on, listed, known, homes, field, list_name, count_twice=True):
    label, needs = grade["label"], grade["needs"]
    for ref_id in rests_on:
        if ref_id not in known:
            yield Finding(page.path, line, RULE, f"{field} names '{ref_id}', which is not in data/bibliography.yml",
                          "use an id from the page's references")
        elif ref_id not in listed:
            yield Finding(page.path, line, RULE, f"{field} names '{ref_id}', which is not in {list_name}",
                          f"add {ref_id} to references and cite it, or remove it from {field}")
    sources = [r for r in rests_on if r in known]
    reasons = {r: counts(known[r].get("study"), activity) for r in sources}
    for ref_id, reason in reasons.items():
        if reason and "peer reviewed" in reason:
            yield Finding(page.path, line, RULE,
                          f"the grade '{label}' rests on {ref_id}, but {reason}; no grade may rest on unreviewed work",
                          f"remove {ref_id} from {field} (the page may still mention it)")
    valid = [r for r, reason in reasons.items() if reason is None]
    if needs.get("training"):
        for ref_id in [r for r in valid if single_session(known[r]["study"])]:
            reasons[ref_id] = "one lab session, not weeks of training"
    strong = [r for r in valid if reasons[r] is None and (not needs["controlled"] or controlled(known[r]["study"]))]
    groups = bodies(strong, known)
    if needs["studies"] == 0:
        if valid:
            yield Finding(page.path, line, RULE,
                          f"graded '{label}', but {field} lists {_names(valid)}: peer-reviewed "
                          f"{activity} studies of the claim",
                          "if they measured the main claim, grade it Some evidence (or Contradicted); "
                          f"if not, remove them from {field}")
    elif len(groups) < needs["studies"]:
        kind = "controlled " if needs["controlled"] else ""
        left_out = [f"{r} ({reasons[r] or 'no comparison group or condition'})" for r in sources if r not in strong]
        shared = [" and ".join(g) for g in groups if len(g) > 1]
        walking_only = sources and all((known[r].get("study") or {}).get("activity") == "walking" for r in sources)
        hint = (f" All its sources are walking studies; a {activity} claim studied only in walking is graded Not tested."
                if walking_only and activity == "running" else "")
        fix = f"lower the grade to what the studies allow, or list the studies that measured the claim in {field}"
        if count_twice and walking_only and "activity" not in page.meta and page.meta.get("category") == "walking":
            # A page of the walking section that forgot to say so: the fix is one line, not a lower grade.
            hint = " The page is in the walking section but does not say `activity: walking`."
            fix = "if the claim is about backward walking, add `activity: walking` to the front matter; else " + fix
        yield Finding(page.path, line, RULE,
                      f"graded '{label}', which needs at least {needs['studies']} peer-reviewed {kind}"
                      f"{activity} {'study' if needs['studies'] == 1 else 'studies'} of the claim"
                      f"{' over weeks of training' if needs.get('training') else ''} in {field}; "
                      f"it has {len(groups)} ({_names(['+'.join(g) for g in groups])})"
                      + (f". Not counted: {'; '.join(left_out)}" if left_out else "")
                      + (f". Counted once, as they pool the same trials: {'; '.join(shared)}" if shared else "")
                      + "." + hint, fix)
    if needs.get("conflict") and not any((known[r].get("study") or {}).get("earlier_conflict") for r in sources):
        yield Finding(page.path, line, RULE,
                      f"graded '{label}', which needs a source that reports studies finding otherwise, but no "
                      f"source in {field} has an earlier_conflict in its record",
                      "grade it by what the studies found, or record in the study's earlier_conflict what its "
                      "source says about earlier studies")
    if needs.get("agreement"):
        for ref_id in sources:
            conflict = (known[ref_id].get("study") or {}).get("earlier_conflict")
            if conflict:
                yield Finding(page.path, line, RULE,
                              f"graded '{label}', which needs studies that agree, but {ref_id}'s record reports "
                              f"earlier studies that found otherwise: {conflict}",
                              "read and record those studies; until then grade it Studies disagree, and say "
                              "on the page that the studies disagree")
    if not count_twice:
        return
    for ref_id in valid:
        others = [src for src in homes.get(ref_id, ()) if src != page.src]
        if others:
            yield Finding(page.path, line, RULE,
                          f"{ref_id} also holds up the grade of {', '.join(others)}: the same evidence counted twice",
                          "make one page the home of this evidence and link to it from the other; "
                          f"remove the study from the other page's {field}")


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
