"""The project's evidence record: data/*.yml, checked against schemas/*.json.

One place reads the data files, so the build, the macros and the content
checker can never disagree about what is valid. Every problem is reported
as "file:line: what is wrong (how to fix)", and a broken file raises
ContentError with all of its problems at once.

Records(root) reads the files of the project at root (a copy of the
project reads its own data). records_for(root) keeps one Records per
project and reads a file again only when it has changed on disk, so the
hooks and the macros of one build share each file's single reading, and
`make serve` sees every save.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from ..errors import ContentError, did_you_mean, unknown
from . import limits, urgency
from .yaml_files import compose_and_load, decode_text, scalar_texts, iso_dates, node_line, yaml_problem

SENTENCE_END = re.compile(r"[.!?](?=\s|$)")

# Extra advice for a missing field, by (schema, field).
HINTS = {
    ("safety", "sources"): " (list the ids from data/bibliography.yml that this advice rests on, "
                           "like sources: [nhsinform-fall]; no safety advice without a source)",
    ("red-flags", "sources"): " (list the ids from data/bibliography.yml that give this sign, "
                              "like sources: [northerntrust-back-pain])",
    ("red-flags", "own_advice"): " (a sign with no sources is our own advice: say so in own_advice, "
                                 "or list the sources that give it)",
    ("safety", "own_advice"): " (advice with no sources is our own advice: say so in own_advice, "
                              "or list the sources that give it)",
}

HANDOUT_TEXT_FIELDS = ("audience", "plan_title", "plan_note", "disclaimer")
HANDOUT_PLAN_LINES = 5
# The figure fields that name sources, and where their ids sit.
FIGURE_SOURCE_KEYS = ("energy", "steps", "landing")


def _missing(error) -> str | None:
    """The property a 'required' error is about."""
    if error.validator != "required":
        return None
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            return name
    return None


def _plain(error, schema_name: str) -> str:
    """jsonschema's message, with where to look when a field is missing."""
    if error.validator == "required":
        return f"{error.message} (add it; schemas/{schema_name}.schema.json lists every field)"
    if error.validator == "enum":
        allowed = [str(v) for v in error.validator_value]
        return (f"{error.instance!r} is not allowed{did_you_mean(str(error.instance), allowed)} "
                f"(use one of: {', '.join(allowed)})")
    return error.message


def callout_sources(entry: dict) -> list[str]:
    """Every source a safety callout names: its body's, then each sign's, each once."""
    return list(dict.fromkeys([*entry["sources"], *(s for sign in entry.get("signs", ()) for s in sign["sources"])]))


