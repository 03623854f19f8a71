"""Schemas: bounds a client can rely on, and keywords that contradict each other."""

from __future__ import annotations

import json

from ...json_text import shown
from ...spec.ecma_regex import pattern_matches
from ..registry import CheckContext, Hit, rule

BOUNDED_FORMATS = frozenset({"date", "date-time", "time", "uuid", "ipv4", "ipv6", "byte", "binary"})
NON_EMPTY_FORMATS = BOUNDED_FORMATS - {"byte", "binary"} | {"email", "uri", "hostname", "idn-email"}
"""Formats no empty string satisfies."""
COMPOSITION = ("allOf", "anyOf", "oneOf")


def _types(schema: dict) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, list):
        return {str(k) for k in kind}
    if kind:
        return {str(kind)}
    if "items" in schema:
        return {"array"}
    return set()


def _schemas(ctx: CheckContext):
    yield from ctx.walk.locations["schema"]


@rule("array-max-items", "warning", "An array schema has no `maxItems`.")
def array_max_items(ctx: CheckContext):
    for where in _schemas(ctx):
        if "array" in _types(where.node) and "maxItems" not in where.node:
            yield Hit(
                where.file,
                where.parts,
                "array has no maxItems: clients cannot know how "
                "many items to expect (add maxItems, e.g. the page size limit)",
            )


@rule("string-max-length", "off", "A string schema has no `maxLength` (nor enum/const/format).")
def string_max_length(ctx: CheckContext):
    for where in _schemas(ctx):
        schema = where.node
        if (
            "string" in _types(schema)
            and not {"maxLength", "enum", "const"} & set(schema)
            and schema.get("format") not in BOUNDED_FORMATS
        ):
            yield Hit(where.file, where.parts, "string has no maxLength")


@rule("required-string-min-length", "warning", "A required string property has no `minLength`.")
def required_string_min_length(ctx: CheckContext):
    for where in _schemas(ctx):
        properties = where.node.get("properties")
        required = where.node.get("required")
        if not isinstance(properties, dict) or not isinstance(required, list):
            continue
        for name in required:
            if name not in properties:
                continue
            try:
                prop, _, _ = ctx.bundle.deref(properties[name], where.file)
            except KeyError:
                continue
            if isinstance(prop, dict) and "string" in _types(prop) and _may_be_empty(prop):
                yield Hit(
                    where.file,
                    where.parts + ("properties", str(name)),
                    f'required string property {shown(name)} has no minLength: is "" valid?',
                )


@rule(
    "string-min-length-missing",
    "info",
    'A string has `maxLength` but no `minLength` (nor a pattern or format that excludes "").',
)
def string_min_length_missing(ctx: CheckContext):
    """A string bounded above but not below: whoever wrote `maxLength: 128` thought about its
    length, and `""` is most likely not meant (Trigger.dev's `RunTag`, reached only through
    `RunTags`' `oneOf` and array `items`)."""
    for where in _schemas(ctx):
        schema = where.node
        if "string" in _types(schema) and "maxLength" in schema and _may_be_empty(schema):
            yield Hit(
                where.file,
                where.parts,
                f'string has maxLength: {schema["maxLength"]} but no minLength: is "" '
                "valid? (add minLength: 1 if not)",
            )


def _may_be_empty(schema: dict) -> bool:
    """True unless `minLength`, `enum`, `const`, a format or a `pattern` (as ECMA-262) rules
    out the empty string."""
    if {"minLength", "enum", "const"} & set(schema):
        return False
    if schema.get("format") in NON_EMPTY_FORMATS:
        return False
    pattern = schema.get("pattern")
    return not isinstance(pattern, str) or pattern_matches(pattern, "") is not False


@rule("required-property-undefined", "error", "`required` names a property that is not defined.")
def required_property_undefined(ctx: CheckContext):
    inherited = _parent_properties(ctx)
    for where in _schemas(ctx):
        schema = where.node
        required = schema.get("required")
        if not isinstance(required, list) or any(k in schema for k in COMPOSITION):
            continue
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        known = set(properties) | inherited.get((where.file, where.parts), set())
        for index, name in enumerate(required):
            if name not in known:
                yield Hit(
                    where.file,
                    where.parts + ("required", str(index)),
                    f"required property {shown(name)} is not defined in properties",
                )


def _parent_properties(ctx: CheckContext) -> dict[tuple, set[str]]:
    """For each schema used as an `allOf`/`anyOf`/`oneOf` branch (where it is defined), the
    property names its parents define: a branch may well say only `required: [email]` of a
    property the parent lists (GitHub does, 36 times)."""
    inherited: dict[tuple, set[str]] = {}
    for where in _schemas(ctx):
        properties = where.node.get("properties")
        if not isinstance(properties, dict):
            continue
        for keyword in COMPOSITION:
            branches = where.node.get(keyword)
            for index, branch in enumerate(branches if isinstance(branches, list) else []):
                try:
                    _, file, parts = ctx.bundle.deref_at(
                        branch, where.file, where.parts + (keyword, str(index))
                    )
                except KeyError:
                    continue
                inherited.setdefault((file, parts), set()).update(properties)
    return inherited


