"""Load and validate the project's data files and page front matter.

One place reads data/*.yml and schemas/*.json, so the build, the macros and
the content checker can never disagree about what is valid. Every problem is
reported as "file:line: what is wrong (how to fix)".
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from .errors import ContentError, did_you_mean

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCHEMAS = ROOT / "schemas"

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

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as e:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a real date: {e} (write a date that exists, "
                "as YYYY-MM-DD)", node.start_mark) from None


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


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
SAFE_LOADER = StrictLoader
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Problem:
    """One finding about a file, as a contributor needs to read it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def rel(path: Path) -> str:
    """A path as contributors see it: relative to the project root."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=None)
def schema(name: str) -> Draft202012Validator:
    with open(SCHEMAS / f"{name}.schema.json", encoding="utf-8") as f:
        return Draft202012Validator(json.load(f), format_checker=FormatChecker())


def _where(error) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    return f"'{path}': " if path else ""


# --- YAML data files -------------------------------------------------------


def compose_and_load(text: str) -> tuple[Any, yaml.Node | None]:
    """(data, composed node) of a YAML text from one parse: the node gives
    line numbers for messages. (yaml.compose then yaml.load read it twice.)"""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _load_yaml(path: Path):
    """(data, composed node) of a YAML data file, or a ContentError with file and line."""
    name = rel(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{name}: file is missing (restore it from git)") from None
    except UnicodeDecodeError as e:
        raise ContentError(f"{name}: not UTF-8 text ({e.reason}); save it as UTF-8") from None
    try:
        entries, node = compose_and_load(text)
    except yaml.YAMLError as e:
        line, problem = yaml_problem(e, "check the indentation and quotes near this line")
        raise ContentError(f"{name}:{line}: invalid YAML: {problem}") from None
    return entries, node


def _load_yaml_list(path: Path):
    """(entries, the line each entry starts on, composed node) of a YAML list file."""
    entries, node = _load_yaml(path)
    if not isinstance(entries, list) or node is None:
        raise ContentError(f"{rel(path)}:1: expected a list of entries, each starting with '- id:'")
    return entries, [item.start_mark.line + 1 for item in node.value], node


# Extra advice for a missing field, by (schema, field).
HINTS = {
    ("safety", "sources"): " (list the ids from data/bibliography.yml that this advice rests on, "
                           "like sources: [nhsinform-fall]; no safety advice without a source)",
}


def _missing(error) -> str | None:
    """The property a 'required' error is about."""
    if error.validator != "required":
        return None
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            return name
    return None


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


def _iso_dates(value):
    """YAML reads 2026-12-01 as a date; the schemas (and pages) speak ISO strings."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso_dates(v) for v in value]
    return value


def _validate_entries(path: Path, schema_name: str) -> tuple[list[dict], list[int]]:
    """The entries of a YAML list file, dates as ISO strings, checked against
    its schema, and the line each entry starts on; read once."""
    entries, lines, root = _load_yaml_list(path)
    entries = _iso_dates(entries)
    name = rel(path)
    problems = []
    for error in sorted(schema(schema_name).iter_errors(entries), key=lambda e: list(map(str, e.absolute_path))):
        index = error.absolute_path[0] if error.absolute_path else None
        if isinstance(index, int):
            entry = entries[index]
            label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
            inner = ".".join(str(p) for p in list(error.absolute_path)[1:])
            field = f" field '{inner}'" if inner else ""
            line = node_line(root, list(error.absolute_path))
            problems.append(f"{name}:{line}: entry '{label}'{field}: {_plain(error, schema_name)}"
                            f"{HINTS.get((schema_name, _missing(error)), '')}")
        else:
            problems.append(f"{name}:1: {error.message}")
    seen: dict[str, int] = {}
    for entry, line in zip(entries, lines):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            if entry["id"] in seen:
                problems.append(f"{name}:{line}: duplicate id '{entry['id']}' "
                                f"(first used on line {seen[entry['id']]}); give each entry its own id")
            seen.setdefault(entry["id"], line)
    if problems:
        raise ContentError("\n".join(problems))
    return entries, lines


