"""Unit tests of the macros in site_macros/, with a stand-in for the page."""

from __future__ import annotations

import logging
import re
import shutil
from types import SimpleNamespace

import pytest

from site_macros import after_markdown, citations, data, listings, safety
from site_macros.errors import ContentError


class FakeEnv:
    """Just enough of mkdocs-macros' env for one page."""

    def __init__(self, src: str, source: str = "", meta: dict | None = None):
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src, content_string=source), meta=meta or {})
        self.conf = {"docs_dir": str(data.ROOT / "docs")}
        self.markdown = ""


@pytest.fixture(autouse=True)
def fresh_state():
    for cached in (data._grading, data.safety, data.bibliography, listings._benefit_pages):
        cached.cache_clear()
    yield
    for cached in (data._grading, data.safety, data.bibliography, listings._benefit_pages):
        cached.cache_clear()


def errors(caplog) -> list[str]:
    """Error messages as the build prints them, without the logger's prefix."""
    return [r.getMessage().removeprefix("site_macros: ") for r in caplog.records if r.levelno >= logging.ERROR]


# --- safety ------------------------------------------------------------------


def test_safety_renders_the_data_files_words_with_a_link_to_its_section():
    entry = data.safety()["look-behind"]
    env = FakeEnv("benefits/physical/knee-load.md", '{{ safety("look-behind") }}')
    out = safety.safety(env, "look-behind")
    assert out.startswith(f'!!! safety {entry["severity"]} "[{entry["title"]}](../../precautions.md#{entry["anchor"]})"')
    assert " ".join(entry["body"].split()) in " ".join(out.split())


def test_safety_link_is_relative_to_the_page():
    env = FakeEnv("faq.md", '{{ safety("look-behind") }}')
    assert "](precautions.md#" in safety.safety(env, "look-behind")


def test_several_callouts_come_in_the_order_given():
    env = FakeEnv("faq.md", '{{ safety("treadmill", "start-slowly") }}')
    out = safety.safety(env, "treadmill", "start-slowly")
    titles = re.findall(r'"\[(.*?)\]', out)
    assert titles == [data.safety()["treadmill"]["title"], data.safety()["start-slowly"]["title"]]


def test_safety_inside_a_list_item_keeps_its_indentation():
    source = '- a point\n\n    {{ safety("look-behind") }}\n'
    out = safety.safety(FakeEnv("faq.md", source), "look-behind")
    first, *rest = [line for line in out.split("\n") if line]
    assert first.startswith("!!! safety")
    assert rest and all(line.startswith("        ") for line in rest)  # 4 of the list + 4 of the admonition


def test_unknown_callout_names_page_line_and_nearest_id(caplog):
    env = FakeEnv("benefits/physical/knee-load.md", 'text\n\n{{ safety("look-behnd") }}\n')
    assert safety.safety(env, "look-behnd") == ""
    [message] = errors(caplog)
    assert message.startswith("docs/benefits/physical/knee-load.md:3: unknown safety callout 'look-behnd'; "
                              "did you mean 'look-behind'?")
    assert all(known in message for known in data.safety())


def test_safety_list_renders_every_callout_or_one_group():
    env = FakeEnv("handout.md")
    everything = safety.safety_list(env)
    assert everything.count("!!! safety") == len(data.safety())
    during = safety.safety_list(env, "during")
    assert during.count("!!! safety") == sum(e["when"] == "during" for e in data.safety().values())


def test_safety_list_rejects_an_unknown_group(caplog):
    assert safety.safety_list(FakeEnv("handout.md", "safety_list('durng')"), "durng") == ""
    assert "did you mean 'during'?" in errors(caplog)[0]


def test_precaution_section_has_the_stable_anchor_and_summary():
    entry = data.safety()["treadmill"]
    out = safety.precaution(FakeEnv("precautions.md"), "treadmill")
    assert out.startswith(f"## {entry['title']} {{ #{entry['anchor']} }}\n")
    assert " ".join(entry["body"].split()) in " ".join(out.split())


def test_precautions_page_missing_a_section_is_an_error(caplog):
    env = FakeEnv("precautions.md")
    safety.start_page(env)
    for callout_id in list(data.safety())[:-1]:
        safety.precaution(env, callout_id)
    safety.finish_page(env)
    [message] = errors(caplog)
    missing = list(data.safety())[-1]
    assert f"callout '{missing}'" in message and "docs/precautions.md does not have" in message


# --- citations ---------------------------------------------------------------


def cited_page(source: str, *calls: tuple[str, ...]):
    env = FakeEnv("benefits/physical/knee-load.md", source)
    citations.start_page(env)
    outputs = [citations.cite(env, *ids) for ids in calls]
    env.markdown = "text " + " ".join(outputs) + "\n\n" + citations.reference_list(env)
    citations.finish_page(env)
    return as_published(env), outputs


def as_published(env):
    """The page with the HTML the macros held back put in (hooks/macro_html.py)."""
    env.markdown = after_markdown.filled(env.page, env.markdown)
    return env


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


def test_reference_list_holds_only_cited_sources_in_order_with_links():
    env, _ = cited_page("", ("roos2012",), ("flynn1994",))
    ids = re.findall(r'<li id="ref-([a-z0-9-]+)">', env.markdown)
    assert ids == ["roos2012", "flynn1994"]
    bib = data.bibliography()
    for ref_id in ids:
        assert f'href="https://doi.org/{bib[ref_id]["doi"]}"' in env.markdown


