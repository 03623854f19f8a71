"""Turn a JSON Schema (with `$ref`s) into a `SchemaNode` property tree.

Each named component is expanded once per tree: a later use links to the first expansion, and a
use inside its own expansion (a circular schema) links back to its ancestor. So a tree is never
larger than the schemas it shows, however the refs nest.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from .memo import SharedWork
from .tree_context import EXPANDING, NOT_SHOWN, TreeContext, merged_key
from .types import SchemaNode

CONFLICTS_KEY = "x-runs-api-allof-conflicts"
"""Where `_merge_all_of` records keywords its parts disagree on (shown, never hidden)."""
CLOSED_KEY = "x-runs-api-allof-closed"
"""Set by `_merge_all_of` when one part forbids additional properties another describes."""
RECURSIVE_PARTS_KEY = "x-runs-api-allof-recursive"
"""Where `_merge_all_of` names `allOf` parts it did not inline again (circular), each with the
anchor where its properties are shown."""
REF_NAME_KEY = "x-runs-api-allof-ref-name"
"""The component an `allOf` is built on: its one `$ref` part, when the others only annotate."""
MERGE_NOTES = (CONFLICTS_KEY, RECURSIVE_PARTS_KEY, CLOSED_KEY, REF_NAME_KEY)
STRUCTURE = frozenset(
    {"properties", "items", "additionalProperties", "patternProperties", "allOf", "oneOf", "anyOf"}
)
"""Keywords by which an `allOf` part adds to the shape of a value (not just annotates it)."""
CONFLICT_KEYWORDS = frozenset(
    {
        "type",
        "format",
        "const",
        "enum",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "pattern",
        "nullable",
        "multipleOf",
    }
)
MERGED_SUBSCHEMAS = frozenset({"items", "additionalProperties"})
"""Subschemas that several `allOf` parts may each give: merged, so no property is lost."""
CONSTRAINT_KEYS = (
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
CONSTRAINT_SET = frozenset(CONSTRAINT_KEYS)
CHILD_KEYS = frozenset(
    {"properties", "patternProperties", "additionalProperties", "prefixItems", "not", "items"}
)
"""Keywords `_add_children` reads (besides `required`, which matters only with `properties`)."""
VARIANT_KEYS = frozenset({"discriminator", "oneOf", "anyOf"})
ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly"}
    | {"nullable", "externalDocs", "$comment"}
)
"""Keywords that say something about a use of a schema without changing what it accepts."""
"""Keywords `_add_variants` reads."""


def build_schema_tree(
    schema: Any,
    file: str,
    memo: SharedWork,
    anchor_prefix: str,
    direction: str = "response",
) -> SchemaNode | None:
    """The property tree for a schema, or None when there is no schema."""
    if schema is None:
        return None
    context = TreeContext(memo.bundle, memo, anchor_slug(anchor_prefix), direction)
    root = _node(schema, file, context)
    root.omitted = context.omitted
    root.id_prefix = context.anchor_prefix
    return root


def _node(schema: Any, file: str, ctx: TreeContext, name: str | None = None) -> SchemaNode:
    schema = _as_annotated_ref(schema)
    value, file, target = ctx.bundle.deref(schema, file)
    if target is None:
        return _expand(value, file, ctx, name)
    state = ctx.state(target.key)
    if state != NOT_SHOWN:
        return _link_node(schema, value, target.name or "", ctx.anchor(target.key), state, name)
    same_everywhere = len(schema) == 1  # no `$ref` siblings that change this use
    reused = ctx.reuse(target.key, name) if same_everywhere else None
    if reused is not None:
        return reused
    return ctx.expand(target, lambda: _expand(value, file, ctx, name), same_everywhere, name)


def _as_annotated_ref(schema: Any) -> Any:
    """`{allOf: [{$ref: X}], description: ...}` (the way OpenAPI 3.0 adds a description to a
    `$ref`) as `{$ref: X, description: ...}`: the component keeps its name and anchor, and is
    expanded once, not inlined as a nameless object. Anything else unchanged."""
    if not isinstance(schema, dict) or "allOf" not in schema or "$ref" in schema:
        return schema
    parts = schema["allOf"]
    if not isinstance(parts, list) or len(parts) != 1 or not isinstance(parts[0], dict):
        return schema
    if list(parts[0]) != ["$ref"] or any(
        key not in ANNOTATIONS and not str(key).startswith("x-") for key in schema if key != "allOf"
    ):
        return schema
    return {"$ref": parts[0]["$ref"], **{k: v for k, v in schema.items() if k != "allOf"}}


def _link_node(
    use: dict, value: Any, ref_name: str, anchor: str, state: str, name: str | None
) -> SchemaNode:
    """A use of a component shown elsewhere on the page (`value`, with the use's `$ref`
    siblings): a link there, with what the use says beside its `$ref` (its description,
    `deprecated`, a default...)."""
    node = _facts_node({k: v for k, v in use.items() if k != "$ref"}, name)
    node.type = node.ref_name = ref_name
    node.see_anchor = anchor
    node.recursive = state == EXPANDING
    node.nullable = isinstance(value, dict) and _is_nullable(value)
    return node


def _expand(schema: Any, file: str, ctx: TreeContext, name: str | None) -> SchemaNode:
    if not isinstance(schema, dict):
        return SchemaNode(name=name, type="any" if schema is True else "never")
    if "allOf" not in schema:  # nothing to merge (most schemas): no parts to mark and unmark
        return _expand_merged(schema, file, ctx, name)
    inlined: list = []
    try:
        schema, file = _merge_all_of(schema, file, ctx, inlined)
        node = _expand_merged(schema, file, ctx, name)
        node.merge_anchors = ctx.take_merge_anchors(inlined)
        return node
    finally:
        ctx.stop_merging(inlined)


def _expand_merged(schema: dict, file: str, ctx: TreeContext, name: str | None) -> SchemaNode:
    keys = schema.keys()
    node = _facts_node(schema, name)
    if RECURSIVE_PARTS_KEY in keys:
        node.recursive_parts = tuple(schema[RECURSIVE_PARTS_KEY])
    if keys & CHILD_KEYS:  # most schemas are leaves: a set intersection rules out both calls
        _add_children(node, schema, file, ctx)
    if keys & VARIANT_KEYS:
        _add_variants(node, schema, file, ctx)
    return node


def _facts_node(schema: dict, name: str | None) -> SchemaNode:
    """A node with what `schema` says of itself: its type, badges, description and facts (no
    properties, items or variants)."""
    keys = schema.keys()
    return SchemaNode(
        name=name,
        type=_type_label(schema),
        ref_name=schema.get(REF_NAME_KEY),
        nullable=_is_nullable(schema),
        deprecated=bool(schema.get("deprecated")),
        read_only=bool(schema.get("readOnly")),
        write_only=bool(schema.get("writeOnly")),
        description=str(schema.get("description") or ""),
        enum=_listed(schema.get("enum")),
        has_default="default" in keys,
        default=schema.get("default"),
        has_const="const" in keys,
        const=schema.get("const"),
        constraints=(
            [f"{key}: {_json_style(schema[key])}" for key in CONSTRAINT_KEYS if key in keys]
            if keys & CONSTRAINT_SET
            else []
        ),
        conflicts=list(schema.get(CONFLICTS_KEY, [])),
        closed=_is_closed(schema),
    )


def _add_children(node: SchemaNode, schema: dict, file: str, ctx: TreeContext) -> None:
    required = (
        set(schema.get("required") or []) if isinstance(schema.get("required"), list) else set()
    )
    for prop_name, prop_schema in (schema.get("properties") or {}).items():
        checkpoint = ctx.checkpoint()
        child = _node(prop_schema, file, ctx, str(prop_name))
        if (ctx.direction == "request" and child.read_only) or (
            ctx.direction == "response" and child.write_only
        ):
            ctx.roll_back(checkpoint)
            ctx.omitted.append(str(prop_name))
            continue
        child.required = prop_name in required
        node.children.append(child)
    for pattern, pattern_schema in (schema.get("patternProperties") or {}).items():
        node.children.append(_node(pattern_schema, file, ctx, f"/{pattern}/"))
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict):
        node.children.append(_node(additional, file, ctx, "{key}"))
    for index, item_schema in enumerate(schema.get("prefixItems") or []):
        node.children.append(_node(item_schema, file, ctx, f"[{index}]"))
    if isinstance(schema.get("not"), (dict, bool)):
        excluded = _node(schema["not"], file, ctx)
        if excluded.has_const or excluded.enum:
            values = [excluded.const] if excluded.has_const else excluded.enum
            node.excluded_values = list(values)
        else:
            node.excluded = excluded.ref_name or excluded.type or "any"
    if isinstance(schema.get("items"), dict):
        _add_items(node, schema, _node(schema["items"], file, ctx))


def _add_items(node: SchemaNode, schema: dict, item: SchemaNode) -> None:
    """Show an array's items as its own node: their properties, variants, enum and constraints
    (`items maxLength: 5`) as the array's, the rest of what they say as its `items`."""
    node.type = _array_label(schema, item)
    node.constraints += [f"items {c}" for c in item.constraints]
    items = node.items = copy.copy(item)
    items.children, items.variants, items.variant_kind, items.constraints = [], [], None, []
    if not node.enum:
        node.enum, items.enum = item.enum, []
    if node.children:
        node.children.extend(item.children)
    else:
        node.children = item.children  # shared with the item: rendered once, reused
    if item.variants:
        node.variant_kind, node.variants = item.variant_kind, item.variants
    node.anchor = item.anchor  # a component array has its own (`TreeContext.expand`)