def _plain(error, schema_name: str) -> str:
    """jsonschema's message, with where to look when a field is missing."""
    if error.validator == "required":
        return f"{error.message} (add it; schemas/{schema_name}.schema.json lists every field)"
    return error.message


@functools.lru_cache(maxsize=None)
def _grading() -> dict:
    """data/grades.yml, checked against schemas/grades.schema.json."""
    path = DATA / "grades.yml"
    content, root = _load_yaml(path)
    problems = [f"{rel(path)}:{node_line(root, list(e.absolute_path))}: "
                f"{'.'.join(map(str, e.absolute_path)) or 'file'}: {_plain(e, 'grades')}"
                for e in schema("grades").iter_errors(content)]
    if problems:
        raise ContentError("\n".join(problems))
    return content


def grades() -> dict[str, dict]:
    """Evidence grades by id, strongest first."""
    return {g["id"]: g for g in _grading()["grades"]}


def principles() -> list[dict]:
    """The rules every grade follows, as the About page shows them."""
    return list(_grading()["principles"])


@functools.lru_cache(maxsize=None)
def safety() -> dict[str, dict]:
    """Safety callouts by id, in the order of data/safety.yml."""
    path = DATA / "safety.yml"
    entries, lines = _validate_entries(path, "safety")
    problems, anchors = [], {}
    for entry, line in zip(entries, lines):
        sentences = len(SENTENCE_END.findall(entry["body"].strip()))
        if not 1 <= sentences <= 3:
            problems.append(f"{rel(path)}:{line}: entry '{entry['id']}': body has {sentences} "
                            "sentences; write one to three, each ending with a full stop")
        known = bibliography()
        for source in entry["sources"]:
            if source not in known:
                problems.append(f"{rel(path)}:{line}: entry '{entry['id']}': source '{source}' is not in "
                                f"data/bibliography.yml{did_you_mean(source, known)} (add the source there, "
                                "or fix the id: safety advice must rest on a source a reader can check)")
        if entry["anchor"] in anchors:
            problems.append(f"{rel(path)}:{line}: entry '{entry['id']}': anchor '{entry['anchor']}' "
                            f"is already used by '{anchors[entry['anchor']]}'; each callout needs its own section")
        anchors.setdefault(entry["anchor"], entry["id"])
    if problems:
        raise ContentError("\n".join(problems))
    return {e["id"]: e for e in entries}


@functools.lru_cache(maxsize=None)
def clinical_reviews() -> list[dict]:
    """Reviews of the safety advice by a registered clinician, oldest first.

    An empty list is the honest default: pages then say that no clinician
    has reviewed the advice. Every callout id a review covers must exist.
    """
    path = DATA / "clinical-reviews.yml"
    entries, lines = _validate_entries(path, "clinical-reviews")
    callouts = safety()
    problems = []
    for entry, line in zip(entries, lines):
        for callout_id in entry["covers"]:
            if callout_id != "all" and callout_id not in callouts:
                problems.append(f"{rel(path)}:{line}: entry '{entry['id']}': covers '{callout_id}', which is not "
                                f"a callout in data/safety.yml{did_you_mean(callout_id, callouts)} "
                                "(use callout ids, or 'all')")
    if problems:
        raise ContentError("\n".join(problems))
    return sorted(entries, key=lambda e: e["date"])


@functools.lru_cache(maxsize=None)
def bibliography() -> dict[str, dict]:
    """Sources by id, each with its canonical link under 'link'."""
    entries, _ = _validate_entries(DATA / "bibliography.yml", "bibliography")
    result = {}
    for entry in entries:
        entry = dict(entry)
        if entry.get("doi"):
            entry["link"] = f"https://doi.org/{entry['doi']}"
        elif entry.get("pmid"):
            entry["link"] = f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/"
        else:
            entry["link"] = entry.get("url")
        result[entry["id"]] = entry
    return result


