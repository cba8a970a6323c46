"""Start a bibliography entry with every field it needs: `make new-source` runs it.

    python scripts/new_source.py --id smith2020

adds an entry for smith2020 at the end of data/bibliography.yml. Every
field the schema requires is there with the value TODO, and above each a
comment with what the schema allows: the designs, the activities, a number
from 1900 to 2100, a date. The fields the schema lists as optional are
named in one comment. All of it is read from schemas/bibliography.schema.json,
so the template can never disagree with the check.

Until every TODO is replaced, the entry fails: a TODO where the schema
wants a number, a yes/no or one of a list stops the build at its line, and
the content checker's todo rule names every TODO left in data/.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path

import yaml

PLACEHOLDER = "TODO"
DATA = Path("data") / "bibliography.yml"
SCHEMA = Path("schemas") / "bibliography.schema.json"
WIDTH = 100  # the longest comment line
# Not required (a guidance page may have no author or year), but every
# reference shows them first: the template asks for them too.
SHOWN = ("authors", "year")


def resolve(schema: dict, root: dict) -> dict:
    """schema with a local $ref ("#/$defs/study") replaced by what it names."""
    ref = schema.get("$ref")
    if not ref:
        return schema
    node = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def allowed(schema: dict, root: dict) -> str:
    """What a field may hold, in words, from its schema."""
    schema = resolve(schema, root)
    if "enum" in schema:
        said = "one of: " + ", ".join(str(v) for v in schema["enum"])
    elif schema.get("type") == "boolean":
        said = "true or false"
    elif schema.get("type") == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        said = "a whole number" + (f" from {low} to {high}" if low is not None and high is not None
                                   else f", at least {low}" if low is not None else "")
    elif schema.get("format") == "date":
        said = "a date, YYYY-MM-DD"
    elif schema.get("type") == "array":
        items = resolve(schema.get("items", {}), root)
        least = schema.get("minItems")
        said = f"a list{f' of at least {least}' if least else ''}" + (
            ", one item a line" if items.get("type") != "object" else "")
    elif schema.get("type") == "string":
        low, high = schema.get("minLength"), schema.get("maxLength")
        said = "text" + (f", {low} to {high} characters" if low and high
                         else f", at least {low} characters" if low else "")
    else:
        said = ""
    description = schema.get("description", "").strip()
    return ". ".join(part.rstrip(".") for part in (said, description) if part) + ("." if said or description else "")


def comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH - len(indent) - 2, initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}# ", break_on_hyphens=False)


def optional_note(schema: dict, indent: str, shown: set[str]) -> list[str]:
    """One comment naming the fields the schema does not require (and not shown)."""
    skip = {"type", "size"} | link_fields(schema) | shown  # retired fields, the link (said apart)
    optional = [name for name in schema.get("properties", {}) if name not in skip]
    if not optional:
        return []
    return comment("Optional, where the source gives it: " + ", ".join(optional)
                   + " (the schema says what each holds).", indent)


def link_fields(schema: dict) -> set[str]:
    """The fields of which the schema wants at least one (its anyOf of required)."""
    return {name for choice in schema.get("anyOf", []) for name in choice.get("required", [])}


def fields(schema: dict, root: dict, indent: str, given: dict | None = None,
           wanted: tuple[str, ...] = ()) -> list[str]:
    """The YAML lines of an object: each required field (and each wanted
    one) with its TODO, or its given value, and a comment above it with what
    it may hold. Plain fields come first, nested ones last, as in the file."""
    schema = resolve(schema, root)
    given = given or {}
    properties = schema.get("properties", {})
    links = [name for name in properties if name in link_fields(schema)]
    names = [n for n in properties if n in given or n in wanted or n in schema.get("required", [])] + links[:1]
    nested = [n for n in names if resolve(properties[n], root).get("type") in ("object", "array")]
    lines = []
    for name in [n for n in names if n not in nested] + nested:
        prop = resolve(properties[name], root)
        if name in given:
            lines.append(f"{indent}{name}: {given[name]}")
            continue
        if name in links:
            choices = "; ".join(f"{n}: {resolve(properties[n], root).get('description', '').strip().rstrip('.')}"
                                .rstrip(": ") for n in links)
            lines += comment(f"The link: at least one of {', '.join(links)}, in that order of preference "
                             f"({choices}).", indent)
        elif said := allowed(prop, root):
            lines += comment(f"{name}: {said}" + (" Leave it out only if the source has none."
                                                  if name in wanted else ""), indent)
        lines += value_lines(name, prop, root, indent)
    return lines + optional_note(schema, indent, shown=set(names))


def as_list_item(lines: list[str], indent: str) -> list[str]:
    """An object's lines as the first item of a YAML list: its first field
    starts with "- " (comments above it stay where they are)."""
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    return [*lines[:first], indent + "- " + lines[first][len(indent) + 2:], *lines[first + 1:]]


def value_lines(name: str, prop: dict, root: dict, indent: str) -> list[str]:
    if prop.get("type") == "object" or "properties" in prop:
        return [f"{indent}{name}:", *fields(prop, root, indent + "  ")]
    if prop.get("type") == "array":
        items = resolve(prop.get("items", {}), root)
        if items.get("type") == "object":
            return [f"{indent}{name}:", *as_list_item(fields(items, root, indent + "  "), indent)]
        return [f"{indent}{name}:", f"{indent}- {PLACEHOLDER}"]
    return [f"{indent}{name}: {PLACEHOLDER}"]


def entry(source_id: str, schema: dict) -> str:
    """The new entry's YAML, for the end of data/bibliography.yml."""
    lines = as_list_item(fields(schema["items"], schema, "  ", given={"id": source_id}, wanted=SHOWN), "")
    header = comment(f"{source_id}: started by make new-source. Replace every {PLACEHOLDER} with what the "
                     "source itself says (CONTRIBUTING.md, 'Add a source'), delete the comments, and move "
                     "the entry under the heading it belongs to. Until then the build and make check "
                     "refuse it.", "")
    return "\n".join(["", *header, *lines]) + "\n"


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--id", required=True, dest="source_id",
                        help="the new source's id: first author's surname and year, like smith2020")
    parser.add_argument("--root", type=Path, default=root or Path.cwd(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    schema = json.loads((args.root / SCHEMA).read_text(encoding="utf-8"))
    usage = "make new-source ID=smith2020"
    pattern = schema["items"]["properties"]["id"]["pattern"]
    source_id = args.source_id.strip()
    if not re.fullmatch(pattern, source_id):
        given = f"'{source_id}' is not a source id" if source_id else "no id given"
        parser.error(f"ID= (--id): {given} (lower-case letters and digits, words joined by '-': the first "
                     f"author's surname and the year; like: {usage})")
    path = args.root / DATA
    text = path.read_text(encoding="utf-8")
    known = {e.get("id"): e for e in yaml.safe_load(text) or [] if isinstance(e, dict)}
    if source_id in known:
        print(f"{DATA}: '{source_id}' is already a source; edit that entry, or choose another id, "
              f"like {source_id}b", file=sys.stderr)
        return 2
    text += ("" if text.endswith("\n") else "\n") + entry(source_id, schema)
    path.write_text(text, encoding="utf-8")
    start = text.count("\n", 0, text.rindex(f"\n- id: {source_id}\n")) + 2
    print(f"Added '{source_id}' to {DATA} at line {start}.\n"
          f"Next: replace every {PLACEHOLDER} from the source itself; make check lists what is left.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
