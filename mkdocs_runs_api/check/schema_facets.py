"""What the spec says about one schema use, read from the raw document (not from the model).

A use is gathered into `Level`s: the schema itself (its `$ref` chain followed, its `allOf`
parts folded in), then, for an array, its items, their items, and so on: a page shows an
array and its items as one node (`array of X`), so its facts are the sum of those levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..spec.resolve import SpecBundle

CONSTRAINTS = (
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)
"""The constraint keywords, written out here and not taken from `model.schemas.CONSTRAINT_KEYS`
on purpose: the check must catch a keyword the model's own list leaves out."""
UNSHOWN = (
    "not",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentMediaType",
    "contentEncoding",
)
"""Keywords the page has no place of their own for (`not` is "Must not be"): each is a miss
unless a fact names it (`unevaluatedProperties: false` has one: `CLOSING`)."""
CLOSING = ("additionalProperties", "unevaluatedProperties")
"""Keywords whose `false` allows no properties beyond those shown ("No other properties
allowed"; `unevaluatedProperties` sees the properties of every part and variant, which the page
shows)."""
STRUCTURE = frozenset(
    {"properties", "items", "additionalProperties", "patternProperties", "allOf", "oneOf", "anyOf"}
)
MAX_LEVELS = 16
"""Arrays of arrays nested deeper than this are not read further (a guard, not a limit)."""
Located = tuple[Any, str]
"""A schema and the file it is written in."""


