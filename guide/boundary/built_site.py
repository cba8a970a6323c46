"""The verification pass: every file of a built site, as readers receive it.

The checks before it look at what contributors write (the page's Markdown,
its HTML, the data files). This pass looks at what comes out, whatever
wrote it: the theme, a Markdown extension, a plugin, or another engine
(Zensical, `make canary`). It needs no MkDocs object, only the folder of
files and the project it was built from.

Every file in the site:

- its type is one a site holds (site_rules.SITE_SUFFIXES); each script and
  stylesheet is byte for byte one of the theme's own files;
- every JSON file (the search index first) is valid JSON, with no NaN;
- every SVG passes the SVG allowlist (svg_files.py);
- every HTML page: each element and attribute is on the allowlist (the
  content's, html_allowlist.py, or the theme's, site_rules.THEME_TAGS);
  no event handler, no javascript: address; ids and classes are safe
  names, never twice the same id, content never takes the theme's
  reserved names, and every class in the article is one the guide uses
  (site_rules.ARTICLE_CLASSES); pictures and drawings keep to a size, and
  blank lines and line breaks to a few (blank_space.py); each
  inline script is one the templates write (theme_scripts.py); each style
  attribute is one the allowlist permits; nothing is fetched from another
  origin (src, srcset, <link>, CSS url(), an SVG's paint), every address
  read as a browser reads it (addresses.py); the Content Security Policy
  is the fixed one (csp.py);
- safety text: each safety macro call in the page's source (read with
  Jinja's parser) drew exactly the stamped element it should
  (guide/content/stamps.py, emitted.py), once, with the data file's words,
  visible on screen and on paper: nothing around it or inside it hides it
  (hidden, aria-hidden, a closed <details>, an SVG, a class any stylesheet
  hides things with, css_hiding.py). Nothing else on the page has the
  safety look.

Each problem is a Finding at the source file and line where it can be
traced (the page's Markdown, found by the address), else at the built file.
"""

from __future__ import annotations

import html as html_text
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import lxml.etree

from ..errors import line_of
from . import addresses, blank_space, content_files, csp, css_hiding, site_rules, svg_files, theme_scripts
from .html_allowlist import VALUES

