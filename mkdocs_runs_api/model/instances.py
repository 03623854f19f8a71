"""Validate JSON values (examples, recorded responses) against the spec's schemas.

Types, `required`, enums and the rest come from `jsonschema` (Draft 2020-12) with every spec
file registered as a resource, so `$ref`s across files resolve; OpenAPI 3.0's `nullable` and
boolean `exclusiveMinimum` are understood by the validator's own keywords (in any version: see
`nullable-in-3-1`), so documents are used as they are, never copied.
`undocumented_properties` adds what JSON Schema cannot say by default: which fields a value
has that the schema never mentions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import UnknownType, ValidationError
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from ..json_text import json_message
from ..spec.ecma_regex import pattern_matches
from ..spec.load import join_pointer, split_pointer
from ..spec.resolve import SpecBundle

CONTAINERS = (dict, list)
UNUSABLE_SCHEMA = (
    UnknownType,
    Unresolvable,
    re.error,
    TypeError,
    AttributeError,
    ValueError,
    KeyError,
)
"""What `jsonschema` raises on a schema it cannot apply (rather than on a value)."""


@dataclass(frozen=True)
class Mismatch:
    """One way a value does not match its schema."""

    kind: str
    """The JSON Schema keyword that failed (`type`, `required`, `enum`...) or `undocumented`."""
    path: str
    """JSON path into the value, e.g. `$.data[0].id`."""
    message: str
    schema_file: str
    schema_parts: tuple[str, ...]
    """Where the schema that should change is defined."""


class InstanceChecker:
    """Validates values against schemas found at `(file, parts)` in a bundle."""

    def __init__(self, bundle: SpecBundle) -> None:
        self.bundle = bundle
        resources = [
            (_uri(file), DRAFT202012.create_resource(document))
            for file, document in bundle.documents.items()
        ]
        self.registry = Registry().with_resources(resources)

    def mismatches(
        self,
        value: Any,
        file: str,
        parts: tuple[str, ...],
        *,
        closed: bool = False,
        formats: bool = False,
    ) -> list[Mismatch]:
        """Every way `value` fails the schema at `parts` in `file` (sorted by path); with
        `formats`, a string that breaks its `format` too (`FORMATS`).

        A schema the validator cannot use (`type: x`, `required: 5`, `oneOf: [2.5]`...) gives
        no mismatches: nothing can be said against it, and the `spec-invalid` check reports it."""
        reference = {"$ref": _uri(file) + _fragment(parts)}
        checker = FORMATS if formats else None
        validator = OpenApiValidator(reference, registry=self.registry, format_checker=checker)
        found = []
        try:
            errors = list(validator.iter_errors(value))
        except UNUSABLE_SCHEMA:
            return []
        for error in errors:
            for leaf in _leaves(error):
                found.append(
                    Mismatch(
                        kind=str(leaf.validator),
                        path=_json_path(leaf.absolute_path),
                        message=" ".join(json_message(leaf).split())[:300],
                        schema_file=file,
                        schema_parts=parts,
                    )
                )
        if closed:
            found += self.undocumented_properties(value, file, parts)
        return sorted(found, key=lambda m: (m.path, m.kind, m.message))

    def undocumented_properties(
        self, value: Any, file: str, parts: tuple[str, ...], path: str = "$"
    ) -> list[Mismatch]:
        """Fields of `value` that no `properties` of its (merged) schema documents."""
        schema_file, schema_parts, schema = self._schema_at(file, parts)
        if not isinstance(schema, dict):
            return []
        found: list[Mismatch] = []
        if isinstance(value, dict):
            known, is_open, extra, owner = self._known_properties(schema_file, schema_parts, schema)
            for key, item in value.items():
                child_path = f"{path}.{key}" if str(key).isidentifier() else f"{path}[{key!r}]"
                if key in known:
                    found += self.undocumented_properties(item, *known[key], child_path)
                elif extra is not None:
                    found += self.undocumented_properties(item, *extra, child_path)
                elif not is_open:
                    found.append(
                        Mismatch(
                            "undocumented",
                            child_path,
                            f"property {key!r} is not documented in the schema",
                            *owner,
                        )
                    )
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, item in enumerate(value):
                found += self.undocumented_properties(
                    item, schema_file, schema_parts + ("items",), f"{path}[{index}]"
                )
        return found

    def _schema_at(self, file: str, parts: tuple[str, ...]) -> tuple[str, tuple[str, ...], Any]:
        """Follow `$ref`s from the schema at `parts` to where it is defined."""
        node: Any = self.bundle.documents[file]
        for part in parts:
            node = node[int(part)] if isinstance(node, list) else node.get(part, {})
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < 50:
            target = self.bundle.target(node["$ref"], file)
            file, parts, node = target.file, tuple(split_pointer(target.pointer)), target.value
            hops += 1
        return file, parts, node

    def _known_properties(self, file: str, parts: tuple[str, ...], schema: dict):
        """`(properties -> location, open?, additionalProperties location, owner location)`.

        The owner is where a missing property should be added: this schema if it lists
        `properties`, else the one composed part that does (`allOf: [$ref: Span]`).
        """
        known: dict[str, tuple[str, tuple[str, ...]]] = {}
        is_open = False
        extra = None
        if not any(k in schema for k in ("properties", "allOf", "anyOf", "oneOf")):
            is_open = schema.get("additionalProperties") is not False
        for name in schema.get("properties") or {}:
            known.setdefault(str(name), (file, parts + ("properties", str(name))))
        additional = schema.get("additionalProperties")
        if additional is True or "patternProperties" in schema:
            is_open = True
        elif isinstance(additional, dict):
            extra = (file, parts + ("additionalProperties",))
        owners = []
        for keyword in ("allOf", "anyOf", "oneOf"):
            for index, _ in enumerate(schema.get(keyword) or []):
                sub_file, sub_parts, sub = self._schema_at(file, parts + (keyword, str(index)))
                if isinstance(sub, dict):
                    more, more_open, more_extra, owner = self._known_properties(
                        sub_file, sub_parts, sub
                    )
                    for name, where in more.items():
                        known.setdefault(name, where)
                    is_open = is_open or more_open
                    extra = extra or more_extra
                    if more:
                        owners.append(owner)
        own = "properties" in schema or len(owners) != 1
        return known, is_open, extra, (file, parts) if own else owners[0]


def _leaves(error) -> Iterator:
    """The most specific errors under a `oneOf`/`anyOf` failure (or the error itself)."""
    if error.context:
        best = min(error.context, key=lambda e: len(list(e.context or [])))
        yield from _leaves(best)
    else:
        yield error


def _json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += (
            f"[{part}]"
            if isinstance(part, int)
            else (f".{part}" if str(part).isidentifier() else f"[{part!r}]")
        )
    return path


def _fragment(parts: tuple[str, ...]) -> str:
    """A JSON Pointer as a URI fragment: percent-encoded (a path like `/a%20b` is a key with a
    `%` in it, which the validator would otherwise decode)."""
    return "#" + quote(join_pointer(parts)[1:], safe="/~!$&'()*+,;=:@")


def _uri(file: str) -> str:
    return file if urlsplit(file).scheme in ("http", "https") else Path(file).as_uri()


def _openapi_30_keywords(base: type) -> dict:
    """`type`, `enum` and the bounds of `base`, reading OpenAPI 3.0's `nullable: true` (with a
    single `type`) and boolean `exclusiveMinimum`/`exclusiveMaximum` as 3.0 means them. Errors
    are the ones `base` gives for the equivalent 2020-12 schema (`type: [t, "null"]`...)."""
    original = base.VALIDATORS

    def nullable(schema: dict) -> bool:
        return schema.get("nullable") is True and isinstance(schema.get("type"), str)

    def type_(validator, types, instance, schema):  # noqa: ANN001, ANN202
        yield from original["type"](
            validator, [types, "null"] if nullable(schema) else types, instance, schema
        )

    def enum(validator, values, instance, schema):  # noqa: ANN001, ANN202
        if nullable(schema) and isinstance(values, list) and None not in values:
            values = [*values, None]
        yield from original["enum"](validator, values, instance, schema)

    def inclusive(bound: str, exclusive: str):  # noqa: ANN202
        def check(validator, value, instance, schema):  # noqa: ANN001, ANN202
            if schema.get(exclusive) is not True:  # else 3.0's exclusive bound: checked there
                yield from original[bound](validator, value, instance, schema)

        return check

    def exclusive_of(bound: str, exclusive: str):  # noqa: ANN202
        def check(validator, value, instance, schema):  # noqa: ANN001, ANN202
            if not isinstance(value, bool):
                yield from original[exclusive](validator, value, instance, schema)
            elif value and bound in schema:
                yield from original[exclusive](validator, schema[bound], instance, schema)

        return check

    def pattern(validator, value, instance, schema):  # noqa: ANN001, ANN202
        """ECMA-262, as OpenAPI says (`\\p{L}` is legal); a pattern no engine reads gives no
        error here (the checks report it)."""
        if isinstance(instance, str) and isinstance(value, str):
            if pattern_matches(value, instance) is False:
                yield ValidationError(
                    f"{json.dumps(instance, ensure_ascii=False)} does not match "
                    f"{json.dumps(value, ensure_ascii=False)}"
                )

    keywords = {"type": type_, "enum": enum, "pattern": pattern}
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        keywords[bound] = inclusive(bound, exclusive)
        keywords[exclusive] = exclusive_of(bound, exclusive)
    return keywords


OpenApiValidator = validators.extend(
    Draft202012Validator, _openapi_30_keywords(Draft202012Validator)
)
"""Draft 2020-12, reading OpenAPI 3.0's `nullable` and boolean exclusive bounds."""


def _format_checker() -> FormatChecker:
    """JSON Schema's formats as `jsonschema` checks them with its `format-nongpl` libraries
    (`date-time` by rfc3339-validator, `uri` by rfc3986-validator, `email`, `uuid`, `ipv4`...),
    but `regex` (its check is Python's `re`; OpenAPI's patterns are ECMA-262), plus OpenAPI's
    `int32` and `int64` ranges."""
    checker = FormatChecker()
    checker.checkers.pop("regex", None)
    for name, bits in (("int32", 32), ("int64", 64)):
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1

        def in_range(instance: object, low: int = low, high: int = high) -> bool:
            if isinstance(instance, bool) or not isinstance(instance, (int, float)):
                return True
            return low <= instance <= high

        checker.checks(name)(in_range)
    return checker


FORMATS = _format_checker()
"""What `mismatches(formats=True)` checks `format` with."""
