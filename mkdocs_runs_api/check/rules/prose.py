"""Descriptions against their schemas: a limit stated in words ("a maximum of 10 tags", "must be
less than 128 characters") that the schema contradicts or does not have. No linter reads the
prose; the Trigger.dev review that asked for `minLength: 1` did."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..prose_limits import Stated, stated_limits
from ..registry import CheckContext, Hit, rule
from .schemas import COMPOSITION, _types

DESCRIBED = ("schema", "parameter", "header")
"""Where a description sits beside the schema it speaks of."""
REACH = 4
"""How many `allOf`/`oneOf`/`anyOf`/`items` steps a stated limit may reach through."""


@rule(
    "prose-contradicts-schema",
    "warning",
    'A description states a limit the schema contradicts ("less than 128 characters" with '
    "`maxLength: 128`, which allows 128).",
)
def prose_contradicts_schema(ctx: CheckContext):
    for hit, contradicts in _findings(ctx):
        if contradicts:
            yield hit


@rule(
    "prose-limit-missing",
    "warning",
    'A description states a limit the schema does not have ("a maximum of 10 tags" without '
    "`maxItems: 10`).",
)
def prose_limit_missing(ctx: CheckContext):
    for hit, contradicts in _findings(ctx):
        if not contradicts:
            yield hit


def _findings(ctx: CheckContext) -> list[tuple[Hit, bool]]:
    """Both rules' findings, read once: `(hit, whether it is a contradiction)`."""
    if "prose" not in ctx.shared:
        found = []
        for kind in DESCRIBED:
            for where in ctx.walk.locations[kind]:
                found += _described(ctx, where)
        ctx.shared["prose"] = found
    return ctx.shared["prose"]


def _described(ctx: CheckContext, where) -> list[tuple[Hit, bool]]:
    node = where.node
    text = node.get("description") if isinstance(node, dict) else None
    if not isinstance(text, str) or not any(c.isdigit() for c in text):
        return []
    stated = stated_limits(text)
    if not stated:
        return []
    schema = node if where.kind == "schema" else node.get("schema")
    if not isinstance(schema, dict):
        return []
    found = []
    parts = (*where.parts, "description")
    for words in dict.fromkeys(limit.words for limit in stated):  # a phrase may state two
        limits = [limit for limit in stated if limit.words == words]
        wanted = "string" if limits[0].keyword.endswith("Length") else "array"
        for target, pointer in _reached(ctx, schema, where.file, wanted):
            missing = [limit for limit in limits if target.get(limit.keyword) is None]
            if missing:
                found.append((Hit(where.file, parts, _missing(missing, pointer)), False))
            for limit in limits:
                actual = target.get(limit.keyword)
                if actual is not None and actual != limit.value:
                    found.append(
                        (Hit(where.file, parts, _contradiction(limit, actual, pointer)), True)
                    )
    return found


def _reached(ctx: CheckContext, schema: dict, file: str, wanted: str) -> Iterator[tuple[dict, str]]:
    """The `wanted`-typed schemas a description on `schema` speaks of: itself, its
    composition branches and, for strings, an array's items ("each under 128 characters");
    each with its pointer when it is a component elsewhere (else "")."""
    seen: set[int] = set()
    layer: list[tuple[Any, str, str]] = [(schema, file, "")]
    for _ in range(REACH + 1):
        following: list[tuple[Any, str, str]] = []
        for node, node_file, pointer in layer:
            try:
                value, value_file, target = ctx.bundle.deref(node, node_file)
            except KeyError:
                continue
            if not isinstance(value, dict) or id(value) in seen:
                continue
            seen.add(id(value))
            pointer = target.pointer if target is not None else pointer
            types = _types(value)
            if wanted in types:
                yield value, pointer
            branches = [b for key in COMPOSITION for b in value.get(key) or [] if key in value]
            if wanted == "string" and "array" in types and isinstance(value.get("items"), dict):
                branches.append(value["items"])
            following += [(b, value_file, pointer) for b in branches if isinstance(b, dict)]
        layer = following


def _missing(limits: list[Stated], pointer: str) -> str:
    at = f" (the schema at {pointer})" if pointer else ""
    keywords = " or ".join(limit.keyword for limit in limits)
    wanted = ", ".join(f"{limit.keyword}: {limit.value}" for limit in limits)
    return (
        f'the description says "{limits[0].words}", but the schema{at} has no {keywords}: '
        f"add {wanted} so that clients and validators know it"
    )


def _contradiction(limit: Stated, actual: Any, pointer: str) -> str:
    at = f" (the schema at {pointer})" if pointer else ""
    said = f'the description says "{limit.words}"'
    if limit.exclusive and actual == limit.value + 1:
        return (
            f"{said}, but {limit.keyword}: {actual}{at} allows {actual}: write "
            f'"at most {actual}", or set {limit.keyword}: {limit.value}'
        )
    return (
        f"{said} ({limit.keyword}: {limit.value}), but the schema{at} has "
        f"{limit.keyword}: {actual}: make them agree"
    )
