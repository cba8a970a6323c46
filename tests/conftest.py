"""Shared fixtures: the real site built once, and throw-away variants of it.
Also the run's last word on browser checks that could not run."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from guide.records.store import Records
from guide.tools.chromium import missing_browser_message
from support import ROOT, build_or_stop, copy_project, run_build


def pytest_configure(config):
    # Under GitHub Actions the builds and checker runs that tests break on
    # purpose must not add annotations or job-summary tables to the real run
    # (tests/test_annotations.py sets these itself).
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        os.environ.pop(name, None)
    # Every build in one run gets the same build date (MkDocs writes it into
    # sitemap.xml and the gzip header of sitemap.xml.gz). Without this, a run
    # that crosses midnight compares a site built yesterday with one built
    # today and reports a difference that no change made.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strictly once per test session."""
    return build_or_stop(ROOT, tmp_path_factory.mktemp("site"))


class DataCopy(type(ROOT)):
    """A copy of data/ (with the schemas beside it) to break on purpose;
    records() reads it as the build would."""

    def records(self) -> Records:
        return Records(self.parent)


@pytest.fixture
def data_copy(tmp_path) -> DataCopy:
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return DataCopy(tmp_path / "data")


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


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_sessionfinish(session):
    # After pytest's own summary, so it is the run's last line: what was not
    # checked, and the fix. (With CI=true a missing browser fails instead.)
    yield
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    reason = missing_browser_message()
    skipped = [r for r in reporter.stats.get("skipped", []) if reason in str(r.longrepr)]
    if skipped:
        reporter.write_line(
            f"{len(skipped)} browser check{'s' if len(skipped) != 1 else ''} skipped: no Chromium or Chrome "
            "found. Install it (Debian or Ubuntu: sudo apt-get install chromium) or set CHROMIUM to its "
            "path, then run make test again.", yellow=True, bold=True)
