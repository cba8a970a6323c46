"""Read every page's source and rendered HTML, on every core for a large site.

Parsing front matter and HTML is most of the checker's work. Pages are
independent, so a 1,000-page site is split across processes. A small site
stays in one process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .html_scan import PageScan, scan_page
from .project import Page, Project
from .rules.readability import grade_of

PARALLEL_FROM = 200  # pages


def _scan(file: Path) -> PageScan | None:
    try:
        html = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    scan = scan_page(html)
    scan.grade = grade_of(scan.prose)
    return scan


# Set before the workers fork, so each inherits it instead of receiving a copy.
_job: tuple[Project, Path, set[str]] | None = None


def _work(src: str) -> tuple[Page, PageScan | None]:
    project, site_dir, wanted = _job
    page = project.read(src)
    return page, _scan(site_dir / page.html) if src in wanted else None


def load(project: Project, site_dir: Path, wanted: set[str]) -> dict[str, PageScan | None]:
    """Read every page's source into project.pages, and scan the rendered
    pages wanted: {src: scan, or None when the page was not rendered}."""
    global _job
    _job = (project, site_dir, wanted)
    sources = list(project.files)
    workers = min(os.cpu_count() or 1, 4)
    try:
        # fork: workers inherit the imports already done (no re-import cost).
        context = multiprocessing.get_context("fork") if len(sources) >= PARALLEL_FROM and workers > 1 else None
    except ValueError:  # no fork on this platform
        context = None
    if context is None:
        results = list(map(_work, sources))
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = list(pool.map(_work, sources, chunksize=max(1, len(sources) // (workers * 4))))
    _job = None
    project.pages = {page.src: page for page, _ in results}
    return {page.src: scan for page, scan in results if page.src in wanted}
