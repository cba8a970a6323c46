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
  names, never twice the same id, and content never takes the theme's
  reserved names; each inline script is one the templates write
  (theme_scripts.py); each style attribute is one the allowlist permits;
  nothing is fetched from another origin (src, srcset, <link>, CSS url());
  the Content Security Policy is the fixed one (csp.py); every safety
  callout the page's source calls is there, in the article, and nothing
  around it can hide it.

Each problem is a Finding at the source file and line where it can be
traced (the page's Markdown, found by the address), else at the built file.
"""

from __future__ import annotations

import ast
import html as html_text
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import lxml.etree

from ..errors import line_of
from . import csp, site_rules, svg_files, theme_scripts
from .html_allowlist import VALUES

STYLE_VALUES = {value for rules in VALUES.values() for value in rules.get("style", ())}
PARSER = lxml.etree.HTMLParser(encoding="utf-8")
# The article: the element every page's own content sits in.
ARTICLE = lxml.etree.XPath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {site_rules.ARTICLE_CLASS} ")]')
# Attributes that hold an address or a style: only these need _addresses().
ADDRESSED = frozenset(site_rules.FETCHING | {"href", "style"})
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.I)
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
CALL = re.compile(r"\b(safety|precaution)\(\s*([^)]*)\)")
ARG = re.compile(r"""["']([^"']*)["']""")
# Hiding rules in our own stylesheets: the classes they apply to must not
# wrap a safety callout either.
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|clip\s*:|opacity\s*:\s*0(?![.\d])|"
                   r"height\s*:\s*[01](px)?\s*[;}]|content-visibility\s*:\s*hidden", re.I)
CLASS_IN_SELECTOR = re.compile(r"\.([A-Za-z_][\w-]*)")
CLOSED_CONTAINERS = {"template", "noscript", "select", "textarea", "title", "head", "option", "iframe",
                     "object", "dialog"}


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
    callout_anchors: dict[str, str] = field(default_factory=dict)   # safety id -> anchor
    hiding_classes: frozenset[str] = frozenset()
    check_policy: bool = True
    # call_ok(macro, arguments): False for a call the build refuses (and
    # reports) before it runs; its callout is then not looked for as well.
    call_ok: Callable[[str, tuple], bool] = lambda name, args: True


def hiding_classes(css_texts) -> frozenset[str]:
    """Classes our stylesheets hide things with (display: none and the like),
    outside print rules."""
    found = set()
    for css in css_texts:
        css = re.sub(r"/\*.*?\*/", " ", css, flags=re.S)
        css = re.sub(r"@media\s+print[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", " ", css, flags=re.I)
        for selector, body in CSS_RULE.findall(css):
            if HIDES.search(body):
                for part in selector.split(","):
                    names = CLASS_IN_SELECTOR.findall(part)
                    if names:
                        found.add(names[-1])
    return frozenset(found)


def _outside(url: str) -> bool:
    """True when fetching url would leave the site's origin."""
    url = url.strip()
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    scheme = SCHEME.match(url)
    return bool(scheme) and scheme.group(1).lower() not in ("data",)


class _Page:
    """One page's checks, over the tree lxml parses (libxml2, in C: the
    pass must cost little beside the build, and Python's own HTML parser
    took a fifth of it)."""

    def __init__(self, project: Project, allowed_scripts):
        self.project, self.allowed_scripts = project, allowed_scripts
        self.problems: list[tuple[str, str]] = []   # (message, needle to find it in the source)
        self.ids: dict[str, int] = {}
        self.line = 0
        self.inline_scripts: list[str] = []
        self.inline_styles: list[str] = []
        self.policies: list[str] = []
        self.anchors_shown: set[str] = set()
        self.anchors_hidden: set[str] = set()
        self.callout_order: list[list[str]] = []   # the anchors of each callout, in page order
        self.hidden: list[tuple[int, str, list[str], int]] = []

    def problem(self, message: str, needle: str = "") -> None:
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
        article = set()
        for inner in ARTICLE(root):
            article.update(inner.iter(lxml.etree.Element))
        for element in root.iter(lxml.etree.Element):
            self.line = element.sourceline or 0
            tag = element.tag
            attributes = element.attrib
            values = dict(attributes) if attributes else {}
            self._check_element(tag, values, element in article)
            if tag == "script":
                self._script(values, element.text or "")
            elif tag == "style":
                text = element.text or ""
                self.inline_styles.append(text)
                self._css(text, "a <style> element")
            if "class" in values:
                classes = set(values["class"].split())
                for want_tag, want in site_rules.MUST_SHOW:
                    if want <= classes and want_tag in ("*", tag):
                        self._callout(element, tag, values)
                        break

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
        if "style" in values and values["style"] not in STYLE_VALUES:
            self.problem(f"the style=\"{values['style'][:60]}\" on <{tag}> is not one the allowlist permits "
                         "(a style can cover or hide the page)", values["style"])
        if tag == "meta" and values.get("http-equiv"):
            equiv = values["http-equiv"].lower()
            if equiv not in site_rules.META_EQUIV:
                self.problem(f"<meta http-equiv=\"{values['http-equiv']}\"> is not allowed", "http-equiv")
            elif equiv == "content-security-policy":
                self.policies.append(values.get("content", ""))
            elif _outside(values.get("content", "").partition("url=")[2]):
                self.problem("a refresh to another site", "refresh")

    def _names(self, tag, values, in_article):
        element_id = values.get("id")
        if element_id is not None:
            if not site_rules.SAFE_NAME.match(element_id):
                self.problem(f"the id '{element_id[:60]}' on <{tag}> has characters an id may not have "
                             "(use letters, digits and dashes)", element_id)
            if element_id in self.ids:
                self.problem(f"the id '{element_id}' is used twice on the page (first on line "
                             f"{self.ids[element_id]}); a second one can take the place of the theme's own",
                             element_id)
            else:
                self.ids[element_id] = self.line
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
            if re.match(r"^\s*(javascript|vbscript|data):", href, re.I):
                self.problem(f"the address '{href[:60]}' would run code or load data", href)
            rels = set((values.get("rel") or "").lower().split())
            if (tag == "link" and rels & site_rules.FETCHING_RELS) or tag in ("image", "use", "script"):
                if _outside(href):
                    self.problem(f"<{tag} href=\"{href[:80]}\"> fetches from another site", href)
        if "style" in values:
            self._css(values["style"], f"the style of <{tag}>")

    def _css(self, css: str, where: str):
        for match in CSS_URL.finditer(css):
            url = match.group(2) if match.group(2) is not None else match.group(4)
            if url and _outside(url):
                self.problem(f"{where} fetches {url[:80]} from another site", url)

    def _script(self, attrs: dict, body: str):
        if "src" in attrs:
            if _outside(attrs["src"]):
                self.problem(f"a script from another site ({attrs['src'][:80]})", attrs["src"])
            return
        kind = (attrs.get("type") or "").lower()
        if kind in theme_scripts.SCRIPT_TYPES:
            self.inline_scripts.append(body)
            if not theme_scripts.known(body, self.allowed_scripts):
                self.problem("an inline script that no template of the theme or of overrides/ writes "
                             f"({body.strip()[:60]!r}); pages may not run scripts", body.strip()[:30])
        elif kind in ("application/json", "application/ld+json"):
            try:
                json.loads(body, parse_constant=_no_constant)
            except ValueError as e:
                self.problem(f"the JSON in <script type=\"{kind}\"> is not valid: {e}")
        else:
            self.problem(f"a <script type=\"{kind}\"> the guide does not use", kind)

    def _callout(self, element, tag, values):
        chain = [(a.tag.lower() if isinstance(a.tag, str) else "",
                  {str(k).lower(): v for k, v in a.attrib.items()}) for a in element.iterancestors()]
        chain.reverse()
        why = _hidden_by(tag, values, chain, self.project.hiding_classes)
        anchors = [href.rsplit("#", 1)[1] for href in (link.get("href") or "" for link in element.iter("a"))
                   if "#" in href]
        previous = element.getprevious()
        if previous is not None and isinstance(previous.tag, str) and previous.get("id"):
            anchors.append(previous.get("id"))  # a precautions section: its heading comes first
        self.callout_order.append(anchors)
        if why:
            self.hidden.append((self.line, why, anchors, len(self.callout_order) - 1))
            self.anchors_hidden.update(anchors)
        else:
            self.anchors_shown.update(anchors)

    def hidden_callouts(self) -> list[tuple[int, str, list[str], int]]:
        """(line, why, anchors it links to, its place among the callouts)
        for each must-show element something can hide."""
        return self.hidden


def _hidden_by(tag, values, enclosing, hiding) -> str:
    """Why a safety element may not be seen, or ''."""
    chain = list(enclosing) + [(tag, values)]
    article = next((i for i, (_, v) in enumerate(chain)
                    if site_rules.ARTICLE_CLASS in (v.get("class") or "").split()), None)
    if article is None:
        return "it is not in the page's article"
    for element, attrs in chain[article + 1:]:
        classes = (attrs.get("class") or "").split()
        if "hidden" in attrs:
            return f"it is inside <{element} hidden>"
        if (attrs.get("aria-hidden") or "").lower() == "true":
            return f"it is inside <{element} aria-hidden=\"true\">"
        if element == "details" and "open" not in attrs:
            return "it is inside a collapsed <details> block"
        if element in CLOSED_CONTAINERS:
            return f"it is inside <{element}>, which readers do not see"
        for name in classes:
            if name in hiding:
                return f"it is inside class '{name}', which our stylesheet hides"
            if site_rules.RESERVED.match(name) and name not in ("admonition", "admonition-title"):
                return f"it is inside the theme's '{name}', which can collapse or hide it"
    return ""


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


class Verifier:
    def __init__(self, site: Path, project: Project):
        self.site, self.project = Path(site), project
        self.findings: list[Finding] = []
        self.allowed_scripts = theme_scripts.patterns(project.theme_dirs, theme_scripts.redirect_templates())
        self.sources: dict[str, str | None] = {}

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
                self._page(path, rel)
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

    def _source(self, rel: str) -> tuple[str, str | None]:
        """(name of the page's Markdown, its text) for a built page, or the
        built file's own name and None."""
        docs = self.project.docs_dir
        if docs is not None and rel.endswith(".html"):
            stem = rel[: -len("index.html")] if rel.endswith("index.html") else rel[:-5]
            stem = stem.rstrip("/")
            for candidate in ([f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md"]):
                path = docs / candidate
                if path.is_file():
                    return path.relative_to(self.project.root).as_posix(), path.read_text(
                        encoding="utf-8", errors="replace")
        return self.site_name(rel), None

    def _page(self, path: Path, rel: str) -> None:
        page = _Page(self.project, self.allowed_scripts)
        page.check(path.read_bytes())
        name, source = self._source(rel)

        def where(needle: str) -> int:
            if source is None or not needle:
                return 1
            for form in (needle, html_text.escape(needle, quote=True), html_text.escape(needle, quote=False)):
                if form in source:
                    return line_of(source, form)
            return 1

        for message, needle in page.problems:
            self.add(name, where(needle), message)
        for line, why, anchors, place in page.hidden_callouts():
            self.add(name, self._call_line(source, anchors, page.callout_order[:place]) if source is not None else line,
                     f"a safety callout is hidden from readers: {why} "
                     "(safety text must always show; take it out of that block)")
        if self.project.check_policy:
            for message in csp.policy_problems(page.policies, page.inline_scripts, page.inline_styles,
                                               self.allowed_scripts):
                self.add(self.site_name(rel), 1, message)
        if source is not None:
            self._expected_callouts(name, source, page)

    def _call_line(self, source: str, anchors: list[str], before: list[list[str]]) -> int:
        """The source line of the macro call that drew a callout linking to
        anchors: the n-th call naming its id, where n callouts before it on
        the page link there too. Else 1."""
        ids = {anchor: key for key, anchor in self.project.callout_anchors.items()}
        for anchor in anchors:
            if anchor not in ids:
                continue
            earlier = sum(anchor in other for other in before)
            calls = [m for m in CALL.finditer(source) if ids[anchor] in ARG.findall(m.group(2))]
            if earlier < len(calls):
                return source.count("\n", 0, calls[earlier].start()) + 1
        return 1

    def _expected_callouts(self, name: str, source: str, page: _Page) -> None:
        """Each safety("id") the source calls is a visible callout linking to
        its section; each precaution("id") is a section with its anchor."""
        anchors = self.project.callout_anchors
        for match in CALL.finditer(source):
            try:
                args = ast.literal_eval(f"({match.group(2)},)") if match.group(2).strip() else ()
            except (ValueError, SyntaxError):
                continue  # not plain arguments: the page Jinja check reports it
            if not self.project.call_ok(match.group(1), args):
                continue
            shown = page.anchors_shown if match.group(1) == "safety" else page.ids
            for callout_id in ARG.findall(match.group(2))[:1 if match.group(1) == "precaution" else None]:
                anchor = anchors.get(callout_id)
                if anchor and anchor not in shown and anchor not in page.anchors_hidden:
                    self.add(name, line_of(source, match.group(0)),
                             f"the safety callout '{callout_id}' that this line calls is not shown on the built page")


def verify(site: Path, project: Project) -> list[Finding]:
    """Every problem in the built site at site."""
    return Verifier(site, project).run()


def project_for(root: Path, theme_dirs, site_prefix: str = "site",
                docs_dir: Path | None = None, check_policy: bool = True, call_ok=None) -> Project:
    """The Project of the guide at root: its safety callouts' anchors (from
    data/safety.yml) and the classes its own stylesheets hide things with."""
    from ..errors import ContentError
    from ..records.store import records_for

    root = Path(root).resolve()
    try:
        anchors = {key: entry["anchor"] for key, entry in records_for(root).safety().items()}
    except (ContentError, KeyError, TypeError):
        anchors = {}  # a broken data file stops the build with its own message
    css = [path.read_text(encoding="utf-8", errors="replace")
           for folder in theme_dirs for path in sorted(Path(folder).rglob("*.css"))
           if not path.name.endswith(".min.css")]
    return Project(root=root, site_prefix=site_prefix, docs_dir=Path(docs_dir or root / "docs"),
                   theme_dirs=tuple(str(d) for d in theme_dirs), callout_anchors=anchors,
                   hiding_classes=hiding_classes(css), check_policy=check_policy,
                   **({"call_ok": call_ok} if call_ok else {}))
