"""Every macro call's arguments, checked against the macro's own signature.

A page calls a macro with whatever it writes: precaution("health-check",
30000000) once wrote a 90 MB page, and a list where a name belongs ended in
a Python traceback. So before any macro runs, its arguments are bound to
the function's parameters and each is checked against the parameter's
annotation: `str` (at most MAX_TEXT characters), `int` (a whole number,
in the range an `Annotated[int, Between(low, high)]` gives, else
DEFAULT_RANGE), `bool`, or `X | None`. A call that does not fit is an
error at the page line that makes it, and the macro is not run.

A new macro needs nothing here: annotate its parameters, and give an int
parameter its range with Between.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Callable

MAX_TEXT = 200


@dataclass(frozen=True)
class Between:
    """The range an int argument must fall in, both ends included."""

    low: int
    high: int


DEFAULT_RANGE = Between(0, 1000)
HeadingLevel = Annotated[int, Between(1, 6)]


def _fits(value, hint) -> str | None:
    """None when value fits the annotation, else what it should be."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        base, *extras = typing.get_args(hint)
        ranges = [extra for extra in extras if isinstance(extra, Between)]
        if base is int and ranges:
            if type(value) is not int:
                return "a whole number"
        else:
            wrong = _fits(value, base)
            if wrong:
                return wrong
        for extra in extras:
            if isinstance(extra, Between) and not extra.low <= value <= extra.high:
                return f"a whole number from {extra.low} to {extra.high}"
        return None
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if any(_fits(value, option) is None for option in options):
            return None
        return " or ".join(_fits(None if o is type(None) else object(), o) or "nothing" for o in options)
    if hint is type(None):
        return None if value is None else "nothing"
    if hint is str:
        if not isinstance(value, str):
            return "a quoted text"
        return None if len(value) <= MAX_TEXT else f"a text of at most {MAX_TEXT} characters"
    if hint is bool:
        return None if isinstance(value, bool) else "true or false"
    if hint is int:
        if type(value) is not int:
            return "a whole number"
        if not DEFAULT_RANGE.low <= value <= DEFAULT_RANGE.high:
            return f"a whole number from {DEFAULT_RANGE.low} to {DEFAULT_RANGE.high}"
        return None
    return None  # an annotation this module does not know: the macro checks it


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problem(name: str, function: Callable, args: tuple, kwargs: dict) -> str | None:
    """What is wrong with calling the macro `name` (function(call, ...)) with
    these arguments, as a sentence with the fix; None when they fit."""
    signature = inspect.signature(function)
    try:
        bound = signature.bind(None, *args, **kwargs)
    except TypeError as e:
        return f"{name}() cannot take these arguments ({e}); see the macro in guide/content/"
    hints = typing.get_type_hints(function, include_extras=True)
    for parameter_name, value in list(bound.arguments.items())[1:]:
        parameter = signature.parameters[parameter_name]
        hint = hints.get(parameter_name)
        if hint is None:
            continue
        values = value if parameter.kind is inspect.Parameter.VAR_POSITIONAL else (value,)
        for item in values:
            wrong = _fits(item, hint)
            if wrong:
                return (f"{name}(): '{parameter_name}' is {_shown(item)}, but must be {wrong}; "
                        "fix the call")
    return None


def call_line(source: str, name: str, args: tuple) -> int:
    """The page line of the call name(args...): the one whose first argument
    matches, else the first call of name."""
    calls = [m for m in re.finditer(rf"\b{re.escape(name)}\s*\(", source)]
    if not calls:
        return 1
    chosen = calls[0]
    if args:
        first = repr(args[0]) if not isinstance(args[0], str) else None
        for match in calls:
            rest = source[match.end():match.end() + 200].lstrip()
            if (isinstance(args[0], str) and rest[1:1 + len(args[0]) + 1] == args[0] + rest[:1]) or \
                    (first is not None and rest.startswith(first)):
                chosen = match
                break
    return source.count("\n", 0, chosen.start()) + 1


def call_ok(macros: dict[str, Callable]):
    """A predicate for the verification pass: would the build run the macro
    `name` with these arguments?"""
    def ok(name: str, args: tuple, kwargs: dict | None = None) -> bool:
        function = macros.get(name)
        return function is not None and problem(name, function, args, kwargs or {}) is None
    return ok
