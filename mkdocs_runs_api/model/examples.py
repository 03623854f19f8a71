"""Examples: the spec's own (`example`, named `examples`), else one synthesized from the schema.

Synthesis honours `example`, `const`, `default`, `enum`, formats and minimums, follows `$ref`s,
and stops at cycles and at `Limits.max_example_depth`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..spec.resolve import SpecBundle
from ..spec.walk import media_schema_key
from .types import Example

if TYPE_CHECKING:
    from .memo import SharedWork

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


def media_examples(media: dict, file: str, memo: SharedWork, direction: str) -> list[Example]:
    """The examples to show for one media type object, best source first."""
    named = media.get("examples")
    if isinstance(named, dict) and named:
        return [_named_example(key, value, file, memo.bundle) for key, value in named.items()]
    if "example" in media:
        return [Example(value=media["example"])]
    schema = media.get(media_schema_key(media))
    if schema is None:
        return []
    value = synthesize(schema, file, memo, direction)
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


def synthesize(schema: Any, file: str, memo: SharedWork, direction: str = "response") -> Any:
    """An example value for `schema`, or `MISSING` when nothing sensible can be made.

    The value may share parts with other synthesized values (a component's example is made once
    per build and reused): treat it as read-only."""
    return _Synthesis(memo, direction).value(schema, file, 0)


@dataclass
class _Made:
    """A component's example as made once, and what making it depended on."""

    value: Any
    inside: dict[tuple[str, str], bool]
    """For components outside it that it met: whether they were being synthesized (a cycle)."""
    depth: int
    """How many levels below the component it went (so reuse deeper down stays in limits)."""


@dataclass
class _Frame:
    start: int
    """The length of the component path when this component began."""
    inside: dict[tuple[str, str], bool] = field(default_factory=dict)


class _Synthesis:
    """One synthesized example: the components it is inside (to stop at cycles), and reuse of
    each component's example across the build where the same cycles and limits apply."""

    def __init__(self, memo: SharedWork, direction: str) -> None:
        self.bundle = memo.bundle
        self.direction = direction
        self.max_depth = memo.bundle.limits.max_example_depth
        self.path: list[tuple[str, str]] = []
        self.frames: list[_Frame] = []
        self.deepest = 0
        self.truncated = False
        self.made: dict[tuple, list[_Made]] = memo.synthesized

    def value(self, schema: Any, file: str, depth: int) -> Any:
        raw = schema
        schema, file, target = self.bundle.deref(schema, file)
        if target is None:
            return self._schema_value(schema, file, depth)
        inside = target.key in self.path
        self._note(target.key, inside)
        if inside:
            return MISSING
        same_everywhere = len(raw) == 1  # no `$ref` siblings that change this use
        stored = self.made.setdefault((target.key, self.direction), [])
        for made in stored if same_everywhere else ():
            if depth + made.depth <= self.max_depth and all(
                (key in self.path) == was for key, was in made.inside.items()
            ):
                for key, was in made.inside.items():
                    self._note(key, was)
                self.deepest = max(self.deepest, depth + made.depth)
                return made.value
        frame = _Frame(len(self.path))
        outer_deepest, outer_truncated = self.deepest, self.truncated
        self.deepest, self.truncated = depth, False
        self.path.append(target.key)
        self.frames.append(frame)
        try:
            value = self._schema_value(schema, file, depth)
        finally:
            self.path.pop()
            self.frames.pop()
        deepest, truncated = self.deepest, self.truncated
        self.deepest = max(outer_deepest, deepest)
        self.truncated = outer_truncated or truncated
        if same_everywhere and not truncated:
            stored.append(_Made(value, frame.inside, deepest - depth))
        return value

    def _note(self, key: tuple[str, str], inside: bool) -> None:
        """Record, in every open component that `key` is outside of, whether it was open."""
        position = self.path.index(key) if inside else -1
        for frame in self.frames:
            if not inside or position < frame.start:
                frame.inside.setdefault(key, inside)

    def _schema_value(self, schema: Any, file: str, depth: int) -> Any:
        self.deepest = max(self.deepest, depth)
        if not isinstance(schema, dict):
            return MISSING
        if depth > self.max_depth:
            self.truncated = True
            return MISSING
        if "const" in schema:
            return schema["const"]
        for key in ("example", "default"):
            if key in schema and fits_type(schema[key], schema):
                return schema[key]
        for example in schema.get("examples") if isinstance(schema.get("examples"), list) else ():
            if fits_type(example, schema):
                return example
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self.value(schema[key][0], file, depth + 1)
        if isinstance(schema.get("allOf"), list):
            return self._all_of_value(schema, file, depth)
        return self._typed_value(schema, file, depth)

    def _all_of_value(self, schema: dict, file: str, depth: int) -> Any:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = self.value(part, file, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not MISSING and not merged:
                return value
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        own = self._typed_value(rest, file, depth) if "properties" in rest else None
        if isinstance(own, dict):
            merged.update(own)
        return merged

    def _typed_value(self, schema: dict, file: str, depth: int) -> Any:
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else None
        if kind == "object":
            return self._object_value(schema, file, depth)
        if kind == "array":
            item = self.value(schema.get("items", {}), file, depth + 1)
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

    def _object_value(self, schema: dict, file: str, depth: int) -> Any:
        result: dict[str, Any] = {}
        for name, prop in (schema.get("properties") or {}).items():
            resolved, _, _ = self.bundle.deref(prop, file)
            if isinstance(resolved, dict) and (
                (self.direction == "request" and resolved.get("readOnly"))
                or (self.direction == "response" and resolved.get("writeOnly"))
            ):
                continue
            value = self.value(prop, file, depth + 1)
            if value is not MISSING:
                result[str(name)] = value
        extra = schema.get("additionalProperties")
        if not result and isinstance(extra, dict):
            value = self.value(extra, file, depth + 1)
            if value is not MISSING:
                result["key"] = value
        return result


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


def _string_value(schema: dict) -> str:
    text = FORMAT_EXAMPLES.get(str(schema.get("format")), "string")
    minimum = schema.get("minLength")
    if isinstance(minimum, int) and len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    maximum = schema.get("maxLength")
    if isinstance(maximum, int) and len(text) > maximum:
        text = text[:maximum]
    return text
