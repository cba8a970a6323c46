"""No glossary tooltip inside safety text (a Markdown extension).

The glossary (includes/glossary.md) gives every page its tooltips, through
the abbr extension. Inside a safety callout, a tooltip is words that are
not the data file's: `*[emergency number]: Only needed if the pain lasts
an hour` put that sentence on "call your local emergency number" in every
callout that says it. The safety wording has one source, data/safety.yml
(and data/red-flags.yml), so what the macros draw (the elements they
stamp, stamps.py) gets no tooltip: this tree processor runs after the
attribute lists have set the stamps and before abbr, and marks the text
of each stamped box as atomic, which abbr leaves alone. The handout never
had tooltips; callouts on pages and the precautions page now match it.

mkdocs.yml lists it under markdown_extensions as guide.content.safety_markdown.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .stamps import ATTRIBUTE

# The boxes the macros draw. An admonition's own <div> takes no attributes,
# so its stamp sits on its last paragraph or list item, inside it.
BOXES = {"admonition", "guide-summary", "guide-handout__item"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _atomic(element) -> None:
    for inner in element.iter():
        if inner.text and not isinstance(inner.text, AtomicString):
            inner.text = AtomicString(inner.text)
        if inner is not element and inner.tail and not isinstance(inner.tail, AtomicString):
            inner.tail = AtomicString(inner.tail)


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


class SafetyText(Treeprocessor):
    def run(self, root):
        stamped = [element for element in root.iter() if ATTRIBUTE in element.attrib]
        if not stamped:
            return None
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in stamped:
            box = element
            while box is not None and not BOXES & _classes(box):
                box = parents.get(box)
            box = element if box is None else box
            _atomic(box)
            parent = parents.get(box)
            if parent is not None and "guide-summary" in _classes(box):
                index = list(parent).index(box)
                if index and parent[index - 1].tag in HEADINGS:
                    _atomic(parent[index - 1])  # a precautions section's heading: its title
        return None


class SafetyMarkdown(Extension):
    def extendMarkdown(self, md):
        # After attr_list (8), which sets the stamps; before abbr (7).
        md.treeprocessors.register(SafetyText(md), "guide_safety_text", 7.5)


def makeExtension(**kwargs):
    return SafetyMarkdown(**kwargs)
