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


def compressed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=LEVEL, mtime=0))


def weigh(site: Path, benefit_addresses: set[str]) -> dict:
    """Every page's compressed size; the benefit pages against the first round trip."""
    pages = {}
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        pages["" if folder == "." else folder + "/"] = compressed(html)
    over = {a: pages[a] for a in sorted(benefit_addresses) if pages.get(a, 0) > FIRST_ROUND_TRIP}
    index = site / "search" / "search_index.json"
    return {"pages": pages, "benefit_pages": len(benefit_addresses), "over_first_round_trip": over,
            "first_round_trip": FIRST_ROUND_TRIP, "largest_benefit": max(
                ((pages.get(a, 0), a) for a in benefit_addresses), default=(0, "")),
            "search_index_bytes": index.stat().st_size if index.is_file() else None}
