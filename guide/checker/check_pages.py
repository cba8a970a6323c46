"""Read and check the pages in chunks, on every core for a large site.

Parsing front matter and HTML is most of the checker's work, and the rules
judge one page at a time. So each chunk of pages is read, scanned and
checked where it is, and only the findings travel back. A small site stays
in one process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError
from .context import Context
from .findings import Finding
from .html_scan import PageScan, scan_page
from .project import Page, Project
from .rules import RULES
from .rules.precautions_link import PRECAUTIONS
from .rules.readability import grade_of

PARALLEL_FROM = 200  # pages


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    unrendered: list[Finding] = field(default_factory=list)  # pages with no HTML
    cited: set[str] = field(default_factory=set)
    rendered: int = 0

    def add(self, other: Result) -> Result:
        self.findings += other.findings
        self.unrendered += other.unrendered
        self.cited |= other.cited
        self.rendered += other.rendered
        return self


def _scan(file: Path) -> PageScan | None:
    try:
        html = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    scan = scan_page(html)
    scan.grade = grade_of(scan.prose)
    return scan


# Set before the workers fork, so each inherits it instead of receiving a copy.
_job: tuple[Project, Path, bool] | None = None
_target: tuple[Page, PageScan | None] | None = None  # the precautions page, once per process


def _precautions() -> tuple[Page | None, PageScan | None]:
    global _target
    project, site_dir, _ = _job
    if PRECAUTIONS not in project.files:
        return None, None
    if _target is None:
        page = project.read(PRECAUTIONS)
        _target = (page, _scan(site_dir / page.html))
    return _target


def _check_chunk(sources: list[str]) -> Result:
    project, site_dir, built = _job
    pages = [project.read(src) for src in sources]
    scans = {page.src: scan for page in pages if (scan := _scan(site_dir / page.html)) is not None}
    precautions, target = _precautions()
    if target is not None:
        scans.setdefault(PRECAUTIONS, target)
    context = Context(project, pages, scans, precautions)
    result = Result(findings=[finding for rule in RULES for finding in rule.check(context)],
                    cited=context.cited, rendered=sum(page.src in scans for page in pages))
    fix = "fix the build errors listed here" if built else "rebuild the site, or run the checker without --site-dir"
    result.unrendered = [Finding(page.path, 1, "build", f"no rendered page at {page.html}, so its rendered "
                                 "checks were skipped", fix)
                         for page in pages if page.src not in scans and page.text is not None]
    return result


def check_pages(project: Project, site_dir: Path, sources: list[str], built: bool) -> Result:
    """Every rule's findings on the pages given, read from source and site_dir."""
    global _job, _target
    _job, _target = (project, site_dir, built), None
    try:
        project.records.bibliography()  # read once here, so forked workers inherit it
    except ContentError:
        pass  # the references rule reports it
    workers = min(os.cpu_count() or 1, 4)
    context = None
    if len(sources) >= PARALLEL_FROM and workers > 1:
        try:
            # fork: workers inherit the imports and data already loaded.
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform
            pass
    size = max(1, len(sources) // (workers * 4))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    try:
        if context is None:
            results = map(_check_chunk, chunks)
            return _sum(results)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return _sum(pool.map(_check_chunk, chunks))
    finally:
        _job = _target = None


def _sum(results) -> Result:
    total = Result()
    for result in results:
        total.add(result)
    return total
