"""Unit tests of the macros in guide/content/, with a stand-in for the page."""

from __future__ import annotations

import logging
import re

import pytest
from support import ROOT, page_call, records

from guide.content import citations, held_html, listings, safety, study
from guide.errors import ContentError

RECORDS = records()


def errors(caplog) -> list[str]:
    """Error messages as the build prints them, without the logger's prefix."""
    return [r.getMessage().removeprefix("macros: ") for r in caplog.records if r.levelno >= logging.ERROR]


# --- safety ------------------------------------------------------------------


def test_safety_renders_the_data_files_words_with_a_link_to_its_section():
    entry = RECORDS.safety()["look-behind"]
    env = page_call("benefits/physical/knee-load.md", '{{ safety("look-behind") }}')
    out = safety.safety(env, "look-behind")
    assert out.startswith(f'!!! safety {entry["severity"]} "[{entry["title"]}](../../precautions.md#{entry["anchor"]})"')
    assert " ".join(entry["body"].split()) in " ".join(out.split())


def test_safety_link_is_relative_to_the_page():
    env = page_call("faq.md", '{{ safety("look-behind") }}')
    assert "](precautions.md#" in safety.safety(env, "look-behind")


def test_several_callouts_come_in_the_order_given():
    env = page_call("faq.md", '{{ safety("treadmill", "start-slowly") }}')
    out = safety.safety(env, "treadmill", "start-slowly")
    titles = re.findall(r'"\[(.*?)\]', out)
    assert titles == [RECORDS.safety()["treadmill"]["title"], RECORDS.safety()["start-slowly"]["title"]]


def test_safety_inside_a_list_item_keeps_its_indentation():
    source = '- a point\n\n    {{ safety("look-behind") }}\n'
    out = safety.safety(page_call("faq.md", source), "look-behind")
    first, *rest = [line for line in out.split("\n") if line]
    assert first.startswith("!!! safety")
    assert rest and all(line.startswith("        ") for line in rest)  # 4 of the list + 4 of the admonition


def test_unknown_callout_names_page_line_and_nearest_id(caplog):
    env = page_call("benefits/physical/knee-load.md", 'text\n\n{{ safety("look-behnd") }}\n')
    assert safety.safety(env, "look-behnd") == ""
    [message] = errors(caplog)
    assert message.startswith("docs/benefits/physical/knee-load.md:3: unknown safety callout 'look-behnd'; "
                              "did you mean 'look-behind'?")
    assert "Known:" not in message, "with a near id, the list of every id is only noise"


def test_an_unknown_callout_far_from_any_id_lists_the_known_ones(caplog):
    env = page_call("faq.md", '{{ safety("zzz") }}\n')
    assert safety.safety(env, "zzz") == ""
    [message] = errors(caplog)
    assert "did you mean" not in message
    assert all(known in message for known in RECORDS.safety())


def test_safety_list_renders_every_callout_or_one_group():
    env = page_call("handout.md")
    everything = safety.safety_list(env)
    assert everything.count("!!! safety") == len(RECORDS.safety())
    during = safety.safety_list(env, "during")
    assert during.count("!!! safety") == sum(e["when"] == "during" for e in RECORDS.safety().values())


def test_safety_list_rejects_an_unknown_group(caplog):
    assert safety.safety_list(page_call("handout.md", "safety_list('durng')"), "durng") == ""
    assert "did you mean 'during'?" in errors(caplog)[0]


def test_precaution_section_has_the_stable_anchor_and_summary():
    entry = RECORDS.safety()["treadmill"]
    out = safety.precaution(page_call("precautions.md"), "treadmill")
    assert out.startswith(f"## {entry['title']} {{ #{entry['anchor']} }}\n")
    assert " ".join(entry["body"].split()) in " ".join(out.split())


def test_precautions_page_missing_a_section_is_an_error(caplog):
    env = page_call("precautions.md")
    for callout_id in list(RECORDS.safety())[:-1]:
        safety.precaution(env, callout_id)
    safety.finish_page(env)
    [message] = errors(caplog)
    missing = list(RECORDS.safety())[-1]
    assert f"callout '{missing}'" in message and "docs/precautions.md does not have" in message


# --- citations ---------------------------------------------------------------


class Rendered:
    """A page's Markdown after the macros, as hooks/macro_html.py fills it in."""

    def __init__(self, call, markdown: str):
        self.markdown = held_html.filled(call.held, citations.finish_page(call, markdown))


def cited_page(source: str, *calls: tuple[str, ...]):
    call = page_call("benefits/physical/knee-load.md", source)
    citations.start_page(call)
    outputs = [citations.cite(call, *ids) for ids in calls]
    return Rendered(call, "text " + " ".join(outputs) + "\n\n" + citations.reference_list(call)), outputs


