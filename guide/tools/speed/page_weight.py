"""What each built page weighs on the wire, against the first round trip.

A new connection sends about ten TCP segments before it waits for the
browser's answer: about 14.6 KB, of which the response headers take a few
hundred bytes. A page whose compressed HTML fits in that paints a round
trip sooner on a slow connection, so every benefit page (the walking
pages about a condition included) must fit: at most 14,000 bytes, gzip at
level 6, as our test server and GitHub Pages send it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

FIRST_ROUND_TRIP = 14_000  # bytes of compressed HTML
LEVEL = 6
# Half of search_index.json before issue 29 (597,485 bytes): the reference
# lists, a record repeated on every page that cited it, were two thirds of it.
SEARCH_INDEX_GOAL = 597_485 // 2


def benefit_addresses(docs: Path) -> set[str]:
    """The address of every benefit page (type: benefit) among a project's pages."""
    from ...records.pages import read_page
    from ...records.store import Records

    records = Records(docs.parent)
    found = set()
    for path in (docs / "benefits").rglob("*.md"):
        meta, _, _ = read_page(path, docs, records)
        if meta.get("type") == "benefit":
            found.add(path.relative_to(docs).as_posix()[:-3] + "/")
    return found


def compressed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=LEVEL, mtime=0))


def weigh(site: Path, benefit_addresses: set[str]) -> dict:
    """Every page's compressed size; the benefit pages against the first round trip."""
    pages = {}
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        pages["" if folder == "." else folder + "/"] = compressed(html)
    over = {a: pages.get(a) for a in sorted(benefit_addresses) if pages.get(a, FIRST_ROUND_TRIP + 1) > FIRST_ROUND_TRIP}
    index = site / "search" / "search_index.json"
    return {"pages": pages, "benefit_pages": len(benefit_addresses), "over_first_round_trip": over,
            "first_round_trip": FIRST_ROUND_TRIP, "largest_benefit": max(
                ((pages.get(a, 0), a) for a in benefit_addresses), default=(0, "")),
            "search_index_bytes": index.stat().st_size if index.is_file() else None,
            "search_index_goal": SEARCH_INDEX_GOAL}


def summary(result: dict) -> str:
    from .report import verdict
    size, (largest, where) = result["search_index_bytes"], result["largest_benefit"]
    over = result["over_first_round_trip"]
    return (f"Search index: {size:,} bytes (goal <= {SEARCH_INDEX_GOAL:,}, half of the 597,485 before "
            f"issue 29: {verdict(size is not None and size <= SEARCH_INDEX_GOAL)}).\n"
            f"Benefit pages within the first round trip ({FIRST_ROUND_TRIP:,} bytes gzip -{LEVEL}): "
            f"{result['benefit_pages'] - len(over)} of {result['benefit_pages']} ({verdict(not over)}); "
            f"the largest, /{where}, {largest:,} bytes." + (f" Over: {over}." if over else ""))
