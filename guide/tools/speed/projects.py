"""Copies of the project to measure: as is, with Material's default theme
settings, as plain Material with system fonts, with synthetic pages, and as
plain Material without the project's macros and hooks (build times), on
the pages as written or on the pages as the macros fill them in.

mkdocs.yml is edited as text, one top-level block at a time, because it
holds YAML tags (!ENV, !!python/name) that a load-and-dump would lose.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..project_copy import ROOT, copy_project  # noqa: F401  (copy_project: used by runner.py)

CATEGORIES = ["physical", "mind", "training"]
GRADES = ["supported", "some", "untested", "contradicted"]


class ConfigShapeError(Exception):
    """mkdocs.yml no longer looks the way a rewrite expects."""


def blocks(text: str) -> list[tuple[str | None, str]]:
    """Top-level (key, text) blocks; comments before a key stay with it."""
    out: list[list] = [[None, ""]]
    pending = ""
    for line in text.splitlines(keepends=True):
        key = re.match(r"^([A-Za-z_]+):", line)
        if key:
            out.append([key.group(1), pending + line])
            pending = ""
        elif line.startswith("#") or not line.strip():
            pending += line
        else:
            out[-1][1] += pending + line
            pending = ""
    out[-1][1] += pending
    return [(k, t) for k, t in out]


def block(text: str, key: str) -> str:
    for k, t in blocks(text):
        if k == key:
            return t
    raise ConfigShapeError(f"mkdocs.yml has no top-level '{key}:' block; update guide/tools/speed/projects.py")


def drop_sub_block(block_text: str, key: str) -> str:
    """Remove `key:` and everything indented under it from a block."""
    lines = block_text.splitlines(keepends=True)
    out, skip_indent = [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if line.strip() and indent <= skip_indent:
                skip_indent = None
            else:
                continue
        if re.match(rf"^\s+{re.escape(key)}:", line):
            skip_indent = indent
            continue
        out.append(line)
    return "".join(out)


def _material_theme(text: str, drop: tuple[str, ...]) -> str:
    """The project's config with none of its own look: the theme keys in
    `drop` removed, no custom templates, CSS or JavaScript. Content,
    plugins, hooks and Material's features stay."""
    theme = block(text, "theme")
    for key in drop:
        if not re.search(rf"^\s+{key}:", theme, re.M):
            raise ConfigShapeError(f"theme has no '{key}:' any more; update guide/tools/speed/projects.py")
        theme = drop_sub_block(theme, key)
    out = []
    for k, t in blocks(text):
        if k == "theme":
            out.append(theme)
        elif k not in ("extra_css", "extra_javascript"):
            out.append(t)
    return "".join(out)


VERIFY_HOOK = "  - hooks/verify_built_site.py\n"


def default_theme_config(text: str) -> str:
    """Material's default look: web fonts on, default palette. Its pages
    fetch Google Fonts, which the verification pass rightly refuses, so
    this copy, measured for comparison and never published, is built
    without the pass."""
    if VERIFY_HOOK not in text:
        raise ConfigShapeError("mkdocs.yml no longer lists hooks/verify_built_site.py; update default_theme_config()")
    return _material_theme(text, ("custom_dir", "font", "palette")).replace(VERIFY_HOOK, "", 1)


def plain_system_fonts_config(text: str) -> str:
    """Plain Material as a careful user would ship it: system fonts
    (`font: false` stays), no palette, so one stylesheet."""
    if not re.search(r"^\s+font: false", block(text, "theme"), re.M):
        raise ConfigShapeError("theme no longer says 'font: false'; update plain_system_fonts_config()")
    return _material_theme(text, ("custom_dir", "palette"))


def stage_study_pages(project: Path) -> None:
    """Write the study pages into a copy that runs no hooks (plain
    Material), so it builds the same pages as the real site: the staging
    step any engine without our hooks would run (study_pages.write)."""
    from ...content import study_pages
    from ...records.store import Records

    study_pages.write(Records(project), project / "docs")


def plain_material_config(text: str) -> str:
    """Plain Material: same site address, Markdown settings and nav; no
    macros, no hooks, no overrides, no extra CSS or JavaScript."""
    keep = ("site_name", "site_description", "site_url", "validation", "markdown_extensions", "nav")
    parts = [block(text, k) for k in keep]
    return "".join(parts[:3]) + "theme:\n  name: material\nplugins:\n  - search\n" + "".join(parts[3:])