def _add_variants(node: SchemaNode, schema: dict, file: str, ctx: TreeContext) -> None:
    discriminator = schema.get("discriminator")
    if isinstance(discriminator, dict) and discriminator.get("propertyName"):
        node.discriminator = str(discriminator["propertyName"])
        mapping = discriminator.get("mapping")
        node.mapping = (
            {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}
        )
    for kind in ("oneOf", "anyOf"):
        options = schema.get(kind)
        if not isinstance(options, list):
            continue
        node.variant_kind = kind
        variants = []
        for index, option in enumerate(options, start=1):
            variant = _node(option, file, ctx)
            variant.name = _variant_label(option, variant, index, ctx, file)
            value = _discriminator_value(node, option)
            if value:
                variant.name = f"{node.discriminator} = {value}: {variant.name}"
            variants.append(variant)
        node.variants = node.variants + variants  # a new list: an item's may be shared
        if not schema.get("type"):
            labels = " or ".join(_variant_type(v) for v in node.variants)
            node.type = labels + (" or null" if node.nullable and "null" not in labels else "")


def _variant_type(variant: SchemaNode) -> str:
    """A variant in its parent's type label: its component's name, or its type when that says
    more (`array of RunTag`, not `RunTag`)."""
    if variant.ref_name and variant.ref_name in variant.type:
        return variant.type
    return variant.ref_name or variant.type or "any"


