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

includes/ is content too: its files reach pages through snippets
(`--8<-- "file"`, which pymdownx.snippets splices in during Markdown, after
every check of the page) and the glossary. So every include file gets the
same checks as a page, at its own lines (UTF-8, size, the Markdown limits,
no snippet of its own), and a page with its snippets spliced in is held to
the limits again. The glossary has limits of its own (guide/records/limits.py).

hooks/content_only.py runs this on the files MkDocs is about to publish,
and on every include file, before MkDocs reads any of them: a file MkDocs cannot read (not UTF-8) or that
would stall it (aliases, brackets) is reported at its line instead of
ending the build with a traceback or an hour of work.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..records import limits, macro_calls
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


def picture_size(suffix: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) of a raster picture from its header, or None if the
    header does not say."""
    try:
        if suffix == ".png" and data[12:16] == b"IHDR":
            return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if suffix == ".gif":
            return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
        if suffix in (".jpg", ".jpeg"):
            i = 2
            while i + 9 < len(data):
                if data[i] != 0xFF:
                    return None
                marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
                if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                    return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
                i += 2 + length
            return None
        if suffix == ".webp":
            kind = data[12:16]
            if kind == b"VP8 ":
                return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
            if kind == b"VP8L":
                bits = int.from_bytes(data[21:25], "little")
                return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            if kind == b"VP8X":
                return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
            return None
        if suffix == ".avif":
            at = data.find(b"ispe")
            if at >= 0:
                return int.from_bytes(data[at + 8:at + 12], "big"), int.from_bytes(data[at + 12:at + 16], "big")
    except (IndexError, ValueError):
        return None
    return None


def size_problem(suffix: str, data: bytes) -> str | None:
    """Why a picture is too big for a page, or None. A picture takes room
    by its own size: a tall one pushes what follows, the safety advice too,
    out of sight."""
    size = picture_size(suffix, data)
    if size is None:
        return None
    width, height = size
    if not width or not height or max(width, height) > site_rules.MAX_RASTER_PX \
            or height > width * site_rules.MAX_PICTURE_RATIO:
        return (f"the picture is {width} x {height} pixels; a picture is at most {site_rules.MAX_RASTER_PX} "
                f"pixels a side and at most {site_rules.MAX_PICTURE_RATIO} times as tall as it is wide, so it "
                "cannot push what follows out of sight; crop or scale it")
    return None


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
    found = _targets(text)
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


def _targets(text: str) -> list[tuple[int, str]]:
    """(index, file name) of each snippet in text, in order."""
    found = [(m.start(), m.group(2)) for m in SNIPPET.finditer(text)]
    for block in SNIPPET_BLOCK.finditer(text):
        offset = block.start(1)
        for line in block.group(1).splitlines(keepends=True):
            if line.strip() and not line.lstrip().startswith(";"):
                found.append((offset, line.strip()))
            offset += len(line)
    return sorted(found)


def spliced_problems(text: str, include_dirs, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) when text, with its snippets spliced in as
    pymdownx.snippets does, is over a limit: each include is checked alone,
    but one page can splice in many, or the same one many times."""
    targets = _targets(text)
    if not targets:
        return []
    files = {}
    for _, target in targets:
        path = LINES_OR_SECTION.sub("", target)
        found = next((Path(folder) / path for folder in include_dirs if (Path(folder) / path).is_file()), None)
        if found is not None:
            files[target] = found.read_bytes().decode("utf-8", errors="replace")
    line = text.count("\n", 0, targets[0][0]) + first_line
    size = len(text.encode("utf-8")) + sum(len(files.get(t, "").encode("utf-8")) for _, t in targets)
    if size > 2 * limits.MAX_PAGE_BYTES:
        return [(line, f"with its snippets spliced in, the page is {size:,} bytes, over the limit of "
                       f"{2 * limits.MAX_PAGE_BYTES:,} (guide/records/limits.py); include less")]
    lines = text.split("\n")
    for index, target in reversed(targets):
        number = text.count("\n", 0, index)
        if target in files and number < len(lines):
            lines[number] = files[target]
    problems = limits.text_problems("\n".join(lines))
    return [(line, f"with its snippets spliced in, the page has {problems[0][1]}")] if problems else []


def include_problems(include_dirs, root: Path) -> list[str]:
    """'includes/file:line: message' for every file of the include folders:
    the checks of a page (pages splice them in), and no snippet of their own."""
    problems = []
    for folder in include_dirs:
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            try:
                name = path.resolve().relative_to(Path(root).resolve()).as_posix()
            except ValueError:
                name = path.as_posix()
            data = path.read_bytes()
            if path.name == GLOSSARY_NAME:
                problems += glossary_file_problems(name, data)
                continue
            found = page_problems(name, data, include_dirs, front_matter=False)
            text = data.decode("utf-8", errors="replace")
            found += [f"{name}:{text.count(chr(10), 0, index) + 1}: an include file may not hold a snippet of its "
                      "own; put the text in the page's include instead" for index, _ in _targets(text)]
            problems += found
    return problems


GLOSSARY_NAME = "glossary.md"


def glossary_file_problems(name: str, data: bytes) -> list[str]:
    """The glossary's bytes: UTF-8 and within its limits (it is read as
    abbreviations, one a line, not as a page)."""
    too_big = limits.size_problem(len(data), limits.MAX_GLOSSARY_BYTES, "the glossary")
    if too_big:
        return [f"{name}:1: {too_big}"]
    text, problem = decode_text(data)
    if problem:
        return [f"{name}:{problem[0]}: {problem[1]}"]
    terms = sum(1 for line in text.splitlines() if line.startswith("*["))
    return [f"{name}:{line}: {message}" for line, message in limits.glossary_problems(text, terms)]


def page_problems(name: str, data: bytes, include_dirs=(), front_matter: bool = True) -> list[str]:
    """'name:line: message' for a Markdown page's bytes (an include file's,
    with front_matter=False: it is spliced into a page as it is)."""
    too_big = limits.size_problem(len(data), limits.MAX_PAGE_BYTES, "the page")
    if too_big:
        return [f"{name}:1: {too_big}"]
    text, problem = decode_text(data)
    if problem:
        return [f"{name}:{problem[0]}: {problem[1]}"]
    yaml_text, body, body_line = split_front_matter(text) if front_matter else ("", text, 1)
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
    too_deep = macro_calls.nesting_problem(body, first_line=body_line)
    if too_deep:
        problems.append(f"{name}:{too_deep[0]}: {too_deep[1]}")
    problems += [f"{name}:{line}: {message}" for line, message in snippet_problems(body, include_dirs, body_line)]
    if front_matter and not problems:
        problems += [f"{name}:{line}: {message}" for line, message in spliced_problems(body, include_dirs, body_line)]
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
    too_big = size_problem(suffix, data)
    return [f"{name}:1: {too_big}"] if too_big else []


def problems(docs_dir: Path, sources, theme_dirs, include_dirs=(), root: Path | None = None) -> list[str]:
    """file_problems() for every file MkDocs will publish from docs_dir, and
    include_problems() for every include file; include_dirs are the folders
    snippets may come from, root the project's (to name the files)."""
    return [problem for src in sorted(sources)
            for problem in file_problems(docs_dir, src, theme_dirs, include_dirs)] + \
        include_problems(include_dirs, root or Path(docs_dir).parent)
