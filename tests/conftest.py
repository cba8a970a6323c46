"""Shared fixtures: the real site built once, and throw-away variants of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT, copy_project, run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strictly once per test session."""
    site = tmp_path_factory.mktemp("site")
    build = run_build(ROOT, site)
    assert build.ok, f"the real site does not build:\n{build.output}"
    return site


@pytest.fixture
def variant(tmp_path):
    """A copy of the project to break on purpose: variant(edit) -> Build."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")

    def build(edit=None) -> Build:
        if edit:
            edit(project)
        return run_build(project, tmp_path / "site")

    build.project = project
    return build
