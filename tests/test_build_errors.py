"""A contributor's typo stops the build and the message names the page."""

from __future__ import annotations


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


def test_unknown_grade_fails_with_the_allowed_values_and_no_traceback(variant):
    build = variant(lambda p: replace_in(p / "docs/benefits/physical/knee-load.md",
                                         "evidence: some", "evidence: strong"))
    assert not build.ok
    assert "docs/benefits/physical/knee-load.md:" in build.output
    assert "'strong' is not allowed; use one of: supported, some, disagree, untested, contradicted" in build.output
    assert "Traceback" not in build.output
