"""The Zensical canary: build the guide with Zensical, verify what comes out.

    python scripts/zensical_canary.py     (what `make canary` runs)

Material for MkDocs reaches end of life on 5 May 2027; its authors'
successor is Zensical. Zensical reads mkdocs.yml but runs none of our
MkDocs hooks, and its template engine is not Jinja. This command shows,
before anyone moves, which of the guide's promises would silently vanish.

It copies the project into .cache/zensical/ and builds the copy with the
pinned Zensical (requirements-zensical.txt, in .venv-zensical), in stages,
each dropping what the stage before could not run:

1. the project as it is;
2. without the macros plugin (Zensical's own macros extension loads
   hooks/page_macros.py but hands it objects that are not MkDocs');
3. also without overrides/ (Zensical renders templates with MiniJinja,
   which lacks Python's string methods).

Then the verification pass (guide/boundary/built_site.py) reads the last
site written, with Zensical's own templates as the theme. It prints each
stage's outcome and the problems grouped by kind, and exits 1 when
Zensical could not build the project as it is or the pass found anything:
the CI job that runs it is allowed to fail, and named so.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .. import content
from ..boundary import built_site
from .project_copy import copy_project

STAGES = (
    ("the project as it is", ()),
    ("without the macros plugin", ("macros",)),
    ("without the macros plugin and overrides/", ("macros", "overrides")),
)
TIMEOUT = 600


def without(config: str, parts) -> str:
    """mkdocs.yml's text without the macros plugin and/or custom_dir."""
    if "macros" in parts:
        config = re.sub(r"^  - macros:\n(?:    .*\n|[ \t]*#.*\n)*", "", config, flags=re.M)
    if "overrides" in parts:
        config = re.sub(r"^  custom_dir: overrides\n", "", config, flags=re.M)
    return config


def zensical_templates(python: Path) -> Path:
    out = subprocess.run([str(python), "-c", "import os, zensical; print(os.path.dirname(zensical.__file__))"],
                         capture_output=True, text=True, check=True)
    return Path(out.stdout.strip()) / "templates"


def last_error(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["no output"])[-1][:200]


def build(zensical: Path, project: Path) -> tuple[int, str]:
    shutil.rmtree(project / "site", ignore_errors=True)
    env = {**os.environ, "NO_COLOR": "1"}
    try:
        proc = subprocess.run([str(zensical), "build", "-f", "mkdocs.yml"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return 1, f"did not finish in {TIMEOUT} s"
    return proc.returncode, proc.stdout + proc.stderr


def kind(message: str) -> str:
    """A finding's message without its particulars, to count alike ones."""
    message = re.sub(r"\(line \d+ of the built page\)", "", message)
    return re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", message).strip()


def main(argv=None, root: Path | None = None) -> int:
    root = Path(root or Path.cwd())
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, default=root / ".venv-zensical",
                        help="the virtual environment Zensical is installed in (default: .venv-zensical)")
    parser.add_argument("--work", type=Path, default=root / ".cache" / "zensical",
                        help="where the copy is built (default: .cache/zensical)")
    args = parser.parse_args(argv)
    zensical = args.venv / "bin" / "zensical"
    if not zensical.exists():
        print(f"zensical_canary.py: {zensical} is missing; run `make canary`, which installs it", file=sys.stderr)
        return 2
    shutil.rmtree(args.work, ignore_errors=True)
    project = copy_project(args.work / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    print("Zensical canary: which of the guide's promises survive a build with Zensical")
    built_as_is = False
    for number, (label, dropped) in enumerate(STAGES, 1):
        (project / "mkdocs.yml").write_text(without(config, dropped), encoding="utf-8")
        code, output = build(zensical, project)
        pages = sum(1 for _ in (project / "site").rglob("*.html")) if (project / "site").is_dir() else 0
        outcome = "built" if code == 0 else f"failed: {last_error(output)}"
        print(f"  stage {number}, {label}: {outcome} ({pages} pages written)")
        built_as_is = built_as_is or (number == 1 and code == 0)
        if code == 0:
            break
    site = project / "site"
    if not site.is_dir():
        print("No site was written, so nothing could be verified.")
        return 1
    theme = [project / "overrides", zensical_templates(args.venv / "bin" / "python")]
    checked = built_site.project_for(project, theme, site_prefix="site", expected=content.expected_output(project))
    findings = built_site.verify(site, checked)
    kinds = collections.Counter(kind(f.message) for f in findings)
    examples = {}
    for finding in findings:
        examples.setdefault(kind(finding.message), finding)
    print(f"\nThe verification pass on Zensical's output: {len(findings)} problems, {len(kinds)} kinds")
    for message, count in kinds.most_common():
        print(f"  {count:5} × {message}\n          e.g. {examples[message]}")
    return 0 if built_as_is and not findings else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
