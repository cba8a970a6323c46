"""Under GitHub Actions, the checker and the build put each finding on its
line in the pull request (workflow annotations) and list them on the run's
summary page. Elsewhere they print nothing of the kind.

The expected lines follow GitHub's documented workflow-command format
(`::error file=NAME,line=N,title=TITLE::MESSAGE`, with `%`, CR and LF escaped
in the message and also `:` and `,` in properties), written out by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import MKDOCS, ROOT, copy_project

from guide.checker.annotations import annotation, summary_table
from guide.checker.findings import WARNING, Finding

CHECKER = ROOT / "scripts" / "check_content.py"
BROKEN_LINK = "See [this](no-such-page.md)."


def test_an_error_becomes_one_workflow_command():
    finding = Finding("docs/faq.md", 12, "build", "link 'x.md' points to a page that does not exist",
                      "link to an existing .md file")
    assert annotation(finding) == ("::error file=docs/faq.md,line=12,title=build::"
                                   "link 'x.md' points to a page that does not exist (link to an existing .md file)")


def test_a_warning_is_a_warning_and_special_characters_are_escaped():
    finding = Finding("docs/a,b.md", 3, "readability", "grade 11: 100% too hard\nsplit it", "use: short words",
                      WARNING)
    assert annotation(finding) == ("::warning file=docs/a%2Cb.md,line=3,title=readability::"
                                   "grade 11: 100%25 too hard%0Asplit it (use: short words)")


def test_the_summary_table_has_a_row_per_finding():
    table = summary_table([Finding("docs/x.md", 4, "todo", "leftover | TODO", "finish it")], "Content checker")
    assert "### Content checker" in table and "1 error, 0 warnings." in table
    assert "| `docs/x.md` | 4 | todo | leftover \\| TODO | finish it |" in table


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("annotations") / "project")
    faq = project / "docs" / "faq.md"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("\n## ", f"\n{BROKEN_LINK}\n\n## ", 1), encoding="utf-8")
    line = faq.read_text(encoding="utf-8").splitlines().index(BROKEN_LINK) + 1
    return project, line


def _env(summary=None, actions=True):
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if actions:
        env["GITHUB_ACTIONS"] = "true"
    if summary:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return env


def test_the_build_annotates_a_broken_link_on_its_line(broken_project, tmp_path):
    project, line = broken_project
    summary = tmp_path / "summary.md"
    proc = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=project,
                          env=_env(summary), capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    expected = f"::error file=docs/faq.md,line={line},title=build::link 'no-such-page.md'"
    assert expected in proc.stdout, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"| `docs/faq.md` | {line} | build |" in summary.read_text(encoding="utf-8")


def test_the_checker_annotates_and_writes_one_summary(broken_project, tmp_path):
    project, line = broken_project
    summary = tmp_path / "summary.md"
    proc = subprocess.run([sys.executable, str(CHECKER), "--config", str(project / "mkdocs.yml")], cwd=ROOT,
                          env=_env(summary), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    annotations = [x for x in proc.stdout.splitlines() if x.startswith("::error ")]
    assert annotations == [f"::error file=docs/faq.md,line={line},title=build::link 'no-such-page.md' points "
                           "to a page that does not exist (link to an existing .md file, relative to this page)"]
    text = summary.read_text(encoding="utf-8")
    # The checker's own build must not add a second table.
    assert text.count("### ") == 1 and "### Content checker" in text, text


def test_nothing_is_annotated_outside_github_actions(broken_project, tmp_path):
    project, _ = broken_project
    proc = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=project,
                          env=_env(actions=False), capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "::error" not in proc.stdout + proc.stderr
