"""String and value literals for each sample language: any text (quotes, `$`, backslashes,
newlines, non-ASCII) comes out as the same text when the program runs."""

from __future__ import annotations

import json
from typing import Any


def sh(text: str) -> str:
    """A POSIX shell word: single-quoted, with `'` written as `'\\''`."""
    return "'" + str(text).replace("'", "'\\''") + "'"


def json_string(text: str) -> str:
    """A double-quoted literal with JSON escapes: valid in JavaScript, TypeScript, Go, C#."""
    return json.dumps(str(text), ensure_ascii=False)


def python(value: Any, indent: int = 0) -> str:
    """A Python literal for a JSON value (dicts, lists, strings, numbers, booleans, None)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ",\n".join(
            f"{pad}    {python(str(k))}: {python(v, indent + 4)}" for k, v in value.items()
        )
        return "{\n" + inner + f",\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = ",\n".join(f"{pad}    {python(v, indent + 4)}" for v in value)
        return "[\n" + inner + f",\n{pad}]"
    if isinstance(value, bool) or value is None:
        return {True: "True", False: "False", None: "None"}[value]
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value)


def single_quoted(text: str) -> str:
    """Ruby and PHP single-quoted strings: only `\\\\` and `\\'` are escapes; newlines are kept."""
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def java(text: str) -> str:
    """A Java string literal. Control characters use octal escapes, never `\\uXXXX`, which Java
    translates before it parses (a `\\u000a` would end the line inside the literal)."""
    return '"' + str(text).translate(_JAVA_ESCAPES) + '"'


_JAVA_ESCAPES = {code: f"\\{code:o}" for code in [*range(0x20), 0x7F]} | {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
"""`str.translate` table: what `java` writes for each character that needs an escape."""


def go_raw(text: str) -> str:
    """A Go raw string when the text allows one (no backtick, no CR), else a quoted one."""
    text = str(text)
    if "`" in text or "\r" in text:
        return json_string(text)
    return f"`{text}`"
