"""Every number traceable: the numbers, counts and muscles rules, and the
grading rule's new parts, on pages made up here against the real study
records. Each error a fact-check found on the site (issue 28) is one test
below, in the words the page had, so each would be caught again; and each
false alarm the rules once raised is a test that they stay quiet.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from support import ROOT, line_with, records

from guide.checker.context import Context
from guide.checker.project import Project
from guide.checker.quantities import figures, record_values, traced
from guide.checker.rules import counts, grading, muscles, numbers
from guide.checker.sentences import blocks

RECORDS = records()


class PagesProject:
    """Made-up pages under a throw-away docs/, read with the real records."""

    def __init__(self, docs: Path, bibliography=None):
        self.docs_dir = docs
        self.root = docs.parent
        real = RECORDS
        known = bibliography if bibliography is not None else real.bibliography()
        self.records = type("R", (), {"bibliography": staticmethod(lambda: known),
                                      "grades": staticmethod(real.grades),
                                      "principles": staticmethod(real.principles),
                                      "schema": staticmethod(real.schema)})

    @property
    def files(self):
        return {p.relative_to(self.docs_dir).as_posix(): p for p in sorted(self.docs_dir.rglob("*.md"))}

    rel = Project.rel
    read = Project.read
    use_directory_urls = True
    config_file = Path("mkdocs.yml")


def run(rule, tmp_path, body: str, meta: str = "", name: str = "page", bibliography=None):
    """The findings of one rule on one made-up page."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    head = f"---\ntitle: A made-up page\ndescription: A page made up for the traceable-numbers tests, long enough.\n" \
           f"{meta}reviewed: 2026-11-01\n---\n\n"
    (docs / f"{name}.md").write_text(head + textwrap.dedent(body))
    grading._homes.cache_clear()
    project = PagesProject(docs, bibliography)
    ctx = Context(project, [project.read(f"{name}.md")], {})
    return list(rule.check(ctx))


BENEFIT = "type: benefit\ncategory: physical\nfinding: A made-up finding for the tests, long enough.\n"


# --- the errors the fact-check found, in the pages' own words ---------------

def test_three_studies_agree_where_two_put_a_number_on_it(tmp_path):
    """energy-cost.md: the three cited in the list below; Flynn 1994 gives no share."""
    got = run(counts, tmp_path, """\
        Three lab studies agree on this. At the same speed, running backward costs
        about a third more energy than running forward.

        - Wright and Weyand tested 4 trained men. {{ cite("wright2001") }}
        - Rasica and others tested 8 people. {{ cite("rasica2020") }}
        - Flynn and others measured oxygen use. {{ cite("flynn1994") }}
        """)
    assert [(f.line, f.rule) for f in got] == [(8, "counts")]
    assert "agree on about a third" not in got[0].message and "flynn1994 does not hold it" in got[0].message


def test_the_studies_that_used_a_treadmill_must_all_be_listed(tmp_path):
    """treadmill.md: four treadmill studies in the record were missing from the table."""
    got = run(counts, tmp_path, """\
        Treadmills let researchers set an exact speed and slope. These are the
        studies in this guide that used one.

        | Study | Who |
        | --- | --- |
        | Shen {{ cite("shen2021") }} | 52 adults |
        | Hooper {{ cite("hooper2004") }} | 27 young adults |
        | Rasica {{ cite("rasica2020") }} | 8 adults |
        | Sterzing {{ cite("sterzing2016") }} | 19 runners |
        | Ordway {{ cite("ordway2016") }} | 8 highly trained men |
        """)
    [finding] = got
    assert "leaves out achilles-pilot, chaloupka1997, hreljac2005, wright2001" in finding.message


@pytest.mark.parametrize("sentence", [
    "Nobody knows how safe it is, because no study has counted injuries in backward runners.",
    "No study has followed people who run backward and counted their injuries.",
    "Nobody has measured how often people trip, fall or bump into things while running backward.",
])
def test_no_study_has_counted_injuries_where_one_reported_no_harms(tmp_path, sentence):
    """index, faq, precautions, overuse-injuries: the Achilles pilot reported 'no adverse events'."""
    [finding] = run(counts, tmp_path, sentence + "\n")
    assert "achilles-pilot reports them" in finding.message and "no adverse events" in finding.message


