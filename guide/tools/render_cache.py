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

The key is made with the files as they were when the build began (the
code's digests from before it was imported). If one of them is saved
while the build runs, that build's conversions are forgotten when it
ends (finish()); the save starts another build anyway.

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

import copy
import hashlib
import importlib.util
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mkdocs.structure.pages import Page

from . import code_reload


@dataclass(frozen=True)
class Converted:
    """What Page.render leaves on a page, as plain values."""

    content: str
    toc: object  # a TableOfContents, copied each time it is handed out
    title: str | None
    anchors: frozenset
    links_to_anchors: dict | None  # {linked file's src_uri: {anchor: link as written}}
    log_records: tuple[logging.LogRecord, ...]


@dataclass
class RenderCache:
    """The conversions of the last build, and of the one being made.
    secret_of(page) gives the page's secret of this build, or None."""

    secret_of: Callable[[object], str | None] = lambda page: None
    previous: dict = field(default_factory=dict)
    current: dict = field(default_factory=dict)
    build_files: object = None  # the Files of the build `settings` describes
    settings: bytes = b""
    # The code's digests before this build imported it (begin()), and the
    # digest of each file this build's key was made with.
    code: dict = field(default_factory=dict)
    inputs: dict = field(default_factory=dict)
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

    def begin(self, code: dict[Path, bytes]) -> None:
        """Before a build imports any of the project's code: its files' digests now."""
        self.code = dict(code)

    def finish(self, code: dict[Path, bytes]) -> None:
        """After a build, with the code's digests now. A file that a
        conversion reads, saved while the build ran, may have been read in
        either version: this build's conversions are then forgotten (the
        save starts another build)."""
        changed = code != self.code or any(file_digest(path) != digest for path, digest in self.inputs.items())
        if changed:
            self.current.clear()

    def render(self, page, config, files, render) -> None:
        if files is not self.build_files:
            # A new build: keep only what the last one used.
            self.build_files = files
            self.settings, self.inputs = build_settings(config, files, self.code)
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
                                   [r.getMessage() for r in done.log_records])):
                    return  # kept nowhere: this page is converted at every build
                done = replace(done, content=done.content.replace(secret, self.mark))
        else:
            self.hits += 1
            reuse(page, files, done, secret, self.mark)
        self.current[key] = done


class _ThisThreadRecords(logging.Handler):
    """The records the conversion logs: those of this thread (the server
    logs requests from others meanwhile)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record):
        # A record that propagates reaches both loggers: kept once.
        if record.thread == self.thread and not any(r is record for r in self.records):
            self.records.append(record)


def convert(page, config, files, render) -> Converted:
    """MkDocs' own conversion, and what it left on the page and logged."""
    kept = _ThisThreadRecords()
    # The root logger, and MkDocs' own: the command line stops its records
    # from reaching the root (propagate is off).
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(kept)
    try:
        render(page, config, files)
    finally:
        for logger in loggers:
            logger.removeHandler(kept)
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
    for record in done.log_records:
        logging.getLogger(record.name).handle(record)


def _toc_text(toc) -> list:
    def walk(items):
        return [(item.id, item.title, walk(item.children)) for item in items]
    return walk(toc or ())


def file_digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return b"(unreadable)"


def build_settings(config, files, code: dict[Path, bytes]) -> tuple[bytes, dict[Path, bytes]]:
    """A digest of everything a conversion reads besides the page itself,
    and the digest of each file it read. A file of the project's own
    extensions takes its digest from code (as it was before the build
    imported it), when code has it."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (config["markdown_extensions"], config["mdx_configs"], config["validation"],
                 config["use_directory_urls"]):
        digest.update(repr(part).encode("utf-8", "replace"))
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion}\n".encode())
    read = {path: file_digest(path) for path in snippet_files(config)}
    read |= {path: code.get(path) or file_digest(path) for path in extension_sources(config)}
    for path in sorted(read):
        digest.update(str(path).encode() + b"\0" + read[path])
    return digest.digest(), read


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
        found |= {p.resolve() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else {folder.resolve()}
    return found


def extension_sources(config) -> set[Path]:
    """The files of the project's own Markdown extensions (those in a
    package inside the project, not in a site-packages folder), with the
    modules of the same package they import, as code_reload.py reads them."""
    root = Path(config.config_file_path).parent.resolve()
    found: set[Path] = set()
    for name in config["markdown_extensions"]:
        if not isinstance(name, str):
            continue
        try:
            spec = importlib.util.find_spec(name.split(".")[0])
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        where = list(spec.submodule_search_locations or []) or ([spec.origin] if spec.origin else [])
        if not where:
            continue
        place = Path(where[0]).resolve()
        if not place.is_relative_to(root) or "site-packages" in place.parts:
            continue
        if place.is_file():  # a single module, not a package
            found.add(place)
            continue
        modules = code_reload.module_names(place)
        todo, seen = [name], set()
        while todo:
            module = todo.pop()
            if module in seen or module not in modules:
                continue
            seen.add(module)
            found.add(modules[module].resolve())
            todo += code_reload.imported_from(module, modules[module], set(modules))
    return found
