"""Response schemas as the console checks replies: plain JSON Schema, each `$ref` target once
under `defs` (so cycles stay finite), with only the keywords a validator uses (no
descriptions or examples), within a size budget."""

from __future__ import annotations

from typing import Any

from ..spec.resolve import SpecBundle

KEPT = frozenset(
    {
        *("type", "nullable", "enum", "const", "required", "additionalProperties"),
        *("minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum"),
        *("exclusiveMaximum", "minItems", "maxItems", "multipleOf"),
    }
)
"""Keywords copied as they are."""
SCHEMA_MAPS = ("properties", "patternProperties")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_VALUES = ("items", "not", "additionalProperties")

MAX_NODES = 3000
"""Schema objects one page's console may carry; past it, replies are not checked (an
operation returning GitHub's full `repository` graph would add megabytes to every page)."""


class TooLarge(Exception):
    """The schemas would pass `MAX_NODES`."""


class SchemaExport:
    """Collects the schemas of one operation's responses into one `defs` map."""

    def __init__(self, bundle: SpecBundle, max_nodes: int = MAX_NODES) -> None:
        self.bundle = bundle
        self.defs: dict[str, Any] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._left = max_nodes

    def schema(self, node: Any, file: str) -> Any:
        """`node` (in `file`) as exported JSON Schema; raises `TooLarge`."""
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            return {}
        self._left -= 1
        if self._left < 0:
            raise TooLarge
        if isinstance(node.get("$ref"), str):
            return {"$ref": "#/defs/" + self._define(node, file)}
        out: dict[str, Any] = {key: node[key] for key in KEPT if key in node}
        for key in SCHEMA_VALUES:
            if isinstance(node.get(key), dict):
                out[key] = self.schema(node[key], file)
        for key in SCHEMA_MAPS:
            if isinstance(node.get(key), dict):
                out[key] = {name: self.schema(s, file) for name, s in node[key].items()}
        for key in SCHEMA_LISTS:
            if isinstance(node.get(key), list):
                out[key] = [self.schema(s, file) for s in node[key]]
        if isinstance(out.get("type"), list) and "null" in out["type"]:
            out["nullable"] = True
        return out

    def _define(self, node: dict, file: str) -> str:
        target = self.bundle.target(node["$ref"], file)
        name = self._names.get(target.key)
        if name is None:
            name = self._names[target.key] = str(len(self._names))
            self.defs[name] = {}  # a cycle back to it finds the name
            value, value_file, _ = self.bundle.deref(node, file)
            self.defs[name] = self.schema(value, value_file)
        return name