def _discriminator_value(node: SchemaNode, option: Any) -> str | None:
    """The discriminator value that selects `option` (its mapping key, else its `$ref` name)."""
    if not node.discriminator or not isinstance(option, dict) or "$ref" not in option:
        return None
    ref = str(option["$ref"])
    for key, target in node.mapping.items():
        if target == ref or target == ref.rsplit("/", 1)[-1]:
            return key
    return ref.rsplit("/", 1)[-1]


def _merge_all_of(schema: dict, file: str, ctx: TreeContext, inlined: list) -> tuple[dict, str]:
    """Fold `allOf` parts into one schema: properties and required combined, in order.

    Components inlined as parts are marked in `ctx` (and listed in `inlined`, for the caller to
    unmark once the schema is expanded): a part that an enclosing schema inlined already is
    circular, and is named under `RECURSIVE_PARTS_KEY` instead of being inlined forever."""
    parts = schema.get("allOf")
    if not isinstance(parts, list):
        return schema, file
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties: dict[str, Any] = {}
    required: list[str] = []
    conflicts: list[str] = list(merged.get(CONFLICTS_KEY, []))
    recursive: list[str] = list(merged.get(RECURSIVE_PARTS_KEY, []))
    named: list[str | None] = []
    annotations_only = not (STRUCTURE & merged.keys())
    for part in parts:
        value, part_file, target = ctx.bundle.deref(part, file)
        if not isinstance(value, dict):
            continue
        if target is None:
            annotations_only = annotations_only and not (STRUCTURE & value.keys())
        else:
            named.append(target.name)
            if ctx.is_merging(target.key) or ctx.state(target.key) == EXPANDING:
                if merged_key(target.key) not in inlined:  # else a repeated part: nothing new
                    name = target.name or target.key[1]
                    recursive.append((name, ctx.merged_anchor(target.key)))
                continue
            inlined.append(ctx.start_merging(target.key))
        value, part_file = _merge_all_of(value, part_file, ctx, inlined)
        for prop, prop_schema in (value.get("properties") or {}).items():
            _add_property(properties, prop, _rebase(prop_schema, part_file, file))
        required += [r for r in _listed(value.get("required")) if r not in required]
        recursive += value.get(RECURSIVE_PARTS_KEY, [])
        if value.get(CLOSED_KEY):
            merged[CLOSED_KEY] = True
        for key, item in value.items():
            if key in ("properties", "required", "$ref", *MERGE_NOTES):
                continue
            item = _rebase(item, part_file, file)
            if key in CONFLICT_KEYWORDS and key in merged and merged[key] != item:
                conflicts.append(f"{key}: {json.dumps(merged[key])} vs {json.dumps(item)}")
            if key in MERGED_SUBSCHEMAS and key in merged and merged[key] != item:
                merged[key], closed = _both(merged[key], item)
                if closed:  # false in one part, a schema in another: show both, and why
                    conflicts.append(f"{key}: false vs a schema (false wins: none allowed)")
                    if key == "additionalProperties":
                        merged[CLOSED_KEY] = True
            merged.setdefault(key, item)
    for prop, prop_schema in (schema.get("properties") or {}).items():
        _add_property(properties, prop, prop_schema)
    required += [r for r in schema.get("required") or [] if r not in required]
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    if conflicts:
        merged[CONFLICTS_KEY] = conflicts
    if recursive:
        merged[RECURSIVE_PARTS_KEY] = recursive
    if len(named) == 1 and named[0] and annotations_only:  # `allOf: [X, {description}]`: an X
        merged[REF_NAME_KEY] = named[0]
    return merged, file