PYTHON_TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
    "null": (type(None),),
}


def _matches(value, kinds: set[str]) -> bool:
    for kind in kinds:
        expected = PYTHON_TYPES.get(kind, ())
        if isinstance(value, bool) and kind in ("integer", "number"):
            continue
        if kind == "integer" and isinstance(value, float) and value.is_integer():
            return True
        if isinstance(value, expected):
            return True
    return False


@rule("enum-type-mismatch", "error", "An enum value does not match the schema's type.")
def enum_type_mismatch(ctx: CheckContext):
    for where in _schemas(ctx):
        schema = where.node
        kinds = _types(schema)
        if not kinds or not isinstance(schema.get("enum"), list):
            continue
        if schema.get("nullable"):
            kinds = kinds | {"null"}
        for index, value in enumerate(schema["enum"]):
            if not _matches(value, kinds):
                yield Hit(
                    where.file,
                    where.parts + ("enum", str(index)),
                    f"enum value {shown(value)} is not of type {' or '.join(sorted(kinds))}",
                )


@rule("enum-duplicate", "warning", "An enum lists the same value twice.")
def enum_duplicate(ctx: CheckContext):
    for where in _schemas(ctx):
        values = where.node.get("enum")
        if not isinstance(values, list):
            continue
        first: dict[str, int] = {}
        for index, value in enumerate(values):
            key = json.dumps(value, sort_keys=True, default=str)  # 1 and 1.0 differ in JSON text
            if key in first:
                yield Hit(
                    where.file,
                    where.parts + ("enum", str(index)),
                    f"enum value {shown(value)} is listed twice (first at index {first[key]}): "
                    "remove one, or the pages and generated clients list it twice",
                )
            else:
                first[key] = index


@rule(
    "oneof-branches-overlap",
    "warning",
    "A `oneOf` branch accepts every value another branch accepts, so those values match two "
    "branches and fail `oneOf`.",
)
def oneof_branches_overlap(ctx: CheckContext):
    for where in _schemas(ctx):
        branches = where.node.get("oneOf")
        if not isinstance(branches, list) or len(branches) < 2:
            continue
        resolved = [_resolved(ctx, branch, where.file) for branch in branches]
        for wide, wider in enumerate(resolved):
            kind = _bare_type(wider)
            if kind is None:
                continue
            for narrow, other in enumerate(resolved):
                if narrow == wide or not isinstance(other, dict):
                    continue
                if narrow < wide and _bare_type(other) == kind:
                    continue  # two bare branches alike: said once, at the first
                if _types(other) == {kind} or (kind, _types(other)) == ("number", {"integer"}):
                    yield Hit(
                        where.file,
                        where.parts + ("oneOf", str(wide)),
                        f"oneOf branch {wide} accepts any {kind}, so every value of branch "
                        f"{narrow} (a {kind} too) matches both and fails oneOf: use anyOf, "
                        f"or drop branch {wide}",
                    )
                    break


SCHEMA_NOTES = frozenset(
    {"type", "description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly"}
)
"""Keywords that do not narrow what a schema accepts (besides its `type`)."""


def _bare_type(schema) -> str | None:
    """The one primitive type a schema accepts all of (`{type: string}`), else None."""
    if not isinstance(schema, dict) or set(schema) - SCHEMA_NOTES or schema.get("nullable"):
        return None
    kinds = _types(schema)
    if len(kinds) != 1:
        return None
    (kind,) = kinds
    return kind if kind in ("string", "integer", "number", "boolean") else None


def _resolved(ctx: CheckContext, node, file: str):
    try:
        return ctx.bundle.deref(node, file)[0]
    except KeyError:
        return None


@rule("nullable-without-type", "warning", "`nullable: true` has no effect without `type`.")
def nullable_without_type(ctx: CheckContext):
    for where in _schemas(ctx):
        if where.node.get("nullable") is True and "type" not in where.node:
            yield Hit(
                where.file,
                where.parts + ("nullable",),
                "nullable: true without type has no effect (OpenAPI 3.0.3); add a type, "
                'or in 3.1 use type: [..., "null"]',
            )


@rule("nullable-in-3-1", "warning", "`nullable` is not an OpenAPI 3.1 keyword.")
def nullable_in_3_1(ctx: CheckContext):
    if not ctx.openapi_version.startswith("3.1"):
        return
    for where in _schemas(ctx):
        if "nullable" in where.node:
            yield Hit(
                where.file,
                where.parts + ("nullable",),
                "OpenAPI 3.1 has no nullable keyword (JSON Schema ignores it): use "
                'type: [<type>, "null"]',
            )
