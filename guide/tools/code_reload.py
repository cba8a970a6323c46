"""`make serve` only: after an edit to the guide's Python code, which of
its modules to import again.

MkDocs imports the guide package once; a server that kept it would serve
yesterday's macros. Dropping the whole package at every code edit was
safe but slow: the evidence records, which took 0.2 s to read and check,
were read again after every edit to a macro, although guide/records/
does not use the macros at all.

So only these modules are dropped, to be imported afresh at the next
build: each module whose file changed (or appeared, or went), and each
module that takes a name from one of those (`from .citations import
cite`, `from . import citations`, `import guide.content.citations`), and
so on outward. A module that only sits in the same package keeps its
state: the package's own __init__.py runs again, but a module it does
not import from is not read again.

The imports are read from the source (ast), in every function as well as
at the top, so a module that imports inside a function counts. The guide
does not import modules by name at run time (importlib); one that did
would have to be listed here.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from pathlib import Path


def signature(files: list[Path]) -> dict[Path, bytes]:
    """Each file's digest (a file that cannot be read is left out)."""
    found = {}
    for path in files:
        try:
            found[path] = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        except OSError:
            continue
    return found


def changed(before: dict[Path, bytes], now: dict[Path, bytes]) -> set[Path]:
    return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package at package_dir, by its dotted name."""
    top = package_dir.name
    names = {}
    for path in package_dir.rglob("*.py"):
        parts = [top, *path.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


# What each file imports, by its path and digest: read again only when it changed.
_imports: dict[tuple[Path, bytes], frozenset[tuple[int, str, str]]] = {}


def imports_in(path: Path) -> frozenset[tuple[int, str, str]]:
    """Each import in a file, as (level, module, name): `from ..x import y`
    is (2, "x", "y"), `import a.b` is (0, "a.b", "")."""
    try:
        data = path.read_bytes()
    except OSError:
        return frozenset()
    key = (path, hashlib.blake2b(data, digest_size=16).digest())
    if key not in _imports:
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            return frozenset()  # the import itself will say what is wrong
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(0, alias.name, "") for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                found |= {(node.level, node.module or "", alias.name) for alias in node.names}
        _imports[key] = frozenset(found)
    return _imports[key]


def imported_from(name: str, path: Path, modules: set[str]) -> set[str]:
    """The modules (of those named in modules) that the module `name` takes names from."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for level, module, alias in imports_in(path):
        if not alias:
            found.add(module)
            continue
        if level:
            parts = package.split(".")
            base = ".".join(parts[:len(parts) - (level - 1)])
            base = f"{base}.{module}" if module else base
        else:
            base = module
        # `from x import y` takes the module x.y if there is one, else a name of x.
        found.add(f"{base}.{alias}" if f"{base}.{alias}" in modules else base)
    return found & modules


def stale(package_dir: Path, edited: set[Path]) -> set[str]:
    """The modules to import again after the files in edited changed."""
    modules = module_names(package_dir)
    by_path = {path.resolve(): name for name, path in modules.items()}
    edited_names = {by_path[p.resolve()] for p in edited if p.resolve() in by_path}
    # A file that went, or is not a module of the package: drop by its name all the same.
    for path in edited:
        if path.resolve() not in by_path and path.suffix == ".py" and path.resolve().is_relative_to(
                package_dir.resolve()):
            parts = [package_dir.name, *path.resolve().relative_to(package_dir.resolve()).with_suffix("").parts]
            edited_names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    known = modules.keys() | edited_names  # with those that went
    uses = {name: imported_from(name, path, known) for name, path in modules.items()}
    out = set(edited_names)
    grew = True
    while grew:
        more = {name for name, used in uses.items() if name not in out and used & out}
        out |= more
        grew = bool(more)
    return out


def warm(package_dir: Path) -> None:
    """Read every module's imports now (at start), not at the first edit."""
    stale(package_dir, set())


def forget(names: set[str], keep: str) -> list[str]:
    """Drop the modules named (but those under keep) from the import cache,
    and from their package's attributes: else `from package import module`
    would find the old module there and not import it again."""
    dropped = []
    for name in sorted(names):
        if name == keep or name.startswith(keep + ".") or name not in sys.modules:
            continue
        del sys.modules[name]
        parent, _, leaf = name.rpartition(".")
        if parent in sys.modules and leaf in vars(sys.modules[parent]):
            delattr(sys.modules[parent], leaf)
        dropped.append(name)
    return dropped


def reattach(package: str) -> None:
    """Make each module of the package an attribute of its package again.
    A package imported afresh gets as attributes only the submodules it
    imports for the first time; a kept submodule must be put back, or
    `package.module.name` would fail."""
    for name, module in list(sys.modules.items()):
        parent, _, leaf = name.rpartition(".")
        if module is not None and (name == package or name.startswith(package + ".")) and parent in sys.modules:
            if leaf not in vars(sys.modules[parent]):
                setattr(sys.modules[parent], leaf, module)
