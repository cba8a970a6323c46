"""The guide's code is one installed package with thin adapters around it.

Every command, hook and test imports `guide` by name, so a module's import
path never depends on who ran it; the MkDocs hooks only hand MkDocs' data
to the package and back.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from support import ROOT

# The project's own Python, not what is installed or vendored.
OWN_CODE = [p for folder in ("guide", "hooks", "scripts", "tests") for p in sorted((ROOT / folder).rglob("*.py"))]
# Edits of the module search path, however spelled.
PATH_EDIT = re.compile(r"\bsys\.path\s*(?:\.\s*(?:insert|append|extend)\b|\[|\+=|=)|\bsite\.addsitedir\b"
                       r"|\bPYTHONPATH\b")
# Files whose name the tools give them, not a module of ours.
NOT_MODULES = {"__init__.py", "conftest.py", "__main__.py"}
# A hook is an adapter: a few lines that call the package.
HOOK_LINES = 80


def test_no_file_edits_the_module_search_path():
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in OWN_CODE if path.name != "test_package.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if PATH_EDIT.search(line)]
    assert not found, "import the guide package by name instead of editing sys.path:\n" + "\n".join(found)


def test_pytest_adds_nothing_to_the_path():
    # tests/ reaches the path as pytest imports tests/conftest.py; nothing else may.
    ini = (ROOT / "pytest.ini").read_text(encoding="utf-8")
    assert not re.search(r"^pythonpath\s*=", ini, re.M), "pytest.ini must not set pythonpath"


def test_no_two_modules_share_a_name():
    by_name = defaultdict(list)
    for path in OWN_CODE:
        if path.name in NOT_MODULES or path.parts[-2] == "tests" and path.name.startswith("test_"):
            continue
        by_name[path.stem].append(path.relative_to(ROOT).as_posix())
    for package in (ROOT / "guide").rglob("__init__.py"):
        by_name[package.parent.name].append(package.parent.relative_to(ROOT).as_posix() + "/")
    twice = {name: places for name, places in by_name.items() if len(places) > 1}
    assert not twice, f"modules with the same name: {twice}"


def test_the_package_is_installed_from_this_checkout():
    import guide

    assert Path(guide.__file__).resolve().parent == ROOT / "guide"
    assert "guide*" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _module_state(tree: ast.Module) -> list[str]:
    """Names a module rebinds at run time (global), or mutable module-level values."""
    found = [f"global {', '.join(node.names)}" for node in ast.walk(tree) if isinstance(node, ast.Global)]
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, (ast.Dict, ast.List, ast.Set)):
            found.append(f"a module-level {type(node.value).__name__.lower()} on line {node.lineno}")
    return found


def test_hooks_are_thin_adapters_with_no_state():
    for path in sorted((ROOT / "hooks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
        assert len(lines) <= HOOK_LINES, f"{path.name}: {len(lines)} lines; move the logic into guide/"
        tree = ast.parse(text)
        assert _module_state(tree) == [], f"{path.name} keeps state: {_module_state(tree)}"
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module}
        assert imported <= {"guide", "mkdocs", "pathlib", "logging", "__future__"}, \
            f"{path.name} imports {sorted(imported)}: a hook hands MkDocs' data to guide/ and back"


def test_entry_points_only_call_the_package():
    for path in sorted((ROOT / "scripts").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
        assert not defined, f"scripts/{path.name} defines {defined}: put the command in guide/tools/"
        assert any(isinstance(node, ast.ImportFrom) and (node.module or "").startswith("guide.")
                   for node in tree.body), f"scripts/{path.name} does not call the guide package"
