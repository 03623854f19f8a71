"""Limits a description states in words ("between 1 and 128 characters", "a maximum of 10
tags", "must be less than 128 characters"), read as the schema keywords they mean, so a rule
can hold them against the schema's own (`rules/prose.py`).

Only plain English phrasings with a number and a unit are read; anything else (bytes, time
units, "up to 1KB") is left alone, because a rule that guesses is noise."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"(\d{1,3}(?:,\d{3})+|\d+)"
CHARS = r"(?:characters?|chars?)\b"
WORD = r"([a-z]+s)\b"
"""A plural noun after the number: what an array counts (`tags`, `items`, `ids`)."""
NOT_COUNTED = frozenset(
    {
        *("characters", "chars", "bytes", "kbs", "mbs", "gbs", "bits", "digits", "decimals"),
        *("ms", "milliseconds", "seconds", "secs", "minutes", "mins", "hours", "hrs", "days"),
        *("weeks", "months", "years", "times", "requests", "calls", "retries", "attempts"),
        *("places", "percents", "cents", "dollars"),
    }
)
"""Plural words after a number that are never what an array counts: sizes, time, rates and
money ("up to 30 seconds", "at most 100 requests")."""

AT_MOST = r"(?:at most|up to|no more than|not more than|(?:a )?max(?:imum)?(?: of)?|no longer than)"
LESS_THAN = r"(?:(?:less|fewer|shorter) than|under|below)"
AT_LEAST = r"(?:at least|no (?:less|fewer) than|(?:a )?min(?:imum)?(?: of)?)"
BETWEEN = rf"between {NUM} and {NUM}"
RANGE = rf"{NUM} ?(?:-|–|to) ?{NUM}"


@dataclass(frozen=True)
class Stated:
    """One limit a description states: the keyword it means and the value it gives it."""

    keyword: str
    """`maxLength`, `minLength`, `maxItems` or `minItems`."""
    value: int
    words: str
    """The words that state it, as written."""
    exclusive: bool = False
    """Stated as "less than N": `value` is then N - 1, and the words name N."""


def _number(text: str) -> int:
    return int(text.replace(",", ""))


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{BETWEEN} {CHARS}", re.I), "length-range"),
    (re.compile(rf"\b{RANGE} {CHARS}", re.I), "length-range"),
    (re.compile(rf"\b{LESS_THAN} {NUM} {CHARS}", re.I), "length-below"),
    (re.compile(rf"\b{AT_MOST} {NUM} {CHARS}", re.I), "length-max"),
    (
        re.compile(
            rf"\b{NUM} {CHARS} (?:or (?:less|fewer)|max(?:imum)?|at most|long at most)", re.I
        ),
        "length-max",
    ),
    (re.compile(rf"\b{AT_LEAST} {NUM} {CHARS}", re.I), "length-min"),
    (re.compile(rf"\b{BETWEEN} {WORD}", re.I), "items-range"),
    (re.compile(rf"\b{LESS_THAN} {NUM} {WORD}", re.I), "items-below"),
    (re.compile(rf"\b{AT_MOST} {NUM} {WORD}", re.I), "items-max"),
    (re.compile(rf"\b{AT_LEAST} {NUM} {WORD}", re.I), "items-min"),
]


def stated_limits(text: str) -> list[Stated]:
    """Every limit `text` states, in order of the keyword (each phrase read once)."""
    found: list[Stated] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            limits = _read(kind, match)
            if limits:
                taken.append(match.span())
                found += limits
    return found


def _read(kind: str, match: re.Match[str]) -> list[Stated]:
    what, how = kind.split("-")
    groups = match.groups()
    if what == "items" and groups[-1].lower() in NOT_COUNTED:
        return []
    words = match.group(0)
    prefix = "Length" if what == "length" else "Items"
    if how == "range":
        low, high = _number(groups[0]), _number(groups[1])
        return [Stated(f"min{prefix}", low, words), Stated(f"max{prefix}", high, words)]
    value = _number(groups[0])
    if how == "below":
        return [Stated(f"max{prefix}", value - 1, words, exclusive=True)] if value > 0 else []
    return [Stated(f"{how}{prefix}", value, words)]
