"""The built site is the boundary (issue 30), through whole builds.

A copy of the project gets a stranger's payloads, one class per project:
files that have no place in docs/ or that readers' tools would disagree
on (they stop the build before MkDocs reads a page), payloads in pages
(ids that leave their attribute, theme names that hide a callout, outside
files, macro calls of the wrong kind), and payloads in data and code. Each
must be one finding at its file and line, in the build and in the content
checker (`make check`), and never a Python traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.etree
import pytest
import yaml

from support import ROOT, copy_project, run_build

CHECKER = ROOT / "scripts" / "check_content.py"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def add(project: Path, page: str, text: str, needle: str) -> tuple[str, int]:
    """Append text to docs/page; return (its path, the line holding needle)."""
    path = project / "docs" / page
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + "\n" + text, encoding="utf-8")
    offset = before.count("\n") + 2
    line = next(n for n, row in enumerate(text.split("\n"), offset) if needle in row)
    return f"docs/{page}", line


def into_front_matter(project: Path, page: str, line_text: str, replacing: str = "") -> tuple[str, int]:
    """Put a line at the top of a page's front matter, or in place of the
    front-matter line `replacing`; the page and the line it is on."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    if not replacing:
        path.write_text("---\n" + line_text + "\n" + text[4:], encoding="utf-8")
        return f"docs/{page}", 2
    lines = text.split("\n")
    at = lines.index(replacing, 1)
    assert at < lines.index("---", 1)  # inside the front matter
    lines[at] = line_text
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"docs/{page}", at + 1


