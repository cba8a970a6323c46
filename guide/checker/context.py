"""What every rule gets to look at: some pages and their rendered scans."""

from __future__ import annotations

from dataclasses import dataclass, field

from .html_scan import PageScan
from .project import Page, Project


@dataclass
class Context:
    project: Project
    pages: list[Page]                 # the pages to report on (one chunk of them)
    scans: dict[str, PageScan]        # rendered pages, by docs-relative source path
    precautions: Page | None = None   # the page every benefit page must link to
    # Sources cited on these pages, noted by the references rule so the
    # site-wide "cited by no page" check needs no second pass.
    cited: set[str] = field(default_factory=set)

    def line_of(self, page: Page, needle: str) -> int:
        """Best-effort source line of the text a finding is about; 1 if not found."""
        if not page.text or not needle:
            return 1
        index = page.text.find(needle)
        return page.text.count("\n", 0, index) + 1 if index >= 0 else 1
