"""docs/ holds content only: pages and pictures, each readable, none too big.

Everything in docs/ is published, and contributors write it. So a file
there may only be:

- a Markdown page (.md): UTF-8 with no byte-order mark, at most
  limits.MAX_PAGE_BYTES, its front matter free of YAML aliases (MkDocs
  would expand them), its text free of the shapes that make Markdown slow
  (guide/records/limits.py), its snippets only from includes/;
- a raster picture (.png, .jpg, .jpeg, .gif, .webp, .avif) whose first
  bytes say it is one, so no HTML or script hides behind the name;
- an SVG picture that passes the SVG allowlist (svg_files.py).

Its path is lower-case letters, digits, dashes, dots and underscores, and
it may not take the place of one of the theme's own files (Material's
bundle, its search worker, its favicon): MkDocs lets a file in docs/
replace the theme's file at the same path on every page. An .html, .js,
.css or any other file is an error at that file: the guide's own styles and
scripts live in overrides/assets/, where a change is a change to code
(.github/CODEOWNERS asks a maintainer to review it). CONTRIBUTING.md says
which folders are content.

hooks/content_only.py runs this on the files MkDocs is about to publish,
before it reads any of them: a file MkDocs cannot read (not UTF-8) or that
would stall it (aliases, brackets) is reported at its line instead of
ending the build with a traceback or an hour of work.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..records import limits
from ..records.pages import split_front_matter
from ..records.yaml_files import SAFE_LOADER, decode_text, refuse_aliases, yaml_problem
from . import site_rules, svg_files

# The first bytes of each kind of raster picture.
MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}


def _is_picture(suffix: str, data: bytes) -> bool:
    if suffix in MAGIC:
        return data.startswith(MAGIC[suffix])
    if suffix == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if suffix == ".avif":
        return data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis")
    return False


# pymdownx.snippets: `--8<-- "file"` on a line, or a block of file names
# between two `--8<--` lines. `;--8<--` is the escaped, inert form.
SNIPPET = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["'])(.*?)\1""", re.M)
SNIPPET_BLOCK = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*\n(.*?)^[ \t]*-{1,}8<-{1,}[ \t]*$", re.M | re.S)
LINES_OR_SECTION = re.compile(r"(:-?\d*(:-?\d*)?(,-?\d*(:-?\d*)?)*|:[\w-]+)$")


def snippet_problems(text: str, include_dirs, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each snippet that is not a file in an include
    folder: pymdownx stops the build with a Python error for a file it
    cannot find, and must never be pointed outside the project's includes."""
    found = [(m.start(), m.group(2)) for m in SNIPPET.finditer(text)]
    for block in SNIPPET_BLOCK.finditer(text):
        offset = block.start(1)
        for line in block.group(1).splitlines(keepends=True):
            if line.strip() and not line.lstrip().startswith(";"):
                found.append((offset, line.strip()))
            offset += len(line)
    problems = []
    for index, target in found:
        path = LINES_OR_SECTION.sub("", target)
        parts = Path(path).parts
        inside = path and not Path(path).is_absolute() and ".." not in parts and "://" not in target
        if not inside or not any((Path(folder) / path).is_file() for folder in include_dirs):
            problems.append((text.count("\n", 0, index) + first_line,
                             f"the snippet '{target[:80]}' is not a file in {', '.join(Path(d).name + '/' for d in include_dirs)}"
                             " (snippets may only include the guide's own include files)"))
    return problems


def page_problems(name: str, data: bytes, include_dirs=()) -> list[str]:
    """'name:line: message' for a Markdown page's bytes."""
    too_big = limits.size_problem(len(data), limits.MAX_PAGE_BYTES, "the page")
    if too_big:
        return [f"{name}:1: {too_big}"]
    text, problem = decode_text(data)
    if problem:
        return [f"{name}:{problem[0]}: {problem[1]}"]
    yaml_text, body, body_line = split_front_matter(text)
    problems = []
    if yaml_text:
        # Only what MkDocs' own reading would choke on: aliases, which it
        # expands. Every other front-matter mistake is reported with the
        # page (guide/records/pages.py), and the build goes on to report
        # the other pages' mistakes too.
        try:
            node = yaml.compose(yaml_text, Loader=SAFE_LOADER)
            refuse_aliases(node) if node is not None else None
        except yaml.constructor.ConstructorError as e:
            line, message = yaml_problem(e, "write the value out in full", first_line=2)
            problems.append(f"{name}:{line}: front matter: {message}")
        except yaml.YAMLError:
            pass  # malformed: reported at its line with the page
    problems += [f"{name}:{line}: {message}" for line, message in limits.text_problems(body, body_line)]
    problems += [f"{name}:{line}: {message}" for line, message in snippet_problems(body, include_dirs, body_line)]
    return problems


def file_problems(docs_dir: Path, src: str, theme_dirs, include_dirs=()) -> list[str]:
    """Every problem with the file docs/src, as 'docs/src:line: message'."""
    name = f"{Path(docs_dir).name}/{src}"
    suffix = Path(src).suffix.lower()
    if suffix not in site_rules.DOCS_SUFFIXES:
        return [f"{name}:1: a {suffix or 'suffix-less'} file has no place in docs/, which holds pages (.md) "
                "and pictures only; the guide's styles and scripts live in overrides/assets/ "
                "(CONTRIBUTING.md, 'Which folders are content')"]
    if not site_rules.SAFE_PATH.match(src):
        return [f"{name}:1: the path '{src}' has characters a page address may not have; use lower-case "
                "letters, digits and dashes"]
    for folder in theme_dirs:
        if (Path(folder) / src).is_file():
            return [f"{name}:1: this file would replace the theme's own {src} on every page; "
                    "choose another name"]
    data = (Path(docs_dir) / src).read_bytes()
    if suffix == ".md":
        return page_problems(name, data, include_dirs)
    if suffix == ".svg":
        return [f"{name}:{line}: {message}" for line, message in svg_files.problems(data)]
    if not _is_picture(suffix, data):
        return [f"{name}:1: this is not a {suffix} picture (its first bytes say otherwise); "
                "save it as a real picture"]
    return []


def problems(docs_dir: Path, sources, theme_dirs, include_dirs=()) -> list[str]:
    """file_problems() for every file MkDocs will publish from docs_dir;
    include_dirs are the folders snippets may come from."""
    return [problem for src in sorted(sources)
            for problem in file_problems(docs_dir, src, theme_dirs, include_dirs)]
