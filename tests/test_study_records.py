"""Study records: every source has one, a broken one stops the build at its
line, and the reference list shows what the record says."""

from __future__ import annotations

import re

import pytest
from support import records

from guide.content import citations, study, study_pages, study_uses
from guide.errors import ContentError

RECORDS = records()


def line_of(text: str, needle: str, after: str) -> int:
    """1-based line of the first needle after the line holding `after`."""
    start = text.index(after)
    return text.count("\n", 0, text.index(needle, start)) + 1


def test_every_source_has_a_record_saying_what_was_read_and_when():
    for ref_id, entry in RECORDS.bibliography().items():
        checked = entry["study"]["checked"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", checked["date"]), ref_id
        assert checked["where"], ref_id


def test_a_record_missing_a_required_field_names_file_entry_field_and_line(data_copy):
    path = data_copy / "bibliography.yml"
    text = path.read_text()
    assert "- id: roos2012\n" in text
    start = text.index("- id: roos2012\n")
    who_short = re.compile(r"^    who_short: .*\n", re.M).search(text, start)
    path.write_text(text[:who_short.start()] + text[who_short.end():])
    with pytest.raises(ContentError) as error:
        data_copy.records().bibliography()
    study_line = line_of(path.read_text(), "  study:\n", "- id: roos2012\n")
    assert (f"data/bibliography.yml:{study_line}: entry 'roos2012' field 'study': "
            "'who_short' is a required property") in str(error.value)


def test_a_wrong_value_deep_in_a_record_points_at_its_own_line(data_copy):
    path = data_copy / "bibliography.yml"
    text = path.read_text()
    start = text.index("- id: alghadir2019\n")
    old = re.compile(r"^    activity: walking\n", re.M).search(text, start)
    path.write_text(text[:old.start()] + "    activity: strolling\n" + text[old.end():])
    with pytest.raises(ContentError) as error:
        data_copy.records().bibliography()
    line = line_of(path.read_text(), "    activity: strolling", "- id: alghadir2019\n")
    assert f"data/bibliography.yml:{line}: entry 'alghadir2019' field 'study.activity': 'strolling'" in str(error.value)


def test_a_missing_record_stops_the_build_with_file_and_line(variant):
    def edit(project):
        path = project / "data/bibliography.yml"
        text = path.read_text()
        start = text.index("- id: hooper2004\n")
        begin = text.index("  study:\n", start)
        end = text.index("\n- id:", begin)
        path.write_text(text[:begin] + text[end + 1:])

    build = variant(edit)
    assert not build.ok
    line = line_of((variant.project / "data/bibliography.yml").read_text(), "- id: hooper2004", "- id: hooper2004")
    assert f"data/bibliography.yml:{line}: entry 'hooper2004': 'study' is a required property" in build.output
    assert "Traceback" not in build.output


def test_the_design_line_says_design_groups_people_activity_and_length():
    record = {"design": "randomised trial", "peer_reviewed": True, "who_short": "adults with knee arthritis",
              "people": 68, "activity": "walking", "duration": "6 weeks", "checked": {"source": "abstract"},
              "groups": [{"label": "a", "did": "x"}, {"label": "b", "did": "y"}, {"label": "c", "did": "z"}]}
    assert study.design_line(record) == "Randomised trial, 3 groups, 68 adults with knee arthritis, walking, 6 weeks"


def test_the_design_line_flags_unreviewed_and_unchecked_sources():
    record = {"design": "thesis", "peer_reviewed": False, "who_short": "runners", "people": 10,
              "activity": "running", "checked": {"source": "not found"}}
    assert study.design_line(record) == "Thesis, not peer reviewed, not checked against its source, 10 runners, running"


def test_the_study_page_shows_the_design_line_and_the_exact_figures():
    entry = RECORDS.bibliography()["alghadir2019"]
    html = study_pages.page_markdown(entry, study_uses.Uses(), RECORDS.grades())
    assert ("Randomised trial, 3 groups, 68 adults with knee arthritis, walking, 6 weeks; "
            "91%, 87% and 82% finished; harms not reported.") in html
    assert "1.8 against 1 point" in html
    for limitation in entry["study"]["limitations"]:
        assert limitation.replace("'", "&#x27;") in html or limitation in html
    assert "usual physiotherapy only (control)</strong>" in html and "comparison group" in html
    assert "1 December 2026" in html  # when the record was checked, as every page writes a date


def test_both_identifiers_are_linked_when_both_exist():
    entry = RECORDS.bibliography()["roos2012"]
    html = citations.format_entry(entry)
    assert f'href="https://doi.org/{entry["doi"]}"' in html
    assert f'href="https://pubmed.ncbi.nlm.nih.gov/{entry["pmid"]}/"' in html


def test_the_design_line_says_how_many_finished_and_whether_harms_were_reported():
    """As a Cochrane summary does: started and finished, and harms looked for or not."""
    achilles = RECORDS.bibliography()["achilles-pilot"]["study"]
    assert study.design_line(achilles).endswith("5 weeks; 14 of 15 finished; no harms reported")
    silent = {**achilles, "finished": None, "completion": "not reported in the abstract",
              "harms": {"reported": False, "what": "the abstract does not mention harms"}}
    assert study.design_line(silent).endswith("5 weeks; number who finished not reported; harms not reported")
    hurt = {**achilles, "harms": {"reported": True, "what": "2 sprained ankles"}}
    assert study.design_line(hurt).endswith("14 of 15 finished; harms reported: 2 sprained ankles")
    # The study's own page shows the same, row by row.
    page = "\n".join(study_pages.record_sections(achilles))
    assert "<dt>Began</dt> <dd>15</dd>" in page and "<dt>Finished</dt> <dd>14</dd>" in page
    assert "<dt>Harms</dt> <dd>none reported: &quot;14 (93%)" in page


def test_a_group_not_put_in_by_chance_is_named_in_the_design_line_and_the_box():
    uthoff = RECORDS.bibliography()["uthoff2020"]["study"]
    assert "Randomised trial, 3 groups, 1 group not put in by chance, 67 teenage" in study.design_line(uthoff)
    assert "not put in by chance</em>" in "\n".join(study_pages.record_sections(uthoff))


@pytest.mark.parametrize("ref_id, field", [("negra2022", "harms"), ("gondhalekar2013", "completion"),
                                           ("chen2020", "pooled_unknown")])
def test_a_trial_or_review_without_harms_or_completion_stops_at_its_line(data_copy, ref_id, field):
    """Every trial says how many finished and whether harms were reported;
    every systematic review says which trials it pooled."""
    path = data_copy / "bibliography.yml"
    text = path.read_text()
    start = text.index(f"- id: {ref_id}\n")
    found = re.compile(rf"^    {field}:.*\n(?:      .*\n)*", re.M).search(text, start)
    assert found and text.index("\n- id:", start) > found.start()
    path.write_text(text[:found.start()] + text[found.end():])
    with pytest.raises(ContentError) as error:
        data_copy.records().bibliography()
    study_line = line_of(path.read_text(), "  study:\n", f"- id: {ref_id}\n")
    assert f"data/bibliography.yml:{study_line}: entry '{ref_id}' field 'study'" in str(error.value)


def test_every_trial_in_the_record_reports_harms_and_completion():
    trials = {"randomised trial", "non-randomised trial", "crossover trial", "single-group study"}
    for ref_id, entry in RECORDS.bibliography().items():
        record = entry["study"]
        if record["design"] in trials:
            assert "harms" in record and ("finished" in record or "completion" in record), ref_id


def test_a_result_that_lists_several_signs_is_a_list_on_the_study_page():
    """A source's warning signs, written with semicolons between them, are
    read one a line on its page, not as one long sentence."""
    record = RECORDS.bibliography()["northerntrust-back-pain"]["study"]
    page = "\n".join(study_pages.record_sections(record))
    assert "<li>numbness around or under the genitals or around the bottom</li>" in page
    assert "; " not in page.split("signs that need a GP")[1].split("</ul>")[0]
