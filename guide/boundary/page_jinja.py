"""A page may call the guide's macros and nothing else.

mkdocs-macros renders every page with a full Jinja environment, in which a
page could read `config`, walk `lipsum.__globals__` to Python's `os` and run
commands. Pages come from pull requests, so they are untrusted. Before a
page is rendered, its template is parsed with Jinja's own parser and the
tree is checked: only plain text and calls of the guide's own macros with
literal arguments, like {{ cite("flynn1994") }}, are allowed. Anything else
(a variable, attribute access, a filter, {% set %}, {% include %}, a loop)
is an error naming the page and its true line, and the page is rendered
without it (see without_code), so none of it runs or reaches the site.

Data files and templates under overrides/ are the trusted side and are not
checked here.
"""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, nodes

from ..errors import did_you_mean
from ..records.macro_calls import lexed_nesting_problem, plain_call, read
from ..records.pages import key_line, split_front_matter

# What a contributor wrote, for the error message.
STATEMENTS = {
    nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}", nodes.For: "{% for %}",
    nodes.If: "{% if %}", nodes.Include: "{% include %}", nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}", nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}",
    nodes.FilterBlock: "{% filter %}", nodes.With: "{% with %}", nodes.Block: "{% block %}",
    nodes.Extends: "{% extends %}", nodes.ExprStmt: "{% do %}",
}
MARKERS = ("{{", "{%", "{#")


def body_offset(content: str, markdown: str) -> int:
    """Lines MkDocs removed above the body (the front matter and blank lines
    after it), so a Jinja line number can be turned into the file's line."""
    if markdown and content.endswith(markdown):
        return content.count("\n", 0, len(content) - len(markdown))
    return 0


def _describe(node: nodes.Node, allowed: frozenset[str]) -> str:
    for kind, label in STATEMENTS.items():
        if isinstance(node, kind):
            return f"the statement {label}"
    if isinstance(node, nodes.Call):
        if not isinstance(node.node, nodes.Name):
            return "a call of something other than a macro"
        return f"a call of {node.node.name}() whose arguments are not plain text or numbers"
    if isinstance(node, nodes.Name):
        return f"the variable '{node.name}'"
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        return "attribute or item access (a '.' or '[...]')"
    if isinstance(node, nodes.Filter):
        return f"the filter '| {node.name}'"
    return f"a Jinja expression ({type(node).__name__})"


def _walk(node: nodes.Node, allowed: frozenset[str]):
    """Every node a page may not use."""
    for child in node.iter_child_nodes():
        if isinstance(child, (nodes.Output,)):
            yield from _walk(child, allowed)
        elif isinstance(child, nodes.TemplateData) or plain_call(child, allowed):
            continue
        else:
            yield child


def _message(node: nodes.Node, allowed: frozenset[str]) -> str:
    """What is wrong with a node a page may not use, and the fix."""
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name not in allowed:
        # A misspelt macro: the nearest name, not a wall of 21.
        name = node.node.name
        hint = did_you_mean(name, allowed)
        fix = ("write the macro's name as it is; CONTRIBUTING.md lists them all" if hint else
               f"a page may only call the guide's macros: {', '.join(sorted(allowed))}")
        return f"unknown macro '{name}()'{hint} ({fix})"
    return (f"{_describe(node, allowed)} is not allowed in a page (a page may only call the "
            f"guide's macros with plain arguments: {', '.join(sorted(allowed))})")


def problems(source: str, environment, allowed: frozenset[str], offset: int = 0) -> list[tuple[int, str]]:
    """(file line, message) of everything in a page's Jinja that is not a
    plain call of an allowed macro; [] for a page that may be rendered."""
    if not any(marker in source for marker in MARKERS):
        return []  # most of a page is text: no need to parse it
    tree = read(source, environment)
    if isinstance(tree, tuple):  # brackets nested too deep
        return [(offset + tree[0], tree[1])]
    if isinstance(tree, RecursionError):
        line, message = lexed_nesting_problem(source, environment)
        return [(offset + line, message)]
    if isinstance(tree, TemplateSyntaxError):
        return [(offset + (tree.lineno or 1), f"Jinja syntax error: {tree.message} (close every '{{{{' with "
                 "'}}}}' in the same macro call; to show braces as text, put them between "
                 "{% raw %} and {% endraw %})")]
    return [(offset + node.lineno, _message(node, allowed)) for node in _walk(tree, allowed)]


def without_code(source: str, environment, allowed: frozenset[str]) -> str:
    """The page with every tag a page may not use cut out, for a failed page.

    The rest still renders, so one bad tag does not also cost the page its
    headings and citations (and the contributor a screen of follow-on
    errors). Jinja's own lexer splits the page into tags; each {{ ... }} is
    kept only if it alone passes problems(); every {% ... %} statement is
    cut. A cut tag leaves its newlines, so later line numbers stay true.
    """
    try:
        tokens = list(environment.lexer.tokeniter(source, None))
    except TemplateSyntaxError:
        return ""  # cannot tell code from text: render nothing
    out: list[str] = []
    tag: list[str] = []
    for _, token, value in tokens:
        if token in ("variable_begin", "block_begin", "comment_begin"):
            tag = [value]
            continue
        if not tag:
            out.append(value)
            continue
        tag.append(value)
        if token in ("variable_end", "block_end", "comment_end"):
            text = "".join(tag)
            keep = token == "variable_end" and not problems(text, environment, allowed)
            out.append(text if keep else "\n" * text.count("\n"))
            tag = []
    return "".join(out)


def check_page(*, src: str, source: str, markdown: str, environment, allowed: frozenset[str],
               titles: list[str]) -> tuple[str, list[str], bool]:
    """Stop a page whose Jinja is more than calls of the guide's macros.

    Returns the Markdown to render (without its forbidden tags, so none of
    them runs), a 'docs/src:line: message' for each problem, and whether
    the page's title holds template code and must not be rendered (titles
    are rendered by mkdocs-macros too). `strict: true` fails the build once
    every page has been read.
    """
    offset = body_offset(source, markdown)
    found = problems(markdown, environment, allowed, offset)
    bad_title = any(marker in title for title in titles for marker in MARKERS)
    if bad_title:
        found.append((key_line(split_front_matter(source)[0], "title"),
                      "the title holds template code ('{{', '{%' or '{#') "
                      "(titles are plain text: remove the braces)"))
    if found:
        markdown = without_code(markdown, environment, allowed)
    return markdown, [f"docs/{src}:{line}: {message}" for line, message in found], bad_title