def test_citations_are_numbered_in_order_of_first_use():
    _, outputs = cited_page("", ("roos2012",), ("flynn1994", "roos2012"), ("flynn1994",))
    numbers = [re.findall(r">(\d+)</a>", o) for o in outputs]
    assert numbers == [["1"], ["2", "1"], ["2"]]


def test_citation_and_reference_link_both_ways():
    env, outputs = cited_page("", ("roos2012",), ("roos2012",))
    assert 'href="#ref-roos2012" id="cite-roos2012"' in outputs[0]
    assert 'id="cite-roos2012"' not in outputs[1]  # only the first citation is the back-link target
    item = re.search(r'<li id="ref-roos2012">.*?</li>', env.markdown).group(0)
    assert 'href="#cite-roos2012"' in item


def test_reference_list_holds_only_cited_sources_in_order_each_linking_to_its_study_page():
    env, _ = cited_page("", ("roos2012",), ("flynn1994",))
    items = re.findall(r'<li id="ref-([a-z0-9-]+)">(.*?)</li>', env.markdown)
    assert [ref_id for ref_id, _ in items] == ["roos2012", "flynn1994"]
    bib = RECORDS.bibliography()
    for ref_id, item in items:
        # From benefits/physical/knee-load/ up three folders to studies/<id>/.
        assert f'<a href="../../../studies/{ref_id}/">{bib[ref_id]["title"].rstrip(".")}</a>' in item
        assert f"({bib[ref_id]['year']})" in item and bib[ref_id]["authors"] in item
        assert f'{study.design_line(bib[ref_id]["study"])}.' in item
        # Short: the record, the links to the paper and the note are on the study's page.
        assert "<dl" not in item and "<details" not in item and "doi.org" not in item and "Note:" not in item
    assert 'class="guide-references" data-search-exclude' in env.markdown


def test_reference_list_may_come_before_the_citations():
    call = page_call("faq.md")
    env = Rendered(call, citations.reference_list(call) + " " + citations.cite(call, "roos2012"))
    assert '<li id="ref-roos2012">' in env.markdown and citations.marker_for(call) not in env.markdown


def test_unknown_source_is_reported_with_a_suggestion(caplog):
    env = page_call("faq.md", "one\ntwo {{ cite('flyn1994') }}")
    citations.start_page(env)
    assert citations.cite(env, "flyn1994") == ""
    [message] = errors(caplog)
    assert message.startswith("docs/faq.md:2: unknown source 'flyn1994'; did you mean 'flynn1994'?")


def test_unknown_id_in_front_matter_references_is_reported(caplog):
    env = page_call("faq.md", "---\nreferences: [roos2013]\n---\n", meta={"references": ["roos2013"]})
    citations.start_page(env)
    assert "unknown source 'roos2013'; did you mean 'roos2012'?" in errors(caplog)[0]


def test_citing_without_a_reference_list_is_reported(caplog):
    env = page_call("faq.md", "{{ cite('roos2012') }}")
    citations.start_page(env)
    citations.cite(env, "roos2012")
    citations.finish_page(env, "no list here")
    assert "no reference list" in errors(caplog)[0]


def test_bibliography_lists_every_source_once():
    env = page_call("references.md")
    out = held_html.filled(env.held, citations.bibliography(env))
    ids = re.findall(r'<li id="ref-([a-z0-9-]+)">', out)
    assert sorted(ids) == sorted(RECORDS.bibliography()) and len(ids) == len(set(ids))


def test_canonical_link_prefers_doi_then_pubmed_then_url():
    for entry in RECORDS.bibliography().values():
        if entry.get("doi"):
            assert entry["link"] == f"https://doi.org/{entry['doi']}"
        elif entry.get("pmid"):
            assert entry["link"] == f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/"
        else:
            assert entry["link"] == entry.get("url")


# --- listings ----------------------------------------------------------------


def test_benefit_table_lists_each_benefit_page_with_its_grade():
    env = page_call("benefits/physical/index.md")
    table = listings.benefit_table(env, "physical")
    expected = [p for p in listings.benefit_pages(env) if p["category"] == "physical"]
    assert table.count("\n| [") == len(expected) > 0
    for page in expected:
        assert f"]({page['src'].split('/')[-1]})" in table
        assert RECORDS.grades()[page["evidence"]]["label"] in table


def test_unknown_grade_label_is_reported(caplog):
    listings.grade_label(page_call("faq.md", "grade_label('som')"), "som")
    assert "unknown evidence grade 'som'; did you mean 'some'?" in errors(caplog)[0]


# --- data files ----------------------------------------------------------------