def check(project: Path) -> tuple[subprocess.CompletedProcess, list[dict]]:
    proc = subprocess.run([sys.executable, str(CHECKER), "--config", str(project / "mkdocs.yml"), "--format", "json"],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc, json.loads(proc.stdout)


def build_lines(output: str) -> set[tuple[str, int]]:
    return {(m.group(1), int(m.group(2)))
            for m in re.finditer(r"(?:^|\s)((?:docs|data|overrides)/[^:\n]*?):(\d+): ", output, re.M)}


# -- files: each stops the build before MkDocs reads any page ---------------

def file_attacks(project: Path) -> dict[str, tuple[str, int]]:
    """name -> (file, line) of the finding each attack must give."""
    docs = project / "docs"
    images = docs / "assets" / "images"
    expected = {}

    def put(rel: str, data: bytes | str, name: str, line: int = 1):
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expected[name] = (f"docs/{rel}", line)

    put("evil.html", "<script>alert(1)</script>", "an .html page with its own script")
    put("sw.js", "self.addEventListener('fetch', e => {})", "a service worker")
    put("assets/javascripts/bundle.a5f9d56c.min.js", "alert(1)", "a file at the path of Material's bundle")
    put("assets/images/favicon.png", PNG, "a picture at the path of Material's favicon")
    put("assets/images/fake.png", "<html><script>alert(1)</script>", "HTML named .png")
    put("search/search_index.json", '{"docs": []}', "a search index of one's own")
    put("CNAME", "evil.example.org", "a file with no suffix")
    put('a"b.md', (docs / "faq.md").read_bytes(), "a quote in a file name")
    put("assets/images/script.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>',
        "an SVG with a script", 2)
    put("assets/images/onload.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "an SVG with a handler")
    put("assets/images/outside.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n\n<use href="https://e.org/x#a"/>'
        "\n</svg>", "an SVG using an outside file", 3)
    put("assets/images/bomb.svg", '<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        "an SVG with entities")

    def page(rel: str, change, name: str, line: int):
        path = docs / rel
        path.write_bytes(change(path.read_bytes()))
        expected[name] = (f"docs/{rel}", line)

    page("faq.md", lambda b: b"\xef\xbb\xbf" + b, "a byte-order mark", 1)
    page("myths.md", lambda b: b"\xef\xbb\xbf\xef\xbb\xbf" + b, "two byte-order marks", 1)
    history = (docs / "history.md").read_bytes()
    bad_line = history[: history.index(b"\n\n", 40)].count(b"\n") + 2
    page("history.md", lambda b: b[: b.index(b"\n\n", 40)] + b"\n\xe9\xe9" + b[b.index(b"\n\n", 40):],
         "a byte that is not UTF-8", bad_line)
    bomb = "x0: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
        f"x{n}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for n, (p, c) in enumerate(zip("abcdefg", "bcdefgh"), 1))
    page("technique.md", lambda b: b.replace(b"---\n", b"---\n" + bomb.encode(), 1), "an alias bomb in front matter", 3)

    def tail(rel: str, text: str, name: str, needle: str):
        expected[name] = add(project, rel, text, needle)

    tail("speed-distance.md", "Lead.\n\n" + "[" * 20000 + "\n", "20,000 brackets", "[[[")
    tail("editorial-policy.md", "x <y " * 400 + "\n", "400 angle brackets", "<y")
    tail("index.md", "*" * 3000 + "deep" + "*" * 3000 + "\n", "deep emphasis", "deep")
    tail("references.md", "\n".join("    " * i + "- level" for i in range(40)) + "\n", "lists nested 40 deep",
         " " * 52 + "- level")
    tail("getting-started.md", 'Before.\n\n--8<-- "../mkdocs.yml"\n', "a snippet outside the includes", "--8<--")
    tail("precautions.md", "--8<--\n/etc/passwd\n--8<--\n", "a snippet block naming /etc/passwd", "/etc/passwd")
    big = docs / "evidence.md"
    big.write_text(big.read_text(encoding="utf-8") + ("Plain words for a long page. " * 8 + "\n\n") * 600,
                   encoding="utf-8")
    expected["a page of 140 KB"] = ("docs/evidence.md", 1)
    return expected


@pytest.fixture(scope="module")
def file_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("files") / "project")
    return project, file_attacks(project)


@pytest.fixture(scope="module")
def file_build(file_project, tmp_path_factory):
    project, _ = file_project
    return run_build(project, tmp_path_factory.mktemp("files-site"))


@pytest.fixture(scope="module")
def file_check(file_project):
    return check(file_project[0])


def test_files_that_have_no_place_in_docs_stop_the_build_at_their_line(file_project, file_build):
    _, expected = file_project
    assert not file_build.ok
    assert "Traceback" not in file_build.output, file_build.output[-3000:]
    found = build_lines(file_build.output)
    missing = {name: where for name, where in expected.items() if where not in found}
    assert not missing, f"not reported at their line: {missing}\n{file_build.output[-4000:]}"


def test_files_that_have_no_place_in_docs_are_findings_of_make_check(file_project, file_check):
    _, expected = file_project
    proc, findings = file_check
    assert proc.returncode == 1
    found = {(f["path"], f["line"]) for f in findings}
    missing = {name: where for name, where in expected.items() if where not in found}
    assert not missing, f"not reported at their line: {missing}\n{findings}"


def test_one_file_one_finding(file_project, file_check):
    _, findings = file_check
    for path, line in file_project[1].values():
        at = [f for f in findings if (f["path"], f["line"]) == (path, line)]
        assert len(at) == 1, at


# -- pages: each is an error at its line, and none reaches the site --------------

def page_attacks(project: Path) -> dict[str, tuple[str, int]]:
    expected = {}
    expected["an attr_list id that leaves its attribute"] = add(
        project, "faq.md", "## Heading { id='x\" onmouseover=\"alert(1)\" style=\"position:fixed;inset:0\" data-x=\"' }\n",
        "onmouseover")
    expected["an entity-encoded id on a raw heading"] = add(
        project, "myths.md", '<h2 markdown id="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;">Raw</h2>\n', "<h2")
    expected["an id with a space"] = add(project, "history.md", '## Two words { id="two words" }\n\nText.\n', "Two words")
    expected["a second __config"] = add(project, "about.md", '<div id="__config" markdown>\nText.\n</div>\n',
                                        "__config")
    expected["md-toggle around a callout"] = add(
        project, "technique.md", '<div class="md-toggle" markdown>\n\n{{ safety("turning") }}\n\n</div>\n',
        "md-toggle")
    expected["a hand-made tab block around a callout"] = add(
        project, "index.md", '<div class="tabbed-block" markdown>\n\n{{ safety("look-behind") }}\n\n</div>\n',
        "tabbed-block")
    expected["a closed details around a callout"] = add(
        project, "treadmill.md", '<details markdown>\n<summary>More</summary>\n\n{{ safety("older-adults") }}\n\n'
        "</details>\n", 'safety("older-adults")')
    expected["a second tab around a callout"] = add(
        project, "speed-distance.md", '=== "One"\n\n    Text.\n\n=== "Two"\n\n    {{ safety("open-space") }}\n',
        'safety("open-space")')
    expected["our own screen-reader class around a callout"] = add(
        project, "glossary.md", '<div class="guide-sr-only" markdown>\n\n{{ safety("health-check") }}\n\n</div>\n',
        'safety("health-check")')
    expected["aria-hidden around a callout"] = add(
        project, "editorial-policy.md", '<div aria-hidden="true" markdown>\n\n{{ safety("stop-signs") }}\n\n</div>\n',
        'safety("stop-signs")')
    expected["a picture from another site"] = add(project, "references.md", "![x](https://example.org/x.png)\n",
                                                  "example.org")
    expected["a list where a callout id goes"] = add(project, "changes.md", '{{ safety(["health-check"]) }}\n',
                                                     "safety(")
    expected["a heading level of 30 million"] = add(project, "getting-started.md",
                                                    '{{ precaution("health-check", 30000000) }}\n', "30000000")
    expected["a number where a source id goes"] = add(project, "evidence.md", "Text.{{ cite(5) }}\n", "cite(5)")
    # Walking pages carry a search boost of their own; the attack rewrites its value.
    expected["NaN in front matter"] = into_front_matter(project, "benefits/walking/stroke.md", "  boost: .nan",
                                                        replacing="  boost: 3")
    expected["infinity in front matter"] = into_front_matter(project, "benefits/walking/low-back-pain.md",
                                                             "  boost: -.Inf", replacing="  boost: 3")
    stroke = project / "docs/benefits/mind/creativity.md"
    text = stroke.read_text(encoding="utf-8")
    stroke.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2026-11-01 10:00:00", text, count=1, flags=re.M),
                      encoding="utf-8")
    expected["a date with a time"] = ("docs/benefits/mind/creativity.md",
                                      next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("reviewed:")))
    memory = project / "docs/benefits/mind/memory.md"
    text = memory.read_text(encoding="utf-8")
    memory.write_text(re.sub(r"^references: .*$", "references: 5", text, count=1, flags=re.M), encoding="utf-8")
    expected["references: 5"] = ("docs/benefits/mind/memory.md",
                                 next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("references:")))
    return expected