@functools.lru_cache(maxsize=None)
def corrections() -> tuple[dict, ...]:
    """The corrections log, newest first; each entry also gets its 'line'.

    Entries of the same day keep the order of the file. The schema checked
    each date as an ISO string; here it becomes a datetime.date.
    """
    entries, lines = _validate_entries(DATA / "corrections.yml", "corrections")
    result = []
    for entry, line in zip(entries, lines):
        result.append({**entry, "date": dt.date.fromisoformat(entry["date"]), "line": line})
    return tuple(sorted(result, key=lambda e: e["date"], reverse=True))


# --- Front matter ----------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, line where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end():], text.count("\n", 0, match.end()) + 1


def _key_line(yaml_text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", yaml_text, re.M)
    return yaml_text.count("\n", 0, match.start()) + 2 if match else 1


def check_front_matter(meta: dict, yaml_text: str, src_path: str, today: dt.date | None = None) -> list[Problem]:
    """Everything wrong with one page's front matter. src_path is docs-relative."""
    path = f"docs/{src_path}"
    problems = []
    data = _iso_dates(meta)
    for error in sorted(schema("front-matter").iter_errors(data), key=lambda e: list(e.absolute_path)):
        key = str(error.absolute_path[0]) if error.absolute_path else ""
        if error.validator == "additionalProperties":
            extra = sorted(set(data) - set(error.schema["properties"]))
            for name in extra:
                problems.append(Problem(path, _key_line(yaml_text, name),
                                        f"unknown front-matter field '{name}'"
                                        f"{did_you_mean(name, error.schema['properties'])} "
                                        "(see schemas/front-matter.schema.json)"))
            continue
        message = error.message
        if error.validator == "enum":
            message = f"{error.instance!r} is not allowed; use one of: {', '.join(map(str, error.validator_value))}"
        if error.validator == "format":
            message = f"{error.instance!r} is not a date; write it as YYYY-MM-DD"
        problems.append(Problem(path, _key_line(yaml_text, key) if key else 1,
                                f"front matter {_where(error)}{message}"))
    today = today or dt.date.today()
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, dt.date) and reviewed > today:
        problems.append(Problem(path, _key_line(yaml_text, "reviewed"),
                                f"front matter 'reviewed' is {reviewed}, in the future; use the date you checked the page"))
    in_benefits = src_path.startswith("benefits/") and not src_path.endswith("index.md")
    if in_benefits and meta.get("type") != "benefit":
        problems.append(Problem(path, 1, "a page under docs/benefits/ needs 'type: benefit' in its front matter"))
    return problems


def next_review(meta: dict) -> dt.date | None:
    """When a page is due for review: review_due, else a year after reviewed."""
    due, reviewed = meta.get("review_due"), meta.get("reviewed")
    if isinstance(due, dt.date):
        return due
    if isinstance(reviewed, dt.date):
        try:
            return reviewed.replace(year=reviewed.year + 1)
        except ValueError:  # 29 February
            return reviewed.replace(year=reviewed.year + 1, day=28)
    return None


def parse_page(text: str, src_path: str) -> tuple[dict, str, list[Problem]]:
    """(front matter, body, problems) of a page's source text, never raising."""
    name = f"docs/{src_path}"
    yaml_text, body, _ = split_front_matter(text.removeprefix("\ufeff"))
    if not yaml_text.strip():
        return {}, body, [Problem(name, 1, "no front matter; start the file with '---', "
                                           "title, description and reviewed, then '---'")]
    try:
        meta = yaml.load(yaml_text, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        line, problem = yaml_problem(e, "check indentation, colons and quotes", first_line=2)
        return {}, body, [Problem(name, line, f"front matter is not valid YAML: {problem}")]
    if not isinstance(meta, dict):
        return {}, body, [Problem(name, 2, "front matter must be 'key: value' lines")]
    return meta, body, check_front_matter(meta, yaml_text, src_path)


def read_page(path: Path, docs_dir: Path) -> tuple[dict, str, list[Problem]]:
    """parse_page() for a file, reporting a file that is not UTF-8."""
    src = path.relative_to(docs_dir).as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is fine, as for MkDocs
    except UnicodeDecodeError as e:
        return {}, "", [Problem(f"docs/{src}", 1, f"not UTF-8 text (byte {e.start}); save the file as UTF-8")]
    return parse_page(text, src)