def link_of(entry: dict) -> str | None:
    """The address readers are given for a source: DOI, else PubMed, else its url."""
    if entry.get("doi"):
        return f"https://doi.org/{entry['doi']}"
    if entry.get("pmid"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/"
    return entry.get("url")


class Records:
    """The data files of the project at root, each read and checked once."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.data_dir = self.root / "data"
        self.schemas_dir = self.root / "schemas"
        # Each list file's composed YAML, for the line of a field deep in an entry.
        self._nodes: dict[str, yaml.Node] = {}

    # --- reading ---------------------------------------------------------------

    def rel(self, path: Path) -> str:
        """A path as contributors see it: relative to the project root."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    @functools.lru_cache(maxsize=None)
    def schema(self, name: str) -> Draft202012Validator:
        with open(self.schemas_dir / f"{name}.schema.json", encoding="utf-8") as f:
            return Draft202012Validator(json.load(f), format_checker=FormatChecker())

    def load_yaml(self, path: Path, data: bytes | None = None):
        """(data, composed node) of a YAML data file (its bytes, if already
        read), or a ContentError with file and line."""
        name = self.rel(path)
        try:
            data = path.read_bytes() if data is None else data
        except FileNotFoundError:
            raise ContentError(f"{name}: file is missing (restore it from git)") from None
        too_big = limits.size_problem(len(data), limits.MAX_DATA_BYTES, "the file")
        if too_big:
            raise ContentError(f"{name}:1: {too_big}")
        text, problem = decode_text(data)
        if problem:
            raise ContentError(f"{name}:{problem[0]}: {problem[1]}")
        try:
            data, node = compose_and_load(text)
        except yaml.YAMLError as e:
            line, problem = yaml_problem(e, "check the indentation and quotes near this line")
            raise ContentError(f"{name}:{line}: invalid YAML: {problem}") from None
        # Data texts become page Markdown: the same limits as a page's text.
        slow = [f"{name}:{line}: {message}" for line, text in scalar_texts(node)
                for line, message in limits.text_problems(text, line)]
        if slow:
            raise ContentError("\n".join(slow))
        return data, node

    def validate_entries(self, filename: str, schema_name: str) -> tuple[list[dict], list[int]]:
        """The entries of a YAML list file, dates as ISO strings, checked against
        its schema, and the line each entry starts on; read once.

        A file and schema already found valid in this process, with the same
        bytes, are not parsed and checked again: `make serve` reads every
        data file again after a save of one of them. Each reading gets its
        own copy of the entries."""
        path = self.data_dir / filename
        try:
            data = path.read_bytes()
        except OSError:
            data = None  # load_yaml says what is wrong
        try:  # checked with these very bytes of the schema, so its digest says which version
            schema_bytes = (self.schemas_dir / f"{schema_name}.schema.json").read_bytes()
        except OSError:
            schema_bytes = None  # self.schema() says what is wrong
        key, stamp = (path.resolve(), schema_name), (_digest(data), _digest(schema_bytes))
        held = _valid_files.get(key)
        if None not in stamp and held is not None and held[0] == stamp:
            _, entries, lines, root = held
            self._nodes[filename] = root
            return copy.deepcopy(entries), list(lines)
        validator = (Draft202012Validator(json.loads(schema_bytes), format_checker=FormatChecker())
                     if schema_bytes is not None else self.schema(schema_name))
        entries, lines = self._validated(path, data, filename, schema_name, validator)
        if None not in stamp:  # the latest version only: one entry per file
            _valid_files[key] = (stamp, copy.deepcopy(entries), list(lines), self._nodes[filename])
        return entries, lines

    def _validated(self, path: Path, data: bytes | None, filename: str, schema_name: str,
                   validator: Draft202012Validator) -> tuple[list[dict], list[int]]:
        entries, root = self.load_yaml(path, data)
        name = self.rel(path)
        if not isinstance(entries, list) or root is None:
            raise ContentError(f"{name}:1: expected a list of entries, each starting with '- id:'")
        lines = [item.start_mark.line + 1 for item in root.value]
        self._nodes[filename] = root
        entries = iso_dates(entries)
        problems = []
        for error in sorted(validator.iter_errors(entries),
                            key=lambda e: list(map(str, e.absolute_path))):
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

    def line_of(self, filename: str, path: list) -> int:
        """The line of a field in a list file already read, like
        line_of("safety.yml", [3, "signs", 0])."""
        return node_line(self._nodes[filename], path)

    # --- the files -------------------------------------------------------------

    @functools.cached_property
    def _grading(self) -> dict:
        """data/grades.yml, checked against schemas/grades.schema.json."""
        path = self.data_dir / "grades.yml"
        content, root = self.load_yaml(path)
        problems = [f"{self.rel(path)}:{node_line(root, list(e.absolute_path))}: "
                    f"{'.'.join(map(str, e.absolute_path)) or 'file'}: {_plain(e, 'grades')}"
                    for e in self.schema("grades").iter_errors(content)]
        if problems:
            raise ContentError("\n".join(problems))
        return content

    def grades(self) -> dict[str, dict]:
        """Evidence grades by id, strongest first."""
        return {g["id"]: g for g in self._grading["grades"]}

    def principles(self) -> list[dict]:
        """The rules every grade follows, as the About page shows them."""
        return list(self._grading["principles"])

    @functools.cached_property
    def _safety(self) -> dict[str, dict]:
        path = self.data_dir / "safety.yml"
        entries, lines = self.validate_entries("safety.yml", "safety")
        known = self.bibliography()
        problems, anchors = [], {}
        for entry, line in zip(entries, lines):
            where = f"{self.rel(path)}:{line}: entry '{entry['id']}'"
            sentences = len(SENTENCE_END.findall(entry["body"].strip()))
            if not 1 <= sentences <= 3:
                problems.append(f"{where}: body has {sentences} sentences; write one to three, "
                                "each ending with a full stop")
            for source in callout_sources(entry):
                if source not in known:
                    problems.append(f"{where}: source '{source}' is not in data/bibliography.yml"
                                    f"{did_you_mean(source, known)} (add the source there, or fix the id: "
                                    "safety advice must rest on a source a reader can check)")
            urgent = [sign["id"] for sign in entry.get("signs", ()) if sign["action"] in urgency.URGENT]
            if urgent and entry["severity"] != "emergency":
                problems.append(f"{where}: sign '{urgent[0]}' needs an emergency number or A&E, so the "
                                "callout must stand out as one: set severity: emergency")
            sign_ids = [sign["id"] for sign in entry.get("signs", ())]
            for sign_id in sorted({i for i in sign_ids if sign_ids.count(i) > 1}):
                problems.append(f"{where}: sign '{sign_id}' is listed twice; list each sign once")
            if entry["anchor"] in anchors:
                problems.append(f"{where}: anchor '{entry['anchor']}' is already used by "
                                f"'{anchors[entry['anchor']]}'; each callout needs its own section")
            anchors.setdefault(entry["anchor"], entry["id"])
        if problems:
            raise ContentError("\n".join(problems))
        return {e["id"]: e for e in entries}

    def safety(self) -> dict[str, dict]:
        """Safety callouts by id, in the order of data/safety.yml."""
        return self._safety

    @functools.cached_property
    def _red_flags(self) -> dict[str, dict]:
        path = self.data_dir / "red-flags.yml"
        entries, lines = self.validate_entries("red-flags.yml", "red-flags")
        known = self.bibliography()
        problems, pages = [], {}
        callouts = self.safety()
        for index, (entry, line) in enumerate(zip(entries, lines)):
            where = f"{self.rel(path)}:{line}: entry '{entry['id']}'"
            for flag in entry["flags"]:
                for source in flag["sources"]:
                    if source not in known:
                        problems.append(f"{where}: sign '{flag['sign'][:40]}...': source '{source}' is not in "
                                        f"data/bibliography.yml{did_you_mean(source, known)} (add the source there, "
                                        "or fix the id: a warning sign must rest on a source a reader can check)")
            shown: dict[str, str] = {}  # sign id -> the callout on the same page that gives it
            for callout_id in entry.get("callouts", ()):
                if callout_id not in callouts:
                    problems.append(f"{where}: callouts: '{callout_id}' is not a callout in data/safety.yml"
                                    f"{did_you_mean(callout_id, callouts)} (use a callout id)")
                    continue
                shown.update((sign["id"], callout_id) for sign in callouts[callout_id].get("signs", ()))
            flag_ids = [flag["id"] for flag in entry["flags"]]
            for flag_id in sorted({i for i in flag_ids if flag_ids.count(i) > 1}):
                problems.append(f"{where}: sign '{flag_id}' is listed twice; list each sign once")
            for number, flag in enumerate(entry["flags"]):
                if flag["id"] in shown:
                    problems.append(f"{self.rel(path)}:{self.line_of('red-flags.yml', [index, 'flags', number])}: "
                                    f"entry '{entry['id']}': sign '{flag['id']}' is already in the callout "
                                    f"'{shown[flag['id']]}', which these pages show; remove it here, so readers "
                                    "meet each sign once, in full")
            for page in entry["pages"]:
                if page in pages:
                    problems.append(f"{where}: page '{page}' is already named by '{pages[page]}'; "
                                    "give each page one entry, so it shows one set of warning signs")
                pages.setdefault(page, entry["id"])
        problems += urgency.level_problems(self._sign_places(entries))
        if problems:
            raise ContentError("\n".join(problems))
        return {e["id"]: {**e, "line": line} for e, line in zip(entries, lines)}

    def _sign_places(self, flag_entries: list[dict]) -> list[urgency.Place]:
        """Every place a sign is given an action: the callouts' signs, then the
        condition pages' flags, each with its file and line."""
        places = []
        for index, entry in enumerate(self.safety().values()):
            for number, sign in enumerate(entry.get("signs", ())):
                line = self.line_of("safety.yml", [index, "signs", number])
                places.append(urgency.Place(f"{self.rel(self.data_dir / 'safety.yml')}:{line}: callout '{entry['id']}'",
                                            sign["id"], sign["action"]))
        for index, entry in enumerate(flag_entries):
            for number, flag in enumerate(entry["flags"]):
                line = self.line_of("red-flags.yml", [index, "flags", number])
                places.append(urgency.Place(f"{self.rel(self.data_dir / 'red-flags.yml')}:{line}: entry '{entry['id']}'",
                                            flag["id"], flag["action"]))
        return places

    def red_flags(self) -> dict[str, dict]:
        """Each condition's warning signs by id, in the order of data/red-flags.yml;
        each entry also gets the 'line' it starts on."""
        return self._red_flags

    def red_flags_for(self, page: str) -> dict | None:
        """The entry of data/red-flags.yml that names page (docs-relative), if any."""
        return next((e for e in self.red_flags().values() if page in e["pages"]), None)

    @functools.cached_property
    def _clinical_reviews(self) -> list[dict]:
        path = self.data_dir / "clinical-reviews.yml"
        entries, lines = self.validate_entries("clinical-reviews.yml", "clinical-reviews")
        callouts = self.safety()
        problems = []
        for entry, line in zip(entries, lines):
            for callout_id in entry["covers"]:
                if callout_id != "all" and callout_id not in callouts:
                    problems.append(f"{self.rel(path)}:{line}: entry '{entry['id']}': covers '{callout_id}', "
                                    f"which is not a callout in data/safety.yml{did_you_mean(callout_id, callouts)} "
                                    "(use callout ids, or 'all')")
        if problems:
            raise ContentError("\n".join(problems))
        return sorted(entries, key=lambda e: e["date"])

    def clinical_reviews(self) -> list[dict]:
        """Reviews of the safety advice by a registered clinician, oldest first.

        An empty list is the honest default: pages then say that no clinician
        has reviewed the advice. Every callout id a review covers must exist.
        """
        return self._clinical_reviews

    @functools.cached_property
    def _bibliography(self) -> dict[str, dict]:
        entries, _ = self.validate_entries("bibliography.yml", "bibliography")
        return {entry["id"]: {**entry, "link": link_of(entry)} for entry in entries}

    def bibliography(self) -> dict[str, dict]:
        """Sources by id, each with its canonical link under 'link'."""
        return self._bibliography

    @functools.cached_property
    def _corrections(self) -> tuple[dict, ...]:
        entries, lines = self.validate_entries("corrections.yml", "corrections")
        result = [{**entry, "date": dt.date.fromisoformat(entry["date"]), "line": line}
                  for entry, line in zip(entries, lines)]
        return tuple(sorted(result, key=lambda e: e["date"], reverse=True))

    def corrections(self) -> tuple[dict, ...]:
        """The corrections log, newest first; each entry also gets its 'line'.

        Entries of the same day keep the order of the file. The schema checked
        each date as an ISO string; here it becomes a datetime.date.
        """
        return self._corrections

    @functools.cached_property
    def _handout(self) -> dict:
        path = self.data_dir / "handout.yml"
        content, node = self.load_yaml(path)
        name = self.rel(path)
        if not isinstance(content, dict) or node is None:
            raise ContentError(f"{name}:1: expected 'key: value' lines "
                               f"({', '.join(HANDOUT_TEXT_FIELDS)}, plan)")
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        problems = []
        for field in HANDOUT_TEXT_FIELDS:
            if not isinstance(content.get(field), str) or not content[field].strip():
                problems.append(f"{name}:{lines.get(field, 1)}: '{field}' is missing or empty; "
                                "write it as one short line of text")
        plan = content.get("plan")
        if (not isinstance(plan, list) or len(plan) != HANDOUT_PLAN_LINES
                or not all(isinstance(step, str) and step.strip() for step in plan)):
            count = len(plan) if isinstance(plan, list) else 0
            problems.append(f"{name}:{lines.get('plan', 1)}: 'plan' has {count} lines; the handout "
                            f"summarises the beginner plan in exactly {HANDOUT_PLAN_LINES} short lines of text")
        for field in sorted(set(content) - set(HANDOUT_TEXT_FIELDS) - {"plan"}):
            problems.append(f"{name}:{lines[field]}: unknown field '{field}' "
                            f"(the handout reads only {', '.join(HANDOUT_TEXT_FIELDS)} and plan)")
        if problems:
            raise ContentError("\n".join(problems))
        return content

    def handout(self) -> dict:
        """data/handout.yml: the handout's words that are not safety callouts."""
        return self._handout

    @functools.cached_property
    def _figure_specs(self) -> tuple[dict[str, dict], dict[str, int]]:
        path = self.data_dir / "figures.yml"
        entries, lines = self.validate_entries("figures.yml", "figures")
        known = self.bibliography()
        problems = []
        for entry, line in zip(entries, lines):
            where = f"{self.rel(path)}:{line}: entry '{entry['id']}'"
            sources = [s for key in FIGURE_SOURCE_KEYS if key in entry for s in entry[key]["sources"]]
            sources += [s["source"] for s in entry.get("knee_load", {}).get("studies", [])]
            for ref_id in sources:
                if ref_id not in known:
                    problems.append(f"{where}: {unknown('source', ref_id, known)} "
                                    "(use an id from data/bibliography.yml)")
            ranges = [("energy.extra_percent", entry["energy"]["extra_percent"])] if "energy" in entry else []
            ranges += [(f"weeks (week {w['week']}).minutes", w["minutes"])
                       for w in entry.get("weeks", []) if "minutes" in w]
            for field, (low, high) in ranges:
                if low > high:
                    problems.append(f"{where}: {field} is [{low:g}, {high:g}]; write the smaller number first")
            numbers = [w["week"] for w in entry.get("weeks", [])]
            if numbers and numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"{where}: weeks are numbered {numbers}; number them 1, 2, 3... in order")
        if problems:
            raise ContentError("\n".join(problems))
        return {e["id"]: e for e in entries}, {e["id"]: line for e, line in zip(entries, lines)}

    def figure_specs(self) -> dict[str, dict]:
        """data/figures.yml by id, checked: schema, sources, ranges and week order."""
        return self._figure_specs[0]

    def figure_lines(self) -> dict[str, int]:
        """The line each figure entry starts on, for messages about it."""
        return self._figure_specs[1]

    def check_all(self) -> None:
        """Read every data file; one ContentError lists the problems of all of them."""
        problems = []
        for read in (self.grades, self.bibliography, self.safety, self.red_flags, self.clinical_reviews,
                     self.corrections, self.handout, self.figure_specs):
            try:
                read()
            except ContentError as e:
                if str(e) not in problems:
                    problems.append(str(e))
        if problems:
            raise ContentError("\n".join(problems))