def test_put_into_groups_by_chance_where_one_group_was_not(tmp_path):
    """athletic-performance.md: Uthoff 2020's PE class was not randomised."""
    got = run(counts, tmp_path, """\
        # Sprint, jump and agility

        ## What the research found

        Three small trials have tested this, all in young athletes. In each one,
        people were put into groups by chance. That makes the groups fair to
        compare.

        ### Teenage boys
        """, meta=BENEFIT + "evidence: some\nreferences: [uthoff2020, negra2022, sammoud2023]\n"
                  "evidence_from: [uthoff2020, negra2022, sammoud2023]\n")
    [finding] = got
    assert finding.line == line_with(tmp_path / "docs/page.md", "people were put into groups by chance")
    assert "put into groups by chance" in finding.message and "uthoff2020" in finding.message


def test_slow_to_moderate_speeds_where_the_records_hold_sprints_and_17_km_h(tmp_path):
    [finding] = run(counts, tmp_path, "Studies of backward running used slow to moderate speeds, often on a "
                                      "treadmill.\n")
    assert "cavagna2012" in finding.message and "uthoff2020" in finding.message


def test_two_reviews_that_may_pool_the_same_trials_are_not_two_confirmations(tmp_path):
    [finding] = run(counts, tmp_path, "Both reviews found better scores on the Berg Balance Scale."
                                      '{{ cite("chen2020", "wen2022") }}\n')
    assert "counts chen2020 and wen2022 as separate sources" in finding.message
    quiet = run(counts, tmp_path, "Both reviews, which pooled many of the same trials, found better balance."
                                  '{{ cite("chen2020", "wen2022") }}\n')
    assert quiet == []


def test_a_study_told_with_figures_but_no_citation(tmp_path):
    """precautions.md: a balance study with no citation and no record."""
    got = run(counts, tmp_path, "Take a moment before you turn. One small study of 17 young adults found "
                                "that balance was less steady just after backward walking.\n")
    assert any("'One small study' is told with figures" in f.message for f in got)


def test_an_uncited_replication(tmp_path):
    """myths.md: the repeat of the memory experiment had no citation and no record."""
    got = run(counts, tmp_path, 'In most experiments they recalled more.{{ cite("aksentijevic2019") }} A later, '
                                "careful repeat of the strongest experiment found no difference at all.\n")
    assert any("tells of a repeat of a study" in f.message for f in got)


def test_a_count_must_match_the_citations_beside_it(tmp_path):
    [finding] = run(counts, tmp_path, 'Two studies found this.{{ cite("roos2012") }}\n')
    assert "'Two studies', but this sentence cites 1 such source (roos2012)" in finding.message
    assert run(counts, tmp_path, 'Two studies found this.{{ cite("roos2012", "flynn1995") }}\n') == []


def test_a_muscle_credited_to_a_review_that_names_none(tmp_path):
    """getting-started, precautions, myths: 'the front of the thigh' credited to uthoff2018."""
    [finding] = run(muscles, tmp_path, "Running backward uses the muscles at the front of your thighs in a new "
                                       'way.{{ cite("uthoff2018") }}\n')
    assert "names the front of the thigh" in finding.message and "uthoff2018" in finding.message
    assert run(muscles, tmp_path, 'Their quadriceps got stronger.{{ cite("alghadir2019") }}\n') == []
    assert run(muscles, tmp_path, 'No running study measured the hamstrings.{{ cite("uthoff2018") }}\n') == []


def test_a_figure_the_record_does_not_hold(tmp_path):
    [finding] = run(numbers, tmp_path, "In 86 people with knee osteoarthritis, pain fell more."
                                       '{{ cite("alghadir2019") }}\n')
    assert finding.rule == "numbers" and "86 is not in the record of alghadir2019" in finding.message
    assert run(numbers, tmp_path, "In 68 people, average age about 56, pain fell more."
                                  '{{ cite("alghadir2019") }}\n') == []


def test_a_figure_of_the_wrong_kind_is_not_traced(tmp_path):
    """uthoff2020's record has '10 m' sprints; 10 weeks is another figure."""
    [finding] = run(numbers, tmp_path, 'The boys trained for 10 weeks.{{ cite("uthoff2020") }}\n')
    assert "10 is not in the record" in finding.message
    assert run(numbers, tmp_path, 'The boys trained for 8 weeks and ran 10 m sprints.{{ cite("uthoff2020") }}\n') == []


