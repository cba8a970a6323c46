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


def record(design="randomised trial", activity="running", peer_reviewed=True, comparison=True, read="abstract"):
    groups = [{"label": "backward", "did": "ran backward", "people": 10},
              {"label": "forward", "did": "ran forward", "people": 10, "comparison": comparison}]
    return {"study": {"design": design, "peer_reviewed": peer_reviewed, "activity": activity, "groups": groups,
                      "checked": {"source": read}}}


SOURCES = {
    "trial-a": record(), "trial-b": record(),
    "lab-a": record(design="laboratory study"),
    "single": record(design="single-group study", comparison=False),
    "walk-a": record(activity="walking"), "walk-b": record(activity="walking"),
    "thesis": record(design="thesis", peer_reviewed=False),
    "review": record(design="narrative review"),
    "unread": record(read="not found"),
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
    (docs / "benefits/physical").mkdir(parents=True)
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