def signature(root: Path) -> tuple:
    """What has to stay the same for a project's records to still be true:
    the name and contents of every data file and schema (a digest: reading
    them costs well under a millisecond, and unlike a modification time it
    cannot miss two quick saves)."""
    files = sorted([*(root / "data").glob("*.yml"), *(root / "schemas").glob("*.json")])
    stamps = []
    for path in files:
        try:
            stamps.append((path.name, hashlib.blake2b(path.read_bytes(), digest_size=16).digest()))
        except OSError:
            continue
    return tuple(stamps)


_cache: dict[Path, tuple[tuple, Records]] = {}
# Data files found valid, the latest version of each: (file, schema name) ->
# ((file digest, schema digest), entries, lines, composed node); see
# Records.validate_entries.
_valid_files: dict[tuple, tuple[tuple, list, list, Any]] = {}


def _digest(data: bytes | None) -> bytes | None:
    """A digest of some bytes (None for a file that could not be read)."""
    return None if data is None else hashlib.blake2b(data, digest_size=16).digest()


def records_for(root: Path) -> Records:
    """The Records of the project at root, read afresh only when a file changed."""
    root = Path(root).resolve()
    stamp = signature(root)
    held = _cache.get(root)
    if held is None or held[0] != stamp:
        held = _cache[root] = (stamp, Records(root))
    return held[1]
