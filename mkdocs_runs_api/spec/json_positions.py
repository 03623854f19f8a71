"""Where each value of a JSON text starts, found by one scan of its tokens: five times faster
than composing it as YAML (GitHub's 10 MB spec: about 1 s against 5.6 s), and the same
positions (a mapping value at its key, an array item at itself)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
"""A string, a punctuation mark, or a bare scalar (number, `true`, `false`, `null`)."""


class NotJson(ValueError):
    """The text is not plain JSON (YAML's flow style, say): compose it as YAML instead."""


def json_offsets(text: str) -> dict[tuple[str, ...], int]:
    """JSON Pointer parts -> the character offset where that value (or its key) starts."""
    return dict(json_values(text))


def json_offset(text: str, parts: tuple[str, ...]) -> int | None:
    """The offset of the value at `parts`, or of its nearest ancestor in the text: one scan
    that keeps nothing, for a single lookup (an error message's line)."""
    best_length, best = -1, None
    for found, at in json_values(text):
        length = len(found)
        if length > best_length and found == parts[:length]:
            if length == len(parts):
                return at
            best_length, best = length, at
    return best


def json_values(text: str) -> Iterator[tuple[tuple[str, ...], int]]:
    """`(JSON Pointer parts, offset)` of each value in document order (see `json_offsets`)."""
    stack: list[list] = []
    """Open containers: `[is_object, parts, next index, key, key offset]`."""
    expect_key = closed = False
    for match in TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if closed:
            raise NotJson("text after the document")
        if first == ",":
            if not stack:
                raise NotJson("a comma outside any container")
            if stack[-1][0]:
                expect_key = True
            else:
                stack[-1][2] += 1
            continue
        if first == ":":
            continue
        if first in "}]":
            if not stack:
                raise NotJson("a closing bracket outside any container")
            stack.pop()
            expect_key, closed = False, not stack
            continue
        if stack and stack[-1][0] and expect_key:
            if first != '"':
                raise NotJson("a key that is not a string")
            stack[-1][3] = json.loads(token) if "\\" in token else token[1:-1]
            stack[-1][4] = match.start()
            expect_key = False
            continue
        if not stack:
            parts, at = (), match.start()
        elif stack[-1][0]:
            parts, at = (*stack[-1][1], stack[-1][3]), stack[-1][4]
        else:
            parts, at = (*stack[-1][1], str(stack[-1][2])), match.start()
        yield parts, at
        if first == "{":
            stack.append([True, parts, 0, None, 0])
            expect_key = True
        elif first == "[":
            stack.append([False, parts, 0, None, 0])
        elif not stack:
            closed = True
    if stack:
        raise NotJson("unclosed containers")
