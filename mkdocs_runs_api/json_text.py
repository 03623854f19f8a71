"""Values in messages as a JSON (or YAML) user wrote them: `null`, `true`, `"60"`, `["a", "b"]`,
never Python's `None`, `True`, `'60'`. Our own messages use `shown`; `json_message` rewrites a
`jsonschema` error's message, which quotes values with Python's `repr`."""

from __future__ import annotations

import json
import re
from typing import Any

SCALARS = (str, int, float, bool, type(None))
QUOTED_NAME = re.compile(r"'((?:[^'\\]|\\.)*)'")
"""A name `jsonschema` quotes itself: `'name' is a required property`."""
NAMING = frozenset(
    {"required", "additionalProperties", "unevaluatedProperties", "dependentRequired"}
)
"""Validators whose messages quote property names of their own."""


def shown(value: Any) -> str:
    """`value` as JSON text: `"name"`, `true`, `null`, `[1, 2]` (anything else as text)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def json_message(error: Any) -> str:
    """A `jsonschema` `ValidationError`'s message with its values written as JSON: `5 is not
    of type "string"`, `"big" is not one of ["small", "large"]`, `"name" is a required
    property`, `true was expected`."""
    message = str(error.message)
    values = [error.instance, error.validator_value]
    if isinstance(error.validator_value, list):
        values += error.validator_value
    seen: set[str] = set()
    for value in sorted(values, key=lambda v: -len(repr(v))):  # a list before its items
        if not isinstance(value, (*SCALARS, list, dict)):
            continue
        written = repr(value)
        if written in seen or written not in message or len(written) > 5000:
            continue
        seen.add(written)
        message = message.replace(written, shown(value))
    if error.validator in NAMING:
        message = QUOTED_NAME.sub(lambda m: shown(m.group(1).replace("\\'", "'")), message)
    return message
