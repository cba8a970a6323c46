"""What a built page may hold: the lists the verification pass reads.

guide/boundary/built_site.py checks every file of a built site against
these lists. They are data, so a new page, class or extension needs a line
here, not new code. How to extend them:

- A new element or attribute in page content: add it to the HTML allowlist
  (html_allowlist.py); the pass reads that list too.
- A new element or attribute that the theme (Material, or a template in
  overrides/) writes around the content: THEME_TAGS below.
- A new class in the article (a page's, a macro's, a template's, or one a
  Markdown extension writes): ARTICLE_CLASSES, or a pattern in
  ARTICLE_CLASS_PATTERNS for a family (guide-grade--<grade>). A class not
  listed is refused, so a page cannot borrow one that a stylesheet hides
  things with (Material's print rules hide .giscus). A class of the
  guide's own must also follow SAFE_NAME and stay clear of RESERVED. The
  pass reads every stylesheet for the classes that hide things, on screen
  and on paper (css_hiding.py): nothing to list for that.
- A class that the theme or a Markdown extension writes inside the article
  and that RESERVED matches: THEME_CLASSES_IN_ARTICLE too.
- A new kind of safety text that must always show: a macro that stamps
  what it draws (guide/content/stamps.py), its expected words in
  guide/content/emitted.py, and its classes in SAFETY_LOOK.
- A new file type in the built site: SITE_SUFFIXES.
"""

from __future__ import annotations

import functools
import re

from pygments.token import STANDARD_TYPES

from .html_allowlist import ATTRIBUTES, SVG, TAGS

# Every kind of file a built site may hold. Scripts and stylesheets must
# also be byte for byte one of the theme's own files (built_site.py).
SITE_SUFFIXES = {".html", ".css", ".js", ".map", ".json", ".xml", ".gz", ".txt", ".pdf",
                 ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2"}

# What a contributor may put in docs/: pages and pictures. SVG only after
# the SVG allowlist (svg_files.py). Everything else is code or data and has
# its home elsewhere (CONTRIBUTING.md, "Which folders are content").
DOCS_SUFFIXES = {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}
# A docs/ path: lower-case words, digits, dashes, dots and underscores, in
# folders. No quote, space or angle bracket can reach an address or the nav.
SAFE_PATH = re.compile(r"^[a-z0-9][a-z0-9_.-]*(/[a-z0-9][a-z0-9_.-]*)*$")

# Ids and classes: a letter first, then letters, digits, - _ . and :
# (footnotes use fn:1). Nothing that can end an attribute or a selector.
SAFE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.:-]*$")
# Names the theme and its extensions own. Content that takes one can hide a
# callout (md-toggle), re-point the theme (__config) or fake a tab.
RESERVED = re.compile(r"^(__|md-|tabbed-|headerlink$|admonition|highlight|superfences-|"
                      r"critic|arithmatex|emojione|twemoji|gemoji|task-list|footnote|toc$)")
# Reserved ids the Markdown extensions write in the article themselves.
THEME_IDS_IN_ARTICLE = re.compile(r"^(__tabbed_\d+_\d+|__code_\d+(_annotation_\d+)?)$")
# Reserved classes the theme or the extensions write inside the article.
# The article's own, the edit button, admonitions, footnotes, emoji, tabs.
THEME_CLASSES_IN_ARTICLE = {
    "md-content__inner", "md-typeset", "md-content__button", "md-icon", "md-source-file",
    "md-source-file__fact", "headerlink", "admonition", "admonition-title", "footnote",
    "footnote-ref", "footnote-backref", "twemoji", "tabbed-set", "tabbed-alternate", "tabbed-labels",
    "tabbed-content", "tabbed-block", "highlight", "toc",
    # Material's documented button classes, for links drawn as buttons.
    "md-button", "md-button--primary",
}
# Reserved classes a page may write itself: Material's documented buttons.
# Any other reserved name written in a page's source is refused at its line
# (allowlist_report.name_problems), even one the extensions also write.
CONTENT_MAY_WRITE = {"md-button", "md-button--primary"}
# The element every page's own content sits in (Material's, and Zensical's).
ARTICLE_CLASS = "md-content__inner"

# The look of safety text: only what a safety macro draws (and stamps,
# guide/content/stamps.py) may carry these classes. A page that writes
# `!!! safety emergency "..."` or class="&#97;dmonition safety" draws a
# box a reader takes for the guide's safety advice; the pass refuses it.
SAFETY_LOOK = {"safety", "guide-summary", "guide-handout__item", "guide-red-flags", "guide-safety__sources"}
SAFETY_LOOK_PATTERN = re.compile(r"^guide-(summary|handout__item)--")

# Every class the article may hold. A page writes few (md-button, the
# handout's layout, an admonition's type); the macros, the templates in
# overrides/ and the Markdown extensions write the rest.
ADMONITION_TYPES = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
                    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
                    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite"}
