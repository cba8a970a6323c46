"""Build the site into a temporary folder and turn the build's complaints
into findings, so a page that breaks the build is still reported by rule."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .findings import Finding, split_fix
from .project import Project

LOG_LINE = re.compile(r"^(?P<level>ERROR|WARNING)\s+-(?:\s+(?P<text>.*))?$")
# "macros: docs/x.md:12: message" or "docs/x.md:12: message"
WITH_LINE = re.compile(r"^(?:[\w.\-\[\] ]+: )?(?P<path>[^:\s][^:]*):(?P<line>\d+): (?P<message>.*)$")
BAD_ANCHOR = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<href>[^']+)', "
                        r"but the doc '(?P<target>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'")
BAD_LINK = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<href>[^']+)', but the target")
PAGE_ERROR = re.compile(r"Error (?P<what>reading|building) page '(?P<src>[^']+)': (?P<message>.*)$")
NOT_IN_NAV = "are not included in the \"nav\" configuration"

BUILD_TIMEOUT = 900  # seconds
STOPPED = "the build stopped at this page"
BUILD_FIX = "fix the page so `mkdocs build --strict` passes"


def run_build(project: Project, site_dir: Path) -> tuple[int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)  # the checker writes the job summary, not its inner build
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project.config_file),
               "--site-dir", str(site_dir)]
    try:
        proc = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True,
                              timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return 1, (f"ERROR    -  the build did not finish in {BUILD_TIMEOUT // 60} minutes "
                   "(run `make build` to see where it hangs)")
    return proc.returncode, proc.stdout + proc.stderr


def rule_for(message: str) -> str:
    """Which checker rule a build message belongs to."""
    lowered = message.lower()
    if "not utf-8" in lowered or "codec can't decode" in lowered or "byte-order mark" in lowered:
        return "encoding"
    if "html allowlist" in lowered or "in the built site" in lowered or "the theme reserves" in lowered \
            or "an id may not have" in lowered or "a class may not have" in lowered:
        return "safe-html"
    if "the guide's macros" in lowered or "jinja syntax error" in lowered:
        return "macros-only"
    if "type: benefit" in lowered:
        return "precautions-link"
    if "front matter" in lowered or "front-matter" in lowered:
        return "front-matter"
    if "unknown source" in lowered or "reference list" in lowered or "cite(" in lowered:
        return "references"
    return "build"


def _find(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _docs_path(project: Project, src: str) -> str:
    return project.rel(project.docs_dir / src)


def parse_output(project: Project, output: str) -> list[Finding]:
    findings: list[Finding] = []
    lines = output.splitlines()
    in_error = False
    for number, raw in enumerate(lines):
        match = LOG_LINE.match(raw.rstrip())
        if not match:
            # A build stopped by a plugin error (a broken data file, a
            # symlink) logs one ERROR line, then a "file:line: message" line
            # for each problem: report each where it is.
            if in_error and (m := WITH_LINE.match(raw.strip())):
                message, fix = split_fix(m["message"], BUILD_FIX)
                findings.append(Finding(m["path"], int(m["line"]), rule_for(m["message"]), message, fix))
            continue
        in_error = match["level"] == "ERROR"
        text = (match["text"] or "").strip()
        if not text:
            continue  # the problems follow on the next lines
        if NOT_IN_NAV in text:
            for item in lines[number + 1:]:
                if not item.startswith("  - "):
                    break
                src = item[4:].strip()
                findings.append(Finding(_docs_path(project, src), 1, "build",
                                        "the page is not in the nav, so readers cannot find it",
                                        "add it under `nav:` in mkdocs.yml"))
            continue
        if m := BAD_ANCHOR.search(text):
            rule = "precautions-link" if m["target"].endswith("precautions.md") else "build"
            findings.append(Finding(_docs_path(project, m["src"]), _find_in(project, m["src"], m["href"]), rule,
                                    f"link '{m['href']}' points to section '{m['anchor']}', "
                                    f"which {m['target']} does not have",
                                    "use an existing section id; the precautions page lists them"))
            continue
        if m := BAD_LINK.search(text):
            findings.append(Finding(_docs_path(project, m["src"]), _find_in(project, m["src"], m["href"]), "build",
                                    f"link '{m['href']}' points to a page that does not exist",
                                    "link to an existing .md file, relative to this page"))
            continue
        if m := PAGE_ERROR.search(text):
            message, fix = split_fix(f"{STOPPED}: {m['message']}", BUILD_FIX)
            findings.append(Finding(_docs_path(project, m["src"]), 1, rule_for(m["message"]), message, fix))
            continue
        if m := WITH_LINE.match(text):
            message, fix = split_fix(m["message"], BUILD_FIX)
            findings.append(Finding(m["path"], int(m["line"]), rule_for(m["message"]), message, fix))
            continue
        if text.startswith("Aborted with") or "Encoding error reading file" in text:
            continue  # the summary of what is already reported, or said again just below
        message, fix = split_fix(text, BUILD_FIX)
        findings.append(Finding(project.rel(project.config_file), 1, "build", message, fix))
    return findings


def _find_in(project: Project, src: str, needle: str) -> int:
    page = project.read(src) if src in project.files else None
    return _find(page.text, needle) if page and page.text else 1
