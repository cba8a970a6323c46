"""The macro calls a page makes, as Jinja itself reads them.

The build runs a page's {{ ... }} through Jinja. Everything else that needs
to know which macros a page calls (the line of a macro's error, the
verification pass that looks for each safety callout on the built page,
the content checker's rules) must agree with Jinja exactly. A regular
expression over the text cannot: Jinja accepts `safety ("x")` with a space,
joins `"look" "-behind"` into one text, and skips calls inside {# ... #}
and {% raw %}. So every reader takes the list from Jinja's own parse of the
page, here, and never from a pattern.

The list holds the page's plain calls (a macro's name with literal
arguments, as boundary/page_jinja.py allows) in the order Jinja runs them.
A call's `ordinal` is its place in that list: the macros adapter counts the
calls it runs the same way, so the two name the same call.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jinja2 import Environment, TemplateSyntaxError, nodes

from .pages import split_front_matter

# Brackets nested inside one {{ ... }}: Jinja's parser recurses once per
# level and ends in a RecursionError (a Python traceback) near a thousand.
# No macro call needs more than a list inside a call.
MAX_NESTING = 20
MARKERS = ("{{", "{%", "{#")
# A plain Jinja environment reads pages as mkdocs-macros does: its default
# delimiters, which mkdocs.yml does not change.
DEFAULT = Environment()
OPEN, CLOSE = {"(", "[", "{"}, {")", "]", "}"}
# A {{ ... }} as a pattern sees it: quick, and enough to find deep brackets
# in any tag a contributor writes; a tag that hides its end inside a quoted
# "}}" is caught when Jinja's parser gives up (parse()).
TAG = re.compile(r"\{\{(.*?)\}\}", re.S)


@dataclass(frozen=True)
class MacroCall:
    name: str
    args: tuple
    kwargs: tuple[tuple[str, object], ...]
    line: int      # the file's line (front matter included)
    ordinal: int   # its place among the page's plain calls, from 0


def _too_deep(line: int) -> tuple[int, str]:
    return (line, f"brackets nested more than {MAX_NESTING} deep inside {{{{ ... }}}}; the guide's "
                  "macros take plain texts and numbers, so leave out the extra brackets")


def nesting_problem(text: str, environment: Environment = DEFAULT, first_line: int = 1) -> tuple[int, str] | None:
    """(line, message) where brackets inside a {{ ... }} nest too deep for
    Jinja's parser, else None."""
    for match in TAG.finditer(text):
        depth = 0
        for char in match.group(1):
            if char in OPEN:
                depth += 1
                if depth > MAX_NESTING:
                    return _too_deep(text.count("\n", 0, match.start()) + first_line)
            elif char in CLOSE:
                depth = max(depth - 1, 0)
    return None


def lexed_nesting_problem(text: str, environment: Environment = DEFAULT,
                          first_line: int = 1) -> tuple[int, str] | None:
    """nesting_problem() as Jinja's own lexer reads the tags (a loop, not a
    recursion, so it counts them safely): slower, for a page whose parse
    ran out of stack."""
    depth = 0
    try:
        for line, kind, value in environment.lexer.tokeniter(text, None):
            if kind != "operator":
                continue
            if value in OPEN:
                depth += 1
                if depth > MAX_NESTING:
                    return _too_deep(line + first_line - 1)
            elif value in CLOSE:
                depth = max(depth - 1, 0)
    except TemplateSyntaxError:
        return None  # page_jinja reports it at its line
    return _too_deep(first_line)


@functools.lru_cache(maxsize=512)
def read(text: str, environment: Environment = DEFAULT):
    """Jinja's tree of text; or, when Jinja cannot read it, the (line,
    message) of brackets nested too deep, or the exception its parser raised.

    One reading per page text, shared: the page check (page_jinja.py), the
    macro lines (page_calls) and the "relied on by" lists (study_uses.py)
    each read the same page, and Jinja's parser is the slow part of all
    three. Every reader only walks the tree and never changes it, so the
    one tree can be handed to all of them.
    """
    too_deep = nesting_problem(text, environment)
    if too_deep is not None:
        return too_deep
    try:
        return environment.parse(text)
    except (TemplateSyntaxError, RecursionError) as e:
        return e.with_traceback(None)  # the frames are not needed, and would be kept alive


def parse(text: str, environment: Environment = DEFAULT):
    """Jinja's tree of text, or None when Jinja cannot read it (a syntax
    error, or brackets nested too deep: boundary/page_jinja.py reports both)."""
    tree = read(text, environment)
    return tree if isinstance(tree, nodes.Template) else None


def literal(node: nodes.Node) -> bool:
    """True for a plain value: a text, a number, true/false, or a list of them."""
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return all(literal(item) for item in node.items)
    return False


def plain_call(node: nodes.Node, allowed) -> bool:
    """A call of one of the allowed macros with plain arguments only."""
    return (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)
            and node.node.name in allowed and node.dyn_args is None and node.dyn_kwargs is None
            and all(literal(arg) for arg in node.args)
            and all(literal(kw.value) for kw in node.kwargs))


def _value(node: nodes.Node):
    if isinstance(node, nodes.Const):
        return node.value
    items = [_value(item) for item in node.items]
    return items if isinstance(node, nodes.List) else tuple(items)


def calls_in(tree, allowed, first_line: int = 1) -> list[MacroCall]:
    """The plain calls in a parsed page, in the order Jinja runs them."""
    found: list[MacroCall] = []
    for output in tree.body:
        if not isinstance(output, nodes.Output):
            continue  # a statement: refused and cut out by the build, never run
        for node in output.nodes:
            if plain_call(node, allowed):
                found.append(MacroCall(node.node.name, tuple(_value(a) for a in node.args),
                                       tuple((kw.key, _value(kw.value)) for kw in node.kwargs),
                                       node.lineno + first_line - 1, len(found)))
    return found


def page_calls(text: str, allowed, environment: Environment = DEFAULT) -> list[MacroCall]:
    """The plain macro calls of a page's file text (front matter and all),
    with their file lines; [] when the page has none or Jinja cannot read it."""
    _, body, body_line = split_front_matter(text)
    if not any(marker in body for marker in MARKERS):
        return []
    tree = parse(body, environment)
    return calls_in(tree, allowed, body_line) if tree is not None else []
