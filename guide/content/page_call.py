"""The page a macro is called from, as plain values.

A macro needs to know which page it is on (to link relative to it and to
name the line of a mistake), the site's settings and the project's records,
and it keeps a little state while the page renders (the order of its
citations, the sections it drew). All of that lives in one PageCall per
page, made by the macros adapter (hooks/page_macros.py) from what MkDocs
and mkdocs-macros hold. Nothing in content/ sees a MkDocs object, and no
state outlives the page.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import line_of
from ..records.macro_calls import MacroCall
from ..records.store import Records


@dataclass
class Site:
    """The site's settings that pages depend on, from mkdocs.yml."""

    root: Path                 # the project folder (mkdocs.yml's)
    docs_dir: Path
    nav: list | None = None    # mkdocs.yml's nav, as written
    site_url: str = ""
    merged: frozenset[str] = frozenset()  # pages merged away (the redirects plugin's old paths)
    # True only under `make serve` (never in a strict build): a macro that
    # cannot find what it was asked for shows a placeholder on the page.
    serving: bool = False
    use_directory_urls: bool = True  # a/b.md is published at a/b/ (else a/b.html)
    # What macros read from docs/ once a build (every benefit page's front
    # matter, every page's title), kept with the build's Site.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def nav_order(self) -> dict[str, int]:
        """Each docs/ path's place in the navigation."""
        order: list[str] = []

        def walk(items):
            for item in items or []:
                values = [item] if isinstance(item, str) else item.values()
                for value in values:
                    walk(value) if isinstance(value, list) else order.append(value)

        walk(self.nav)
        return {src: i for i, src in enumerate(order)}


@dataclass
class PageCall:
    """One page being rendered: where it is, what it says, what it has drawn."""

    src: str                   # docs-relative path, like benefits/walking/knee-arthritis.md
    source: str                # the page file's whole text
    meta: dict                 # its front matter
    site: Site
    records: Records
    log_error: Callable[[str], None]
    # Kept while the page renders:
    cited: list[str] = field(default_factory=list)        # sources in order of first citation
    wants_reference_list: bool = False
    sections: set[str] = field(default_factory=set)       # precautions sections drawn
    drawn: dict[str, int] = field(default_factory=dict)   # figures drawn, by name
    held: dict = field(default_factory=dict)              # HTML put in after Markdown (held_html)
    once: set[str] = field(default_factory=set)           # macros a page may call once, called
    # The page's macro calls as Jinja reads them (records/macro_calls.py),
    # the number run so far, and the one running now: its line names the
    # place of a mistake, its ordinal goes into the stamp of what it draws.
    sites: list[MacroCall] = field(default_factory=list)
    runs: int = 0
    current: MacroCall | None = None
    # A secret of this page's build: safety text the macros draw is stamped
    # with it, so a stamp the page writes itself is told apart (stamps.py).
    stamp_key: str = field(default_factory=lambda: secrets.token_hex(8))

    def next_call(self, name: str) -> MacroCall | None:
        """The call Jinja is running now: the next of the page's calls in
        order, if it is one of name (else None, and errors fall back to
        finding the text)."""
        site = self.sites[self.runs] if self.runs < len(self.sites) else None
        self.runs += 1
        self.current = site if site is not None and site.name == name else None
        return self.current

    def report(self, needle: str, message: str, line: int | None = None) -> str:
        """Log an error at the line of the macro call running now, else at
        the line of the page where needle first appears, preferring it
        quoted, as a macro argument is (so 'x' is not found inside an
        earlier 'x2'), unless the caller knows the line. Returns the
        message as logged."""
        if line is None and self.current is not None:
            line = self.current.line
        if line is None:
            for form in (f'"{needle}"', f"'{needle}'", needle):
                if form in self.source:
                    break
            line = line_of(self.source, form)
        logged = f"docs/{self.src}:{line}: {message}"
        self.log_error(logged)
        return logged

    def stand_in(self, label: str, logged: str, block: bool = False) -> str:
        """What a macro shows in place of what it could not find: while
        serving, a visible placeholder with the error (logged, as report()
        returned it); in any other build, nothing. The error is logged
        either way, so a strict build still stops."""
        if not self.site.serving:
            return ""
        if not block:
            return f'<mark class="guide-missing" title="{html.escape(logged)}">[{html.escape(label)}]</mark>'
        return (f'!!! failure "{html.escape(label)}"\n\n'
                f"    {html.escape(logged, quote=False)}\n\n"
                "    This box shows only in `make serve`; a build stops until the mistake is fixed.\n")

    def link_to(self, target: str) -> str:
        """A Markdown link target for a docs/ file, relative to this page."""
        here = posixpath.dirname(self.src)
        return posixpath.relpath(target, here or ".")

    def href_to(self, target: str, anchor: str = "") -> str:
        """An address for a docs/ file, relative to this page's published
        address, for HTML that goes in after Markdown (MkDocs rewrites the
        links of Markdown, not of HTML put in later)."""
        here = address(self.src, self.site.use_directory_urls)
        there = address(target, self.site.use_directory_urls)
        base = here.rsplit("/", 1)[0] if "/" in here else ""
        href = posixpath.relpath(there or ".", base or ".")
        if there.endswith("/") or not there:
            href = "./" if href == "." else href + "/"
        return href + (f"#{anchor}" if anchor else "")

    def indent_of_call(self, name: str, first_arg: str) -> str:
        """The leading whitespace of the source line that calls name(first_arg).

        A macro's multi-line output must keep the indentation of the list item
        or admonition it sits in; the call's own line tells us what that is.
        """
        pattern = re.compile(rf"^([ \t]*).*\b{re.escape(name)}\(\s*['\"]{re.escape(first_arg)}['\"]", re.M)
        match = pattern.search(self.source)
        return match.group(1) if match else ""


def address(src: str, use_directory_urls: bool = True) -> str:
    """Where a docs/ page is published, relative to the site's root, as
    MkDocs lays pages out: a/b.md at a/b/ (or a/b.html), a/index.md at a/."""
    stem = src[:-3] if src.endswith(".md") else src
    name = posixpath.basename(stem)
    if name in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def indent(text: str, prefix: str) -> str:
    """Indent every line but the first (the call already sits at prefix)."""
    if not prefix:
        return text
    lines = text.split("\n")
    return "\n".join([lines[0]] + [prefix + line if line else line for line in lines[1:]])


# The adapters keep each page's PageCall on the object that stands for the
# page in the engine (MkDocs' Page), so the macros and the hooks that run
# after Markdown share it, and it goes when the page goes.
ATTRIBUTE = "guide_page_call"


def attach(page, call: PageCall) -> PageCall:
    vars(page)[ATTRIBUTE] = call
    return call


def attached(page) -> PageCall | None:
    return vars(page).get(ATTRIBUTE)
