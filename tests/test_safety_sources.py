"""Every piece of safety advice names its sources, and who has reviewed it.

data/safety.yml: each callout lists bibliography ids under `sources`; the
build refuses a callout without one, or with an id the bibliography lacks,
naming the file and line. data/clinical-reviews.yml: the About page says
who has reviewed the advice, and says that nobody has while it is empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import ROOT, page_call, records

from guide.content import clinical_reviews, safety
from guide.errors import ContentError

RECORDS = records()


def line_of_entry(path: Path, callout_id: str) -> int:
    """The line a '- id:' entry starts on, read from the file itself."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text == f"- id: {callout_id}")


def drop_sources(path: Path, callout_id: str) -> None:
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"(?ms)^- id: {re.escape(callout_id)}\n.*?(?=^- id: |\Z)", text)
    sources = re.search(r"(?m)^  sources: .*\n", entry.group(0))
    assert sources, f"callout {callout_id} has no sources line to remove"
    path.write_text(text[:entry.start()] + entry.group(0).replace(sources.group(0), "")
                    + text[entry.end():], encoding="utf-8")


def env_for(src: str):
    return page_call(src)


# --- every callout has a source ----------------------------------------------


def test_every_callout_in_the_real_data_has_a_known_source():
    known = RECORDS.bibliography()
    for entry in yaml.safe_load((ROOT / "data" / "safety.yml").read_text(encoding="utf-8")):
        assert entry.get("sources"), f"{entry['id']} has no sources"
        assert [s for s in entry["sources"] if s not in known] == []


@pytest.mark.parametrize("callout_id", ["treadmill", "if-you-fall"])
def test_a_callout_without_sources_is_refused_with_file_and_line(data_copy, callout_id):
    path = data_copy / "safety.yml"
    drop_sources(path, callout_id)
    with pytest.raises(ContentError) as error:
        data_copy.records().safety()
    line = line_of_entry(path, callout_id)
    assert f"data/safety.yml:{line}: entry '{callout_id}': 'sources' is a required property" in str(error.value)
    assert "no safety advice without a source" in str(error.value)


def test_an_empty_source_list_is_refused(data_copy):
    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  sources: [graves2014, consumerreports-treadmill]\n", "  sources: []\n"),
                    encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text
    # The error points at the field's own line, inside the entry.
    field = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if n > line_of_entry(path, "treadmill") and line == "  sources: []")
    with pytest.raises(ContentError, match=rf"data/safety\.yml:{field}: "
                                           r"entry 'treadmill' field 'sources': \[\] should be non-empty"):
        data_copy.records().safety()


def test_a_source_the_bibliography_lacks_is_refused_with_a_suggestion(data_copy):
    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sources: [graves2014, consumerreports-treadmill]",
                                 "sources: [graves2041, consumerreports-treadmill]"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        data_copy.records().safety()
    assert (f"data/safety.yml:{line_of_entry(path, 'treadmill')}: entry 'treadmill': source 'graves2041' "
            "is not in data/bibliography.yml; did you mean 'graves2014'?") in str(error.value)


def test_a_callout_without_sources_stops_the_build_naming_file_and_line(variant):
    def edit(project):
        drop_sources(project / "data" / "safety.yml", "stop-signs")

    build = variant(edit)
    assert not build.ok
    line = line_of_entry(variant.project / "data" / "safety.yml", "stop-signs")
    assert f"data/safety.yml:{line}: entry 'stop-signs': 'sources' is a required property" in build.output
    assert "Traceback" not in build.output


# --- readers see the sources ----------------------------------------------------


def test_a_callout_shows_each_source_with_its_kind_and_the_expert_advice_note():
    entry = RECORDS.safety()["treadmill"]
    out = safety.safety(env_for("benefits/physical/knee-load.md"), "treadmill")
    known = RECORDS.bibliography()
    for source_id in entry["sources"]:
        kind = (known[source_id].get("study") or {}).get("design") or known[source_id]["type"]
        assert f"(../../studies/{source_id}.md), {kind}" in out
    assert "[Graves 2014](../../studies/graves2014.md), injury-surveillance study" in out
    assert entry["expert_advice"] in out


