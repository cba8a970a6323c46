"""`make test` on a fresh machine: no browser, or a site that does not build.

Without Chromium the tests that can run pass, and the run ends with one line
that says how many browser checks were skipped and how to install Chromium;
with CI=true a missing browser fails. A site that does not build stops the
run once, with its findings, instead of failing every test that reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import ROOT, build_or_stop, copy_project

HARNESS = "tests/browser/test_harness.py"  # three browser checks, quick to collect


def pytest_without_a_browser(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "CHROMIUM", "CHROME_PATH")}
    # No browser on PATH; the interpreter and mkdocs run from sys.executable.
    environ.update(PATH=str(tmp_path / "empty-bin"), **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=ROOT,
                          env=environ, capture_output=True, text=True, timeout=600)


def test_without_a_browser_the_run_passes_and_says_what_was_skipped(tmp_path):
    result = pytest_without_a_browser(tmp_path, HARNESS)
    assert result.returncode == 0, result.stdout[-3000:]
    tail = result.stdout.strip().splitlines()[-3:]
    assert any(line.startswith("3 browser checks skipped: no Chromium or Chrome found. Install it")
               and "sudo apt-get install chromium" in line for line in tail), "\n".join(tail)


def test_with_ci_true_a_missing_browser_fails(tmp_path):
    result = pytest_without_a_browser(tmp_path, HARNESS, CI="true")
    assert result.returncode == 1, result.stdout[-3000:]
    assert "No Chromium or Chrome found" in result.stdout


def test_a_site_that_does_not_build_stops_the_run_once_with_its_findings(tmp_path):
    project = copy_project(tmp_path / "project")
    faq = project / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8").replace("\n## ", "\nSee [this](no-such-page.md).\n\n## ", 1),
                   encoding="utf-8")
    with pytest.raises(pytest.exit.Exception) as stopped:
        build_or_stop(project, tmp_path / "site")
    message = str(stopped.value)
    assert "docs/faq.md:" in message and "no-such-page.md" in message, message
    assert len(message.splitlines()) < 10, message
