"""Compare two versions of one schema, from the side of a client: in a request, the new schema
must still accept what the old one did; in a response, it must promise no value the old one
did not (clients parse what they were told).

Each pair of definitions is compared once per direction (a shared component is reported where it
is defined, once); `allOf` parts are merged; `oneOf`/`anyOf` variants are paired by component
name, else by position.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import SpecError
from ..json_text import shown
from ..spec.resolve import SpecBundle
from .change import Change

REQUEST, RESPONSE = "request", "response"
UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")
VARIANTS = ("oneOf", "anyOf")
MAX_ALL_OF_DEPTH = 20

Place = tuple[Any, str, tuple[str, ...]]
"""A value, the file it is defined in, and its pointer parts there."""
Found = list[tuple[Change, str]]
"""Changes with where they are below the compared schema (`owner.tags[]`; empty: at it)."""


@dataclass
class Merged:
    """A schema with its `allOf` parts folded in: keywords (the schema's own first), properties
    by name (each where defined), and the required names."""

    keywords: dict[str, Any] = field(default_factory=dict)
    properties: dict[str, Place] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)


class SchemaDiff:
    """Compares schemas of an old and a new bundle; results are cached per pair."""

    def __init__(self, old: SpecBundle, new: SpecBundle) -> None:
        self.old, self.new = old, new
        self._memo: dict[tuple, Found] = {}

    def compare(self, old: Place, new: Place, direction: str) -> Found:
        old = deref_place(self.old, old)
        new = deref_place(self.new, new)
        if old is None or new is None or not isinstance(old[0], dict):
            return []
        if not isinstance(new[0], dict):
            return []
        key = (old[1], old[2], new[1], new[2], direction)
        found = self._memo.get(key)
        if found is None:
            self._memo[key] = []  # a schema that contains itself meets an empty result
            found = self._memo[key] = self._compare(old, new, direction)
        return found

    def _compare(self, old: Place, new: Place, direction: str) -> Found:
        was, now = _merge(self.old, old), _merge(self.new, new)
        at = (new[1], new[2])
        found: Found = []
        found += [(c, "") for c in _types(was.keywords, now.keywords, direction, at)]
        found += [(c, "") for c in _enums(was.keywords, now.keywords, direction, at)]
        found += [(c, "") for c in _bounds(was.keywords, now.keywords, direction, at)]
        found += self._properties(was, now, direction, at)
        found += self._children(old, new, was, now, direction, at)
        return found

    def _properties(self, was: Merged, now: Merged, direction: str, at) -> Found:
        found: Found = []
        skip = "readOnly" if direction == REQUEST else "writeOnly"
        for name, old_place in was.properties.items():
            old_schema = deref_place(self.old, old_place)
            if old_schema and isinstance(old_schema[0], dict) and old_schema[0].get(skip):
                continue
            new_place = now.properties.get(name)
            if new_place is None:
                kind = "change-request-property-removed"
                if direction == RESPONSE:
                    kind = "change-response-optional-property-removed"
                    if name in was.required:
                        kind = "change-response-property-removed"
                found.append((Change(kind, f"property {shown(name)} was removed", *at), ""))
                continue
            if direction == REQUEST and name in now.required and name not in was.required:
                message = f"property {shown(name)} became required"
                found.append((Change("change-request-property-became-required", message, *at), ""))
            if direction == RESPONSE and name in was.required and name not in now.required:
                message = f"property {shown(name)} is no longer required: responses may lack it"
                found.append((Change("change-response-property-became-optional", message, *at), ""))
            for change, where in self.compare(old_place, new_place, direction):
                found.append((change, _join(name, where)))
        for name, new_place in now.properties.items():
            if name in was.properties:
                continue
            new_schema = deref_place(self.new, new_place)
            if new_schema and isinstance(new_schema[0], dict) and new_schema[0].get(skip):
                continue
            where = (new_place[1], new_place[2])
            if direction == RESPONSE:
                change = Change(
                    "change-response-property-added", f"property {shown(name)} was added", *where
                )
            elif name in now.required:
                message = f"required property {shown(name)} was added"
                change = Change("change-request-property-became-required", message, *where)
            else:
                message = f"optional property {shown(name)} was added"
                change = Change("change-request-property-added", message, *where)
            found.append((change, ""))
        return found

    def _children(self, old: Place, new: Place, was: Merged, now: Merged, direction, at) -> Found:
        found: Found = []
        for keyword, label in (("items", "[]"), ("additionalProperties", "{}")):
            if isinstance(was.keywords.get(keyword), dict) and isinstance(
                now.keywords.get(keyword), dict
            ):
                old_child = (was.keywords[keyword], old[1], (*old[2], keyword))
                new_child = (now.keywords[keyword], new[1], (*new[2], keyword))
                for change, where in self.compare(old_child, new_child, direction):
                    found.append((change, label + ("." + where if where else "")))
        for keyword in VARIANTS:
            found += self._variants(old, new, keyword, direction, at)
        return found

    def _variants(self, old: Place, new: Place, keyword: str, direction: str, at) -> Found:
        old_list, new_list = old[0].get(keyword), new[0].get(keyword)
        if not isinstance(old_list, list) or not isinstance(new_list, list):
            return []
        found: Found = []
        pairs, removed, added = _pair_variants(old_list, new_list)
        for old_index, new_index in pairs:
            old_child = (old_list[old_index], old[1], (*old[2], keyword, str(old_index)))
            new_child = (new_list[new_index], new[1], (*new[2], keyword, str(new_index)))
            for change, where in self.compare(old_child, new_child, direction):
                found.append((change, _join(f"{keyword}[{new_index}]", where)))
        for label in removed:
            message = f"{keyword} variant {label} was removed"
            kind = (
                "change-constraint-tightened" if direction == REQUEST else "change-schema-relaxed"
            )
            found.append((Change(kind, message, *at), ""))
        for label in added:
            message = f"{keyword} variant {label} was added"
            kind = (
                "change-schema-relaxed" if direction == REQUEST else "change-response-value-widened"
            )
            found.append((Change(kind, message, *at), ""))
        return found


def _types(was: dict, now: dict, direction: str, at) -> list[Change]:
    changes = []
    old_types, new_types = _type_set(was), _type_set(now)
    if old_types and new_types and old_types != new_types:
        breaks = not (
            _covers(new_types, old_types) if direction == REQUEST else _covers(old_types, new_types)
        )
        message = f"type changed from {_type_text(old_types)} to {_type_text(new_types)}"
        changes.append(
            Change("change-type-changed" if breaks else "change-schema-relaxed", message, *at)
        )
    old_format, new_format = was.get("format"), now.get("format")
    if old_format != new_format:
        if old_format and new_format:
            breaks = True
        elif direction == REQUEST:
            breaks = bool(new_format)
        else:
            breaks = bool(old_format)
        message = f"format changed from {_text(old_format)} to {_text(new_format)}"
        changes.append(
            Change("change-type-changed" if breaks else "change-schema-relaxed", message, *at)
        )
    return changes


def _enums(was: dict, now: dict, direction: str, at) -> list[Change]:
    old_enum, new_enum = was.get("enum"), now.get("enum")
    if not isinstance(old_enum, list) and not isinstance(new_enum, list):
        return []
    if not isinstance(new_enum, list):
        kind = "change-schema-relaxed" if direction == REQUEST else "change-response-value-widened"
        return [Change(kind, "enum was removed (any value now)", *at)]
    if not isinstance(old_enum, list):
        kind = "change-constraint-tightened" if direction == REQUEST else "change-schema-relaxed"
        return [Change(kind, f"enum {shown(new_enum)} was added", *at)]
    old_keys, new_keys = _value_keys(old_enum), _value_keys(new_enum)
    changes = []
    for value in old_enum:
        if _value_key(value) not in new_keys:
            kind = "change-enum-value-removed" if direction == REQUEST else "change-schema-relaxed"
            changes.append(Change(kind, f"enum value {shown(value)} was removed", *at))
    for value in new_enum:
        if _value_key(value) not in old_keys:
            kind = (
                "change-schema-relaxed" if direction == REQUEST else "change-response-value-widened"
            )
            changes.append(Change(kind, f"enum value {shown(value)} was added", *at))
    return changes


def _bounds(was: dict, now: dict, direction: str, at) -> list[Change]:
    changes = []
    for keyword in (*UPPER_BOUNDS, *LOWER_BOUNDS, "pattern", "multipleOf", "uniqueItems"):
        old_value, new_value = was.get(keyword), now.get(keyword)
        if old_value == new_value:
            continue
        tightened = _tightened(keyword, old_value, new_value)
        if tightened is None:
            continue
        message = f"{keyword} changed from {_text(old_value)} to {_text(new_value)}"
        if old_value is None:
            message = f"{keyword}: {shown(new_value)} was added"
        elif new_value is None:
            message = f"{keyword}: {shown(old_value)} was removed"
        kind = "change-schema-relaxed"
        if direction == REQUEST and tightened:
            kind = "change-constraint-tightened"
        elif direction == RESPONSE and not tightened and keyword not in ("pattern", "multipleOf"):
            kind = "change-response-value-widened"
        changes.append(Change(kind, message, *at))
    return changes


def _tightened(keyword: str, old: Any, new: Any) -> bool | None:
    """True when `new` admits fewer values than `old`; None when the values are no bounds."""
    if keyword in ("pattern", "multipleOf"):
        return new is not None
    if keyword == "uniqueItems":
        return None if bool(old) == bool(new) else new is True
    numbers = (int, float)
    if (old is not None and not isinstance(old, numbers)) or (
        new is not None and not isinstance(new, numbers)
    ):
        return None  # 3.0's boolean exclusiveMaximum, or bad input: not compared
    if new is None:
        return False
    if old is None:
        return True
    return new < old if keyword in UPPER_BOUNDS else new > old


def _merge(bundle: SpecBundle, place: Place, depth: int = 0) -> Merged:
    merged = Merged()
    value, file, parts = place
    merged.keywords.update(value)
    properties = value.get("properties")
    for name, child in properties.items() if isinstance(properties, dict) else ():
        merged.properties[str(name)] = (child, file, (*parts, "properties", str(name)))
    required = value.get("required")
    if isinstance(required, list):
        merged.required.update(name for name in required if isinstance(name, str))
    if depth < MAX_ALL_OF_DEPTH and isinstance(value.get("allOf"), list):
        for index, part in enumerate(value["allOf"]):
            found = deref_place(bundle, (part, file, (*parts, "allOf", str(index))))
            if found is None or not isinstance(found[0], dict):
                continue
            inner = _merge(bundle, found, depth + 1)
            for keyword, keyword_value in inner.keywords.items():
                merged.keywords.setdefault(keyword, keyword_value)
            for name, child in inner.properties.items():
                merged.properties.setdefault(name, child)
            merged.required |= inner.required
    return merged


def deref_place(bundle: SpecBundle, place: Place) -> Place | None:
    try:
        return bundle.deref_at(*place)
    except (KeyError, SpecError):  # unresolved or looping: the lint rules report those
        return None


def _pair_variants(old: list, new: list) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    """Variants paired by their `$ref`'s last segment, the rest by position; the labels of those
    left on either side."""
    old_names, new_names = [_ref_name(v) for v in old], [_ref_name(v) for v in new]
    pairs = []
    used_new: set[int] = set()
    for i, name in enumerate(old_names):
        if name and name in new_names:
            j = new_names.index(name)
            pairs.append((i, j))
            used_new.add(j)
    rest_old = [i for i in range(len(old)) if i not in {p[0] for p in pairs} and not old_names[i]]
    rest_new = [j for j in range(len(new)) if j not in used_new and not new_names[j]]
    for i, j in zip(rest_old, rest_new, strict=False):
        pairs.append((i, j))
        used_new.add(j)
    paired_old = {p[0] for p in pairs}
    removed = [_variant_label(old, i) for i in range(len(old)) if i not in paired_old]
    added = [_variant_label(new, j) for j in range(len(new)) if j not in used_new]
    return pairs, removed, added


def _ref_name(value: Any) -> str:
    ref = value.get("$ref") if isinstance(value, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else ""


def _variant_label(variants: list, index: int) -> str:
    name = _ref_name(variants[index])
    return shown(name) if name else f"#{index + 1}"


def _type_set(schema: dict) -> frozenset[str]:
    declared = schema.get("type")
    types = {declared} if isinstance(declared, str) else set()
    if isinstance(declared, list):
        types = {t for t in declared if isinstance(t, str)}
    if types and schema.get("nullable") is True:
        types.add("null")
    return frozenset(str(t) for t in types)


def _covers(big: frozenset[str], small: frozenset[str]) -> bool:
    return all(t in big or (t == "integer" and "number" in big) for t in small)


def _type_text(types: frozenset[str]) -> str:
    return " or ".join(shown(t) for t in sorted(types))


def _text(value: Any) -> str:
    return "none" if value is None else shown(value)


def _value_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _value_keys(values: list) -> set[str]:
    return {_value_key(value) for value in values}


def _join(name: str, where: str) -> str:
    if not where:
        return name
    return f"{name}{where}" if where.startswith("[") else f"{name}.{where}"