def off_nav_pages_allowed(text: str) -> str:
    # Synthetic pages stay off the nav (a 1,000-entry nav would dominate
    # the cost on every page, in both variants); strict would reject them.
    if "omitted_files: warn" not in text:
        raise ConfigShapeError("mkdocs.yml no longer says 'omitted_files: warn'; update off_nav_pages_allowed()")
    return text.replace("omitted_files: warn", "omitted_files: info")


def _ids(path: Path) -> list[str]:
    return re.findall(r"^- id:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)


def synthetic_page(n: int, sources: list[str], callouts: list[str]) -> tuple[str, str]:
    """A benefit-like page: front matter, a safety callout, two citations
    and the page's reference list."""
    category = CATEGORIES[n % len(CATEGORIES)]
    a, b = sources[n % len(sources)], sources[(n * 7 + 3) % len(sources)]
    if a == b:
        b = sources[(sources.index(a) + 1) % len(sources)]
    callout = callouts[n % len(callouts)]
    text = f"""---
title: Synthetic benefit {n}
description: A made-up benefit page number {n}, used only to measure how build time grows with the number of pages.
type: benefit
category: {category}
evidence: {GRADES[n % len(GRADES)]}
finding: Synthetic page {n} for the build benchmark; it makes no claim.
references: [{a}, {b}]
reviewed: 2026-11-25
---

# Synthetic benefit {n}

This page is made up. It has the same parts as a real benefit page, so the
build does the same work. Page number {n} says nothing about running.

{{{{ safety("{callout}") }}}}

## What the research found

A small study looked at a few people for a few weeks. {{{{ cite("{a}") }}}}
A second study measured the same thing in a lab. {{{{ cite("{b}") }}}}

| Study | People | Result |
| --- | --- | --- |
| First | {10 + n % 40} | a little better |
| Second | {12 + n % 30} | no change |

## What it means for you

- Start slowly.
- Stop if it hurts.
- Walking is not running.

## References

{{{{ reference_list() }}}}
"""
    return f"benefits/{category}/bench-{n:04d}.md", text


def add_synthetic_pages(project: Path, count: int) -> None:
    sources = _ids(project / "data/bibliography.yml")
    callouts = _ids(project / "data/safety.yml")
    if len(sources) < 2 or not callouts:
        raise ConfigShapeError("data/bibliography.yml or data/safety.yml has too few entries for synthetic pages")
    for n in range(1, count + 1):
        name, text = synthetic_page(n, sources, callouts)
        (project / "docs" / name).write_text(text, encoding="utf-8")


def rewrite_config(project: Path, *edits) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for edit in edits:
        text = edit(text)
    config.write_text(text, encoding="utf-8")


# Written into a bench copy only, never into the project: after the macros
# (hooks run after plugins), each page's Markdown, front matter kept.
_DUMP_HOOK = '''from pathlib import Path
OUT = Path(__file__).resolve().parent / "rendered-docs"
def on_page_markdown(markdown, page, config, files):
    # Imported here, not above: by now the macros plugin has imported it.
    from guide.content import held_html
    from guide.content.page_call import attached
    # page.markdown is the page's own body, the tail of its source text:
    # what comes before it is the front matter, exactly as written.
    source = page.file.content_string
    front = source[:len(source) - len(page.markdown)] if source.endswith(page.markdown) else ""
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    # With the HTML the macros hold back until after Markdown put in: plain
    # Material then reads the page as readers get it.
    call = attached(page)
    target.write_text(front + (held_html.filled(call.held, markdown) if call else markdown), encoding="utf-8")
    return markdown
'''


def rendered_pages_project(work: Path, build) -> Path:
    """Plain Material (as plain_material_config) on the pages as readers get
    them: the Markdown the macros produced, reference lists, callouts and
    figures included. build(project, site) runs one build of the real site
    with a hook that writes those pages out. The gap between this copy and
    the real site is what the project's own code costs; the gap between it
    and plain Material on the pages as written is what the extra content costs."""
    dump = copy_project(work / "render-dump")
    hook = dump / "bench_dump_hook.py"
    hook.write_text(_DUMP_HOOK, encoding="utf-8")

    def add_hook(text: str) -> str:
        if "\nhooks:\n" not in text:
            raise ConfigShapeError("mkdocs.yml has no top-level 'hooks:' list; update rendered_pages_project()")
        return text.replace("\nhooks:\n", f"\nhooks:\n  - {hook.name}\n", 1)

    rewrite_config(dump, add_hook)
    build(dump, work / "render-dump-site")
    rendered = copy_project(work / "speed-rendered")
    rewrite_config(rendered, plain_material_config)
    for page in (rendered / "docs").rglob("*.md"):
        page.unlink()
    shutil.copytree(dump / "rendered-docs", rendered / "docs", dirs_exist_ok=True)
    return rendered