@pytest.fixture(scope="module")
def page_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pages") / "project")
    return project, page_attacks(project)


@pytest.fixture(scope="module")
def page_build(page_project, tmp_path_factory):
    return run_build(page_project[0], tmp_path_factory.mktemp("pages-site"))


@pytest.fixture(scope="module")
def page_check(page_project):
    return check(page_project[0])


def test_page_payloads_are_errors_at_their_line(page_project, page_build):
    assert not page_build.ok
    assert "Traceback" not in page_build.output, page_build.output[-3000:]
    found = build_lines(page_build.output)
    missing = {name: where for name, where in page_project[1].items() if where not in found}
    assert not missing, f"not reported at their line: {missing}\n{page_build.output[-5000:]}"


def test_page_payloads_are_findings_of_make_check(page_project, page_check):
    proc, findings = page_check
    assert proc.returncode == 1
    found = {(f["path"], f["line"]) for f in findings}
    missing = {name: where for name, where in page_project[1].items() if where not in found}
    assert not missing, f"not reported at their line: {missing}\n{json.dumps(findings, indent=1)[:6000]}"


def test_no_page_payload_reaches_the_built_site_as_markup(page_build):
    """The build fails, but it writes the pages: a forced deploy must still
    carry no handler and no attribute an id broke out of."""
    for rel in ("faq/index.html", "myths/index.html"):
        tree = lxml.etree.fromstring((page_build.site / rel).read_bytes(), lxml.etree.HTMLParser())
        for element in tree.iter(lxml.etree.Element):
            assert not any(str(name).startswith("on") for name in element.attrib), (rel, element.attrib)
            assert "position:fixed" not in (element.get("style") or ""), (rel, element.attrib)


