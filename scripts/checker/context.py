"""What every rule gets to look at: the pages in scope and their rendered scans."""

from __future__ import annotations

from dataclasses import dataclass, field

from .html_scan import PageScan
from .project import Page, Project


@dataclass
class Context:
    project: Project
    pages: list[Page]                 # the pages to report on
    scans: dict[str, PageScan]        # rendered pages, by docs-relative source path
    whole_site: bool                  # site-wide rules (unused sources) only then
    extra: dict = field(default_factory=dict)

    def line_of(self, page: Page, needle: str) -> int:
        """Best-effort source line of the text a finding is about; 1 if not found."""
        if not page.text or not needle:
            return 1
        index = page.text.find(needle)
        return page.text.count("\n", 0, index) + 1 if index >= 0 else 1
