"""A short string that matches a schema's `pattern` (and its length limits), for examples.

The pattern is parsed with Python's own regular-expression parser and walked: a literal is
written, a class gives its first character, a repeat its least count (more when `minLength`
asks for it), an alternation its first branch. The result is checked with `re.search` (JSON
Schema patterns are not anchored); a pattern Python cannot parse, or one the walk cannot
satisfy (lookarounds, backreferences), gives None and the caller keeps its plain string.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's opcode names
from re import _parser

CATEGORY_CHARACTERS = {
    C.CATEGORY_DIGIT: "0",
    C.CATEGORY_NOT_DIGIT: "a",
    C.CATEGORY_WORD: "a",
    C.CATEGORY_NOT_WORD: "-",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "a",
}
REPEATS = (0, 1, 2, 4, 8, 16, 32, 64, 128)
"""Least repeat counts tried, in order, until the string is long enough."""


class _Unsupported(Exception):
    """A construct the walk does not write (a lookaround, a backreference)."""


def pattern_example(pattern: str, min_length: int = 0, max_length: int | None = None) -> str | None:
    """A string matching `pattern` within the lengths, or None when none is found."""
    try:
        compiled = re.compile(pattern)
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    for least in REPEATS:
        try:
            text = _write(parsed, least)
        except (_Unsupported, RecursionError):
            return None
        if max_length is not None and len(text) > max_length:
            text = text[:max_length]
        if len(text) >= min_length and compiled.search(text):
            return text
        if max_length is not None and least > max_length:
            break
    return None


def _write(items, least: int) -> str:
    return "".join(_item(op, value, least) for op, value in items)


def _item(op, value, least: int) -> str:
    if op is C.LITERAL:
        return chr(value)
    if op is C.NOT_LITERAL:
        return "a" if value != ord("a") else "b"
    if op is C.ANY:
        return "a"
    if op is C.IN:
        return _class_character(value)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, inner = value
        count = max(low, min(least, high))
        return _write(inner, least) * count
    if op is C.SUBPATTERN:
        return _write(value[-1], least)
    if op is C.ATOMIC_GROUP:
        return _write(value, least)
    if op is C.BRANCH:
        return _write(value[1][0], least)
    if op is C.AT:
        return ""
    raise _Unsupported(op)


def _class_character(members) -> str:
    """The first character a `[...]` class allows (a negated class: one it does not name)."""
    if members and members[0][0] is C.NEGATE:
        named = "".join(_item(op, value, 0) for op, value in members[1:] if op is C.LITERAL)
        return next(c for c in "aA0_-x" if c not in named)
    op, value = members[0]
    if op is C.RANGE:
        return chr(value[0])
    if op is C.CATEGORY:
        return CATEGORY_CHARACTERS.get(value, "a")
    return _item(op, value, 0)
