"""Examples: the spec's own (`example`, named `examples`), else one synthesized from the schema.

Synthesis honours `example`, `const`, `default`, `enum`, formats and minimums, follows `$ref`s,
and stops at cycles and at `Limits.max_example_depth`. It also keeps to a size budget
(`Limits.max_example_bytes`): once an example has about that much JSON, it writes only the
required properties of what is left, so a spec whose schemas nest wide objects ten levels deep
(DocuSign's, where one request body would be 21 MB) still gets a valid example of sensible size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..spec.resolve import SpecBundle
from ..spec.walk import media_schema_key
from .pattern_example import pattern_example
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
    """The examples to show for one media type object, best source first (a synthesized one
    is marked `cut` when the size budget left optional properties out)."""
    named = media.get("examples")
    if isinstance(named, dict) and named:
        return [_named_example(key, value, file, memo.bundle) for key, value in named.items()]
    if "example" in media:
        return [Example(value=media["example"])]
    schema = media.get(media_schema_key(media))
    if schema is None:
        return []
    value, cut = synthesize_example(schema, file, memo, direction)
    return [] if value is MISSING else [Example(value=value, synthesized=True, cut=cut)]


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
    return synthesize_example(schema, file, memo, direction)[0]


def synthesize_example(
    schema: Any, file: str, memo: SharedWork, direction: str = "response"
) -> tuple[Any, bool]:
    """`synthesize`'s value, and whether the size budget left optional properties out of it."""
    synthesis = _Synthesis(memo, direction)
    value = synthesis.value(schema, file, 0)
    return value, synthesis.cut


@dataclass
class _Made:
    """A component's example as made once, and what making it depended on."""

    value: Any
    inside: dict[tuple[str, str], bool]
    """For components outside it that it met: whether they were being synthesized (a cycle)."""
    depth: int
    """How many levels below the component it went (so reuse deeper down stays in limits)."""
    size: int
    """About how many bytes of JSON it is (so reuse stays in the size budget)."""


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
        self.limit = memo.bundle.limits.max_example_bytes
        """How much the example may hold when the current value is done (the budget, or less
        inside a property: see `_object_value`)."""
        self.spent = 0
        """About how many bytes of JSON the example has so far."""
        self.cut = False
        """Whether the budget left an optional property out somewhere."""
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
            if (
                depth + made.depth <= self.max_depth
                and self.spent + made.size <= self.limit
                and all((key in self.path) == was for key, was in made.inside.items())
            ):
                for key, was in made.inside.items():
                    self._note(key, was)
                self.deepest = max(self.deepest, depth + made.depth)
                self.spent += made.size
                return made.value
        frame = _Frame(len(self.path))
        spent_before = self.spent
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
            stored.append(_Made(value, frame.inside, deepest - depth, self.spent - spent_before))
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
        given = _given_value(schema)
        if given is not MISSING:
            self.spent += json_size(given)
            return given
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
        self._add_required_of_parts(merged, schema, file, depth)
        return merged

    def _add_required_of_parts(self, merged: dict, schema: dict, file: str, depth: int) -> None:
        """Write the properties that one part of an `allOf` defines and another (or the schema
        around them) requires, which the size budget may have left out of the first part."""
        parts = [(schema, file), *(self.bundle.deref(part, file)[:2] for part in schema["allOf"])]
        parts = [(part, where) for part, where in parts if isinstance(part, dict)]
        required = {
            name
            for part, _ in parts
            for name in (part.get("required") if isinstance(part.get("required"), list) else ())
            if isinstance(name, str) and name not in merged
        }
        for name in sorted(required):
            found = next(
                (
                    (part["properties"][name], where)
                    for part, where in parts
                    if isinstance(part.get("properties"), dict) and name in part["properties"]
                ),
                None,
            )
            if found is None or self._hidden(*found):
                continue
            value = self.value(*found, depth + 2)
            if value is not MISSING:
                merged[name] = value
                self.spent += json_size(name) + 2

    def _typed_value(self, schema: dict, file: str, depth: int) -> Any:
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else None
        if kind == "object":
            return self._object_value(schema, file, depth)
        if kind == "array":
            return self._array_value(schema, file, depth)
        value = _scalar_value(kind, schema)
        if value is not MISSING:
            self.spent += json_size(value)
        return value

    def _array_value(self, schema: dict, file: str, depth: int) -> list:
        """One item (or `minItems` of them): the same value repeated."""
        before = self.spent
        item = self.value(schema.get("items", {}), file, depth + 1)
        if item is MISSING:
            self.spent += 2
            return []
        count = max(1, int(schema.get("minItems") or 1))
        self.spent += 2 + (count - 1) * (self.spent - before + 1)
        return [item] * count

    def _object_value(self, schema: dict, file: str, depth: int) -> Any:
        result: dict[str, Any] = {}
        required = schema.get("required") if isinstance(schema.get("required"), list) else []
        self.spent += 2
        for name, prop in (schema.get("properties") or {}).items():
            if self._hidden(prop, file):
                continue
            if name not in required and self._over_budget():
                continue
            limit = self.limit  # a property may take half of what is left: its siblings
            self.limit = self.spent + max(0, limit - self.spent) // 2  # keep room, breadth first
            value = self.value(prop, file, depth + 1)
            self.limit = limit
            if value is not MISSING:
                result[str(name)] = value
                self.spent += json_size(str(name)) + 2
        extra = schema.get("additionalProperties")
        if not result and isinstance(extra, dict) and not self._over_budget():
            value = self.value(extra, file, depth + 1)
            if value is not MISSING:
                result["key"] = value
                self.spent += 7
        return result

    def _hidden(self, prop: Any, file: str) -> bool:
        """Whether a property is left out in this direction (`readOnly` in a request,
        `writeOnly` in a response)."""
        resolved, _, _ = self.bundle.deref(prop, file)
        return isinstance(resolved, dict) and bool(
            (self.direction == "request" and resolved.get("readOnly"))
            or (self.direction == "response" and resolved.get("writeOnly"))
        )

    def _over_budget(self) -> bool:
        """Whether the example is full: an optional part is then left out (and that noted)."""
        if self.spent < self.limit:
            return False
        self.cut = self.truncated = True
        return True


def _given_value(schema: dict) -> Any:
    """The value the schema itself names: `const`, a fitting `example`, `default` or
    `examples` item, or the first `enum` value; else `MISSING`."""
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
    return MISSING


def _scalar_value(kind: Any, schema: dict) -> Any:
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


def json_size(value: Any) -> int:
    """About how many bytes `value` takes as compact JSON (the size budget's measure)."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, bool) or value is None:
        return 4
    if isinstance(value, (int, float)):
        return len(repr(value))
    if isinstance(value, dict):
        return 2 + sum(json_size(str(k)) + 1 + json_size(v) for k, v in value.items())
    if isinstance(value, list):
        return 2 + sum(json_size(item) + 1 for item in value)
    return len(str(value))


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
    """The format's example (or `string`) fitted to the length limits; when that breaks the
    `pattern`, a short string made from the pattern (`pattern_example`)."""
    text = FORMAT_EXAMPLES.get(str(schema.get("format")), "string")
    minimum = schema.get("minLength") if isinstance(schema.get("minLength"), int) else 0
    maximum = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
    if len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    if maximum is not None and len(text) > maximum:
        text = text[:maximum]
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and not _matches(pattern, text):
        return pattern_example(pattern, minimum, maximum) or text
    return text


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # (a pattern Python cannot read: nothing better to offer)