STYLE_VALUES = {value for rules in VALUES.values() for value in rules.get("style", ())}
PARSER = lxml.etree.HTMLParser(encoding="utf-8")
SVG_TAGS = site_rules.SVG_ELEMENTS
RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
# What parts the names in a class list (space, tab, newline, return), to
# find the article: the element every page's own content sits in.
CLASS_SPACE = re.compile(r"[\x20\x09\x0a\x0d]+")
STAMP = "data-guide-stamp"
# Attributes that hold an address or a style: only these need _addresses().
ADDRESSED = frozenset(site_rules.FETCHING | {"href", "style"})
NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")
PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
VIEWBOX = re.compile(r"^\s*(-?[\d.]+)[\s,]+(-?[\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*$")
# Not words a reader reads in a callout: the citation numbers (their order
# depends on the page) and a heading's ¶ link.
NOT_WORDS = {"guide-cite", "headerlink"}
# The box a stamp belongs to: itself, or (for an admonition, whose own
# <div> takes no attributes) the admonition its last paragraph or item ends.
BOXES = {"admonition", "guide-summary", "guide-handout__item"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The box each kind of stamped element is: its tags and classes. A
# precautions section with warning signs is a <div> holding its lists.
ROOT_OF = {"callout": (("div",), {"admonition", "safety"}),
           "red-flags": (("div",), {"admonition", "safety", "guide-red-flags"}),
           "summary": (("p", "div"), {"guide-summary"}), "handout-item": (("div",), {"guide-handout__item"})}


@dataclass(frozen=True, order=True)
class Finding:
    path: str     # project-relative: the source file where known, else the built file
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: in the built site, {self.message}"


@dataclass
class Project:
    """What the pass needs to know of the project, as plain values."""

    root: Path                              # the project folder
    site_prefix: str = "site"               # how findings name built files
    docs_dir: Path | None = None            # to trace a page to its Markdown
    theme_dirs: tuple[str, ...] = ()        # whose scripts and stylesheets may ship
    hiding: css_hiding.Hiding = css_hiding.Hiding(frozenset(), frozenset())
    check_policy: bool = True
    # expected(src, page text) -> (what the page's safety macro calls must
    # draw, what a page that must call certain macros leaves out): the
    # guide's macros know (guide/content/emitted.py); the pass does not.
    expected: Callable[[str, str], tuple[list, list]] = lambda src, text: ([], [])


def _outside(url: str) -> bool:
    """True when fetching url would leave the site's origin (addresses.py)."""
    return addresses.outside(url)


def _is_article(classes: str | None) -> bool:
    """Whether a class attribute names the article (site_rules.ARTICLE_CLASS)."""
    return bool(classes) and site_rules.ARTICLE_CLASS in CLASS_SPACE.split(classes)


def _may_look(classes: str | None) -> bool:
    """Whether a class attribute holds a safety look's name anywhere in it
    (the exact test, of whole names, is site_rules.safety_look)."""
    return bool(classes) and any(name in classes for name in site_rules.SAFETY_LOOK)


def _box(element):
    for node in (element, *element.iterancestors()):
        if not BOXES.isdisjoint((node.get("class") or "").split()):
            return node
    return element


def _words(element) -> str:
    """The words a reader reads in element, whitespace collapsed, without
    citation numbers or heading links."""
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not NOT_WORDS.intersection((child.get("class") or "").split()):
                walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(element)
    return " ".join("".join(parts).split())


class _Page:
    """One page's checks, over the tree lxml parses (libxml2, in C: the
    pass must cost little beside the build, and Python's own HTML parser
    took a fifth of it)."""

    def __init__(self, project: Project, allowed_scripts, memo: dict | None = None):
        self.project, self.allowed_scripts = project, allowed_scripts
        # Shared by every page of a site: most of a page is the theme's
        # navigation, the same on every page, so what an element's tag and
        # attributes alone decide is worked out once. By (tag, attributes):
        # [is the article, entry outside the article, entry inside], each
        # entry (findings, stamped, may have the safety look). Also by
        # ("css", text) and ("script", text): the inline stylesheets' and
        # scripts' results, the same texts on most pages.
        self.memo = {} if memo is None else memo
        self.sink: list[tuple[str, str]] | None = None
        self.problems: list[tuple[str, str]] = []   # (message, needle to find it in the source)
        self.ids: dict[str, int] = {}
        self.element = None  # the element being checked: its line, when a problem needs it
        self.inline_scripts: list[str] = []
        self.inline_styles: list[str] = []
        self.policies: list[str] = []
        self.root = None
        self.articles: list = []
        # Inside an article (not the article itself), in page order: the
        # stamped elements, and those whose class may give the safety look.
        self.stamped: list = []
        self.looks: list = []

    @property
    def line(self) -> int:
        return (self.element.sourceline or 0) if self.element is not None else 0

    def problem(self, message: str, needle: str = "") -> None:
        if self.sink is not None:
            self.sink.append((message, needle))  # an element's stateless checks: the line comes later
            return
        self.problems.append((f"{message} (line {self.line} of the built page)", needle))

    def check(self, html: bytes) -> None:
        try:
            root = lxml.etree.fromstring(html, parser=PARSER)
        except (lxml.etree.ParserError, ValueError) as e:
            self.problem(f"the page could not be parsed as HTML ({e})")
            return
        if root is None:
            self.problem("the page is empty")
            return
        self.root = root
        memo = self.memo
        in_article, until = False, None
        # This loop runs for every element of every page (about 56,000 a
        # site): it asks the memo (__init__) first, and reads an element's
        # line only when a problem or an id needs it.
        for element in root.iter(lxml.etree.Element):
            self.element = element
            tag = element.tag
            items = element.items()
            base = (tag, tuple(items))
            slot = memo.get(base)
            if slot is None:
                slot = memo[base] = [_is_article(element.get("class")), None, None]
            starts = False
            if slot[0]:
                self.articles.append(element)
                if not in_article:
                    # The article's elements come one after the other in
                    # document order: from the article to its last descendant.
                    until = element
                    for until in element.iter(lxml.etree.Element):
                        pass
                    in_article = starts = True
            entry = slot[1 + in_article]
            if entry is None:
                self.sink = []
                values = dict(items)
                self._check_element(tag, values, in_article)
                # What the element's attributes say, kept with its findings:
                # stamped, or with a class that may give the safety look.
                entry = (tuple(self.sink), STAMP in values, _may_look(values.get("class")))
                self.sink = None
                if tag != "meta":  # its policy is kept per page (_check_element)
                    slot[1 + in_article] = entry
            found, stamped, looks = entry
            if in_article and not starts:
                if stamped:
                    self.stamped.append(element)
                if looks:
                    self.looks.append(element)
            for message, needle in found:
                self.problem(message, needle)
            element_id = element.get("id") if items else None
            if element_id is not None:
                if element_id in self.ids:
                    self.problem(f"the id '{element_id}' is used twice on the page (first on line "
                                 f"{self.ids[element_id]}); a second one can take the place of the theme's own",
                                 element_id)
                else:
                    self.ids[element_id] = self.line
            if tag == "script":
                self._script(dict(items), element.text or "")
            elif tag == "style":
                text = element.text or ""
                self.inline_styles.append(text)
                self._css(text, "a <style> element")
            if in_article and element is until:
                in_article = False

    # -- checks -------------------------------------------------------
    def _check_element(self, tag, values, in_article):
        if not site_rules.allowed_tag(tag):
            self.problem(f"the element <{tag}> is not on the guide's allowlist", f"<{tag}")
            return
        if not values:
            return
        allowed = site_rules.allowed_attributes(tag)
        for name, value in values.items():
            if name.startswith("on"):
                self.problem(f"the event handler {name}= on <{tag}> would run a script", value or name)
            elif name not in allowed and not (site_rules.THEME_ATTRIBUTE.match(name) and not in_article):
                # data-md-* binds an element to the theme's scripts (a fake
                # announcement bar, a second search): the theme's, never content's.
                self.problem(f"the attribute {name}= on <{tag}> is not on the guide's allowlist", value or name)
        if "id" in values or "class" in values:
            self._names(tag, values, in_article)
        if not ADDRESSED.isdisjoint(values):
            self._addresses(tag, values)
        if tag in site_rules.SIZED:
            self._size(tag, values)
        if tag in SVG_TAGS:
            self._paint(tag, values)
        if "style" in values and values["style"] not in STYLE_VALUES:
            self.problem(f"the style=\"{values['style'][:60]}\" on <{tag}> is not one the allowlist permits "
                         "(a style can cover or hide the page)", values["style"])
        if tag == "meta" and values.get("http-equiv"):
            equiv = values["http-equiv"].lower()
            if equiv not in site_rules.META_EQUIV:
                self.problem(f"<meta http-equiv=\"{values['http-equiv']}\"> is not allowed", "http-equiv")
            elif equiv == "content-security-policy":
                self.policies.append(values.get("content", ""))
            elif _outside(addresses.refresh_target(values.get("content", ""))):
                self.problem("a refresh to another site", "refresh")

    def _names(self, tag, values, in_article):
        element_id = values.get("id")
        if element_id is not None:
            if not site_rules.SAFE_NAME.match(element_id):
                self.problem(f"the id '{element_id[:60]}' on <{tag}> has characters an id may not have "
                             "(use letters, digits and dashes)", element_id)
            if (in_article and site_rules.RESERVED.match(element_id)
                    and not site_rules.THEME_IDS_IN_ARTICLE.match(element_id)):
                self.problem(f"the id '{element_id}' in the page's content is a name the theme reserves; "
                             "choose another", element_id)
        for name in (values.get("class") or "").split():
            if not site_rules.SAFE_NAME.match(name):
                self.problem(f"the class '{name[:60]}' on <{tag}> has characters a class may not have", name)
            elif (in_article and site_rules.RESERVED.match(name)
                  and name not in site_rules.THEME_CLASSES_IN_ARTICLE):
                self.problem(f"the class '{name}' in the page's content is one the theme reserves "
                             "(it can hide or restyle what is around it); choose another", name)
            elif in_article and not site_rules.article_class(name):
                self.problem(f"the class '{name}' is not one the guide uses (a class can hide what it holds, "
                             "on screen or on paper: Material's print styles hide .giscus); use one of "
                             "guide/boundary/site_rules.py's ARTICLE_CLASSES, or add a new class of the "
                             "guide's own there", name)

    def _addresses(self, tag, values):
        for name in site_rules.FETCHING & values.keys():
            urls = [u.strip().split(" ")[0] for u in values[name].split(",")] if name == "srcset" \
                else [values[name]]
            for url in urls:
                if _outside(url):
                    self.problem(f"<{tag} {name}=\"{url[:80]}\"> fetches from another site; readers' "
                                 "browsers would ask it for the file (keep every file on this site)", url)
        href = values.get("href")
        if href is not None:
            if addresses.runs_code(href):
                self.problem(f"the address '{href[:60]}' would run code or load data", href)
            rels = set((values.get("rel") or "").lower().split())
            if (tag == "link" and rels & site_rules.FETCHING_RELS) or tag in ("image", "use", "script"):
                if _outside(href):
                    self.problem(f"<{tag} href=\"{href[:80]}\"> fetches from another site", href)
        if "style" in values:
            self._css(values["style"], f"the style of <{tag}>")

    def _css(self, css: str, where: str):
        if "(" not in css and "@" not in css:
            return  # nothing that fetches
        # The same stylesheets are printed into every page: read each text once a site.
        key = ("css", css)
        outside = self.memo.get(key)
        if outside is None:
            outside = self.memo[key] = tuple(url for url in addresses.css_urls(css) if url and _outside(url))
        for url in outside:
            self.problem(f"{where} fetches {url[:80]} from another site", url)

    def _size(self, tag, values):
        """A picture or drawing within the size a page has room for."""
        sizes = []
        for name in ("width", "height"):
            value = values.get(name)
            if value is None:
                continue
            number = NUMBER.match(value)
            if number:
                sizes.append(float(number.group(1)))
                if sizes[-1] > site_rules.MAX_PICTURE_PX:
                    self.problem(f"<{tag} {name}=\"{value[:20]}\"> is over {site_rules.MAX_PICTURE_PX} pixels "
                                 "(a picture that big pushes what follows, the safety advice too, out of "
                                 "sight); make it smaller", f'{name}="{value}"')
            elif not (PERCENT.match(value) and float(PERCENT.match(value).group(1)) <= 100):
                self.problem(f"<{tag} {name}=\"{value[:20]}\"> is not a size in pixels or a percentage up to "
                             "100%", f'{name}="{value}"')
        box = VIEWBOX.match(values.get("viewbox", ""))
        shape = (float(box.group(3)), float(box.group(4))) if box else (tuple(sizes) if len(sizes) == 2 else None)
        if shape and (shape[0] <= 0 or shape[1] > shape[0] * site_rules.MAX_PICTURE_RATIO):
            self.problem(f"the <{tag}> is {shape[1]:g} high for {shape[0]:g} wide, more than "
                         f"{site_rules.MAX_PICTURE_RATIO} times as tall as it is wide (it would push what "
                         "follows out of sight); crop or redraw it", "viewBox" if box else "height=")

    def _paint(self, tag, values):
        """An SVG's drawing attributes: colours and parts of the same drawing,
        never an address elsewhere or a CSS escape that hides one."""
        for name in site_rules.SVG_PAINT & values.keys():
            value = values[name]
            if "\\" in value:
                self.problem(f"<{tag} {name}=\"{value[:60]}\"> holds a CSS escape (\\), which can spell "
                             "url( in disguise; write the value plainly", value)
                continue
            for url in addresses.css_urls(value):
                if not addresses.normalised(url).startswith("#"):
                    self.problem(f"<{tag} {name}=\"{value[:60]}\"> refers to '{url[:60]}'; a drawing may only "
                                 "refer to a part of itself (url(#id))", value)

    def _script(self, attrs: dict, body: str):
        if "src" in attrs:
            if _outside(attrs["src"]):
                self.problem(f"a script from another site ({attrs['src'][:80]})", attrs["src"])
            return
        kind = (attrs.get("type") or "").lower()
        if kind in theme_scripts.SCRIPT_TYPES:
            self.inline_scripts.append(body)
            key = ("script", body)  # the theme's scripts are the same on most pages: matched once a site
            known = self.memo.get(key)
            if known is None:
                known = self.memo[key] = theme_scripts.known(body, self.allowed_scripts)
            if not known:
                self.problem("an inline script that no template of the theme or of overrides/ writes "
                             f"({body.strip()[:60]!r}); pages may not run scripts", body.strip()[:30])
        elif kind in ("application/json", "application/ld+json"):
            try:
                json.loads(body, parse_constant=_no_constant)
            except ValueError as e:
                self.problem(f"the JSON in <script type=\"{kind}\"> is not valid: {e}")
        else:
            self.problem(f"a <script type=\"{kind}\"> the guide does not use", kind)



def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _hides(element, hiding: css_hiding.Hiding, inside: bool) -> str:
    """Why element keeps what it holds from a reader, or ''. inside: the
    element is in the safety text itself (then a closed <details> of its
    own hides its part too)."""
    tag = _tag(element)
    if tag in site_rules.NOT_DRAWN:
        return f"<{tag}>, whose content browsers do not draw"
    attributes = element.attrib
    if "hidden" in attributes:
        return f"<{tag} hidden>"
    if (attributes.get("aria-hidden") or "").strip().lower() == "true":
        return f"<{tag} aria-hidden=\"true\">"
    if tag == "details" and "open" not in attributes:
        return "a collapsed <details> block"
    classes = (attributes.get("class") or "").split()
    why = hiding.why(classes)
    if why:
        return why
    for name in classes:
        if site_rules.RESERVED.match(name) and name not in ("admonition", "admonition-title"):
            return f"the theme's class '{name}', which can collapse or hide it"
    return ""


def hidden_by(root, articles, hiding: css_hiding.Hiding) -> str:
    """Why the safety text at root may not be seen, on screen or on paper,
    or '': anything around it in the article, or anything in it."""
    chain = []
    for ancestor in root.iterancestors():
        if any(ancestor is article for article in articles):
            break
        chain.append(ancestor)
    else:
        return "it is not in the page's article"
    for ancestor in chain:
        if _tag(ancestor) == "summary":
            continue  # a <details>' summary shows when the block is closed
        why = _hides(ancestor, hiding, inside=False)
        if why:
            return f"it is inside {why}"
    for inner in root.iter(lxml.etree.Element):
        why = _hides(inner, hiding, inside=True)
        if why:
            return f"part of it is {why}" if inner is not root else f"it is {why}"
    return ""


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


class Verifier:
    def __init__(self, site: Path, project: Project):
        self.site, self.project = Path(site), project
        self.findings: list[Finding] = []
        self.allowed_scripts = theme_scripts.patterns(project.theme_dirs, theme_scripts.redirect_templates())
        self.sources: dict[str, str | None] = {}
        self.memo: dict = {}

    def site_name(self, rel: str) -> str:
        return f"{self.project.site_prefix}/{rel}"

    def add(self, path: str, line: int, message: str) -> None:
        self.findings.append(Finding(path, line, message))

    def run(self) -> list[Finding]:
        for path in sorted(self.site.rglob("*")):
            rel = path.relative_to(self.site).as_posix()
            if path.is_symlink():
                self.add(self.site_name(rel), 1, "a symbolic link in the built site")
                continue
            if not path.is_file():
                continue
            suffix = path.suffix.lower()
            if suffix not in site_rules.SITE_SUFFIXES:
                self.add(self.site_name(rel), 1, f"a {suffix or 'suffix-less'} file has no place in the site "
                         "(a site holds pages, pictures, the theme's scripts and styles, PDFs and data)")
            elif suffix in (".js", ".css", ".map"):
                self._theme_file(path, rel)
            elif suffix == ".json":
                self._json(path, rel)
            elif suffix == ".svg":
                for line, message in svg_files.problems(path.read_bytes()):
                    self.add(self._source_of_file(rel), line, message)
            elif suffix == ".html":
                try:
                    self._page(path, rel)
                except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError,
                        AttributeError) as e:
                    # A page no check was written for must still fail the
                    # build with its name, not end it in a traceback that
                    # names none (a list where a callout id goes once did).
                    self.add(self.site_name(rel), 1, f"the verification pass could not check this page "
                             f"({type(e).__name__}: {str(e)[:120]}); it is not published until it can: look at "
                             "what changed in its source, and report this to the maintainers")
            elif suffix in RASTER:
                too_big = content_files.size_problem(suffix, path.read_bytes())
                if too_big:
                    self.add(self._source_of_file(rel), 1, too_big)
        return sorted(set(self.findings))

    def _theme_file(self, path: Path, rel: str) -> None:
        candidates = [Path(folder) / rel for folder in self.project.theme_dirs if (Path(folder) / rel).is_file()]
        data = path.read_bytes()
        if not any(c.read_bytes() == data for c in candidates):
            self.add(self.site_name(rel), 1, "this script or stylesheet is not one of the theme's own files "
                     "(overrides/ or the theme package); the site runs only reviewed code")

    def _json(self, path: Path, rel: str) -> None:
        try:
            json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)
        except (ValueError, UnicodeDecodeError) as e:
            what = "the search index" if rel.endswith("search_index.json") else "this JSON file"
            self.add(self.site_name(rel), 1, f"{what} is not valid JSON ({e}); browsers cannot read it, "
                     "so search breaks on every page (look for NaN or infinity in front matter)")

    def _source_of_file(self, rel: str) -> str:
        docs = self.project.docs_dir
        if docs is not None and (docs / rel).is_file():
            return (docs / rel).relative_to(self.project.root).as_posix()
        return self.site_name(rel)

    def _source(self, rel: str) -> tuple[str, str | None, str]:
        """(name of the page's Markdown, its text, its docs/ path) for a
        built page, or the built file's own name, None and ''."""
        docs = self.project.docs_dir
        if docs is not None and rel.endswith(".html"):
            stem = rel[: -len("index.html")] if rel.endswith("index.html") else rel[:-5]
            stem = stem.rstrip("/")
            for candidate in ([f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md"]):
                path = docs / candidate
                if path.is_file():
                    return path.relative_to(self.project.root).as_posix(), path.read_text(
                        encoding="utf-8", errors="replace"), candidate
        return self.site_name(rel), None, ""

    def _page(self, path: Path, rel: str) -> None:
        page = _Page(self.project, self.allowed_scripts, self.memo)
        page.check(path.read_bytes())
        name, source, src = self._source(rel)

        def where(needle: str) -> int:
            if source is None or not needle:
                return 1
            for form in (needle, html_text.escape(needle, quote=True), html_text.escape(needle, quote=False)):
                if form in source:
                    return line_of(source, form)
            # Written with character references (src="/&#9;/..."): look in
            # the source as HTML reads it, line by line, spaces folded.
            folded = " ".join(needle.replace("\ufffd", " ").split()).strip("".join(map(chr, range(0x21))))
            for number, line in enumerate(source.split("\n"), 1):
                if "&" in line and folded and folded in " ".join(html_text.unescape(line).split()):
                    return number
            return 1

        for message, needle in page.problems:
            self.add(name, where(needle), message)
        if self.project.check_policy:
            for message in csp.policy_problems(page.policies, page.inline_scripts, page.inline_styles,
                                               self.allowed_scripts):
                self.add(self.site_name(rel), 1, message)
        if page.root is not None:
            for article in page.articles:
                for line, message, needle in blank_space.problems(article):
                    self.add(name, where(needle), f"{message} (line {line} of the built page)")
            self._safety_text(name, src, source, page, where)

    def _safety_text(self, name: str, src: str, source: str | None, page: _Page, where) -> None:
        """Every safety macro call of the page drew its stamped element,
        once, visible, with the data file's words; nothing else has the
        safety look."""
        expected, required = self.project.expected(src, source) if source is not None else ([], [])
        for need in required:
            self.add(name, need.line, need.message)
        stamped: dict[str, list] = {}
        for element in page.stamped:
            stamped.setdefault(element.get(STAMP), []).append(_box(element))
        roots = set()
        for want in expected:
            found = stamped.pop(want.stamp, [])
            if not found:
                self.add(name, want.line, f"{want.what}, which this line calls, is not shown on the built page "
                         "(is the call inside an HTML comment, a code block or another block's markup?)")
                continue
            if len(found) > 1:
                self.add(name, want.line, f"{want.what}, which this line calls, is on the page {len(found)} times")
            for root in found:
                roots.add(root)
                self._one(name, want, root, page)
        for stamp, elements in stamped.items():
            for element in elements:
                roots.add(element)
                if source is None:
                    # A page with no Markdown to trace it to (another engine's
                    # build, a generated page): it must still be visible.
                    why = hidden_by(element, page.articles, self.project.hiding)
                    if why:
                        self.add(name, 1, f"safety text (line {element.sourceline} of the built page) is hidden "
                                          f"from readers: {why}")
                    continue
                self.add(name, where(stamp), f"safety text stamped '{stamp[:40]}' that no safety macro call of "
                         f"this page drew (line {element.sourceline} of the built page); only the safety macros "
                         "draw it")
        inside = {inner for root in roots for inner in root.iter()}
        for element in page.looks:
            classes = (element.get("class") or "").split()
            if element in inside or not site_rules.safety_look(classes):
                continue
            words = _words(element)
            looks = [n for n in classes if site_rules.safety_look([n])]
            needle = next((n for n in (words[:40], words[:20], *looks, "safety") if source and n and n in source), "")
            self.add(name, where(needle), f"a box with the look of the guide's safety advice "
                     f"(class \"{' '.join(classes)}\", line {element.sourceline} of the built page) that no safety "
                     "macro drew; only safety(), precaution(), red_flags(), safety_summary() and handout_items() "
                     "draw safety text, in the words of data/safety.yml: call one of them, or use another kind of box")

    def _one(self, name: str, want, root, page: _Page) -> None:
        """One stamped element: the box it should be, the data file's words,
        and nothing that hides it."""
        tags, classes = ROOT_OF[want.kind]
        if _tag(root) not in tags or not classes <= set((root.get("class") or "").split()):
            self.add(name, want.line, f"{want.what} is not drawn as the box it should be (a <{' or <'.join(tags)}> with class "
                     f"{' '.join(sorted(classes))}); something on the page has changed it")
            return
        words = _words(root)
        expected_words = " ".join(want.text.split())
        if words != expected_words:
            at = next((i for i, (a, b) in enumerate(zip(words, expected_words)) if a != b),
                      min(len(words), len(expected_words)))
            self.add(name, want.line, f"{want.what} does not show the words of {want.source}: it reads "
                     f"'...{words[max(at - 20, 0):at + 40]}...' where the data says "
                     f"'...{expected_words[max(at - 20, 0):at + 40]}...' (is something added inside the box, "
                     "like a line indented under the call?)")
        tooltip = next((e for e in root.iter("abbr")), None)
        if tooltip is not None:
            # A tooltip is words that are not the data file's: a glossary
            # term once put "only needed if the pain lasts an hour" on
            # "call your local emergency number" in every callout.
            self.add(name, want.line, f"{want.what} has a tooltip on '{_words(tooltip)[:40]}' (\""
                     f"{(tooltip.get('title') or '')[:60]}\"); safety text shows only the words of "
                     f"{want.source}, so no glossary term may reach into it")
        if want.heading is not None:
            title, anchor = want.heading
            heading = root.getprevious()
            if heading is None or _tag(heading) not in HEADINGS or heading.get("id") != anchor \
                    or _words(heading) != " ".join(title.split()):
                self.add(name, want.line, f"{want.what} has lost its heading '{title}' (#{anchor}) right "
                         "before it; the links to it from every safety callout land there")
        why = hidden_by(root, page.articles, self.project.hiding)
        if why:
            self.add(name, want.line, f"{want.what} is hidden from readers: {why} "
                     "(safety text must always show, on screen and on paper; take it out of that block)")


def verify(site: Path, project: Project) -> list[Finding]:
    """Every problem in the built site at site."""
    return Verifier(site, project).run()


def project_for(root: Path, theme_dirs, site_prefix: str = "site", docs_dir: Path | None = None,
                check_policy: bool = True, expected=None) -> Project:
    """The Project of the guide at root: the classes every stylesheet it
    ships hides things with (its own and the theme's, css_hiding.py), and
    what its pages' safety macro calls must draw (expected, from
    guide/content: content.expected_output(root))."""
    root = Path(root).resolve()
    css = [path.read_text(encoding="utf-8", errors="replace")
           for folder in theme_dirs for path in sorted(Path(folder).rglob("*.css"))]
    return Project(root=root, site_prefix=site_prefix, docs_dir=Path(docs_dir or root / "docs"),
                   theme_dirs=tuple(str(d) for d in theme_dirs), hiding=css_hiding.hiding(css),
                   check_policy=check_policy, **({"expected": expected} if expected else {}))
