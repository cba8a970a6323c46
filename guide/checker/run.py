"""Put it together: build (or read) the site, scan each page, run each rule."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .build import STOPPED, parse_output, run_build
from .findings import Finding
from .project import Project
from .check_pages import check_pages
from .rules import references


def check(project: Project, names: list[str], site_dir: Path | None = None) -> tuple[list[Finding], int]:
    """(findings, pages checked) for the pages named, or the whole site."""
    chosen = project.select(names)
    from_build: list[Finding] = []
    if site_dir is not None:
        findings, unrendered = _check_site(project, chosen, site_dir, not names, built=False)
    else:
        with tempfile.TemporaryDirectory(prefix="check-content-") as tmp:
            code, output = run_build(project, Path(tmp))
            findings, unrendered = _check_site(project, chosen, Path(tmp), not names, built=True)
        if code:
            from_build = parse_output(project, output) or [_build_failed(project, output)]
    findings = merge(findings, unrendered, from_build)
    if not names:
        return findings, len(chosen)  # the whole site: every file under docs/ too, not only its pages
    # Findings about the pages asked for, plus those about shared files.
    in_scope = {project.rel(project.files[src]) for src in chosen}
    docs = project.rel(project.docs_dir) + "/"
    return [f for f in findings if f.path in in_scope or not f.path.startswith(docs)], len(chosen)


def merge(findings: list[Finding], unrendered: list[Finding], from_build: list[Finding]) -> list[Finding]:
    """The rules' findings, plus what only the build could tell.

    The build repeats much of what a rule already found (same file and line,
    and the same rule or none of its own): the rule's wording wins. A page
    the build stopped at needs no second "not rendered" finding.
    """
    stopped = {f.path for f in from_build if f.message.startswith(STOPPED)}
    unrendered = [f for f in unrendered if f.path not in stopped]
    kept = findings + unrendered
    seen = {(f.path, f.line, f.rule) for f in kept}
    placed = {(f.path, f.line) for f in kept}
    for finding in from_build:
        # The build can say one thing twice (the page check, then the
        # verification pass on the built page): one finding per place and
        # rule; and where a rule has placed a finding, the build's own
        # "build" finding on that line says nothing more.
        if (finding.path, finding.line, finding.rule) in seen or \
                (finding.rule == "build" and (finding.path, finding.line) in placed):
            continue
        seen.add((finding.path, finding.line, finding.rule))
        kept.append(finding)
    return sorted(set(kept))


def _build_failed(project: Project, output: str) -> Finding:
    last = next((x for x in reversed(output.splitlines()) if x.strip()), "no output")
    return Finding(project.rel(project.config_file), 1, "build", f"the build failed: {last.strip()}",
                   "run `make build` to see the full log")


def _check_site(project: Project, chosen: list[str], site_dir: Path, whole_site: bool,
                built: bool) -> tuple[list[Finding], list[Finding]]:
    """(the rules' findings, pages with no rendered HTML)."""
    result = check_pages(project, site_dir, chosen, built)
    unrendered = result.unrendered
    if built and unrendered and not result.rendered:
        # Nothing was written: one line says so better than one per page.
        unrendered = [Finding(project.rel(project.config_file), 1, "build",
                              "the build stopped before writing any page, so no rendered checks ran",
                              "fix the other findings listed here, then run the checker again")]
    findings = result.findings
    if whole_site:
        findings += references.unused(project, result.cited)
    return findings, unrendered