def test_a_worked_out_figure_is_marked_and_its_working_checked(tmp_path):
    body = 'Backward walking takes about {{ derived("1.4", "6.0 METs ÷ 4.3 METs") }} times the energy.' \
           '{{ cite("ainsworth2011") }}\n'
    assert run(numbers, tmp_path, body) == []
    [unmarked] = run(numbers, tmp_path, 'Backward walking takes about 1.4 times the energy.{{ cite("ainsworth2011") }}\n')
    assert "1.4 is not in the record" in unmarked.message
    [bad] = run(numbers, tmp_path, body.replace("4.3 METs", "4.7 METs"))
    assert "uses 4.7, which is not in the record" in bad.message


def test_the_description_and_finding_are_held_to_the_page_references(tmp_path):
    got = run(numbers, tmp_path, 'Text.{{ cite("wright2001") }}\n',
              meta=BENEFIT + "evidence: some\nreferences: [wright2001]\nevidence_from: [wright2001]\n"
                             "finding_x: 1\n".replace("finding_x: 1\n", ""))
    assert got == []
    page = tmp_path / "docs/page.md"
    page.write_text(page.read_text().replace("A made-up finding for the tests, long enough.",
                                             "It costs about half as much energy again."))
    project = PagesProject(tmp_path / "docs")
    [finding] = list(numbers.check(Context(project, [project.read("page.md")], {})))
    assert finding.line == line_with(page, "finding:") and "the finding says half" in finding.message


# --- false alarms the rules once raised, which must stay quiet ---------------

@pytest.mark.parametrize("sentence, source", [
    ("The backpedal and backward running: these are two different moves.", "uthoff2019"),
    ("A third group had usual physiotherapy only.", "alghadir2019"),
    ("The fifth group did the usual rehabilitation only.", "shen2021"),
    ("The 2019 review found most trials were fair.", "elnahhas2019"),
    ("Running forward, it was about 7 hundredths of a second.", "cavagna2012"),
    ("Treadmills were linked to two in every three injuries.", "graves2014"),
    ("In 26 young women, half of them trained backward for 6 weeks.", "terblanche2005"),
    ("All had physiotherapy 3 times a week for 3 weeks.", "ahmad2023"),
    ("A student study at a very slow speed found no difference.", "odu1998"),
    ("No trial has counted falls after backward training.", "poloferrero2025"),
    ("Shin splints (pain along the shin bone) are common.", "uthoff2018"),
    ("Two early lab studies looked at the thigh muscles.", "flynn1993\", \"threlkeld1989"),
])
def test_what_the_rules_once_misread_stays_quiet(tmp_path, sentence, source):
    body = f'{sentence}{{{{ cite("{source}") }}}}\n'
    for rule in (numbers, counts, muscles):
        assert run(rule, tmp_path, body) == [], (rule.RULE, sentence)


def test_one_trial_of_the_two_a_page_rests_on_is_a_part_not_a_miscount(tmp_path):
    got = run(counts, tmp_path, "- If you are not very fit, it may build fitness. Only one small trial supports "
                                "this.\n", meta=BENEFIT + "evidence: some\nreferences: [terblanche2005, ordway2016]\n"
                                                          "evidence_from: [terblanche2005, ordway2016]\n")
    assert got == []


# --- the pieces ----------------------------------------------------------------

def test_a_citation_after_the_full_stop_belongs_to_the_sentence_before():
    text = '---\ntitle: t\n---\n\nFirst fact.{{ cite("roos2012") }} Second fact {{ cite("flynn1995") }}. Third.\n'
    [block] = blocks(text)
    assert [(s.text.strip(), s.cites) for s in block.sentences] == [
        ("First fact.", ["roos2012"]), ("Second fact .", ["flynn1995"]), ("Third.", [])]
    assert block.cites_for(block.sentences[2]) == ["flynn1995"]


def test_shares_in_words_match_the_record_within_reason():
    held = record_values(RECORDS.bibliography()["wright2001"])
    [third] = figures("about a third more")
    assert traced(third, held)  # 35%
    [half] = figures("about half as much again")
    assert not traced(half, held)


def test_the_real_site_has_no_untraced_figures_or_miscounts():
    project = Project(ROOT / "mkdocs.yml")
    grading._homes.cache_clear()
    ctx = Context(project, [project.read(src) for src in project.files], {})
    got = [f.text() for rule in (numbers, counts, muscles, grading) for f in rule.check(ctx)]
    assert got == []
