"""The checker's grading rule: each part of data/grades.yml it enforces can fail.

Pages and study records are made up here, so each test shows one way a
grade can be wrong; the last test holds the real site to the same rule.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from support import ROOT, records

from guide.checker.context import Context
from guide.checker.project import Project
from guide.checker.rules import grading


def record(design="randomised trial", activity="running", peer_reviewed=True, comparison=True, read="abstract",
           **more):
    groups = [{"label": "backward", "did": "ran backward", "people": 10},
              {"label": "forward", "did": "ran forward", "people": 10, "comparison": comparison}]
    return {"study": {"design": design, "peer_reviewed": peer_reviewed, "activity": activity, "groups": groups,
                      "checked": {"source": read}, **more}}


SOURCES = {
    "trial-a": record(), "trial-b": record(),
    "lab-a": record(design="laboratory study"),
    "single": record(design="single-group study", comparison=False),
    "walk-a": record(activity="walking"), "walk-b": record(activity="walking"),
    "thesis": record(design="thesis", peer_reviewed=False),
    "review": record(design="narrative review"),
    "unread": record(read="not found"),
    "session-a": record(design="laboratory study", backward_work="single session"),
    "session-b": record(design="laboratory study", duration="single session (lab tests)"),
    "conflict": record(earlier_conflict="In contrast to previous reports, it found the opposite."),
    "review-a": record(design="systematic review", pooled_unknown="the abstract names no trials"),
    "review-b": record(design="systematic review", pooled_unknown="the abstract names no trials"),
    "review-c": record(design="systematic review", pooled=["Kim 2017", "Lee 2018"]),
    "review-d": record(design="systematic review", pooled=["Park 2019"]),
    "review-e": record(design="systematic review", pooled=["Lee 2018", "Choi 2020"]),
}


class FakeProject:
    """Project.read() on made-up pages, with made-up study records."""

    def __init__(self, docs: Path):
        self.docs_dir = docs
        self.root = docs.parent
        real = records()
        # The real schemas and grades, with made-up study records.
        self.records = type("R", (), {"bibliography": staticmethod(lambda: SOURCES),
                                      "grades": staticmethod(real.grades),
                                      "schema": staticmethod(real.schema)})

    @property
    def files(self):
        return {p.relative_to(self.docs_dir).as_posix(): p for p in sorted(self.docs_dir.rglob("*.md"))}

    rel = Project.rel
    read = Project.read
    use_directory_urls = True
    config_file = Path("mkdocs.yml")


def page(grade: str, evidence_from: list[str], references: list[str] | None = None, extra: str = "") -> str:
    refs = references if references is not None else evidence_from or ["trial-a"]
    return textwrap.dedent(f"""\
        ---
        title: A made-up claim
        description: A made-up benefit page for the grading rule tests, with the fields it needs.
        type: benefit
        category: physical
        evidence: {grade}
        finding: A made-up finding for the grading rule tests.
        references: [{", ".join(refs)}]
        evidence_from: [{", ".join(evidence_from)}]
        {extra}reviewed: 2026-11-01
        ---

        # A made-up claim
        """)


def findings(tmp_path, **pages: str):
    docs = tmp_path / "docs"
    (docs / "benefits/physical").mkdir(parents=True, exist_ok=True)
    for old in (docs / "benefits/physical").glob("*.md"):
        old.unlink()
    for name, text in pages.items():
        (docs / f"benefits/physical/{name}.md").write_text(text)
    grading._homes.cache_clear()
    project = FakeProject(docs)
    ctx = Context(project, [project.read(src) for src in project.files], {})
    return list(grading.check(ctx))


def test_two_controlled_running_studies_carry_the_top_grade(tmp_path):
    assert findings(tmp_path, a=page("supported", ["trial-a", "lab-a"])) == []


def test_top_grade_with_one_controlled_study_is_reported_with_page_grade_and_gap(tmp_path):
    [finding] = findings(tmp_path, a=page("supported", ["trial-a", "single"]))
    assert finding.path.endswith("benefits/physical/a.md") and finding.rule == "grading"
    assert finding.line == 9  # the evidence_from line of the page
    assert "graded 'Supported'" in finding.message
    assert "needs at least 2 peer-reviewed controlled running studies" in finding.message
    assert "it has 1 (trial-a)" in finding.message and "single (no comparison group" in finding.message


def test_walking_studies_cannot_carry_a_running_grade(tmp_path):
    [finding] = findings(tmp_path, a=page("some", ["walk-a", "walk-b"]))
    assert "it is a walking study, and this claim is about running" in finding.message
    assert "All its sources are walking studies" in finding.message


def test_a_walking_section_page_without_its_activity_is_told_to_add_it(tmp_path):
    # Not "lower the grade": the page forgot the one line its section needs.
    text = page("some", ["walk-a", "walk-b"]).replace("category: physical", "category: walking")
    [finding] = findings(tmp_path, a=text)
    assert "in the walking section but does not say `activity: walking`" in finding.message
    assert finding.fix.startswith("if the claim is about backward walking, add `activity: walking`")


def test_a_walking_claim_is_graded_on_walking_studies(tmp_path):
    assert findings(tmp_path, a=page("supported", ["walk-a", "walk-b"], extra="activity: walking\n")) == []


def test_no_grade_rests_on_unreviewed_work(tmp_path):
    got = findings(tmp_path, a=page("some", ["thesis"]))
    assert any("rests on thesis, but it was not peer reviewed" in f.message for f in got)
    assert any("it has 0 (none)" in f.message for f in got)


def test_a_narrative_review_is_no_study(tmp_path):
    [finding] = findings(tmp_path, a=page("some", ["review"]))
    assert "it is a narrative review, not a study of people" in finding.message


def test_a_source_nobody_could_read_does_not_count(tmp_path):
    [finding] = findings(tmp_path, a=page("some", ["unread"]))
    assert "unread (nobody could read its abstract, so it is unchecked)" in finding.message


def test_not_tested_may_not_list_a_study_that_measured_the_claim(tmp_path):
    [finding] = findings(tmp_path, a=page("untested", ["trial-a"]))
    assert "graded 'Not tested', but evidence_from lists trial-a" in finding.message


def test_not_tested_with_walking_studies_only_is_fine(tmp_path):
    assert findings(tmp_path, a=page("untested", [], references=["walk-a"])) == []


def test_the_same_evidence_is_not_counted_twice(tmp_path):
    got = findings(tmp_path, a=page("some", ["trial-a"]), b=page("some", ["trial-a", "trial-b"]))
    twice = sorted((Path(f.path).name, f.message) for f in got if "counted twice" in f.message)
    assert [name for name, _ in twice] == ["a.md", "b.md"]
    assert "benefits/physical/b.md" in twice[0][1] and "benefits/physical/a.md" in twice[1][1]


def test_evidence_from_must_be_among_the_references(tmp_path):
    [finding] = findings(tmp_path, a=page("some", ["trial-a"], references=["trial-b"]))
    assert "'trial-a', which is not in the page's references" in finding.message


def test_the_real_site_follows_the_grading_rule():
    project = Project(ROOT / "mkdocs.yml")
    grading._homes.cache_clear()
    ctx = Context(project, [project.read(src) for src in project.files], {})
    got = [f.text() for f in grading.check(ctx)]
    assert got == []


def test_single_lab_sessions_cannot_carry_the_top_grade(tmp_path):
    """energy-cost.md was Supported on three one-session lab studies, while
    knee-load.md was Some evidence on the same kind: one rule for both."""
    [finding] = findings(tmp_path, a=page("supported", ["session-a", "session-b"]))
    assert "over weeks of training" in finding.message
    assert "session-a (one lab session, not weeks of training)" in finding.message
    assert findings(tmp_path, a=page("some", ["session-a", "session-b"])) == []


def test_reviews_that_pool_the_same_trials_count_once(tmp_path):
    [unknown] = findings(tmp_path, a=page("supported", ["review-a", "review-b"]))
    assert "it has 1 (review-a+review-b)" in unknown.message and "Counted once" in unknown.message
    [shared] = findings(tmp_path, a=page("supported", ["review-c", "review-e"]))
    assert "Counted once, as they pool the same trials: review-c and review-e" in shared.message
    assert findings(tmp_path, a=page("supported", ["review-c", "review-d"])) == []


def test_a_source_reporting_earlier_studies_that_disagree_blocks_the_firm_grades(tmp_path):
    """myths.md: 'Contradicted' on one study whose abstract reports earlier studies found the opposite."""
    for grade in ("contradicted", "supported"):
        got = findings(tmp_path, a=page(grade, ["conflict", "trial-a"]))
        assert any("reports earlier studies that found otherwise" in f.message for f in got), grade
    assert findings(tmp_path, a=page("some", ["conflict"])) == []


def test_studies_disagree_needs_a_source_that_reports_the_disagreement(tmp_path):
    """myths.md: flight time, where the one study read found the opposite of
    the earlier reports it names. Studies disagree is for that, and only that."""
    assert findings(tmp_path, a=page("disagree", ["conflict"])) == []
    [alone] = findings(tmp_path, a=page("disagree", ["trial-a"]))
    assert "needs a source that reports studies finding otherwise" in alone.message


def myths(claims: str) -> str:
    return textwrap.dedent("""\
        ---
        title: Myths
        description: Made-up myths for the grading rule tests, with the fields a page needs.
        reviewed: 2026-11-01
        ---

        # Myths
        """) + textwrap.dedent(claims)


def myth_findings(tmp_path, text: str):
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    (docs / "myths.md").write_text(text)
    grading._homes.cache_clear()
    project = FakeProject(docs)
    return list(grading.check(Context(project, [project.read("myths.md")], {})))


def test_a_myth_is_graded_by_the_same_rule_walking_is_not_running(tmp_path):
    """myths.md: a running myth graded Contradicted on walking evidence."""
    [finding] = myth_findings(tmp_path, myths("""\
        ## "100 steps backward are worth 1,000 forward"

        **Grade:** {{ claim_grade("contradicted", evidence_from=["walk-a"]) }}

        Text.{{ cite("walk-a") }}
        """))
    assert finding.path.endswith("myths.md") and finding.line == 10
    assert "walk-a (it is a walking study, and this claim is about running)" in finding.message
    walking = myths("""\
        **Grade:** {{ claim_grade("contradicted", evidence_from=["walk-a"], activity="walking") }}

        Text.{{ cite("walk-a") }}
        """)
    assert myth_findings(tmp_path / "w", walking) == []


def test_a_myth_must_cite_what_its_grade_rests_on(tmp_path):
    [finding] = myth_findings(tmp_path, myths("""\
        **Grade:** {{ claim_grade("some", evidence_from=["trial-a"]) }}

        Text.{{ cite("trial-b") }}
        """))
    assert "'trial-a', which is not in the sources the page cites" in finding.message


def test_a_graded_line_must_name_its_evidence(tmp_path):
    [finding] = myth_findings(tmp_path, myths("""\
        **Grade:** {{ grade_label("untested") }}
        """))
    assert finding.line == 8 and "uses grade_label()" in finding.message
