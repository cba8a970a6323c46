"""The project being checked: its config, its Markdown pages, their front
matter, and where each page lands in the built site."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..records.pages import Problem, drop_invalid, parse_page
from ..records.yaml_files import decode_text
from ..records.store import records_for


class UsageError(Exception):
    """A bad command line: the CLI prints it on one line and exits 2."""


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml holds !ENV and !!python/name tags; we only need plain keys."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Page:
    src: str                 # docs-relative, e.g. benefits/physical/leg-strength.md
    path: str                # project-relative, as findings name it
    text: str | None         # None when the file is not UTF-8
    meta: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # guide.records.pages.Problem
    url: str = ""            # site-relative directory URL, e.g. benefits/physical/leg-strength/
    html: str = ""           # site-relative file, e.g. benefits/physical/leg-strength/index.html

    @property
    def in_benefits(self) -> bool:
        return self.src.startswith("benefits/") and posixpath.basename(self.src) != "index.md"

    @property
    def is_benefit(self) -> bool:
        """A benefit page, or a page under benefits/ that forgot to say so."""
        return self.meta.get("type") == "benefit" or self.in_benefits


def page_location(src: str, use_directory_urls: bool) -> tuple[str, str]:
    """(URL, HTML file) of a docs/ page, as MkDocs lays them out."""
    stem = src[:-3]
    name = posixpath.basename(stem)
    if name in ("index", "README"):
        url = posixpath.dirname(stem)
        url = f"{url}/" if url else ""
        return url, f"{url}index.html"
    if use_directory_urls:
        return f"{stem}/", f"{stem}/index.html"
    return f"{stem}.html", f"{stem}.html"


class Project:
    def __init__(self, config_file: Path):
        if not config_file.is_file():
            raise UsageError(f"no MkDocs config at {config_file}; pass --config path/to/mkdocs.yml")
        self.config_file = config_file.resolve()
        self.root = self.config_file.parent
        try:
            config = yaml.load(self.config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise UsageError(f"{config_file}: cannot read it as YAML ({e}); fix mkdocs.yml first") from None
        self.docs_dir = (self.root / config.get("docs_dir", "docs")).resolve()
        self.use_directory_urls = config.get("use_directory_urls", True) is not False
        # The project's own data and schemas: the same records the build reads.
        self.records = records_for(self.root)

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @functools.cached_property
    def files(self) -> dict[str, Path]:
        """Every Markdown page under docs/, by docs-relative path."""
        found = {f.relative_to(self.docs_dir).as_posix(): f for f in sorted(self.docs_dir.rglob("*.md"))}
        # MkDocs skips dot-files and dot-folders by default; so do we.
        return {src: f for src, f in found.items() if not any(part.startswith(".") for part in src.split("/"))}

    def read(self, src: str) -> Page:
        file = self.files[src]
        url, html = page_location(src, self.use_directory_urls)
        page = Page(src=src, path=self.rel(file), text=None, url=url, html=html)
        # The bytes as the build reads them (guide/records/yaml_files.py):
        # UTF-8, no byte-order mark.
        text, problem = decode_text(file.read_bytes())
        if problem:
            page.problems = [Problem(page.path, *problem)]
            return page
        page.text = text
        page.meta, _, page.problems = parse_page(page.text, src, self.records)
        # A field of the wrong kind is a front-matter finding already; the
        # rules read only fields that passed the schema, as the build does.
        drop_invalid(page.meta, self.records)
        return page

    def select(self, names: list[str]) -> list[str]:
        """The pages named on the command line (docs-relative), or all of them.
        Cheap: nothing is parsed, so a typo fails before any build."""
        if not names:
            return list(self.files)
        chosen = []
        for name in names:
            # Findings name pages relative to the project, so accept that first.
            file = self.root / name if (self.root / name).is_file() else Path(name)
            if not file.is_file():
                raise UsageError(f"{name}: no such file; give a Markdown page under {self.rel(self.docs_dir)}/")
            try:
                src = file.resolve().relative_to(self.docs_dir).as_posix()
            except ValueError:
                raise UsageError(f"{name}: not under {self.docs_dir}; give a page of the site") from None
            if src not in self.files:
                raise UsageError(f"{name}: not a Markdown page (.md) of the site")
            chosen.append(src)
        return chosen
