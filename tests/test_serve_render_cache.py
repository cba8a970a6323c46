"""`make serve` converts a page's Markdown again only when something that
conversion reads changed (guide/tools/render_cache.py). Here a copy of the
project is edited step by step, as a contributor would, and after each
edit it is built twice in one serving process: once with the cache the
session has been keeping, once with an empty one, which converts every
page. The two sites must be the same to the byte, with the same problems
logged; the counts show that the cache was used where it can be, and set
aside where it cannot.
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import copy_project

# Run from the copy's own folder, so its guide package (which one step
# edits) is the one imported, as `make serve` does.
DRIVER = r"""
import json, logging, sys
from pathlib import Path
from guide.tools import live_server
from guide.tools.render_cache import RenderCache

# As MkDocs' command line sets it: its records do not reach the root logger.
logging.getLogger("mkdocs").propagate = False
steps = json.loads(sys.argv[1])
prefix = sys.argv[2]
session = live_server.Session()
out = []

def build(cache, site):
    cache.install()
    hits, misses = cache.hits, cache.misses
    config = session.load_config(config_file="mkdocs.yml", site_dir=site, strict=False)  # as make serve
    live_server.forgiving_build(config, session=session, serve_url=None, dirty=False)
    return {"hits": cache.hits - hits, "misses": cache.misses - misses, "stopped": session.last.stopped,
            "problems": [f"{p.path}:{p.line}: {p.message}" for p in session.last.problems]}

for n, (path, old, new) in enumerate(steps):
    if path and not old:
        Path(path).write_text(new, encoding="utf-8")  # a new file
    elif path:
        text = Path(path).read_text(encoding="utf-8")
        assert old in text, f"{path} no longer holds {old!r}: update the test"
        Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    warm = build(session.conversions, f"../{prefix}warm-{n}")
    cold = build(RenderCache(secret_of=live_server.page_secret), f"../{prefix}cold-{n}")
    out.append({"warm": warm, "cold": cold})
