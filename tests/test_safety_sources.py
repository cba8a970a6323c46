"""Every piece of safety advice names its sources, or says it is our own,
and who has reviewed it.

data/safety.yml: each callout lists bibliography ids under `sources`, for
its body and for each of its signs; the build refuses a callout without the
field, one with no source that does not say it is our own advice, or an id
the bibliography lacks, naming the file and line. Our own advice is never
called expert advice, and pages say no clinician has checked it.
data/clinical-reviews.yml: the About page says who has reviewed the advice,
and says that nobody has while it is empty.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from support import ROOT, page_call, records

from guide.content import clinical_reviews, plain_text, safety, signs
from guide.errors import ContentError
from guide.records.store import callout_sources

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
    body = entry.group(0)  # only this line: a sign's own sources line may hold the same text
    path.write_text(text[:entry.start()] + body[:sources.start()] + body[sources.end():]
                    + text[entry.end():], encoding="utf-8")


def env_for(src: str):
    return page_call(src)


# --- every callout has a source ----------------------------------------------


def test_every_callout_in_the_real_data_has_a_known_source_or_says_it_is_our_own():
    known = RECORDS.bibliography()
    for entry in yaml.safe_load((ROOT / "data" / "safety.yml").read_text(encoding="utf-8")):
        assert entry.get("sources") or "our own" in entry.get("own_advice", ""), f"{entry['id']} has no sources"
        assert [s for s in callout_sources(entry) if s not in known] == []
        for sign in entry.get("signs", ()):
            assert sign["sources"] or "our own" in sign.get("own_advice", ""), sign["sign"]


@pytest.mark.parametrize("callout_id", ["treadmill", "if-you-fall"])
def test_a_callout_without_sources_is_refused_with_file_and_line(data_copy, callout_id):
    path = data_copy / "safety.yml"
    drop_sources(path, callout_id)
    with pytest.raises(ContentError) as error:
        data_copy.records().safety()
    line = line_of_entry(path, callout_id)
    assert f"data/safety.yml:{line}: entry '{callout_id}': 'sources' is a required property" in str(error.value)
    assert "no safety advice without a source" in str(error.value)


def test_an_empty_source_list_is_refused_unless_it_says_the_advice_is_our_own(data_copy):
    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    entry = re.search(r"(?ms)^- id: treadmill\n.*?(?=^- id: |\Z)", text).group(0)
    bare = re.sub(r"(?m)^  own_advice: .*\n", "", entry.replace("  sources: [consumerreports-treadmill]\n",
                                                                 "  sources: []\n"))
    assert bare != entry and "own_advice" not in bare
    path.write_text(text.replace(entry, bare), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        data_copy.records().safety()
    assert (f"data/safety.yml:{line_of_entry(path, 'treadmill')}: entry 'treadmill': 'own_advice' is a "
            "required property") in str(error.value)
    assert "advice with no sources is our own advice: say so in own_advice" in str(error.value)
    # Saying so is enough: the advice is then shown as our own, with no source.
    path.write_text(text.replace(entry, entry.replace("  sources: [consumerreports-treadmill]\n",
                                                      "  sources: []\n")), encoding="utf-8")
    assert data_copy.records().safety()["treadmill"]["sources"] == []


def test_a_source_the_bibliography_lacks_is_refused_with_a_suggestion(data_copy):
    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sources: [consumerreports-treadmill]",
                                 "sources: [graves2041, consumerreports-treadmill]"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        data_copy.records().safety()
    assert (f"data/safety.yml:{line_of_entry(path, 'treadmill')}: entry 'treadmill': source 'graves2041' "
            "is not in data/bibliography.yml; did you mean 'graves2014'?") in str(error.value)


def test_a_signs_source_the_bibliography_lacks_is_refused(data_copy):
    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    sources: [nhswales-fainting]", "    sources: [nhswales-fainting2]", 1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"entry 'stop-signs': source 'nhswales-fainting2' is not in "
                                           r"data/bibliography\.yml; did you mean 'nhswales-fainting'\?"):
        data_copy.records().safety()


def test_a_callout_without_sources_stops_the_build_naming_file_and_line(variant):
    def edit(project):
        drop_sources(project / "data" / "safety.yml", "stop-signs")

    build = variant(edit)
    assert not build.ok
    line = line_of_entry(variant.project / "data" / "safety.yml", "stop-signs")
    assert f"data/safety.yml:{line}: entry 'stop-signs': 'sources' is a required property" in build.output
    assert "Traceback" not in build.output


# --- readers see the sources ----------------------------------------------------


def test_a_callout_shows_each_source_with_its_kind_and_the_own_advice_note():
    entry = RECORDS.safety()["treadmill"]
    out = safety.safety(env_for("benefits/physical/knee-load.md"), "treadmill")
    known = RECORDS.bibliography()
    for source_id in entry["sources"]:
        kind = (known[source_id].get("study") or {}).get("design") or known[source_id]["type"]
        assert f"(../../studies/{source_id}.md), {kind}" in out
    assert "[Consumer Reports](../../studies/consumerreports-treadmill.md), public guidance" in out
    assert f"{entry['own_advice']} {signs.UNCHECKED}" in out


def test_own_advice_with_no_source_says_so_and_names_no_source():
    # A source listed under advice it does not give looks like support
    # (issue 26's review): advice that is wholly ours lists none.
    entry = RECORDS.safety()["turning"]
    assert entry["sources"] == []
    out = safety.safety(env_for("benefits/physical/knee-load.md"), "turning")
    assert "Source" not in out
    assert f"    {plain_text.text(entry['own_advice'])} {signs.UNCHECKED}\n    {{: {safety.SOURCES_CLASS} " in out


def test_a_callouts_signs_show_under_headings_by_urgency_with_every_source():
    entry = RECORDS.safety()["stop-signs"]
    out = safety.safety(env_for("benefits/physical/knee-load.md"), "stop-signs")
    call, today = out.index(signs.HEADINGS["call"]), out.index(signs.HEADINGS["same-day"])
    assert out.index(entry["body"].strip()) < call < today
    for sign in entry["signs"]:
        at = out.index(f"    - {sign['sign']}")
        assert (call < at < today) if sign["action"] == "call" else at > today
    for source_id in callout_sources(entry):
        assert f"(../../studies/{source_id}.md)" in out


def test_two_sources_of_one_organisation_are_named_apart_by_their_titles():
    # The stop signs rest on two Allina Health pages; "Allina Health, public
    # guidance; Allina Health, public guidance" read as one source twice.
    out = safety.safety(env_for("benefits/physical/knee-load.md"), "stop-signs")
    line = next(x for x in out.splitlines() if "Sources:" in x)
    names = re.findall(r"\[([^\]]+)\]\(", line)
    assert len(names) == len(set(names)) > 1, names
    known = RECORDS.bibliography()
    for source_id in ("allina-stop-exercise", "allina-heart-stop"):
        assert f"[Allina Health, \u201c{known[source_id]['title']}\u201d]" in line
    # A name used once stays short.
    assert "[British Heart Foundation]" in line


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
    wanted = {s for entry in RECORDS.safety().values() for s in callout_sources(entry)}
    assert "nhswales-fainting" in wanted  # a sign's own source counts too
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


def test_own_advice_says_no_clinician_has_checked_it_until_a_review_covers_it(data_copy):
    # The site never implies a review that did not happen, and stops saying
    # "not checked" only for the advice a recorded review covers.
    (data_copy / "clinical-reviews.yml").write_text(REVIEW, encoding="utf-8")
    call = page_call("benefits/physical/knee-load.md", root=data_copy.parent)
    call.records = data_copy.records()
    reviewed, unreviewed = safety.safety(call, "treadmill"), safety.safety(call, "turning")
    assert RECORDS.safety()["treadmill"]["own_advice"] in reviewed
    assert signs.UNCHECKED not in reviewed
    assert signs.UNCHECKED in unreviewed


@pytest.mark.parametrize("text", [
    "Where to go is expert advice. No guidance covers it.",
    "Where to go is advice from the editors.",
])
def test_own_advice_must_say_our_own_and_never_expert(data_copy, text):
    # "Expert advice" suggests a qualified person stands behind it; the
    # editors who write it are not clinicians (issue 26's review, S12).
    path = data_copy / "safety.yml"
    body = path.read_text(encoding="utf-8")
    old = RECORDS.safety()["open-space"]["own_advice"]
    assert f"  own_advice: {old}\n" in body
    path.write_text(body.replace(f"  own_advice: {old}\n", f"  own_advice: {text}\n"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"data/safety\.yml:\d+: entry 'open-space' field 'own_advice': .* "
                                           r"does not match"):
        data_copy.records().safety()


def test_no_page_calls_the_editors_advice_expert_advice(built_site):
    # Every page readers get, but the log of past changes (which quotes old
    # wording) and the study pages (which describe each source in its own
    # terms: a coaching article by sports scientists is expert advice).
    found = []
    for page in sorted(built_site.rglob("index.html")):
        rel = page.relative_to(built_site).as_posix()
        if rel.startswith(("changes/", "studies/")):
            continue
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        if re.search(r"expert\s+(advice|opinion)", text, re.I):
            found.append(rel)
    assert found == []


def test_the_search_index_leaves_out_the_sources_lines(built_site):
    # A callout's sources line is the same on every page that shows the
    # callout: in the search index it was some 18 KB of repeats (issue 29's
    # goal is an index half its old size). The page still shows it.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    repeated = [d["location"] for d in docs if re.search(r"Sources?: .*public guidance", d["text"])]
    assert repeated == [], f"sources lines in the search index: {repeated[:5]}"
    page = (built_site / "benefits" / "walking" / "knee-arthritis" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="guide-safety__sources"[^>]* data-search-exclude[^>]*>Sources?: ', page)
    # The handout repeats the callouts word for word; search finds them
    # where they are explained, not on the sheet made for printing.
    body = RECORDS.safety()["head-injury"]["body"].strip()
    found = [d["location"] for d in docs if body in d["text"]]
    assert "precautions/#head-injury" in found and not [f for f in found if f.startswith("handout/")], found
