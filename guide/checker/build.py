"""Build the site into a temporary folder and turn the build's complaints
into findings, so a page that breaks the build is still reported by rule."""

from __future__ import annotations

import difflib
import os
import posixpath
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
NAV_MISSING = re.compile(r"A reference to '(?P<src>[^']+)' is included in the 'nav' configuration, "
                         r"which is not found in the documentation files")
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
    if "the guide's macros" in lowered or "jinja syntax error" in lowered or "unknown macro" in lowered:
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
                                    f"link '{m['href']}' points to a page that does not exist"
                                    f"{_page_hint(project, m['src'], m['href'])}",
                                    "link to an existing .md file, relative to this page"))
            continue
        if m := NAV_MISSING.search(text):
            findings.append(_nav_missing(project, m["src"]))
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


def _nearest_page(project: Project, target: str) -> str | None:
    """The existing page a link or nav line to target most likely meant: one
    of the same file name in another folder, else one whose name is close
    (a typo, a renamed page); None when no name is close."""
    pages = list(project.files)
    names = {posixpath.basename(p) for p in pages}
    name = posixpath.basename(target)
    close = [name] if name in names else difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    same_name = [p for p in pages if close and posixpath.basename(p) == close[0] and p != target]
    if not same_name:
        return None
    return (difflib.get_close_matches(target, same_name, n=1, cutoff=0) or same_name)[0]


def _page_hint(project: Project, src: str, href: str) -> str:
    """"; did you mean 'x'?" with a link, relative to page src, to the
    existing page nearest to what href names; or ""."""
    path, _, anchor = href.partition("#")
    here = posixpath.dirname(src)
    target = posixpath.normpath(posixpath.join(here, path))
    nearest = _nearest_page(project, target)
    if nearest is None or nearest == target:
        return ""
    link = posixpath.relpath(nearest, here or ".") + (f"#{anchor}" if anchor else "")
    return f"; did you mean '{link}'?"


def _nav_missing(project: Project, src: str) -> Finding:
    """A nav line whose page is gone (deleted, moved or renamed), at its line in mkdocs.yml."""
    config = project.config_file.read_text(encoding="utf-8")
    entry = re.search(rf"^[ \t]*-[ \t]*(?:[^\n]*:[ \t]+)?['\"]?{re.escape(src)}['\"]?[ \t]*$", config, re.M)
    line = config.count("\n", 0, entry.start()) + 1 if entry else 1
    nearest = _nearest_page(project, src)
    hint = f"; did you mean '{nearest}'?" if nearest else ""
    return Finding(project.rel(project.config_file), line, "build",
                   f"the nav lists '{src}', but docs/{src} does not exist{hint}",
                   "remove this line from the nav, or point it at the page's new path; a page that was "
                   "ever published also needs a redirect: see 'Merge, move or remove a page' in CONTRIBUTING.md")


def _find_in(project: Project, src: str, needle: str) -> int:
    page = project.read(src) if src in project.files else None
    return _find(page.text, needle) if page and page.text else 1
