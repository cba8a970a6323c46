"""scripts/compare_builds.py: two builds agree file for file, apart from the
generator line, or every difference is listed and the exit status is 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import ROOT

COMPARE = ROOT / "scripts" / "compare_builds.py"
PAGE = """<!doctype html>
<html><head>
      <meta name="generator" content="{tool}">
<title>Home</title></head><body><p>{text}</p></body></html>
"""


def site(root: Path, tool: str, text: str = "Hello", extra: str | None = None) -> Path:
    (root / "about").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(tool=tool, text=text))
    (root / "about" / "index.html").write_text(PAGE.format(tool=tool, text="About"))
    (root / "search.json").write_text('{"docs": []}')
    if extra:
        (root / extra).write_text("x")
    return root


def compare(a: Path, b: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(COMPARE), str(a), str(b)], capture_output=True, text=True,
                          timeout=60)


def test_only_the_generator_line_differs(tmp_path):
    result = compare(site(tmp_path / "a", "mkdocs-1.6.1"), site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7"))
    assert result.returncode == 0, result.stdout
    assert "3 files compared: identical apart from the generator line." in result.stdout


def test_a_changed_word_is_listed_with_its_line(tmp_path):
    result = compare(site(tmp_path / "a", "mkdocs"), site(tmp_path / "b", "properdocs", text="Hullo"))
    assert result.returncode == 1
    assert "1 difference (the generator line is ignored):" in result.stdout
    assert "index.html: differs: " in result.stdout and "Hullo" in result.stdout
    assert "about/index.html" not in result.stdout


def test_a_file_only_one_build_wrote_is_listed(tmp_path):
    a, b = site(tmp_path / "a", "mkdocs"), site(tmp_path / "b", "properdocs", extra="sitemap.xml")
    result = compare(a, b)
    assert result.returncode == 1
    assert f"sitemap.xml: only in {b}" in result.stdout


def test_a_generator_line_elsewhere_than_html_is_not_ignored(tmp_path):
    a, b = site(tmp_path / "a", "mkdocs"), site(tmp_path / "b", "mkdocs")
    (a / "notes.txt").write_text('<meta name="generator" content="mkdocs">\n')
    (b / "notes.txt").write_text('<meta name="generator" content="properdocs">\n')
    assert compare(a, b).returncode == 1
