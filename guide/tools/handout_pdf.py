"""Print the safety handout of a built site to one-page PDFs (A4 and US Letter).

    python scripts/build_pdfs.py --site-dir site

Writes site/downloads/safety-handout-a4.pdf and safety-handout-letter.pdf by
printing site/handout/ in headless Chromium, the engine readers print with.
The site is served on 127.0.0.1 and every other request is blocked, so
nothing is fetched from the network.

The handout must fit on one sheet. If it does not, the PDF is deleted and
the script exits 1, naming the format and how far the content runs over.
It must also say what data/safety.yml says: the text of each printed PDF
is read back (pypdf) and must hold every callout's title and body, word
for word. A page that hides a group on paper only, or swaps it for other
words, fails here even if the screen looks right.

No browser: with GUIDE_PDF=skip (as `make serve` sets) one line says the
PDFs were skipped and the script exits 0; otherwise, and always when
CI=true, a missing browser is an error.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .chromium import LAUNCH_ARGS, find_chromium, missing_browser_message
from .subpath_server import SiteServer

HANDOUT = "handout/"
DOWNLOADS = "downloads"
# Keep equal to the @page margin in overrides/assets/stylesheets/print.css.
MARGIN_MM = 10
PX_PER_MM = 96 / 25.4
FIX = ("shorten a callout in data/safety.yml, or the plan in data/handout.yml, "
       "or tighten overrides/assets/stylesheets/handout.css")


@dataclass(frozen=True)
class Format:
    name: str        # Playwright's paper name
    label: str       # what a reader calls it
    slug: str
    width_mm: float
    height_mm: float

    @property
    def filename(self) -> str:
        return f"safety-handout-{self.slug}.pdf"


FORMATS = (
    Format("A4", "A4", "a4", 210, 297),
    Format("Letter", "US Letter", "letter", 215.9, 279.4),
)


class HandoutError(Exception):
    """A problem the contributor must fix; str() is the whole message."""


def skipping_allowed() -> bool:
    return os.environ.get("GUIDE_PDF") == "skip" and os.environ.get("CI", "").lower() != "true"


def sub_path(site: Path) -> str:
    """The path the site is published under, read from the handout's canonical link."""
    page = site / HANDOUT / "index.html"
    if not page.is_file():
        raise HandoutError(f"{page} is missing: build the site first (make build), "
                           "and keep docs/handout.md in the nav")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
    path = urlsplit(match.group(1)).path if match else "/" + HANDOUT
    return path[: -len(HANDOUT)] if path.endswith(HANDOUT) else "/"


def page_count(pdf: bytes) -> int:
    """Pages in a PDF from Chromium, read from its page tree's /Count.

    The tests re-check every PDF with pypdf; this avoids making a PDF
    library a build dependency.
    """
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)
    if not counts:
        raise HandoutError("could not read the page count of the PDF Chromium wrote")
    return max(int(c) for c in counts)


def measure(page, fmt: Format) -> float:
    """How tall the printed handout is, in mm, laid out at fmt's text width."""
    width_px = round((fmt.width_mm - 2 * MARGIN_MM) * PX_PER_MM)
    page.set_viewport_size({"width": width_px, "height": 200})
    height_px = page.evaluate("""() => {
        // Hidden chrome has no box; the content's bottom is the sheet's end.
        const main = document.querySelector('.md-main') || document.body;
        return main.getBoundingClientRect().bottom + window.scrollY;
    }""")
    return height_px / PX_PER_MM


def _squeezed(text: str) -> str:
    """Text with no spaces, line breaks or soft hyphens: a PDF's text comes
    back with its lines broken wherever the sheet broke them."""
    return re.sub(r"[\s\u00ad]+", "", text).casefold()


def missing_callouts(pdf: bytes, callouts: dict[str, dict]) -> list[str]:
    """The callouts of data/safety.yml whose title or body the printed PDF
    does not hold, word for word."""
    from pypdf import PdfReader

    printed = _squeezed(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))
    return [callout_id for callout_id, entry in callouts.items()
            if _squeezed(entry["title"]) not in printed or _squeezed(entry["body"]) not in printed]