def _add_property(properties: dict[str, Any], name: str, schema: Any) -> None:
    """Add a part's property; where an earlier part has it too, both schemas apply."""
    earlier = properties.get(name)
    if name in properties and earlier != schema:
        schema = {"allOf": [earlier, schema]}
    properties[name] = schema


def _both(first: Any, second: Any) -> tuple[Any, bool]:
    """Two parts' `items` / `additionalProperties`: both apply, so both are shown. Returns the
    merged value, and whether one part forbids what the other gives a schema for (then the
    schema is kept, so nothing the spec says is lost, and the caller notes that none is allowed).
    """
    if isinstance(first, dict) and isinstance(second, dict):
        return {"allOf": [first, second]}, False
    if first is False or second is False:
        schema = first if isinstance(first, dict) else second
        return (schema, True) if isinstance(schema, dict) else (False, False)
    if isinstance(second, dict) and first is True:
        return second, False  # `true` allows anything: the schema says more
    return first, False


def _rebase(value: Any, from_file: str, to_file: str) -> Any:
    """Make a schema taken from `from_file` usable from `to_file` (its relative refs move)."""
    if from_file == to_file or not isinstance(value, dict) or "$ref" not in value:
        return value
    ref = value["$ref"]
    if ref.startswith("#"):
        return {**value, "$ref": from_file + ref}
    return value


def _variant_label(
    option: Any, variant: SchemaNode, index: int, ctx: TreeContext, file: str
) -> str:
    value, _, target = ctx.bundle.deref(option, file)
    if isinstance(value, dict) and value.get("title"):
        return str(value["title"])
    if target is not None and target.name:
        return target.name
    return f"Option {index}"


def _json_style(value: Any) -> str:
    """A keyword's value as the spec writes it: `true`, not Python's `True`; strings bare."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _is_closed(schema: dict) -> bool:
    """No properties beyond those shown: `additionalProperties: false` (in any `allOf` part),
    or `unevaluatedProperties: false` (which sees the properties of every part and variant)."""
    return (
        schema.get("additionalProperties") is False
        or schema.get("unevaluatedProperties") is False
        or bool(schema.get(CLOSED_KEY))
    )


def _is_nullable(schema: dict) -> bool:
    kind = schema.get("type")
    return bool(schema.get("nullable")) or (isinstance(kind, list) and "null" in kind)


def _type_label(schema: dict) -> str:
    kind = schema.get("type")
    kinds = [str(k) for k in kind] if isinstance(kind, list) else ([str(kind)] if kind else [])
    if kinds == ["null"]:
        return "null"
    kinds = [k for k in kinds if k != "null"]
    if not kinds:
        if "properties" in schema or "additionalProperties" in schema:
            kinds = ["object"]
        elif "items" in schema:
            kinds = ["array"]
        elif "const" in schema:
            kinds = [type(schema["const"]).__name__.replace("str", "string")]
    label = " or ".join(kinds)
    if schema.get("format") and label:
        label += f" ({schema['format']})"
    if not label and not any(k in schema for k in ("oneOf", "anyOf")):
        label = "any"
    if _is_nullable(schema) and label:
        label += " or null"
    return label


def _array_label(schema: dict, item: SchemaNode) -> str:
    item_label = item.ref_name or item.type or "any"
    label = f"array of {item_label}"
    return label + (" or null" if _is_nullable(schema) else "")


def anchor_slug(text: str) -> str:
    """An anchor prefix as HTML ids use it: `schema-200-application/json` ->
    `schema-200-application-json`."""
    return re.sub(r"[^\w]+", "-", text).strip("-").lower() or "schema"


def _listed(value: Any) -> list:
    """A keyword that must be a list (`enum`, `required`), or nothing when it is not one: the
    document's schema check reports it, the page shows no made-up values."""
    return list(value) if isinstance(value, list) else []