# -- data and code: escaped where they enter HTML, refused at their line --------

def test_a_quote_in_a_grades_meaning_stays_inside_the_badge_title(variant):
    def edit(project):
        # Every grade's meaning (a page shows the badge of its own grade),
        # however the file folds it onto lines.
        path = project / "data/grades.yml"
        grading = yaml.safe_load(path.read_text(encoding="utf-8"))
        for grade in grading["grades"]:
            grade["meaning"] = 'Moderate" onmouseover="alert(1)" style="position:fixed"'
        path.write_text(yaml.safe_dump(grading, sort_keys=False), encoding="utf-8")
    build = variant(edit)
    assert build.ok, build.output[-2000:]
    badges = []
    for page in build.site.rglob("*.html"):
        tree = lxml.etree.fromstring(page.read_bytes(), lxml.etree.HTMLParser())
        badges += tree.xpath("//p[contains(@class, 'guide-grade')]//a")
    assert badges, build.output[-2000:]
    for link in badges:
        assert "onmouseover" not in link.attrib and "style" not in link.attrib, link.attrib


@pytest.mark.parametrize("name, edit, where", [
    ("an alias bomb in a data file",
     lambda p: (p / "data/handout.yml").write_text("x: &a [1, 2]\ny: [*a, *a]\n" + (p / "data/handout.yml")
                                                   .read_text(encoding="utf-8"), encoding="utf-8"),
     ("data/handout.yml", 2)),
    ("20,000 brackets in a safety callout",
     lambda p: (p / "data/safety.yml").write_text(re.sub(r"^(\s+body: )", lambda m: m.group(1) + "[" * 20000,
                                                        (p / "data/safety.yml").read_text(encoding="utf-8"),
                                                        count=1, flags=re.M), encoding="utf-8"),
     ("data/safety.yml", None)),
    ("a data file of 1.2 MB",
     lambda p: (p / "data/corrections.yml").write_text((p / "data/corrections.yml").read_text(encoding="utf-8")
                                                       + "#" + "x" * 1_200_000 + "\n", encoding="utf-8"),
     ("data/corrections.yml", 1)),
    ("a stylesheet that ends its <style>",
     lambda p: (p / "overrides/assets/stylesheets/extra.css").write_text(
         (p / "overrides/assets/stylesheets/extra.css").read_text(encoding="utf-8")
         + '\n.x::after { content: "</style><script>alert(1)</script>"; }\n', encoding="utf-8"),
     ("overrides/assets/stylesheets/extra.css", None)),
])
def test_data_and_code_payloads_stop_the_build_at_their_line(variant, name, edit, where):
    build = variant(edit)
    assert not build.ok and "Traceback" not in build.output, build.output[-3000:]
    found = build_lines(build.output)
    path, line = where
    if line is None:
        source = (variant.project / path).read_text(encoding="utf-8")
        line = next(n for n, row in enumerate(source.splitlines(), 1) if "[[[" in row or "</style>" in row)
    assert (path, line) in found, build.output[-3000:]
