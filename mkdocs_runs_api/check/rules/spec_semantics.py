"""What `spec-invalid` adds to the document's validation against the OpenAPI schema, each at
its place: a schema that breaks its JSON Schema dialect (in OpenAPI 3.1 and 3.2 the OpenAPI
schema leaves schemas to it; in 3.0, schemas in other files, which the document's validation
does not read), and parameters or tags given twice.

openapi-spec-validator's semantic pass found the same, but without a place (`#`), and at three
times the cost of the rest of the validation."""

from __future__ import annotations

from collections.abc import Iterator

from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for

from ...errors import SpecError
from ...json_text import json_message, shown
from ...spec.walk import iter_operations
from ..registry import CheckContext, Hit

SCHEMA_KEYS = ("schema", "itemSchema")


def schema_meta_hits(ctx: CheckContext) -> Iterator[Hit]:
    """The first error (the best match, as `check_schema` picks it) of each top-level schema
    against its dialect: the 3.1/3.2 `$schema`, else `jsonSchemaDialect`, else OpenAPI's base
    dialect; for 3.0, OpenAPI 3.0's schema object, only outside the root file."""
    version = ctx.openapi_version[:3]
    if version == "3.0" and all(file == ctx.bundle.root for file in ctx.bundle.documents):
        return  # the OpenAPI 3.0 schema validated every schema with the document
    from openapi_schema_validator import (  # 0.2 s of imports, only for specs that need them
        OAS31_BASE_DIALECT_ID,
        OAS32_BASE_DIALECT_ID,
        OAS30Validator,
        oas31_format_checker,
        oas32_format_checker,
    )

    base_dialects = {"3.1": OAS31_BASE_DIALECT_ID, "3.2": OAS32_BASE_DIALECT_ID}
    format_checkers = {"3.1": oas31_format_checker, "3.2": oas32_format_checker}
    document = ctx.bundle.document
    default_dialect = document.get("jsonSchemaDialect") or base_dialects.get(version)
    for where in ctx.walk.locations["schema"]:
        if not _is_top_level(where.parts):
            continue
        if version == "3.0":
            if where.file == ctx.bundle.root:
                continue  # the OpenAPI 3.0 schema validates these with the document
            check, formats = OAS30Validator.check_schema, None
        else:
            dialect = where.node.get("$schema", default_dialect)
            cls = (
                validator_for({"$schema": dialect}, default=None)
                if isinstance(dialect, str)
                else None
            )
            if cls is None:
                yield Hit(where.file, where.parts, f"unknown JSON Schema dialect {shown(dialect)}")
                continue
            check, formats = cls.check_schema, format_checkers.get(version)
        try:
            check(where.node, format_checker=formats)
        except SchemaError as error:
            parts = (*where.parts, *(str(p) for p in error.absolute_path))
            yield Hit(where.file, parts, " ".join(json_message(error).split())[:300])


def duplicate_hits(ctx: CheckContext) -> Iterator[Hit]:
    """A parameter listed twice by one operation or path item (same `name` and `in`), and a
    tag name declared twice, each at its second place."""
    items: set[tuple[str, tuple[str, ...]]] = set()
    for site in iter_operations(ctx.bundle):
        yield from _duplicate_parameters(ctx, site.file, site.parts, site.operation)
        if (site.item_file, site.item_parts) not in items:
            items.add((site.item_file, site.item_parts))
            yield from _duplicate_parameters(ctx, site.item_file, site.item_parts, site.item)
    tags = ctx.bundle.document.get("tags")
    seen: set[str] = set()
    for index, tag in enumerate(tags if isinstance(tags, list) else ()):
        name = tag.get("name") if isinstance(tag, dict) else None
        if isinstance(name, str) and name in seen:
            yield Hit(ctx.bundle.root, ("tags", str(index)), f"duplicate tag name {shown(name)}")
        seen.add(name)


def _duplicate_parameters(
    ctx: CheckContext, file: str, parts: tuple[str, ...], node
) -> Iterator[Hit]:
    parameters = node.get("parameters") if isinstance(node, dict) else None
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(parameters if isinstance(parameters, list) else ()):
        try:
            param, _, _ = ctx.bundle.deref(entry, file)
        except (KeyError, SpecError):  # unresolved or looping: ref-unresolved reports it
            continue
        if not isinstance(param, dict) or "name" not in param or "in" not in param:
            continue
        key = (str(param["name"]), str(param["in"]))
        if key in seen:
            message = f"duplicate parameter {shown(key[0])} (in: {key[1]})"
            yield Hit(file, (*parts, "parameters", str(index)), message)
        seen.add(key)


def _is_top_level(parts: tuple[str, ...]) -> bool:
    """A schema where OpenAPI (not another schema) holds it: a media type's, a parameter's or a
    header's `schema`, a `components/schemas` entry, or a file of its own."""
    if not parts or (len(parts) == 3 and parts[:2] == ("components", "schemas")):
        return True  # a whole file that is a schema, or a component
    return (
        bool(parts) and parts[-1] in SCHEMA_KEYS and (len(parts) < 2 or parts[-2] != "properties")
    )
