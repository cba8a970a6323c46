"""`make serve` only: a page's Markdown is turned into HTML again only when
something that conversion reads has changed.

A save rebuilds the whole site (MkDocs' `--dirty` mode skips pages, but
leaves the navigation, the search index and the "Relied on by" lists
stale). Most of a rebuild's time is Python-Markdown turning 135 pages into
HTML, and after a save of one page, 134 of them come out exactly as
before. So while serving, MkDocs' Page.render looks here first.

What one page's conversion reads, and so what its key holds:

- the page's Markdown after the macros ran (a data file or a macro that
  changes a page changes this text);
- the page's own addresses, and every file's address (a link to another
  page is written with that page's address, and checked against the list);
- the Markdown extensions and their settings as mkdocs.yml and the hooks
  left them (the glossary's terms are one setting), and MkDocs' link
  checking settings;
- the files pymdownx.snippets can include;
- the source of this project's own Markdown extensions, and of the guide
  modules they import (found by reading their import lines). An extension
  of ours that read a file would have to be listed here too; today's one,
  guide.content.safety_markdown, reads none.

A conversion's warnings (a broken link) are kept with it and said again
when it is reused: a mistake left in a page is still shown at every save.

Each build gives each page a new secret, which the macros write into the
safety text they stamp (guide/content/stamps.py). It is the one thing in
a page's Markdown that changes at every build, so the key holds the text
with the secret replaced by a mark, and a reused page gets this build's
secret back where the mark is. A page whose secret shows anywhere but
its HTML is converted every time.

The published build never uses this: `make build`, `make check` and CI
convert every page every time, and the verification pass reads the
whole built site in either case. tests/test_serve_render_cache.py builds
with the cache after each kind of edit and compares every byte with a
build that converts every page.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import importlib.util
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class Converted:
    """What Page.render leaves on a page, as plain values."""

    content: str
    toc: object  # a TableOfContents, copied each time it is handed out
    title: str | None
    anchors: frozenset
    links_to_anchors: dict | None  # {linked file's src_uri: {anchor: link as written}}
    records: tuple[logging.LogRecord, ...]


@dataclass
class RenderCache:
    """The conversions of the last build, and of the one being made.
    secret_of(page) gives the page's secret of this build, or None."""

    secret_of: Callable[[object], str | None] = lambda page: None
    previous: dict = field(default_factory=dict)
    current: dict = field(default_factory=dict)
    files: object = None  # the build whose settings `settings` describes
    settings: bytes = b""
    hits: int = 0
    misses: int = 0
    # Stands for a page's secret in the cache; made afresh each session, so
    # no page can have written it.
    mark: str = field(default_factory=lambda: f"guide-secret-{secrets.token_hex(16)}")

    def install(self) -> None:
        """Make MkDocs' Page.render look here first (this process only)."""
        render = Page.render
        if getattr(render, "render_cache", None) is not None:
            render = render.original
        cache = self

        def cached_render(page, config, files):
            return cache.render(page, config, files, render)

        cached_render.render_cache = self
        cached_render.original = render
        Page.render = cached_render

    def render(self, page, config, files, render) -> None:
        if files is not self.files:
            # A new build: keep only what the last one used.
            self.files, self.settings = files, build_settings(config, files)
            self.previous, self.current = self.current, {}
        secret = self.secret_of(page) or None
        text = page.markdown.replace(secret, self.mark) if secret else page.markdown
        key = (self.settings, page.file.src_uri, page.file.dest_uri, page.file.url, text)
        done = self.current.get(key) or self.previous.get(key)
        if done is None:
            self.misses += 1
            done = convert(page, config, files, render)
            if secret:
                if secret in repr((_toc_text(done.toc), done.title, done.anchors, done.links_to_anchors,
                                   [r.getMessage() for r in done.records])):
                    return  # kept nowhere: this page is converted at every build
                done = replace(done, content=done.content.replace(secret, self.mark))
        else:
            self.hits += 1
            reuse(page, files, done, secret, self.mark)
        self.current[key] = done


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def convert(page, config, files, render) -> Converted:
    """MkDocs' own conversion, and what it left on the page and logged."""
    kept = _Keep()
    root = logging.getLogger()
    root.addHandler(kept)
    try:
        render(page, config, files)
    finally:
        root.removeHandler(kept)
    links = None
    if page.links_to_anchors is not None:
        links = {linked.src_uri: dict(anchors) for linked, anchors in page.links_to_anchors.items()}
    return Converted(page.content, copy.deepcopy(page.toc), page._title_from_render, frozenset(page.present_anchor_ids or ()),
                     links, tuple(kept.records))


def reuse(page, files, done: Converted, secret: str | None, mark: str) -> None:
    """Leave on the page what MkDocs' conversion left, and say its warnings again."""
    page.content = done.content.replace(mark, secret) if secret else done.content
    page.toc = copy.deepcopy(done.toc)
    page._title_from_render = done.title
    page.present_anchor_ids = set(done.anchors)
    if done.links_to_anchors is not None:
        page.links_to_anchors = {files.get_file_from_path(src): dict(anchors)
                                 for src, anchors in done.links_to_anchors.items()
                                 if files.get_file_from_path(src) is not None}
    for record in done.records:
        logging.getLogger(record.name).handle(record)


def _toc_text(toc) -> list:
    def walk(items):
        return [(item.id, item.title, walk(item.children)) for item in items]
    return walk(toc or ())


def build_settings(config, files) -> bytes:
    """A digest of everything a conversion reads besides the page itself."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (config["markdown_extensions"], config["mdx_configs"], config["validation"],
                 config["use_directory_urls"]):
        digest.update(repr(part).encode("utf-8", "replace"))
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion}\n".encode())
    for path in sorted(snippet_files(config) | extension_sources(config)):
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")
    return digest.digest()


def snippet_files(config) -> set[Path]:
    settings = config["mdx_configs"].get("pymdownx.snippets")
    if settings is None and "pymdownx.snippets" not in config["markdown_extensions"]:
        return set()
    bases = (settings or {}).get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    root = Path(config.config_file_path).parent
    found = set()
    for base in bases:
        folder = root / base
        found |= {p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else {folder}
    return found


def extension_sources(config) -> set[Path]:
    """The files of the project's own Markdown extensions (not those
    installed in site-packages), with the project modules they import."""
    root = Path(config.config_file_path).parent.resolve()
    found: set[Path] = set()
    for name in config["markdown_extensions"]:
        if isinstance(name, str):
            _follow(name, root, found)
    return found


def _follow(module: str, root: Path, found: set[Path]) -> None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return
    path = Path(spec.origin).resolve()
    if not path.is_relative_to(root) or path in found:
        return
    found.add(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                _follow(alias.name, root, found)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            if base is None:
                continue
            _follow(base, root, found)
            for alias in node.names:  # `from . import x` names a module
                _follow(f"{base}.{alias.name}", root, found)


def _absolute(node: ast.ImportFrom, package: str) -> str | None:
    if not node.level:
        return node.module
    parts = package.split(".")
    if node.level - 1 > len(parts):
        return None
    base = ".".join(parts[:len(parts) - (node.level - 1)])
    return f"{base}.{node.module}" if node.module else base
