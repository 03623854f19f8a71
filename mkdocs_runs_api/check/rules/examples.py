"""Every `example` / `examples` value validates against its schema."""

from __future__ import annotations

from ...model.instances import InstanceChecker
from ..registry import CheckContext, Hit, rule


@rule("example-invalid", "error", "An example does not validate against its schema.")
def example_invalid(ctx: CheckContext):
    checker = InstanceChecker(ctx.bundle)
    closed = bool(ctx.options.get("closed_objects"))
    for kind in ("media_type", "parameter", "header"):
        for where in ctx.walk.locations[kind]:
            if "schema" not in where.node:
                continue
            schema_parts = where.parts + ("schema",)
            for value, file, parts in _examples_of(ctx, where):
                yield from _check(checker, value, file, parts, where.file, schema_parts, closed)
    for where in ctx.walk.locations["schema"]:
        if "example" in where.node:
            yield from _check(
                checker,
                where.node["example"],
                where.file,
                where.parts + ("example",),
                where.file,
                where.parts,
                closed,
            )
        if isinstance(where.node.get("examples"), list):
            for index, value in enumerate(where.node["examples"]):
                yield from _check(
                    checker,
                    value,
                    where.file,
                    where.parts + ("examples", str(index)),
                    where.file,
                    where.parts,
                    closed,
                )


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
    for mismatch in checker.mismatches(value, schema_file, schema_parts, closed=closed):
        yield Hit(
            file, parts, f"example does not match its schema at {mismatch.path}: {mismatch.message}"
        )
