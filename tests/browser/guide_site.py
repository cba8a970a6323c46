"""What the site should contain, from its sources: its address and its pages.

Taken from mkdocs.yml and docs/, not from the build, so a page that fails to
appear in the build is a test failure rather than a missing test.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@cache
def mkdocs_config() -> dict:
    """mkdocs.yml as MkDocs reads it (with !ENV), without loading plugins."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml_load(f)


def site_url() -> str:
    url = mkdocs_config()["site_url"]
    return url if url.endswith("/") else url + "/"


def page_paths() -> list[str]:
    """Every page's address relative to the site root (directory URLs:
    a/b.md -> a/b/, a/index.md -> a/, index.md -> ""), and the page made
    for each source in data/bibliography.yml (studies/<id>/)."""
    paths = []
    for md in sorted(DOCS.rglob("*.md")):
        parts = list(md.relative_to(DOCS).with_suffix("").parts)
        if parts[-1] in ("index", "README"):
            parts = parts[:-1]
        paths.append("".join(p + "/" for p in parts))
    return paths + study_paths()


@cache
def study_paths() -> list[str]:
    """The study pages, from the sources themselves, not from the build."""
    from guide.records.store import records_for
    return [f"studies/{ref_id}/" for ref_id in records_for(ROOT).bibliography()]


def _address(md: str) -> str:
    parts = list(Path(md).with_suffix("").parts)
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "".join(p + "/" for p in parts)


def redirects() -> dict[str, str]:
    """Old address -> new address, for each page merged into another
    (the redirects plugin's redirect_maps in mkdocs.yml)."""
    for plugin in mkdocs_config().get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps = plugin["redirects"].get("redirect_maps", {})
            return {_address(old): _address(new) for old, new in maps.items()}
    return {}


def top_level_nav() -> list[tuple[str, list[str]]]:
    """(title, child titles) of each top-level nav entry, in order."""
    entries = []
    for item in mkdocs_config()["nav"]:
        title, value = next(iter(item.items()))
        children = []
        if isinstance(value, list):
            children = [next(iter(c)) for c in value if isinstance(c, dict)]
        entries.append((title, children))
    return entries
