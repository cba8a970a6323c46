"""`make new-source` (scripts/new_source.py, guide/tools/source_entry.py):
a new bibliography entry with every field the schema requires, the values
each may take written beside it, and a build and a checker that refuse it
until every placeholder is filled in."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from support import ROOT, copy_project, run_build

SCHEMA = json.loads((ROOT / "schemas/bibliography.schema.json").read_text(encoding="utf-8"))
ID = "smith2020"


def run(project, *args):
    return subprocess.run([sys.executable, "scripts/new_source.py", *args], cwd=project, capture_output=True,
                          text=True, timeout=120)


def checker(project) -> tuple[int, list[dict]]:
    result = subprocess.run([sys.executable, "scripts/check_content.py", "--format", "json"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """A copy of the project after `make new-source ID=smith2020`."""
    project = copy_project(tmp_path_factory.mktemp("new-source") / "project")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)
    before = (project / "data/bibliography.yml").read_text(encoding="utf-8")
    result = run(project, "--id", ID)
    assert result.returncode == 0, result.stderr
    text = (project / "data/bibliography.yml").read_text(encoding="utf-8")
    return project, result, before, text


def new_entry(text: str) -> dict:
    return next(e for e in yaml.safe_load(text) if e["id"] == ID)


def resolve(schema: dict) -> dict:
    ref = schema.get("$ref")
    return SCHEMA["$defs"][ref.rsplit("/", 1)[1]] if ref else schema


def required_paths(schema: dict, prefix: str = "") -> list[tuple[str, dict]]:
    """(dotted path, schema) of every required field, nested ones too."""
    schema = resolve(schema)
    found = []
    for name in schema.get("required", []):
        prop = resolve(schema["properties"][name])
        found.append((prefix + name, prop))
        inner = resolve(prop.get("items", {})) if prop.get("type") == "array" else prop
        if "properties" in inner:
            found += required_paths(inner, prefix + name + ".")
    return found


def value_at(entry: dict, path: str):
    node = entry
    for part in path.split("."):
        node = node[0] if isinstance(node, list) else node
        node = node[part]
    return node


def test_the_entry_is_added_after_the_others_and_the_line_is_named(started):
    project, result, before, text = started
    assert text.startswith(before), "the entries already there must not change"
    line = text.splitlines().index(f"- id: {ID}") + 1
    assert f"at line {line}" in result.stdout, result.stdout


def test_every_required_field_is_there_with_a_placeholder(started):
    entry = new_entry(started[3])
    paths = required_paths(SCHEMA["items"])
    assert len([p for p in paths if p[0].startswith("study.") and p[0].count(".") == 1]) == 10
    for path, _ in paths:
        value = value_at(entry, path)
        if path == "id":
            assert value == ID
        elif not isinstance(value, (dict, list)):
            assert value == "TODO", f"{path} should be a TODO to fill in, not {value!r}"
    # One link at least: the schema's anyOf.
    assert any(name in entry for choice in SCHEMA["items"]["anyOf"] for name in choice["required"])


def test_each_field_says_the_values_the_schema_allows(started):
    lines = started[3].splitlines()
    start = lines.index(f"- id: {ID}")
    for path, prop in required_paths(SCHEMA["items"]):
        name = path.rsplit(".", 1)[-1]
        at = next(i for i in range(start, len(lines)) if re.match(rf"^\s*(- )?{name}:", lines[i]))
        above = []
        for line in reversed(lines[start:at]):
            if not line.lstrip().startswith("#"):
                break
            above.insert(0, line.lstrip()[1:].strip())
        said = " ".join(above)
        for value in prop.get("enum", []):
            assert value in said, f"{path}: the comment above it does not offer {value!r}: {said!r}"
        if prop.get("type") == "boolean":
            assert "true or false" in said, path
        if "minimum" in prop and "maximum" in prop:
            assert f"{prop['minimum']} to {prop['maximum']}" in said, path
        if prop.get("format") == "date":
            assert "YYYY-MM-DD" in said, path


def test_the_build_and_the_checker_refuse_it_until_it_is_filled_in(started, tmp_path):
    project = started[0]
    build = run_build(project, tmp_path / "site")
    assert not build.ok and "entry 'smith2020'" in build.output
    code, findings = checker(project)
    assert code == 1
    lines = started[3].splitlines()
    todo_lines = {n for n, line in enumerate(lines, 1) if "TODO" in line and not line.lstrip().startswith("#")}
    named = {f["line"] for f in findings if f["path"] == "data/bibliography.yml"}
    assert todo_lines <= named, f"placeholders no finding names: {sorted(todo_lines - named)}"


FILLED = {
    # What a contributor writes in place of each TODO (Roos 2012, as CONTRIBUTING.md shows it).
    "authors": "Roos PE, Barton N, van Deursen RWM", "year": "2012",
    "title": "Patellofemoral joint compression forces in backward and forward running",
    "doi": "10.1016/j.jbiomech.2012.03.020", "design": "laboratory study", "peer_reviewed": "true",
    "who": "Healthy adults who ran forward and backward at the same speed", "who_short": "healthy runners",
    "activity": "running", "surface": "not stated", "backward_work": "single session",
    "measure": "peak kneecap joint force, times body weight", "result": "3.4 backward against 4.5 forward",
    "source": "abstract", "where": "PMC3391667", "date": "2026-12-01",
}


def test_once_every_placeholder_is_filled_the_checker_accepts_it(started, tmp_path):
    project, _, before, text = started
    path = project / "data/bibliography.yml"
    new = text[len(before):]
    new = re.sub(r"^(\s*(?:- )?)(\w+): TODO$", lambda m: f"{m[1]}{m[2]}: {FILLED[m[2]]}", new, flags=re.M)
    new = new.replace("- TODO", "- one lab session in healthy runners")
    assert "TODO" not in re.sub(r"^\s*#.*$", "", new, flags=re.M)
    path.write_text(before + new, encoding="utf-8")
    try:
        code, findings = checker(project)
    finally:
        path.write_text(text, encoding="utf-8")
    errors = [f for f in findings if f["severity"] == "error"]
    assert code == 0 and not errors, errors


def test_an_id_already_used_is_refused(started):
    project, _, _, text = started
    result = run(project, "--id", "flynn1994")
    assert result.returncode == 2
    assert "'flynn1994' is already a source" in result.stderr
    assert (project / "data/bibliography.yml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("bad", ["", "Smith 2020"])
def test_a_bad_id_names_the_make_variable(started, bad):
    project, _, _, text = started
    assert '--id "$(ID)"' in (ROOT / "Makefile").read_text(), "the Makefile's new-source recipe changed"
    result = run(project, "--id", bad)
    assert result.returncode == 2
    assert "ID= (--id): " in result.stderr and "make new-source ID=smith2020" in result.stderr, result.stderr
    assert (project / "data/bibliography.yml").read_text(encoding="utf-8") == text
