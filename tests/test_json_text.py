"""Values in messages are written as JSON, whatever Python's `repr` (which `jsonschema` uses)
would print: `null`, `true`, `"60"`, never `None`, `True`, `'60'`."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from mkdocs_runs_api.json_text import json_message, shown


@pytest.mark.parametrize(
    ("schema", "value", "message"),
    [
        ({"type": "string"}, None, 'null is not of type "string"'),
        ({"type": "integer"}, "60", '"60" is not of type "integer"'),
        ({"enum": ["a", "b"]}, True, 'true is not one of ["a", "b"]'),
        ({"const": False}, None, "false was expected"),
        ({"required": ["name", "it's"]}, {}, '"name" is a required property'),
        (
            {"additionalProperties": False, "properties": {}},
            {"x": 1},
            'Additional properties are not allowed ("x" was unexpected)',
        ),
        ({"maxLength": 2}, "abc", '"abc" is too long'),
        (
            {"type": "array"},
            {"a": None, "b": [True]},
            '{"a": null, "b": [true]} is not of type "array"',
        ),
    ],
)
def test_jsonschema_messages_write_values_as_json(schema, value, message):
    error = next(Draft202012Validator(schema).iter_errors(value))
    assert json_message(error) == message


def test_shown_is_json():
    assert [shown(v) for v in (None, True, "60", ["a"], "é")] == [
        "null",
        "true",
        '"60"',
        '["a"]',
        '"é"',
    ]
