"""What a built page may hold: the lists the verification pass reads.

guide/boundary/built_site.py checks every file of a built site against
these lists. They are data, so a new page, class or extension needs a line
here, not new code. How to extend them:

- A new element or attribute in page content: add it to the HTML allowlist
  (html_allowlist.py); the pass reads that list too.
- A new element or attribute that the theme (Material, or a template in
  overrides/) writes around the content: THEME_TAGS below.
- A new class of the guide's own: nothing to do. Content classes need only
  follow SAFE_NAME and stay clear of RESERVED.
- A class that the theme or a Markdown extension writes inside the article
  (not the contributor): THEME_CLASSES_IN_ARTICLE.
- A new kind of safety text that must always show: MUST_SHOW.
- A new file type in the built site: SITE_SUFFIXES.
"""

from __future__ import annotations

import functools
import re

from .html_allowlist import ATTRIBUTES, TAGS

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

# Safety text that must reach the reader: (tag or "*", classes it has all
# of). Each such element must sit in the article, outside anything that can
# hide it (built_site.py, _hidden_by).
MUST_SHOW = (
    ("div", {"admonition", "safety"}),
    ("*", {"guide-summary"}),
    ("div", {"guide-handout__item"}),
)

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
