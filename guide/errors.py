"""Error messages a contributor can act on: what is wrong, where, and the fix."""

from __future__ import annotations

import difflib
from typing import Iterable


class ContentError(Exception):
    """Bad content or data. str() is the whole message for the contributor."""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the nearest known name, or ""."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# Longer lists of known ids are a wall of text, not help: the fix names the file.
MAX_LISTED = 12


def unknown(kind: str, name: str, known: Iterable[str]) -> str:
    """The standard message for an id that no data file defines: the
    nearest known id if one is close, else the known ids if they are few."""
    known = sorted(known)
    hint = did_you_mean(name, known)
    listed = f" Known: {', '.join(known)}." if not hint and len(known) <= MAX_LISTED else ""
    return f"unknown {kind} '{name}'{hint}{listed}"


def line_of(text: str, needle: str, default: int = 1) -> int:
    """1-based line of the first occurrence of needle in text."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else default
