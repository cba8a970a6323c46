"""site/ only ever holds a complete, successful build (scripts/build_site.py).

A failed `mkdocs build --strict` still writes every page, so a later
`make handout` printed PDFs from a broken site and exited 0. These tests
break a copy of the project and check that site/ is never touched by a
failed build, and that `make build` and `make handout` (which the deploy
workflow runs) stop without a site to publish or print.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT, copy_project

BUILD_SITE = ROOT / "scripts" / "build_site.py"
VENV = Path(sys.executable).parent.parent
BROKEN = "\n[gone](no-such-page.md)\n"  # strict: a warning, so MkDocs writes the site and then fails


def build_site(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, str(BUILD_SITE), "--site-dir", str(site),
                           "--config-file", str(project / "mkdocs.yml")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def break_page(project: Path) -> None:
    with open(project / "docs/faq.md", "a", encoding="utf-8") as f:
        f.write(BROKEN)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = build_site(project, site)
    assert first.returncode == 0, first.stdout + first.stderr
    good_faq = (site / "faq/index.html").read_text(encoding="utf-8")
    (site / "marker.txt").write_text("from the good build")

    break_page(project)
    failed = build_site(project, site)
    assert failed.returncode != 0
    assert "no-such-page.md" in failed.stdout + failed.stderr
    assert "was left as it was" in failed.stderr
    # The same folder, the same pages: nothing of the failed build got in.
    assert (site / "marker.txt").read_text() == "from the good build"
    assert (site / "faq/index.html").read_text(encoding="utf-8") == good_faq
    assert leftovers(tmp_path) == []


def test_a_successful_build_replaces_the_whole_site(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an old build")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "faq/index.html").is_file()
    assert leftovers(tmp_path) == []


def make_project(tmp_path: Path) -> Path:
    """A copy that `make` can run in, using this checkout's .venv as it is."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)  # part of scripts/ is a build input, copied already
    return project


def make(project: Path, target: str) -> subprocess.CompletedProcess:
    installed = VENV / "bin" / ".installed"
    # -o: take the environment as installed; never reinstall the shared .venv.
    return subprocess.run(["make", "-C", str(project), target, f"VENV={VENV}", "-o", str(installed)],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "GUIDE_PDF": "skip"})


def test_make_handout_and_make_build_never_use_a_failed_build(tmp_path):
    project = make_project(tmp_path)
    break_page(project)
    for target in ("handout", "build", "handout"):  # twice: the failed build must not count as fresh
        result = make(project, target)
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"make {target} passed on a broken page:\n{output}"
        assert not (project / "site").exists(), f"make {target} left a site/ behind:\n{output}"
        assert "Handout PDFs" not in output and "safety-handout" not in output, output


def test_the_deploy_publishes_only_what_make_build_made():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert [r for r in runs if r] == ["make build"], runs
    assert runs.index("make build") < upload
    assert steps[upload]["with"]["path"].rstrip("/") == "site"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/build_site.py" in recipe and "mkdocs build" not in recipe


def test_a_build_stopped_by_sigterm_stops_its_mkdocs_and_leaves_no_work_folder(tmp_path):
    """SIGTERM (CI cancelling a job) used to end build_site.py at once: its
    mkdocs build went on writing into a .site-new-* folder nobody deleted."""
    import signal
    import time

    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, str(BUILD_SITE), "--site-dir", str(site),
                             "--config-file", str(project / "mkdocs.yml")],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the build has started writing
    assert leftovers(tmp_path), "the build never started"
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "stopped by signal" in err
    time.sleep(0.5)
    assert leftovers(tmp_path) == []
    assert not site.exists()
    still = subprocess.run(["pgrep", "-f", "--", f"--site-dir {tmp_path}"], capture_output=True, text=True).stdout
    assert still.strip() == "", f"a build is still running: {still}"
