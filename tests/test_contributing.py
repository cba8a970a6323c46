"""What CONTRIBUTING.md and README.md promise a newcomer actually holds.

Spelling and Markdown lint pass on the project's text; the page scaffolder
makes a page that builds, that the content checker refuses while TODOs
remain and accepts once they are filled; the documents name every make
target, checker rule, front-matter field and macro that really exists.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guide.content.listings import CATEGORIES
from guide.tools.scaffold import PLACEHOLDER_SOURCE
from support import ROOT, copy_project, run_build

BIN = Path(sys.executable).parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
README = ROOT / "README.md"
# The project's own prose and code, not vendored or generated files.
SPELLED = ["docs", "data", "includes", "scripts", "guide", "hooks", "schemas", "tests",
           "overrides", ".github", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md",
           "SECURITY.md", "LICENSE", "mkdocs.yml", "Makefile"]
MARKDOWN = [README, CONTRIBUTING, ROOT / "CODE_OF_CONDUCT.md", ROOT / "SECURITY.md",
            *sorted((ROOT / ".github").glob("*.md")), *sorted((ROOT / "docs").rglob("*.md"))]


def run(*cmd, cwd=ROOT, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def codespell(*paths, cwd=ROOT):
    return run(BIN / "codespell", *paths, cwd=cwd)


def pymarkdown(*paths, cwd=ROOT):
    return run(BIN / "pymarkdown", "--strict-config", "--config", ROOT / ".pymarkdown.json", "scan", *paths, cwd=cwd)


# --- spelling --------------------------------------------------------------


def test_codespell_finds_no_misspelling():
    result = codespell(*[p for p in SPELLED if (ROOT / p).exists()])
    assert result.returncode == 0, (
        "codespell found misspellings; fix them, or add a word that is right as written "
        "to ignore-words-list in .codespellrc:\n" + result.stdout + result.stderr)


def test_codespell_really_reads_the_files(tmp_path):
    """With the project's settings, a common misspelling is still caught."""
    (tmp_path / ".codespellrc").write_text((ROOT / ".codespellrc").read_text())
    typo = "rec" + "ieve"  # split, so codespell does not flag this file itself
    (tmp_path / "page.md").write_text(f"We {typo} the results.\n")
    result = codespell("page.md", cwd=tmp_path)
    assert result.returncode != 0 and f"{typo} ==> receive" in result.stdout


# --- Markdown lint ---------------------------------------------------------


def test_markdown_files_pass_the_linter():
    assert len(MARKDOWN) > 10
    result = pymarkdown(*MARKDOWN)
    assert result.returncode == 0, (
        "pymarkdown (settings in .pymarkdown.json) reports:\n" + result.stdout + result.stderr)


@pytest.mark.parametrize("text, rule", [
    ("---\ntitle: A page\n---\n\n# One\n\n# Two\n", "MD025"),      # two page titles
    ("# Title\n\n### Skipped a level\n", "MD001"),
    ("# Title\n\nText\n\n\n\nMore text\n", "MD012"),
    ("# Title\n\n* star\n- dash\n", "MD004"),
])
def test_linter_still_catches_real_mistakes(tmp_path, text, rule):
    """The settings turn off only what clashes with the site, not everything."""
    page = tmp_path / "page.md"
    page.write_text(text)
    result = pymarkdown(page)
    assert result.returncode == 1 and rule in result.stdout, result.stdout + result.stderr


def test_every_rule_turned_off_says_why():
    config = json.loads((ROOT / ".pymarkdown.json").read_text())
    for rule, settings in config["plugins"].items():
        assert settings.get("//", "").strip(), f".pymarkdown.json: '{rule}' needs a '//' note saying why"


# --- the page scaffolder, end to end --------------------------------------


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python/name tags."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_section(project: Path, heading: str) -> list:
    nav = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)["nav"]
    return next(item[heading] for item in nav if isinstance(item, dict) and heading in item)


def checker(project: Path, *pages: str) -> tuple[int, list[dict]]:
    result = run(sys.executable, "scripts/check_content.py", "--format", "json", *pages,
                 cwd=project, timeout=600)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.returncode, json.loads(result.stdout)