def test_reference_list_may_come_before_the_citations():
    env = FakeEnv("faq.md")
    citations.start_page(env)
    env.markdown = citations.reference_list(env) + " " + citations.cite(env, "roos2012")
    citations.finish_page(env)
    as_published(env)
    assert '<li id="ref-roos2012">' in env.markdown and citations.MARKER not in env.markdown


def test_unknown_source_is_reported_with_a_suggestion(caplog):
    env = FakeEnv("faq.md", "one\ntwo {{ cite('flyn1994') }}")
    citations.start_page(env)
    assert citations.cite(env, "flyn1994") == ""
    [message] = errors(caplog)
    assert message.startswith("docs/faq.md:2: unknown source 'flyn1994'; did you mean 'flynn1994'?")


def test_unknown_id_in_front_matter_references_is_reported(caplog):
    env = FakeEnv("faq.md", "---\nreferences: [roos2013]\n---\n", meta={"references": ["roos2013"]})
    citations.start_page(env)
    assert "unknown source 'roos2013'; did you mean 'roos2012'?" in errors(caplog)[0]


def test_citing_without_a_reference_list_is_reported(caplog):
    env = FakeEnv("faq.md", "{{ cite('roos2012') }}")
    citations.start_page(env)
    citations.cite(env, "roos2012")
    citations.finish_page(env)
    assert "no reference list" in errors(caplog)[0]


def test_bibliography_lists_every_source_once():
    env = FakeEnv("references.md")
    out = after_markdown.filled(env.page, citations.bibliography(env))
    ids = re.findall(r'<li id="ref-([a-z0-9-]+)">', out)
    assert sorted(ids) == sorted(data.bibliography()) and len(ids) == len(set(ids))


def test_canonical_link_prefers_doi_then_pubmed_then_url():
    for entry in data.bibliography().values():
        if entry.get("doi"):
            assert entry["link"] == f"https://doi.org/{entry['doi']}"
        elif entry.get("pmid"):
            assert entry["link"] == f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/"
        else:
            assert entry["link"] == entry.get("url")


# --- listings ----------------------------------------------------------------


def test_benefit_table_lists_each_benefit_page_with_its_grade():
    env = FakeEnv("benefits/physical/index.md")
    table = listings.benefit_table(env, "physical")
    expected = [p for p in listings.benefit_pages(env) if p["category"] == "physical"]
    assert table.count("\n| [") == len(expected) > 0
    for page in expected:
        assert f"]({page['src'].split('/')[-1]})" in table
        assert data.grades()[page["evidence"]]["label"] in table


def test_unknown_grade_label_is_reported(caplog):
    listings.grade_label(FakeEnv("faq.md", "grade_label('som')"), "som")
    assert "unknown evidence grade 'som'; did you mean 'some'?" in errors(caplog)[0]


# --- data files ----------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(data.DATA, tmp_path / "data")
    monkeypatch.setattr(data, "DATA", tmp_path / "data")
    return tmp_path / "data"


def break_file(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_missing_field_names_file_line_and_entry(data_copy):
    break_file(data_copy / "safety.yml", "  severity: stop\n", "")
    with pytest.raises(ContentError) as error:
        data.safety()
    assert re.search(r"data/safety\.yml:\d+: entry '[a-z-]+': 'severity' is a required property", str(error.value))


def test_duplicate_id_is_rejected(data_copy):
    break_file(data_copy / "safety.yml", "- id: start-slowly", "- id: health-check")
    with pytest.raises(ContentError, match=r"duplicate id 'health-check' \(first used on line \d+\)"):
        data.safety()


def test_body_of_more_than_three_sentences_is_rejected(data_copy):
    break_file(data_copy / "safety.yml", "body: >-\n", "body: >-\n    One. Two. Three. Four.\n", )
    with pytest.raises(ContentError, match="body has [4-9] sentences"):
        data.safety()


def test_a_doi_that_is_not_a_doi_is_rejected(data_copy):
    break_file(data_copy / "bibliography.yml", "doi: 10.", "doi: doi.org/10.")
    with pytest.raises(ContentError, match=r"data/bibliography\.yml:\d+: entry '[a-z0-9-]+' field 'doi'"):
        data.bibliography()


def test_invalid_yaml_names_the_line(data_copy):
    (data_copy / "safety.yml").write_text("- id: a\n  title: [unclosed\n")
    with pytest.raises(ContentError, match=r"data/safety\.yml:\d+: invalid YAML"):
        data.safety()


def test_broken_data_file_stops_the_build_without_a_traceback(variant):
    def edit(project):
        break_file(project / "data/safety.yml", "  severity: stop\n", "  severity: danger\n")

    build = variant(edit)
    assert not build.ok
    assert "data/safety.yml:" in build.output and "'danger' is not one of" in build.output
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
    callouts = data.safety()
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

    config = yaml.load((data.ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    env = FakeEnv("evidence.md")
    env.conf["nav"] = config["nav"]
    listed = [p["src"] for p in listings.benefit_pages(env)]
    in_nav = [src for src in listings._nav_order(config["nav"]) if src in listed]
    assert listed == in_nav and len(listed) > 10


def test_error_line_prefers_the_quoted_id_over_a_longer_id_before_it(caplog):
    source = 'See {{ cite("nosuch2000") }}.\n\n{{ safety("nosuch") }}\n'
    safety.safety(FakeEnv("faq.md", source), "nosuch")
    assert errors(caplog)[0].startswith("docs/faq.md:3: unknown safety callout 'nosuch'")