ARTICLE_CLASSES = ADMONITION_TYPES | SAFETY_LOOK | {
    # Material and its Markdown extensions
    "md-content__inner", "md-typeset", "md-content__button", "md-icon", "md-source-file", "md-source-file__fact",
    "md-button", "md-button--primary", "headerlink", "admonition", "admonition-title", "footnote", "footnote-ref",
    "footnote-backref", "twemoji", "emojione", "tabbed-set", "tabbed-alternate", "tabbed-labels", "tabbed-content",
    "tabbed-block", "highlight", "filename", "linenos", "task-list", "task-list-item", "task-list-control",
    "task-list-indicator", "toc",
    # the safety callouts' severities, the handout, the precautions page
    "stop", "emergency", "guide-summary__basis", "guide-handout", "guide-handout-actions", "guide-handout__audience",
    "guide-handout__bottom", "guide-handout__disclaimer", "guide-handout__footer", "guide-handout__group",
    "guide-handout__items", "guide-handout__note", "guide-handout__plan", "guide-handout__qr", "guide-qr",
    "guide-handout__signs",
    "guide-address",
    # citations, reference lists, study records, figures, grades, review dates
    "guide-cite", "guide-references", "guide-bibliography", "guide-ref__about", "guide-ref__back", "guide-ref__note",
    "guide-ref__study", "guide-derived", "guide-figure", "guide-figure__backward", "guide-figure__forward",
    "guide-figure__drawing", "guide-figure__range",
    "guide-figure__grade", "guide-grade", "guide-grade-chip", "guide-grade__label", "guide-review",
    "guide-review__links", "guide-overdue", "guide-sr-only",
    # what a macro shows while serving in place of what it could not find (page_call.stand_in)
    "guide-missing",
}
ARTICLE_CLASS_PATTERNS = re.compile(
    r"^(guide-grade--[a-z0-9-]+|guide-summary--(caution|stop|emergency)|guide-handout__item--(caution|stop|emergency)"
    r"|guide-handout__group--[a-z0-9-]+|language-[a-z0-9_+-]+)$")
# A code block's highlighted words (Pygments' short token classes).
CODE_TOKEN_CLASSES = frozenset(STANDARD_TYPES.values()) - {""}

# Pictures and drawings take room on the page: one written
# <svg width="1" height="120000"> pushed a callout 120,000 pixels down, out
# of any reader's sight. Width and height are at most this many pixels,
# and a drawing (its viewBox, or width and height) at most this many times
# as tall as it is wide. The guide's tallest figure is 1:0.8.
MAX_PICTURE_PX = 2000
MAX_PICTURE_RATIO = 4
# A raster picture in docs/, by its own pixels (content_files.py).
MAX_RASTER_PX = 8000
SIZED = {"svg", "img"}
SVG_ELEMENTS = frozenset(SVG)
# An SVG's drawing attributes are CSS: a colour, none, or a part of the
# same drawing (url(#id)); never an address elsewhere, never an escape.
SVG_PAINT = {"fill", "stroke", "mask", "clip-path", "filter", "marker-start", "marker-mid", "marker-end",
             "cursor", "style"}

# Elements and attributes the theme and overrides/ write around the
# content, beyond the content allowlist. data-md-* attributes are the
# theme's (any name). No on* handler, no srcdoc, no iframe, object or embed.
THEME_TAGS: dict[str, set[str]] = {
    "html": {"lang", "class", "dir"},
    "head": set(),
    "body": {"dir"},
    "meta": {"charset", "content", "http-equiv", "name", "property"},
    "title": set(),
    "link": {"href", "rel", "media", "hreflang", "type", "sizes"},
    "script": {"src", "type", "id", "defer", "async"},
    "style": {"media"},
    "header": set(), "nav": {"aria-expanded", "data-md-level"}, "main": set(), "footer": set(),
    "article": set(), "form": {"name"},
    "input": {"type", "id", "name", "checked", "placeholder", "autocapitalize", "autocomplete",
              "autocorrect", "spellcheck", "required", "aria-label"},
    "label": {"for", "hidden", "tabindex", "title"},
    "button": {"type", "hidden", "tabindex", "title", "aria-label"},
    "div": {"role", "tabindex", "aria-label"}, "ol": {"role"}, "ul": set(), "li": set(),
    "a": {"href", "title", "rel", "hreflang", "download", "tabindex", "aria-label"},
    "img": {"src", "alt"},
    "aside": {"aria-label"}, "p": set(), "span": set(),
    "svg": {"viewbox", "xmlns", "role", "aria-labelledby", "width", "height", "fill", "font-size"},
    "noscript": set(),
}
THEME_ATTRIBUTE = re.compile(r"^data-md-[a-z-]+$")
# <meta http-equiv> values a page may carry: the policy, and the redirect
# pages' refresh.
META_EQUIV = {"content-security-policy", "refresh"}
# Attributes whose value a browser fetches, and <link> rels that fetch.
FETCHING = {"src", "srcset", "poster", "data", "background", "action", "formaction", "xlink:href"}
FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                 "apple-touch-icon", "mask-icon", "preconnect", "dns-prefetch"}


@functools.lru_cache(maxsize=None)
def allowed_attributes(tag: str) -> frozenset[str]:
    """Every attribute the tag may carry, in content or in the theme, in
    lower case (as parsers give them)."""
    names = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | THEME_TAGS.get(tag, set()) | {"style"}
    return frozenset(name.lower() for name in names)


def allowed_tag(tag: str) -> bool:
    return tag in TAGS or tag in THEME_TAGS


def article_class(name: str) -> bool:
    """True for a class the article may hold."""
    return name in ARTICLE_CLASSES or name in CODE_TOKEN_CLASSES or bool(ARTICLE_CLASS_PATTERNS.match(name))


def safety_look(classes) -> bool:
    return any(name in SAFETY_LOOK or SAFETY_LOOK_PATTERN.match(name) for name in classes)


# Elements whose content readers never see: SVG's own (only shapes and
# <text> draw; HTML inside an SVG is not drawn at all), and HTML's closed
# containers. A safety callout inside any of them is hidden.
NOT_DRAWN = {"template", "noscript", "select", "textarea", "title", "head", "option", "iframe", "object",
             "dialog", "datalist", "script", "style"} | SVG | {
    "defs", "clippath", "mask", "symbol", "marker", "pattern", "lineargradient", "radialgradient", "filter",
    "metadata", "foreignobject", "switch", "use"}