# What a contributor writes in place of each TODO. Every figure is from the
# page the scaffolder cites (flynn1994), as the energy cost page reports it.
FILLED_DESCRIPTION = ("Nobody has tested whether backward running helps you balance on one leg. "
                      "Here is what is known and how to try it safely.")
FILLED_FINDING = "No study has measured balance on one leg after backward running."
FILLED_SUMMARY = ("We do not know. No study has tested balance on one leg after backward "
                  "running. It is a fair idea, but still only an idea.")
FILLED_RESEARCH = ("No study has measured this. One lab study did compare running backward and "
                   'forward. It measured heart rate and oxygen use, not balance. {{ cite("flynn1994") }}')
FILLED_ADVICE = ("If you want to try it, start with short, slow sessions. Stop if you feel "
                 "unsteady.")


def fill_in(text: str) -> str:
    """Replace every TODO the scaffolder wrote, and its placeholder source, as a newcomer would."""
    text = re.sub(r"^# TODO:.*\n(?:#.*\n)*", "", text, flags=re.M)  # the guidance comments
    text = text.replace(f"references: [{PLACEHOLDER_SOURCE}]", "references: [flynn1994]")
    text = re.sub(r'^description: "TODO:.*"$', f'description: "{FILLED_DESCRIPTION}"', text, flags=re.M)
    text = re.sub(r'^finding: "TODO:.*"$', f'finding: "{FILLED_FINDING}"', text, flags=re.M)
    paragraphs = iter([FILLED_SUMMARY, FILLED_ADVICE, FILLED_RESEARCH])  # the template's order
    # A TODO paragraph runs to the next blank line; keep its indentation.
    text = re.sub(r"^([ \t]*)TODO:.*(?:\n(?!\s*\n).*)*",
                  lambda m: m.group(1) + next(paragraphs), text, flags=re.M)
    return text


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    """A copy of the project with the scripts, after one scaffolder run."""
    if not (ROOT / "scripts/check_content.py").exists():
        pytest.fail("scripts/check_content.py is missing; CONTRIBUTING.md promises it")
    project = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)
    result = run(sys.executable, "scripts/new_page.py", "--section", "mind", "--title", "Balance on one leg",
                 cwd=project)
    # A colon and a space start a mapping in YAML: the title must be quoted.
    colon = run(sys.executable, "scripts/new_page.py", "--section", "physical", "--title", COLON_TITLE,
                cwd=project)
    return project, result, colon, tmp_path_factory.mktemp("site")


PAGE = "docs/benefits/mind/balance-on-one-leg.md"
COLON_TITLE = 'Hills: up or "down"'


def test_scaffolder_creates_the_page_and_adds_it_to_the_nav(scaffold):
    project, result, _, _ = scaffold
    assert result.returncode == 0, result.stderr
    page = (project / PAGE).read_text()
    assert page.startswith("---\ntitle: Balance on one leg\n")
    assert "category: mind" in page and "type: benefit" in page
    assert '{{ safety("' in page and "{{ reference_list() }}" in page
    assert {"Balance on one leg": "benefits/mind/balance-on-one-leg.md"} in nav_section(project, "Mind and brain")


def test_scaffolder_quotes_a_title_that_yaml_would_misread(scaffold):
    project, _, colon, _ = scaffold
    assert colon.returncode == 0, colon.stderr
    page = project / "docs/benefits/physical/hills-up-or-down.md"
    meta = yaml.safe_load(page.read_text().split("---")[1])
    assert meta["title"] == COLON_TITLE
    assert {COLON_TITLE: "benefits/physical/hills-up-or-down.md"} in nav_section(project, "Physical benefits")


def test_scaffolded_pages_stop_a_strict_build_only_for_their_placeholder_source(scaffold):
    # make serve shows them at once; a strict build refuses the placeholder
    # source, and nothing else.
    project, _, _, site = scaffold
    build = run_build(project, site)
    assert not build.ok
    assert (site / "benefits/mind/balance-on-one-leg/index.html").is_file()
    assert (site / "benefits/physical/hills-up-or-down/index.html").is_file()
    errors = [line for line in build.output.splitlines() if line.startswith(("ERROR", "WARNING"))
              and "in strict mode" not in line]
    assert errors and all(f"unknown source '{PLACEHOLDER_SOURCE}'" in line for line in errors), errors
    assert PLACEHOLDER_SOURCE not in {ref["id"] for ref in yaml.safe_load(
        (project / "data/bibliography.yml").read_text(encoding="utf-8"))}