def print_format(page, fmt: Format, out_dir: Path, callouts: dict[str, dict] | None = None) -> str:
    """Write one PDF; return a line for the log, or raise HandoutError."""
    used_mm = measure(page, fmt)
    room_mm = fmt.height_mm - 2 * MARGIN_MM
    pdf = page.pdf(format=fmt.name, print_background=False, prefer_css_page_size=False,
                   margin={side: f"{MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")})
    pages = page_count(pdf)
    target = out_dir / fmt.filename
    if pages != 1 or used_mm > room_mm:
        target.unlink(missing_ok=True)  # never leave a two-page handout to publish
        over = max(used_mm - room_mm, 0)
        amount = f"by {over:.0f} mm" if over >= 0.5 else "by less than 1 mm"
        raise HandoutError(f"{fmt.filename}: the handout overflows {fmt.label} {amount} "
                           f"({pages} page{'s' if pages != 1 else ''}); {FIX}")
    missing = missing_callouts(pdf, callouts) if callouts else []
    if missing:
        target.unlink(missing_ok=True)  # never publish a sheet that leaves safety advice out
        raise HandoutError(f"{fmt.filename}: the printed handout does not show the safety callout"
                           f"{'s' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)} of "
                           "data/safety.yml word for word; docs/handout.md must print every group with "
                           "{{ handout_items(...) }}, outside any block that print hides")
    target.write_bytes(pdf)
    return (f"{DOWNLOADS}/{fmt.filename}: 1 page, {len(pdf) / 1024:.0f} KB, "
            f"{room_mm - used_mm:.0f} mm to spare on {fmt.label}")


def build_pdfs(site: Path, browser_path: str, project: Path | None = None) -> list[str]:
    """Print the handout of the built site; project: the project it was
    built from, whose data/safety.yml the PDFs must hold (None: no check)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    prefix = sub_path(site)  # first: it says so if the site is not built
    callouts = _callouts(project) if project is not None else None
    out_dir = site / DOWNLOADS
    out_dir.mkdir(exist_ok=True)
    blocked: list[str] = []

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    lines, problems = [], []
    with SiteServer(site, prefix) as server, sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=browser_path, args=LAUNCH_ARGS)
        except PlaywrightError as e:
            raise HandoutError(f"Chromium at {browser_path} did not start: "
                               f"{str(e).splitlines()[0]}") from None
        try:
            page = browser.new_page(java_script_enabled=False)
            page.route("**/*", only_local)
            page.emulate_media(media="print")
            response = page.goto(server.base_url + HANDOUT, wait_until="load")
            if not response or not response.ok:
                raise HandoutError(f"{server.base_url}{HANDOUT} answered "
                                   f"{response.status if response else 'nothing'}; is the site built?")
            for fmt in FORMATS:
                try:
                    lines.append(print_format(page, fmt, out_dir, callouts))
                except HandoutError as e:
                    problems.append(str(e))
        finally:
            browser.close()
    if blocked:
        lines.append(f"blocked {len(blocked)} request(s) that left this machine, "
                     f"e.g. {blocked[0]}; the PDFs were made without them")
    if problems:
        raise HandoutError("\n".join(problems))
    return lines


def _callouts(project: Path) -> dict[str, dict]:
    from ..errors import ContentError
    from ..records.store import records_for

    try:
        return records_for(project).safety()
    except ContentError as e:
        raise HandoutError(f"the handout cannot be checked against data/safety.yml:\n{e}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"),
                        help="the built site (default: site)")
    parser.add_argument("--project", type=Path, default=Path("."),
                        help="the project it was built from, whose data/safety.yml the PDFs must hold "
                             "(default: this folder)")
    args = parser.parse_args(argv)
    try:
        sub_path(args.site_dir)  # a site never built is the first thing to fix, browser or not
    except HandoutError as e:
        print(f"Handout PDFs not made:\n{e}", file=sys.stderr)
        return 1
    try:
        browser_path = find_chromium()
    except FileNotFoundError as e:
        print(f"Handout PDFs not made: {e}", file=sys.stderr)
        return 1
    if not browser_path:
        if skipping_allowed():
            print("Handout PDFs skipped: no Chromium found (set CHROMIUM=/path/to/chromium to make them).")
            return 0
        why = ("CI=true, so the PDFs are required." if os.environ.get("CI", "").lower() == "true"
               else "To build without them locally, set GUIDE_PDF=skip.")
        print(f"Handout PDFs not made: {missing_browser_message()} {why}", file=sys.stderr)
        return 1
    try:
        lines = build_pdfs(args.site_dir, browser_path, args.project)
    except HandoutError as e:
        print(f"Handout PDFs not made:\n{e}", file=sys.stderr)
        return 1
    print("Handout PDFs:\n  " + "\n  ".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
