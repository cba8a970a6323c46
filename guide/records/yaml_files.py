"""Reading YAML as the guide reads it: strictly, with the line of every problem.

Every data file and every page's front matter goes through StrictLoader,
in the build and in the checker alike, so the two never disagree about
what a file says.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

# libyaml when installed: the same rules, and the content checker reads
# 1,000 pages' front matter in a fraction of the time.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(yaml.constructor.ConstructorError):
    """A mapping key written twice; first is the 0-based line of the first."""

    def __init__(self, key, first: int, mark):
        super().__init__(None, None, f"the key '{key}' is written twice", mark)
        self.key, self.first = key, first


class StrictLoader(_BASE_LOADER):
    """YAML's safe loader, stricter where a silent choice hid mistakes.

    No aliases (*name, and << merges): eight lines of them expand into
    gigabytes (the "billion laughs"), and the guide's files need none.
    No NaN or infinity: JSON has no such numbers, so one in front matter
    made the search index unreadable on every page.

    A key written twice is an error, not "the last one wins" (a second
    `evidence:` once turned an untested page into a supported one). A date
    that does not exist, like 2026-02-30, is an error at its line, not a
    Python traceback. Every data file and every page's front matter is read
    with this loader, by the build and the checker alike.
    """

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: the base class reports it
                    continue
                if first is not None:
                    raise DuplicateKey(key, first, key_node.start_mark)
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_document(self, node):
        refuse_aliases(node)
        return super().construct_document(node)

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a number a reader can use (write a real number: NaN and "
                "infinity make the search index invalid JSON)", node.start_mark)
        return value

    def construct_yaml_int(self, node):
        # refuse_aliases() has bounded the digits; this keeps a number that
        # reached here some other way from ending in Python's ValueError.
        try:
            return super().construct_yaml_int(node)
        except ValueError as e:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value[:40]}' is not a number the guide can read ({e})", node.start_mark) from None

    def construct_yaml_timestamp(self, node):
        try:
            value = super().construct_yaml_timestamp(node)
        except ValueError as e:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a real date: {e} (write a date that exists, "
                "as YYYY-MM-DD)", node.start_mark) from None
        if isinstance(value, dt.datetime):
            # Every date in the guide is a day; a time made the pages that
            # compare dates stop with a Python error.
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is a date and a time (write the day alone, as YYYY-MM-DD)",
                node.start_mark)
        return value


def yaml_problem(error: yaml.YAMLError, fix: str, first_line: int = 1) -> tuple[int, str]:
    """(line, "what is wrong (how to fix)") of a YAML error; first_line is
    the file line the YAML text starts on. StrictLoader's messages carry
    their own fix; a parser error gets the general one."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + first_line if mark else first_line
    problem = str(getattr(error, "problem", None) or error)
    if isinstance(error, DuplicateKey):
        problem = (f"the key '{error.key}' is written twice, first on line {error.first + first_line} "
                   "(keep one and delete the other)")
    return line, problem if problem.endswith(")") else f"{problem} ({fix})"


# Lists and mappings inside each other: the guide's deepest is 4 (a study
# record's groups). Every reader of the data walks it recursively, and
# Python stops near a thousand levels with a traceback, not a line.
MAX_DEPTH = 20
# Digits in a whole number: Python refuses to read more than 4,300 (a
# ValueError, not a YAMLError), and no count in the guide needs more.
MAX_DIGITS = 30


def _refused(message: str, mark) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, mark)


def refuse_aliases(root) -> None:
    """Raise a ConstructorError at the first node that no reader of the
    guide could take: one reached twice (an alias, *name, to an anchor,
    &name), one nested deeper than MAX_DEPTH, or a whole number longer than
    MAX_DIGITS. Composing shares an aliased node, so this walk is as long
    as the text, however far the aliases would expand, and it is a loop,
    so no depth can overflow it."""
    seen: set[int] = set()
    todo = [(root, root.start_mark, 0)]
    while todo:
        node, mark, depth = todo.pop()
        if id(node) in seen:
            raise _refused("YAML aliases (*name, and '<<:' merges) are not allowed (write the value out in full: "
                           "a few lines of aliases can expand into gigabytes)", mark)
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _refused(f"lists and mappings nested more than {MAX_DEPTH} deep (flatten them: no field of "
                           "the guide needs that many levels)", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_DIGITS:
                raise _refused(f"a number {len(node.value):,} characters long (at most {MAX_DIGITS}; write a "
                               "real count, or quote it if it is a text)", node.start_mark)
        elif isinstance(node, yaml.SequenceNode):
            # A shared node's own mark is its anchor's; the list's is nearer the alias.
            todo.extend((item, node.start_mark, depth + 1) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                todo.append((value, key.start_mark, depth + 1))
                todo.append((key, key.start_mark, depth + 1))


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
SAFE_LOADER = StrictLoader


def compose_and_load(text: str) -> tuple[Any, yaml.Node | None]:
    """(data, composed node) of a YAML text from one parse: the node gives
    line numbers for messages. (yaml.compose then yaml.load read it twice.)"""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def node_line(node, path) -> int:
    """The 1-based line of the YAML node at path (list indexes and keys),
    or of the nearest enclosing node that exists, so an error inside an
    entry points at the field, not only at the entry's first line."""
    line = node.start_mark.line
    for step in path:
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        elif isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if match is None:
                break
            key, node = match
            line = key.start_mark.line  # the line that names the field
        else:
            break
    return line + 1


def iso_dates(value):
    """YAML reads 2026-12-01 as a date; the schemas (and pages) speak ISO strings."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso_dates(v) for v in value]
    return value


BOM = "\ufeff"


def decode_text(data: bytes) -> tuple[str, tuple[int, str] | None]:
    """(text, None) of a file's bytes read as every reader of the guide reads
    them, or ("", (line, problem)). UTF-8 only, with no byte-order mark:
    MkDocs drops one mark and keeps a second, so with two the build saw no
    front matter where the checker saw it. Line ends become "\\n", as
    Python's text mode (and so MkDocs) makes them."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return "", (line, f"not UTF-8 text (byte {e.start}, 0x{data[e.start]:02x}); save the file as UTF-8")
    if text.startswith(BOM) or BOM in text[:1]:
        return "", (1, "the file starts with a byte-order mark (BOM); save it as UTF-8 without one")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def scalar_texts(node) -> list[tuple[int, str]]:
    """(1-based line, text) of every string in a composed YAML tree (with
    no aliases: the loader has refused them), depth first."""
    found, todo = [], [node] if node is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:str":
                found.append((node.start_mark.line + 1, node.value))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            todo.extend(value for _, value in reversed(node.value))
    return found