def break_file(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_missing_field_names_file_line_and_entry(data_copy):
    break_file(data_copy / "safety.yml", "  severity: stop\n", "")
    with pytest.raises(ContentError) as error:
        data_copy.records().safety()
    assert re.search(r"data/safety\.yml:\d+: entry '[a-z-]+': 'severity' is a required property", str(error.value))


def test_duplicate_id_is_rejected(data_copy):
    break_file(data_copy / "safety.yml", "- id: start-slowly", "- id: health-check")
    with pytest.raises(ContentError, match=r"duplicate id 'health-check' \(first used on line \d+\)"):
        data_copy.records().safety()


def test_body_of_more_than_three_sentences_is_rejected(data_copy):
    # Start slowly has two short sentences: two more make four, still short.
    break_file(data_copy / "safety.yml", "    Walk backward first. Add time", "    One. Two. Walk backward first. Add time")
    with pytest.raises(ContentError, match="body has [4-9] sentences"):
        data_copy.records().safety()


def test_a_doi_that_is_not_a_doi_is_rejected(data_copy):
    break_file(data_copy / "bibliography.yml", "doi: 10.", "doi: doi.org/10.")
    with pytest.raises(ContentError, match=r"data/bibliography\.yml:\d+: entry '[a-z0-9-]+' field 'doi'"):
        data_copy.records().bibliography()


def test_invalid_yaml_names_the_line(data_copy):
    (data_copy / "safety.yml").write_text("- id: a\n  title: [unclosed\n")
    with pytest.raises(ContentError, match=r"data/safety\.yml:\d+: invalid YAML"):
        data_copy.records().safety()


def test_broken_data_file_stops_the_build_without_a_traceback(variant):
    def edit(project):
        break_file(project / "data/safety.yml", "  severity: stop\n", "  severity: danger\n")

    build = variant(edit)
    assert not build.ok
    assert "data/safety.yml:" in build.output and "'danger' is not allowed (use one of: " in build.output
    assert "Traceback" not in build.output


# --- in a real build -------------------------------------------------------------

ALL_MACROS = """

## Macro showcase

Knees {{ cite("roos2012") }} and energy {{ cite("flynn1994", "roos2012") }}.

!!! note "Inside an admonition"

    {{ safety("look-behind") }}

- In a list item:

    {{ safety("treadmill", "start-slowly") }}

Grade: {{ grade_label("some") }}

{{ benefit_table("physical") }}

## References

{{ reference_list() }}
"""


def test_a_page_using_every_macro_builds_and_renders_them(variant):
    def edit(project):
        front = ("---\ntitle: Macro showcase\ndescription: A page that calls every macro, "
                 "built only by the tests to see the macros work together.\nreviewed: 2026-11-01\n---\n")
        (project / "docs/showcase.md").write_text(front + "\n# Macro showcase\n" + ALL_MACROS)
        with open(project / "mkdocs.yml", "a", encoding="utf-8") as f:
            f.write("  - Showcase: showcase.md\n")  # nav is the last key of mkdocs.yml

    build = variant(edit)
    assert build.ok, build.output
    html = (build.site / "showcase/index.html").read_text()
    callouts = RECORDS.safety()
    # Nested callouts render as real admonitions, not as indented code or text.
    assert re.search(r'<div class="admonition note">.*?<div class="admonition safety caution">\s*'
                     rf'<p class="admonition-title"><a href="../precautions/#look-behind">{callouts["look-behind"]["title"]}</a>',
                     html, re.S)
    assert re.search(rf'<li>.*?<div class="admonition safety {callouts["treadmill"]["severity"]}">\s*'
                     rf'<p class="admonition-title"><a href="../precautions/#treadmill">{callouts["treadmill"]["title"]}',
                     html, re.S)
    assert "!!! safety" not in html and "<pre" not in html
    assert re.findall(r'<sup class="guide-cite">\[(.*?)\]</sup>', html)[0].count("</a>") == 1
    assert re.findall(r'<li id="ref-([a-z0-9-]+)">', html) == ["roos2012", "flynn1994"]
    assert "Some evidence" in html
    assert '<a href="../benefits/physical/knee-load/">' in html


def test_listings_follow_the_navigation_order():
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    env = page_call("evidence.md")
    env.site.nav = config["nav"]
    listed = [p["src"] for p in listings.benefit_pages(env)]
    in_nav = [src for src in env.site.nav_order if src in listed]
    assert listed == in_nav and len(listed) > 10


def test_error_line_prefers_the_quoted_id_over_a_longer_id_before_it(caplog):
    source = 'See {{ cite("nosuch2000") }}.\n\n{{ safety("nosuch") }}\n'
    safety.safety(page_call("faq.md", source), "nosuch")
    assert errors(caplog)[0].startswith("docs/faq.md:3: unknown safety callout 'nosuch'")
