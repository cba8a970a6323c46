"""guide/tools/chromium.py finds the browser the way contributors and CI expect."""

from __future__ import annotations

import os
import stat

import pytest

from guide.tools.chromium import find_chromium


@pytest.fixture
def no_browser_env(monkeypatch, tmp_path):
    for var in ("CHROMIUM", "CHROME_PATH"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH but what a test adds
    return tmp_path


def fake_browser(folder, name):
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_variable_wins_over_path(no_browser_env, monkeypatch):
    fake_browser(no_browser_env, "chromium")
    chosen = fake_browser(no_browser_env, "my-chrome")
    monkeypatch.setenv("CHROME_PATH", chosen)
    assert find_chromium() == chosen


def test_usual_names_on_path(no_browser_env):
    expected = fake_browser(no_browser_env, "google-chrome-stable")
    assert find_chromium() == expected


def test_nothing_found_is_none(no_browser_env):
    assert find_chromium() is None


def test_variable_pointing_nowhere_is_a_clear_error(no_browser_env, monkeypatch):
    fake_browser(no_browser_env, "chromium")
    monkeypatch.setenv("CHROMIUM", os.path.join(str(no_browser_env), "nope"))
    with pytest.raises(FileNotFoundError, match="CHROMIUM=.*not a runnable browser"):
        find_chromium()
