"""After an edit to the guide's code, `make serve` imports again the
modules the edit reaches and keeps the rest (guide/tools/code_reload.py)."""

from __future__ import annotations

import sys

import pytest

from guide.tools import code_reload

FILES = {
    "__init__.py": "from . import used\n",
    "used.py": "VALUE = 1\n",
    "takes_name.py": "from .used import VALUE\n",
    "takes_module.py": "from . import used\n",
    "absolute.py": "import pkgprobe.used\n",
    "in_function.py": "def late():\n    from .used import VALUE\n    return VALUE\n",
    "second_hand.py": "from .takes_name import VALUE\n",
    "bystander.py": "from . import other\n",
    "other.py": "OTHER = 2\n",
    "sub/__init__.py": "",
    "sub/deep.py": "from ..used import VALUE\n",
    "sub/leaf.py": "X = 1\n",
    "sub/sibling.py": "from . import leaf\n",
}


@pytest.fixture
def package(tmp_path, monkeypatch):
    root = tmp_path / "pkgprobe"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield root
    for name in [m for m in sys.modules if m == "pkgprobe" or m.startswith("pkgprobe.")]:
        del sys.modules[name]


def test_an_edit_reaches_every_module_that_takes_a_name_from_it(package):
    stale = code_reload.stale(package, {package / "used.py"})
    assert stale == {"pkgprobe", "pkgprobe.used", "pkgprobe.takes_name", "pkgprobe.takes_module",
                     "pkgprobe.absolute", "pkgprobe.in_function", "pkgprobe.second_hand", "pkgprobe.sub.deep"}


def test_a_module_that_went_is_dropped_by_its_name(package):
    (package / "other.py").unlink()
    assert code_reload.stale(package, {package / "other.py"}) == {"pkgprobe.other", "pkgprobe.bystander"}


def test_dropped_modules_are_read_again_and_the_others_kept(package):
    import importlib

    for name in ("pkgprobe.takes_name", "pkgprobe.bystander", "pkgprobe.in_function"):
        importlib.import_module(name)
    kept, old = sys.modules["pkgprobe.other"], sys.modules["pkgprobe.used"]
    (package / "used.py").write_text("VALUE = 3\n", encoding="utf-8")
    code_reload.forget(code_reload.stale(package, {package / "used.py"}), keep="pkgprobe.tools")
    importlib.invalidate_caches()
    assert importlib.import_module("pkgprobe.takes_name").VALUE == 3
    assert importlib.import_module("pkgprobe.in_function").late() == 3
    # `from . import used` in the package would find the old module as its attribute.
    assert importlib.import_module("pkgprobe.takes_module").used.VALUE == 3
    assert sys.modules["pkgprobe.used"] is not old
    assert importlib.import_module("pkgprobe.bystander").other is kept
    code_reload.reattach("pkgprobe")
    assert sys.modules["pkgprobe"].other is kept


def test_a_kept_package_does_not_hand_out_the_old_module(package):
    import importlib

    importlib.import_module("pkgprobe.sub.sibling")
    (package / "sub/leaf.py").write_text("X = 2\n", encoding="utf-8")
    stale = code_reload.stale(package, {package / "sub/leaf.py"})
    assert stale == {"pkgprobe.sub.leaf", "pkgprobe.sub.sibling"}  # the package pkgprobe.sub stays
    code_reload.forget(stale, keep="pkgprobe.tools")
    importlib.invalidate_caches()
    assert importlib.import_module("pkgprobe.sub.sibling").leaf.X == 2