@dataclass
class Level:
    """The keywords of one level of a use, over all its `allOf` parts."""

    names: list[str] = field(default_factory=list)
    """Components the use names (its `$ref`, or the one `$ref` part of an annotating `allOf`)."""
    types: list[str] = field(default_factory=list)
    nullable: bool = False
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    formats: list[str] = field(default_factory=list)
    description: str = ""
    """The first description (its text is not compared, only whether the page has one)."""
    enum: list[Any] = field(default_factory=list)
    consts: list[Any] = field(default_factory=list)
    defaults: list[Any] = field(default_factory=list)
    constraints: list[tuple[str, Any]] = field(default_factory=list)
    closed: str = ""
    """The first `CLOSING` keyword that is `false` (in any part)."""
    others: list[tuple[str, Any]] = field(default_factory=list)
    """`UNSHOWN` keywords present, with their values."""
    discriminators: list[tuple[str, list[str]]] = field(default_factory=list)
    """`(propertyName, mapping keys)` of each `discriminator`."""
    properties: dict[str, list[Located]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    extra_children: dict[str, list[Located]] = field(default_factory=dict)
    """`patternProperties` (`/pattern/`), `additionalProperties` (`{key}`), `prefixItems`
    (`[0]`): children under the names the page gives them, each with its uses (several
    `allOf` parts may define one, as with properties)."""
    variants: list[tuple[str, Located]] = field(default_factory=list)
    """`(oneOf or anyOf, option)`, in order."""
    items: list[Located] = field(default_factory=list)
    at_use: dict[str, Any] = field(default_factory=dict)
    """Keywords written at the use itself, beside the component it names (`$ref` siblings, or
    the keys around an annotating `allOf`): a link to the component does not show them."""


def schema_levels(bundle: SpecBundle, uses: list[Located]) -> list[Level]:
    """The levels of a use: the schema, then its items while they are arrays' items. A
    property that several `allOf` parts define has several `uses`: all of them apply."""
    levels = []
    while uses and len(levels) < MAX_LEVELS:
        level = Level()
        for value, value_file in uses:
            _gather(bundle, value, value_file, level, set(), top=True)
        levels.append(level)
        uses = level.items
    return levels


def _gather(
    bundle: SpecBundle, value: Any, file: str, level: Level, seen: set, *, top: bool
) -> None:
    first = True
    while isinstance(value, dict) and isinstance(value.get("$ref"), str):
        try:
            target = bundle.target(value["$ref"], file)
        except Exception:  # unresolved: the loader reported it
            return
        if target.key in seen:
            return  # a circular `allOf`: its keywords are gathered already
        seen.add(target.key)
        if top and first and target.name:
            level.names.append(target.name)
        siblings = {k: v for k, v in value.items() if k != "$ref"}
        if top and first:
            level.at_use.update(siblings)
        first = False
        value, file = target.value, target.file
        if siblings and isinstance(value, dict):
            value = {**value, **siblings}
    if not isinstance(value, dict):
        return
    _keywords(value, file, level)
    parts = value.get("allOf")
    if not isinstance(parts, list):
        return
    if top and first:
        named = _annotated_ref_name(bundle, value, parts, file)
        if named:
            level.names += named
            level.at_use.update({k: v for k, v in value.items() if k != "allOf"})
    for part in parts:
        _gather(bundle, part, file, level, seen, top=False)


def _annotated_ref_name(bundle: SpecBundle, value: dict, parts: list, file: str) -> list[str]:
    """`allOf: [{$ref: X}, {description: ...}]`: a use of X (how 3.0 annotates a `$ref`)."""
    refs = [p for p in parts if isinstance(p, dict) and "$ref" in p]
    others = [p for p in parts if not (isinstance(p, dict) and "$ref" in p)]
    if len(refs) != 1 or STRUCTURE & (value.keys() - {"allOf"}):
        return []
    if any(not isinstance(p, dict) or STRUCTURE & p.keys() for p in others):
        return []
    try:
        name = bundle.target(str(refs[0]["$ref"]), file).name
    except Exception:
        return []
    return [name] if name else []


def _keywords(value: dict, file: str, level: Level) -> None:
    kind = value.get("type")
    kinds = [str(k) for k in kind] if isinstance(kind, list) else ([str(kind)] if kind else [])
    level.types += [k for k in kinds if k != "null" and k not in level.types]
    level.nullable = level.nullable or bool(value.get("nullable")) or "null" in kinds
    level.read_only = level.read_only or bool(value.get("readOnly"))
    level.write_only = level.write_only or bool(value.get("writeOnly"))
    level.deprecated = level.deprecated or bool(value.get("deprecated"))
    level.description = level.description or " ".join(str(value.get("description") or "").split())
    if value.get("format"):
        level.formats.append(str(value["format"]))
    if isinstance(value.get("enum"), list):
        level.enum += value["enum"]
    if "const" in value:
        level.consts.append(value["const"])
    if "default" in value:
        level.defaults.append(value["default"])
    level.constraints += [(key, value[key]) for key in CONSTRAINTS if key in value]
    for name, prop in _mapping(value.get("properties")).items():
        level.properties.setdefault(str(name), []).append((prop, file))
    if isinstance(value.get("required"), list):
        level.required.update(str(name) for name in value["required"])
    for pattern, schema in _mapping(value.get("patternProperties")).items():
        level.extra_children.setdefault(f"/{pattern}/", []).append((schema, file))
    closing = [key for key in CLOSING if value.get(key) is False]
    level.closed = level.closed or (closing[0] if closing else "")
    level.others += [(key, value[key]) for key in UNSHOWN if key in value and key not in closing]
    discriminator = value.get("discriminator")
    if isinstance(discriminator, dict) and discriminator.get("propertyName"):
        keys = [str(key) for key in _mapping(discriminator.get("mapping"))]
        level.discriminators.append((str(discriminator["propertyName"]), keys))
    if isinstance(value.get("additionalProperties"), dict):
        level.extra_children.setdefault("{key}", []).append((value["additionalProperties"], file))
    for index, schema in enumerate(value.get("prefixItems") or []):
        level.extra_children.setdefault(f"[{index}]", []).append((schema, file))
    for kind in ("oneOf", "anyOf"):
        if isinstance(value.get(kind), list):
            level.variants += [(kind, (option, file)) for option in value[kind]]
    if isinstance(value.get("items"), dict):
        level.items.append((value["items"], file))


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}