def test_checker_refuses_the_page_until_real_sources_are_chosen(scaffold):
    # Deleting every line with a TODO is not enough: the placeholder source
    # is still no source.
    project = scaffold[0]
    path = project / PAGE
    scaffolded = path.read_text()
    path.write_text("".join(line for line in scaffolded.splitlines(keepends=True) if "TODO" not in line))
    try:
        code, findings = checker(project, PAGE)
    finally:
        path.write_text(scaffolded)
    assert code == 1
    assert [f for f in findings if f["rule"] == "references" and PLACEHOLDER_SOURCE in f["message"]], findings


@pytest.mark.parametrize("section", sorted(CATEGORIES))
def test_scaffolder_writes_what_each_section_needs(tmp_path, section):
    project = copy_project(tmp_path / "project")
    result = run(sys.executable, "-m", "guide.tools.scaffold", "--section", section, "--title", "Ankle stability",
                 cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / f"docs/benefits/{section}/ankle-stability.md").read_text()
    meta = yaml.safe_load(page.split("---")[1])
    assert meta["category"] == section
    # Only walking studies count for a walking claim (the grading rule).
    assert meta.get("activity", "running") == ("walking" if section == "walking" else "running")
    assert {"Ankle stability": f"benefits/{section}/ankle-stability.md"} in nav_section(project, CATEGORIES[section])
    assert "flynn1994" not in page, "the scaffold must cite no real source"


def test_scaffold_todos_are_reported_only_where_they_are_written(scaffold):
    # The new pages' finding: lines show on their section index and on
    # Evidence at a glance; those pages must not get findings of their own.
    project = scaffold[0]
    _, findings = checker(project)
    todo_paths = {f["path"] for f in findings if f["rule"] == "todo"}
    assert todo_paths == {PAGE, "docs/benefits/physical/hills-up-or-down.md"}, findings
    assert not [f for f in findings if "include or a data file" in f["message"] + f["fix"]]


def test_checker_refuses_the_page_while_todos_remain(scaffold):
    project = scaffold[0]
    code, findings = checker(project, PAGE)
    todos = [f for f in findings if f["rule"] == "todo" and f["path"] == PAGE]
    assert code == 1
    assert len(todos) >= 5, findings  # description, finding and the three paragraphs at least


def test_scaffolder_refuses_to_overwrite_a_page(scaffold):
    project, _, _, _ = scaffold
    config = (project / "mkdocs.yml").read_text()
    result = run(sys.executable, "scripts/new_page.py", "--section", "mind", "--title", "Balance on one leg",
                 cwd=project)
    assert result.returncode == 2
    assert f"{PAGE} already exists" in result.stderr
    assert (project / "mkdocs.yml").read_text() == config, "a refused page must not touch the nav"


def test_scaffolder_rejects_an_unknown_section(scaffold):
    project, _, _, _ = scaffold
    result = run(sys.executable, "scripts/new_page.py", "--section", "brain", "--title", "Anything", cwd=project)
    assert result.returncode == 2
    assert "SECTION= (--section): 'brain' is not a section" in result.stderr and "mind" in result.stderr
    assert not (project / "docs/benefits/brain").exists()


def test_scaffolder_names_the_section_a_typo_meant(scaffold):
    project, _, _, _ = scaffold
    result = run(sys.executable, "scripts/new_page.py", "--section", "walkng", "--title", "Anything", cwd=project)
    assert result.returncode == 2
    assert "'walkng' is not a section; did you mean 'walking'?" in result.stderr, result.stderr


