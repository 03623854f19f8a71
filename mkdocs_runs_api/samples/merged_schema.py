"""A schema with its `allOf` parts merged, as the sample bodies read it: its properties (each
with the file it is written in), its `items` and its `xml` hints. AWS specs put an `xml` hint
beside a `$ref` that way, and PeerTube's upload bodies take their files from `allOf` parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..spec.resolve import SpecBundle

MAX_PARTS_DEPTH = 32
"""How deep `allOf` parts are followed (a cycle of parts stops here)."""


@dataclass
class MergedSchema:
    xml: dict = field(default_factory=dict)
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    """Name -> (its schema, the file it is written in)."""
    items: tuple[Any, str] | None = None


def merged_schema(schema: Any, file: str, bundle: SpecBundle, depth: int = 0) -> MergedSchema:
    """`schema` (a `$ref` followed) with its `allOf` parts merged, the schema's own keys last."""
    resolved, where, _ = bundle.deref(schema, file)
    merged = MergedSchema()
    if not isinstance(resolved, dict) or depth > MAX_PARTS_DEPTH:
        return merged
    for part in resolved.get("allOf") if isinstance(resolved.get("allOf"), list) else ():
        inner = merged_schema(part, where, bundle, depth + 1)
        merged.xml |= inner.xml
        merged.properties |= inner.properties
        merged.items = merged.items or inner.items
    if isinstance(resolved.get("xml"), dict):
        merged.xml |= resolved["xml"]
    properties = resolved.get("properties")
    for name, prop in properties.items() if isinstance(properties, dict) else ():
        merged.properties[str(name)] = (prop, where)
    if "items" in resolved:
        merged.items = (resolved["items"], where)
    return merged