def test_source_names_are_short_for_people_and_organisations():
    label = safety.source_label
    assert label({"authors": "Graves JM, Iyer KR", "year": 2014, "title": "x"}) == "Graves 2014"
    assert label({"authors": "Uthoff A et al.", "year": 2019, "title": "x"}) == "Uthoff 2019"
    assert label({"authors": "NELFT NHS Foundation Trust", "title": "x"}) == "NELFT NHS Foundation Trust"
    assert label({"authors": "CDC (US Centers for Disease Control and Prevention)", "title": "x"}) == "CDC"
    assert label({"title": "An anonymous report"}) == "An anonymous report"


def test_built_pages_link_each_source_to_its_own_page(built_site):
    page = (built_site / "benefits" / "physical" / "coordination-balance" / "index.html").read_text(encoding="utf-8")
    lines = re.findall(r'<p class="guide-safety__sources"[^>]*>(.*?)</p>', page, re.S)
    assert len(lines) == page.count('class="admonition safety')
    linked = set(re.findall(r'href="\.\./\.\./\.\./studies/([a-z0-9-]+)/"', "".join(lines)))
    wanted = {s for i in ("older-adults", "open-space", "look-behind") for s in RECORDS.safety()[i]["sources"]}
    assert linked == wanted
    assert [s for s in linked if not (built_site / "studies" / s / "index.html").is_file()] == []


def test_the_precautions_page_cites_every_callouts_sources(built_site):
    page = (built_site / "precautions" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li id="ref-([a-z0-9-]+)">', page)
    wanted = {s for entry in RECORDS.safety().values() for s in entry["sources"]}
    assert wanted - set(listed) == set()


# --- who has reviewed it --------------------------------------------------------

REVIEW = """- id: doe2027
  reviewer: Jo Doe
  profession: physiotherapist
  registration: HCPC PH000000
  date: 2027-01-15
  covers: [treadmill, if-you-fall]
  summary: Checked the treadmill and falls advice against current guidance.
"""


def test_with_no_review_the_about_page_says_no_clinician_has_reviewed_it(built_site):
    assert RECORDS.clinical_reviews() == []
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    section = about.split('id="safety-review"', 1)[1].split("<h2", 1)[0]
    assert re.sub(r"<[^>]+>", "", clinical_reviews.NONE_YET) in re.sub(r"<[^>]+>", "", section)
    assert "have reviewed the safety advice:" not in section


def test_a_review_record_is_shown_with_name_profession_registration_and_date(data_copy):
    (data_copy / "clinical-reviews.yml").write_text(REVIEW, encoding="utf-8")
    out = clinical_reviews.clinical_review(page_call("about.md", root=data_copy.parent))
    assert clinical_reviews.NONE_YET not in out
    titles = [RECORDS.safety()[i]["title"] for i in ("treadmill", "if-you-fall")]
    assert ("**Jo Doe**, physiotherapist (registered: HCPC PH000000), reviewed the safety advice "
            f"“{titles[0]}” and “{titles[1]}” on 15 January 2027.") in out


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("  registration: HCPC PH000000\n", ""), r":1: entry 'doe2027': 'registration' is a required property"),
    (lambda t: t.replace("2027-01-15", "15/01/2027"), r":5: entry 'doe2027' field 'date': '15/01/2027' is not a 'date'"),
    (lambda t: t.replace("[treadmill, if-you-fall]", "[treadmil]"),
     r":1: entry 'doe2027': covers 'treadmil', which is not a callout in data/safety\.yml; did you mean 'treadmill'\?"),
])
def test_a_bad_review_record_is_refused_with_file_and_line(data_copy, edit, expected):
    (data_copy / "clinical-reviews.yml").write_text(edit(REVIEW), encoding="utf-8")
    with pytest.raises(ContentError, match=r"data/clinical-reviews\.yml" + expected):
        data_copy.records().clinical_reviews()
