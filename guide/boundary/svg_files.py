"""The SVG allowlist: a picture, never a program.

An SVG file opened at its own address is a document: a <script> in it
runs, an onload= handler runs, a <foreignObject> can carry HTML, and an
href or url() can fetch from another site. So docs/ takes an SVG only if
every element and attribute in it is on this list (hooks/content_only.py
checks each one at build time), and the verification pass checks every SVG
of the built site again (built_site.py). A DOCTYPE is refused too: its
entities can make a small file expand to gigabytes when parsed.

To allow a new drawing feature, add the element or attribute here.
"""

from __future__ import annotations

from xml.parsers import expat

from . import addresses

ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
            "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath", "mask",
            "symbol", "use"}
ATTRIBUTES = {
    "xmlns", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "d", "points", "fill", "fill-opacity", "fill-rule", "clip-rule", "stroke", "stroke-width",
    "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-opacity", "stroke-miterlimit",
    "opacity", "transform", "role", "aria-label", "aria-hidden", "id", "class", "offset", "stop-color",
    "stop-opacity", "gradientunits", "gradienttransform", "clip-path", "mask", "font-size", "font-weight",
    "font-family", "text-anchor", "dominant-baseline", "preserveaspectratio", "version", "href", "xlink:href",
    "xmlns:xlink", "lang",
}
# Values that may point somewhere: only to a part of this same file.
REFERENCE = {"href", "xlink:href"}


def _local(name: str) -> str:
    """'http://www.w3.org/2000/svg svg' -> 'svg' (expat's namespace form)."""
    return name.rsplit(" ", 1)[-1].lower()


def problems(data: bytes) -> list[tuple[int, str]]:
    """(line, message) for everything in an SVG file outside the allowlist."""
    found: list[tuple[int, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def at(message: str) -> None:
        found.append((parser.CurrentLineNumber, message))

    def doctype(*_):
        at("the SVG has a DOCTYPE, whose entities can make it huge; delete the <!DOCTYPE ...> line")
        raise _Stop

    def start(name, attrs):
        tag = _local(name)
        if tag not in ELEMENTS:
            at(f"the SVG element <{tag}> is not on the SVG allowlist (no scripts, no embedded HTML, "
               "no outside files; guide/boundary/svg_files.py lists what is)")
        for attr, value in attrs.items():
            key = _local(attr).lower()
            key = "xlink:href" if attr.endswith("xlink href") else key
            if key.startswith("on"):
                at(f"the SVG attribute {key}= would run a script; remove it")
            elif key not in ATTRIBUTES:
                at(f"the SVG attribute {key}= is not on the SVG allowlist")
            elif key in REFERENCE and not addresses.normalised(value).startswith("#"):
                at(f"the SVG {key}=\"{value[:60]}\" points outside this file; only #id is allowed")
            if "\\" in value:
                # Presentation attributes are CSS, and CSS reads escapes:
                # fill="\75 rl(https://...)" fetches from another site.
                at(f"the SVG attribute {key}= holds a backslash (a CSS escape can spell url( in disguise); "
                   "write the value plainly")
            for url in addresses.css_urls(value):
                if not addresses.normalised(url).startswith("#"):
                    at(f"the SVG refers to '{url[:60]}' in {key}=; only #id is allowed")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.ProcessingInstructionHandler = lambda target, _: at(f"the SVG has a <?{target} ...?> instruction")
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as e:
        found.append((e.lineno, f"the SVG is not well-formed XML ({expat.ErrorString(e.code)})"))
    return found


class _Stop(Exception):
    pass
