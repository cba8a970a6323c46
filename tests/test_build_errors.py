"""A contributor's typo stops the build and the message names the page."""

from __future__ import annotations

import re

import pytest

from guide.checker.build import parse_output
from guide.checker.project import Project
from support import line_with


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def test_undefined_variable_fails_and_names_the_page(variant):
    build = variant(lambda p: append(p / "docs/faq.md", "\n{{ undefined_thing }}\n"))
    assert not build.ok
    assert "faq.md" in build.output
    assert "undefined_thing" in build.output


def test_broken_link_fails_and_names_the_page(variant):
    build = variant(lambda p: append(p / "docs/faq.md", "\n[gone](no-such-page.md)\n"))
    assert not build.ok
    assert "faq.md" in build.output and "no-such-page.md" in build.output


def test_missing_anchor_fails_and_names_the_page(variant):
    build = variant(lambda p: append(p / "docs/faq.md", "\n[gone](precautions.md#no-such-section)\n"))
    assert not build.ok
    assert "faq.md" in build.output and "no-such-section" in build.output


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_front_matter_field_fails_with_line_and_suggestion(variant):
    build = variant(lambda p: replace_in(p / "docs/faq.md", "reviewed:", "reviewd:"))
    assert not build.ok
    assert "docs/faq.md:" in build.output
    assert "unknown front-matter field 'reviewd'; did you mean 'reviewed'?" in build.output


@pytest.mark.parametrize(("grade", "hint"), [("strong", ""), ("suppotred", "; did you mean 'supported'?")])
def test_unknown_grade_fails_with_the_allowed_values_and_no_traceback(variant, grade, hint):
    build = variant(lambda p: replace_in(p / "docs/benefits/physical/knee-load.md",
                                         "evidence: some", f"evidence: {grade}"))
    assert not build.ok
    assert "docs/benefits/physical/knee-load.md:" in build.output
    assert (f"'{grade}' is not allowed{hint} (use one of: supported, some, disagree, untested, contradicted)"
            in build.output), build.output
    assert "Traceback" not in build.output


def test_a_misspelt_section_gets_the_nearest_one(variant):
    build = variant(lambda p: replace_in(p / "docs/benefits/walking/stroke.md",
                                         "category: walking", "category: walkng"))
    assert not build.ok
    assert "'walkng' is not allowed; did you mean 'walking'?" in build.output, build.output


def test_a_misspelt_value_in_a_data_file_gets_the_nearest_one(variant):
    build = variant(lambda p: replace_in(p / "data/bibliography.yml",
                                         "design: laboratory study", "design: laboratry study"))
    assert not build.ok
    assert re.search(r"data/bibliography\.yml:\d+: entry '\w+' field 'study\.design': 'laboratry study' is not "
                     r"allowed; did you mean 'laboratory study'\?", build.output), build.output


def findings(variant, build) -> list[str]:
    """What `make check` says of a build: the checker's lines."""
    return [f.text() for f in parse_output(Project(variant.project / "mkdocs.yml"), build.output)]


def test_a_broken_link_names_the_page_it_probably_meant(variant):
    # knee-arthritis.md is in benefits/walking/, not beside the FAQ.
    build = variant(lambda p: append(p / "docs/faq.md", "\nSee [knee arthritis](knee-arthritis.md).\n"))
    line = line_with(variant.project / "docs/faq.md", "(knee-arthritis.md)")
    assert (f"docs/faq.md:{line}: build: link 'knee-arthritis.md' points to a page that does not exist; "
            "did you mean 'benefits/walking/knee-arthritis.md'? (link to an existing .md file, relative to "
            "this page)") in findings(variant, build)


def test_a_deleted_page_names_the_nav_line_to_remove(variant):
    def delete(project):
        (project / "docs/benefits/walking/stroke.md").unlink()
        replace_in(project / "docs/benefits/physical/coordination-balance.md", "../walking/stroke.md", "../index.md")

    build = variant(delete)
    line = line_with(variant.project / "mkdocs.yml", ": benefits/walking/stroke.md")
    said = findings(variant, build)
    assert [f"mkdocs.yml:{line}: build: the nav lists 'benefits/walking/stroke.md', but "
            "docs/benefits/walking/stroke.md does not exist (remove this line from the nav, or point it at the "
            "page's new path; a page that was ever published also needs a redirect: see 'Merge, move or remove "
            "a page' in CONTRIBUTING.md)"] == [f for f in said if f.startswith("mkdocs.yml")], said