print(json.dumps(out))
"""

# (name, file, old text, new text); None: a save that changes nothing; no
# old text: a new file.
STEPS = [
    ("first build", None, "", ""),
    ("no change", None, "", ""),
    ("page", "docs/faq.md", "\n## ", "\nA new paragraph, and a link to [a page](no-such-page.md).\n\n## "),
    ("another page, the broken link left in", "docs/myths.md", "\n## ", "\nAnother new paragraph.\n\n## "),
    # The broken link now leads somewhere: its page is converted again.
    ("the linked page made", "docs/no-such-page.md", "", "# A new page\n\nIts text.\n"),
    # pymdownx.snippets reads an included file while it converts the page.
    ("new include", "includes/probe-note.md", "", "A note from an include.\n"),
    ("page that includes it", "docs/faq.md", "\n## ", '\n--8<-- "probe-note.md"\n\n## '),
    ("included file", "includes/probe-note.md", "A note", "A changed note"),
    ("data file", "data/safety.yml", "title: Ask a professional first", "title: Ask a qualified professional first"),
    # The glossary reaches every page through abbr's settings.
    ("include", "includes/glossary.md", "*[cadence]: How many steps", "*[cadence]: The number of steps"),
    # The project's own Markdown extension: safety text now gets tooltips.
    ("extension code", "guide/content/safety_markdown.py",
     "stamped = [element for element in root.iter() if ATTRIBUTE in element.attrib]", "stamped = []"),
    # Macro code that the extension does not import: study pages are unchanged.
    ("macro code", "guide/content/citations.py", '    return cited + "".join(missing)',
     '    return cited + " " + "".join(missing)'),
]


def drive(project: Path, env: dict, plan: list, prefix: str) -> list:
    proc = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(plan), prefix], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("render-cache") / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    plan = [(path, old, new) for _, path, old, new in STEPS]
    results = drive(project, env, plan, "")
    # The edited project built by a new process: nothing carried over.
    drive(project, env, [(None, "", "")], "fresh-")
    return project.parent, {name: (n, result) for n, ((name, *_), result) in enumerate(zip(STEPS, results))}


def differing_files(left: Path, right: Path) -> list[str]:
    found = []
    compared = filecmp.dircmp(left, right)
    found += [str(left / name) for name in compared.left_only + compared.right_only]
    found += [str(left / name) for name in compared.diff_files + compared.funny_files]
    # dircmp compares by size and time first: compare every file's bytes.
    for name in compared.same_files:
        if (left / name).read_bytes() != (right / name).read_bytes():
            found.append(str(left / name))
    for name in compared.common_dirs:
        found += differing_files(left / name, right / name)
    return found


@pytest.mark.parametrize("name", [name for name, *_ in STEPS])
def test_the_site_is_the_same_as_one_that_converts_every_page(steps, name):
    folder, found = steps
    n, result = found[name]
    assert not result["warm"]["stopped"] and not result["cold"]["stopped"], result
    assert result["warm"]["problems"] == result["cold"]["problems"]
    different = differing_files(folder / f"warm-{n}", folder / f"cold-{n}")
    assert not different, f"after the {name} edit, these differ from a full conversion: {different[:10]}"


def test_an_unchanged_save_converts_nothing_and_a_page_save_one_page(steps):
    _, found = steps
    pages = found["first build"][1]["cold"]["misses"]
    assert pages > 100
    assert found["no change"][1]["warm"] == {**found["no change"][1]["warm"], "hits": pages, "misses": 0}
    assert found["page"][1]["warm"]["misses"] == 1
    assert found["another page, the broken link left in"][1]["warm"]["misses"] == 1


def test_a_warning_of_a_reused_page_is_said_again(steps):
    _, found = steps
    for name in ("page", "another page, the broken link left in"):
        problems = found[name][1]["warm"]["problems"]
        assert any("no-such-page.md" in p for p in problems), (name, problems)


def test_what_changes_many_pages_converts_them_again(steps):
    _, found = steps

    def warm_and_all(name):  # the empty cache converts every page
        return found[name][1]["warm"], found[name][1]["cold"]["misses"]

    for name in ("the linked page made", "included file", "include", "extension code"):
        warm, pages = warm_and_all(name)
        assert warm["misses"] == pages, (name, warm)
    warm, pages = warm_and_all("data file")
    assert 0 < warm["misses"] < pages, warm  # the pages that show that callout
    warm, pages = warm_and_all("macro code")
    assert 0 < warm["misses"] < pages, warm  # the pages with citations, not the study pages


def test_after_every_edit_the_site_is_the_one_a_new_process_builds(steps):
    # The modules imported again after the code edits (code_reload.py), the
    # records and the conversions kept: none of it may show in the site.
    folder, found = steps
    last = len(STEPS) - 1
    different = differing_files(folder / f"warm-{last}", folder / "fresh-cold-0")
    assert not different, f"the served site differs from a fresh build: {different[:10]}"


@pytest.mark.parametrize("before, after", [("include", "extension code"), ("page that includes it", "included file")])
def test_the_edits_change_the_site(steps, before, after):
    # Else the steps above would prove nothing about what they edit.
    folder, found = steps
    assert differing_files(folder / f"cold-{found[before][0]}", folder / f"cold-{found[after][0]}")


def test_a_file_saved_during_a_build_forgets_that_builds_conversions(tmp_path):
    # The key is made from the files as they were when the build began; a
    # save while it runs may have been read in either version.
    from guide.tools.render_cache import RenderCache, file_digest

    snippet = tmp_path / "note.md"
    snippet.write_text("before", encoding="utf-8")
    code = {tmp_path / "ext.py": b"digest"}

    def built(edit=None, code_after=code) -> dict:
        cache = RenderCache()
        cache.begin(code)
        cache.current, cache.inputs = {"a page": "its HTML"}, {snippet: file_digest(snippet)}
        if edit:
            edit()
        cache.finish(code_after)
        return cache.current

    assert built() == {"a page": "its HTML"}
    assert built(lambda: snippet.write_text("after", encoding="utf-8")) == {}
    assert built(code_after={tmp_path / "ext.py": b"another"}) == {}