def test_contributing_lists_every_section():
    text = CONTRIBUTING.read_text()
    missing = [s for s in CATEGORIES if f"`{s}`" not in text.split("### 2. Fill in the front matter")[0]]
    assert not missing, f"CONTRIBUTING.md's scaffolder section does not name: {missing}"
    assert all(f"`{s}`" in line for s in CATEGORIES
               for line in CONTRIBUTING.read_text().splitlines() if line.startswith("| `category` |"))


def test_make_new_page_without_section_names_the_make_variable(scaffold):
    # Without SECTION=, make passes --section "" (see the Makefile's recipe):
    # the message must name SECTION=, not say "invalid choice: ''".
    project, _, _, _ = scaffold
    assert '--section "$(SECTION)"' in (ROOT / "Makefile").read_text(), "the Makefile's new-page recipe changed"
    result = run(sys.executable, "scripts/new_page.py", "--section", "", "--title", "Ankle stability", cwd=project)
    assert result.returncode == 2
    assert "SECTION= (--section): no section given" in result.stderr, result.stderr
    assert 'make new-page SECTION=physical TITLE="Ankle stability"' in result.stderr
    assert "invalid choice" not in result.stderr


def test_checker_accepts_the_page_once_filled_in(scaffold):
    project = scaffold[0]
    path = project / PAGE
    scaffolded = path.read_text()
    filled = fill_in(scaffolded)
    assert "TODO" not in filled
    path.write_text(filled)
    try:
        code, findings = checker(project, PAGE)
        errors = [f for f in findings if f["severity"] == "error"]
        assert code == 0 and not errors, errors
        # The other checks make test runs pass on the finished page too.
        lint = pymarkdown(path)
        assert lint.returncode == 0, lint.stdout + lint.stderr
        spelling = codespell(path)
        assert spelling.returncode == 0, spelling.stdout
    finally:
        path.write_text(scaffolded)  # the other tests expect the page as scaffolded


# --- the documents name what exists ---------------------------------------


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M))


def test_every_make_target_in_the_docs_exists_and_make_help_lists_it():
    mentioned = set()
    for doc in (README, CONTRIBUTING):
        mentioned |= set(re.findall(r"`make ([a-z][a-z-]*)", doc.read_text()))
    assert {"serve", "test", "build", "check", "new-page"} <= mentioned
    missing = mentioned - make_targets()
    assert not missing, f"README/CONTRIBUTING mention make targets the Makefile lacks: {sorted(missing)}"
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    listed = set(re.findall(r"^\s*make (\S+)", run("make", "-s", "help").stdout, re.M))
    assert mentioned <= listed, f"make help does not list: {sorted(mentioned - listed)}"


def test_readme_documents_every_make_target():
    documented = set(re.findall(r"^\| `make ([a-z-]+)`", README.read_text(), re.M))
    assert documented == make_targets(), (
        f"README's target table and the Makefile differ: {sorted(documented ^ make_targets())}")


def test_contributing_explains_every_checker_rule():
    result = run(sys.executable, "scripts/check_content.py", "--list-rules")
    assert result.returncode == 0, result.stderr
    rules = set(re.findall(r"^(\S+)$", result.stdout, re.M))
    assert {"todo", "precautions-link", "readability"} <= rules
    table = set(re.findall(r"^\| `([a-z-]+)` \|", CONTRIBUTING.read_text(), re.M))
    assert rules <= table, f"CONTRIBUTING.md does not explain: {sorted(rules - table)}"


def test_contributing_lists_every_front_matter_field():
    fields = json.loads((ROOT / "schemas/front-matter.schema.json").read_text())["properties"]
    table = set(re.findall(r"^\| `([a-z_]+)` \|", CONTRIBUTING.read_text(), re.M))
    assert set(fields) <= table, f"CONTRIBUTING.md does not list: {sorted(set(fields) - table)}"


def test_contributing_documents_every_page_macro():
    """Each macro the site registers is named, except the handout's own."""
    from guide.content import MACROS

    macros = set(MACROS)
    assert {"safety", "cite", "reference_list"} <= macros
    text = CONTRIBUTING.read_text()
    missing = {m for m in macros if f"{m}(" not in text and f"`{m}`" not in text}
    assert not missing, f"CONTRIBUTING.md does not mention the macros: {sorted(missing)}"
