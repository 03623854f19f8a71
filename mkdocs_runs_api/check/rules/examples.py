"""Every `example` / `examples` value, and every `default`, validates against its schema."""

from __future__ import annotations

import json

from ...json_text import shown
from ...model.instances import InstanceChecker
from ..registry import CheckContext, Hit, rule


@rule("example-invalid", "error", "An example does not validate against its schema.")
def example_invalid(ctx: CheckContext):
    checker = InstanceChecker(ctx.bundle)
    closed = bool(ctx.options.get("closed_objects"))
    for value, file, parts, schema_file, schema_parts in _example_sites(ctx):
        yield from _check(checker, value, file, parts, schema_file, schema_parts, closed)


@rule("default-invalid", "error", "A schema's `default` does not validate against the schema.")
def default_invalid(ctx: CheckContext):
    for hit, _ in invalid_defaults(ctx):
        yield hit


def invalid_defaults(ctx: CheckContext) -> list[tuple[Hit, object]]:
    """`(hit, value)` for each schema `default` that breaks its own schema (type, enum, bounds,
    pattern as ECMA-262, format), at the `default`'s line; computed once per check (`spec-invalid`
    leaves out the validator's unlocated reports of the same values)."""
    found = ctx.shared.get("invalid_defaults")
    if found is None:
        found = ctx.shared["invalid_defaults"] = []
        checker = InstanceChecker(ctx.bundle)
        for where in ctx.walk.locations["schema"]:
            if "default" not in where.node:
                continue
            value = where.node["default"]
            for mismatch in checker.mismatches(value, where.file, where.parts, formats=True):
                message = (
                    f"default does not match its schema at {mismatch.path}: {mismatch.message}"
                )
                found.append((Hit(where.file, (*where.parts, "default"), message), value))
    return found


def value_key(value: object) -> str:
    """A JSON value as comparable text."""
    return json.dumps(value, sort_keys=True, default=str)


@rule(
    "example-discriminator-missing",
    "warning",
    "An example lacks its schema's discriminator property, or gives it a value the "
    "discriminator does not map.",
)
def example_discriminator_missing(ctx: CheckContext):
    for value, file, parts, schema_file, schema_parts in _example_sites(ctx):
        try:
            schema = ctx.bundle.node_at(schema_file, schema_parts)
        except KeyError:
            continue
        for path, message in _discriminator_problems(ctx, value, schema, schema_file, "$", 0):
            yield Hit(file, parts, f"example at {path}: {message}")


def _example_sites(ctx: CheckContext):
    """`(value, file, parts, schema file, schema parts)` of every example and its schema."""
    for kind in ("media_type", "parameter", "header"):
        for where in ctx.walk.locations[kind]:
            if "schema" not in where.node:
                continue
            schema_parts = where.parts + ("schema",)
            for value, file, parts in _examples_of(ctx, where):
                yield value, file, parts, where.file, schema_parts
    for where in ctx.walk.locations["schema"]:
        if "example" in where.node:
            yield (
                where.node["example"],
                where.file,
                where.parts + ("example",),
                where.file,
                where.parts,
            )
        if isinstance(where.node.get("examples"), list):
            for index, value in enumerate(where.node["examples"]):
                parts = where.parts + ("examples", str(index))
                yield value, where.file, parts, where.file, where.parts


MAX_DEPTH = 32


def _discriminator_problems(ctx: CheckContext, value, schema, file: str, path: str, depth: int):
    """`(JSON path, problem)` for each object in `value` that its schema's `discriminator`
    names a property of, and which lacks it (or maps none of the discriminator's values)."""
    try:
        schema, file, _ = ctx.bundle.deref(schema, file)
    except KeyError:
        return
    if not isinstance(schema, dict) or depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        discriminator = schema.get("discriminator")
        name = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
        if isinstance(name, str):
            allowed = _discriminator_values(discriminator, schema)
            if name not in value:
                yield path, f"no {shown(name)}, the discriminator's property: add it"
            elif allowed and value[name] not in allowed:
                yield (
                    path,
                    (
                        f"{shown(name)} is {shown(value[name])}, which the discriminator does not "
                        f"map (it maps {', '.join(shown(v) for v in sorted(allowed))})"
                    ),
                )
        properties = schema.get("properties")
        for key, item in value.items() if isinstance(properties, dict) else ():
            if key in properties:
                yield from _discriminator_problems(
                    ctx, item, properties[key], file, f"{path}.{key}", depth + 1
                )
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _discriminator_problems(
                ctx, item, schema["items"], file, f"{path}[{index}]", depth + 1
            )
    for part in schema.get("allOf") or [] if isinstance(schema.get("allOf"), list) else []:
        yield from _discriminator_problems(ctx, value, part, file, path, depth + 1)


def _discriminator_values(discriminator: dict, schema: dict) -> set:
    """The values a discriminator maps: its `mapping`'s keys, else the names of the schemas
    its `oneOf`/`anyOf` branches refer to (OpenAPI's implicit mapping); empty when unknown."""
    mapping = discriminator.get("mapping")
    if isinstance(mapping, dict) and mapping:
        return set(mapping)
    branches = [b for key in ("oneOf", "anyOf") for b in schema.get(key) or []]
    names = {b["$ref"].rsplit("/", 1)[-1] for b in branches if isinstance(b, dict) and "$ref" in b}
    return names if len(names) == len(branches) else set()


def _examples_of(ctx: CheckContext, where):
    """`(value, file, parts)` of a media type's or parameter's `example` and `examples`."""
    if "example" in where.node:
        yield where.node["example"], where.file, where.parts + ("example",)
    for name, example in (where.node.get("examples") or {}).items():
        try:
            value, file, target = ctx.bundle.deref(example, where.file)
        except KeyError:
            continue
        if not isinstance(value, dict) or "value" not in value:
            continue
        from ...spec.load import split_pointer

        parts = tuple(split_pointer(target.pointer)) if target else where.parts + ("examples", name)
        yield value["value"], file, parts + ("value",)


def _check(checker, value, file, parts, schema_file, schema_parts, closed):
    for mismatch in checker.mismatches(
        value, schema_file, schema_parts, closed=closed, formats=True
    ):
        yield Hit(
            file, parts, f"example does not match its schema at {mismatch.path}: {mismatch.message}"
        )
