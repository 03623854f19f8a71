"""Examples: the spec's own (`example`, named `examples`), else one synthesized from the schema.

Synthesis honours `example`, `const`, `default`, `enum`, formats and minimums, follows `$ref`s,
and stops at cycles and at `Limits.max_example_depth`.
"""

from __future__ import annotations

from typing import Any

from ..resolve import SpecBundle
from .types import Example

FORMAT_EXAMPLES = {
    "date-time": "2024-01-01T12:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00Z",
    "email": "user@example.com",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "uri": "https://example.com",
    "url": "https://example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "U3dhZ2dlcg==",
    "binary": "<binary>",
    "password": "********",
}

MISSING = object()


def media_examples(media: dict, file: str, bundle: SpecBundle, direction: str) -> list[Example]:
    """The examples to show for one media type object, best source first."""
    named = media.get("examples")
    if isinstance(named, dict) and named:
        return [_named_example(key, value, file, bundle) for key, value in named.items()]
    if "example" in media:
        return [Example(value=media["example"])]
    schema = media.get("schema")
    if schema is None:
        return []
    value = synthesize(schema, file, bundle, direction)
    return [] if value is MISSING else [Example(value=value, synthesized=True)]


def _named_example(key: str, example: Any, file: str, bundle: SpecBundle) -> Example:
    value, _, _ = bundle.deref(example, file)
    if not isinstance(value, dict):
        return Example(value=value, name=str(key))
    return Example(
        value=value.get("value"),
        name=str(key),
        summary=str(value.get("summary") or ""),
        description=str(value.get("description") or ""),
        external_value=str(value.get("externalValue") or ""),
    )


def synthesize(schema: Any, file: str, bundle: SpecBundle, direction: str = "response") -> Any:
    """An example value for `schema`, or `MISSING` when nothing sensible can be made."""
    return _value(schema, file, bundle, direction, (), 0)


def _value(
    schema: Any, file: str, bundle: SpecBundle, direction: str, seen: tuple, depth: int = 0
) -> Any:
    schema, file, target = bundle.deref(schema, file)
    if target is not None:
        if target.key in seen:
            return MISSING
        seen = seen + (target.key,)
    if not isinstance(schema, dict) or depth > bundle.limits.max_example_depth:
        return MISSING
    if "const" in schema:
        return schema["const"]
    for key in ("example", "default"):
        if key in schema and fits_type(schema[key], schema):
            return schema[key]
    for example in schema.get("examples") if isinstance(schema.get("examples"), list) else ():
        if fits_type(example, schema):
            return example
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return _value(schema[key][0], file, bundle, direction, seen, depth + 1)
    if isinstance(schema.get("allOf"), list):
        return _all_of_value(schema, file, bundle, direction, seen, depth)
    return _typed_value(schema, file, bundle, direction, seen, depth)


PYTHON_TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}


def fits_type(value: Any, schema: dict) -> bool:
    """Whether `value` has the schema's `type` and is among its `enum` (a spec's own example is
    not always right: Trigger.dev's `example: 20240101.1` for a string is a YAML number)."""
    kind = schema.get("type")
    kinds = list(kind) if isinstance(kind, list) else [kind] if kind else []
    if schema.get("nullable"):
        kinds.append("null")
    if kinds and not any(_is_type(value, k) for k in kinds):
        return False
    enum = schema.get("enum")
    return not isinstance(enum, list) or value in enum


def _is_type(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    expected = PYTHON_TYPES.get(str(kind))
    return expected is None or isinstance(value, expected)


def _all_of_value(
    schema: dict, file: str, bundle: SpecBundle, direction: str, seen: tuple, depth: int = 0
) -> Any:
    merged: dict[str, Any] = {}
    for part in schema["allOf"]:
        value = _value(part, file, bundle, direction, seen, depth + 1)
        if isinstance(value, dict):
            merged.update(value)
        elif value is not MISSING and not merged:
            return value
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    own = _typed_value(rest, file, bundle, direction, seen, depth) if "properties" in rest else None
    if isinstance(own, dict):
        merged.update(own)
    return merged


def _typed_value(
    schema: dict, file: str, bundle: SpecBundle, direction: str, seen: tuple, depth: int = 0
) -> Any:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "array" if "items" in schema else None
    if kind == "object":
        return _object_value(schema, file, bundle, direction, seen, depth)
    if kind == "array":
        item = _value(schema.get("items", {}), file, bundle, direction, seen, depth + 1)
        return [] if item is MISSING else [item] * max(1, int(schema.get("minItems") or 1))
    if kind == "string":
        return _string_value(schema)
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        number = low if isinstance(low, (int, float)) and not isinstance(low, bool) else 0
        return int(number) if kind == "integer" else number
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return MISSING


def _object_value(
    schema: dict, file: str, bundle: SpecBundle, direction: str, seen: tuple, depth: int = 0
) -> Any:
    result: dict[str, Any] = {}
    for name, prop in (schema.get("properties") or {}).items():
        resolved, _, _ = bundle.deref(prop, file)
        if isinstance(resolved, dict) and (
            (direction == "request" and resolved.get("readOnly"))
            or (direction == "response" and resolved.get("writeOnly"))
        ):
            continue
        value = _value(prop, file, bundle, direction, seen, depth + 1)
        if value is not MISSING:
            result[str(name)] = value
    extra = schema.get("additionalProperties")
    if not result and isinstance(extra, dict):
        value = _value(extra, file, bundle, direction, seen, depth + 1)
        if value is not MISSING:
            result["key"] = value
    return result


def _string_value(schema: dict) -> str:
    text = FORMAT_EXAMPLES.get(str(schema.get("format")), "string")
    minimum = schema.get("minLength")
    if isinstance(minimum, int) and len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    maximum = schema.get("maxLength")
    if isinstance(maximum, int) and len(text) > maximum:
        text = text[:maximum]
    return text
