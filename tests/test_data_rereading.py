"""A data file is parsed and checked again only when its bytes changed
(guide/records/store.py, guide/boundary/allowlist_report.py): `make serve`
reads every data file again after a save of one. Each reading must still
be its own, and see every change."""

from __future__ import annotations

import pytest

from guide.boundary import allowlist_report
from guide.errors import ContentError


def test_each_reading_gets_its_own_entries(data_copy):
    # safety() hands out the entries as read (bibliography() copies each).
    for reader in range(3):  # the first reads the file; the others reuse that reading
        entries = data_copy.records().safety()
        assert entries["health-check"]["title"] == "Ask a professional first", reader
        entries["health-check"]["title"] = f"Changed by reader {reader}"


def test_a_changed_file_is_read_again(data_copy):
    assert "ask-first" not in data_copy.records().safety()
    path = data_copy / "safety.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: health-check", "- id: ask-first", 1),
                    encoding="utf-8")
    assert "ask-first" in data_copy.records().safety()
    path.write_text(path.read_text(encoding="utf-8").replace("- id: ask-first", "- id: [ask-first", 1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="safety.yml"):
        data_copy.records().safety()


def test_a_changed_schema_checks_the_file_again(data_copy):
    data_copy.records().safety()
    schema = data_copy.parent / "schemas/safety.schema.json"
    text = schema.read_text(encoding="utf-8")
    assert '"required": [' in text
    schema.write_text(text.replace('"required": [', '"required": ["no_such_field", ', 1), encoding="utf-8")
    with pytest.raises(ContentError, match="no_such_field"):
        data_copy.records().safety()


def test_html_added_to_a_data_file_is_found_at_the_next_check(data_copy):
    root = data_copy.parent
    assert allowlist_report.data_problems(root) == []
    path = data_copy / "safety.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Ask a professional first", "title: Ask <script>alert(1)</script> first", 1), encoding="utf-8")
    problems = allowlist_report.data_problems(root)
    assert problems and all(p.startswith("data/safety.yml:") for p in problems), problems


def test_only_the_latest_version_of_a_file_is_kept(data_copy):
    from guide.records import store

    path = data_copy / "safety.yml"
    text = path.read_text(encoding="utf-8")
    for n in range(3):  # a contributor saving the same file again and again
        path.write_text(text.replace("title: Ask a professional first", f"title: Ask professional {n}", 1),
                        encoding="utf-8")
        data_copy.records().safety()
    kept = [key for key in store._valid_files if key[0] == path.resolve()]
    assert len(kept) == 1, kept
