"""Response schemas as the console checks replies: plain JSON Schema with only the keywords a
validator uses (no descriptions or examples), each `$ref` target once under `defs` (so cycles
stay finite), within a size budget per page: past it, the farthest components are not checked.

Each component is exported once per process (`ComponentExports`, kept in `SharedWork`), however
many operations use it; a page gathers the components its responses reach, nearest first. On
Stripe's spec every response reaches more than the budget allows (expandable fields lead
everywhere): its pages check the first levels of a reply, and gathering them costs a walk over
the exported components' references, not an export per page."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ..spec.load import split_pointer
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

SCHEMAS = "#/components/schemas/"

MAX_NODES = 1000
"""Schema objects one page's console may carry; the components past it are left unchecked (an
operation returning GitHub's full `repository` graph would add megabytes to every page)."""


@dataclass
class Exported:
    """One schema as the console reads it."""

    schema: Any
    refs: list[tuple[str, str]] = field(default_factory=list)
    """The `(file, pointer)` of each component it references, in order."""
    nodes: int = 0


class ComponentExports:
    """Every component exported so far, by `(file, pointer)`, and the name each has in `defs`."""

    def __init__(self, bundle: SpecBundle) -> None:
        self.bundle = bundle
        self.done: dict[tuple[str, str], Exported] = {}
        self.names: dict[tuple[str, str], str] = {}

    def export(self, node: Any, file: str) -> Exported:
        """`node` (in `file`) exported; the components it references are exported too."""
        out = Exported(None)
        out.schema = self._walk(node, file, out)
        pending = list(out.refs)
        while pending:  # a loop, not recursion: chains of components run hundreds deep
            key = pending.pop()
            if key in self.done:
                continue
            value = self.bundle.node_at(key[0], split_pointer(key[1]))
            exported = Exported(None)
            exported.schema = self._walk(value, key[0], exported)
            self.done[key] = exported
            pending += [ref for ref in exported.refs if ref not in self.done]
        return out

    def name(self, key: tuple[str, str]) -> str:
        """A component's name under `defs`, the same in every page and process: `Run` for the
        root document's `#/components/schemas/Run`, else the pointer (`#/paths/...`), after
        its file's name when that is not the root document (`schemas/trace.yaml#/Span`)."""
        if key not in self.names:
            file, pointer = key
            short = pointer.removeprefix(SCHEMAS)
            if file == self.bundle.root and short != pointer and "/" not in short:
                self.names[key] = short
            else:
                shown = "" if file == self.bundle.root else self.bundle.display_names.get(file, "")
                self.names[key] = shown + pointer
        return self.names[key]

    def _walk(self, node: Any, file: str, out: Exported) -> Any:
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            return {}
        out.nodes += 1
        if isinstance(node.get("$ref"), str):
            target = self.bundle.target(node["$ref"], file)
            out.refs.append(target.key)
            ref = {"$ref": "#/defs/" + self.name(target.key)}
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            rest = self._walk(siblings, file, out) if siblings else {}
            if not rest:  # (a `description` beside the `$ref`: nothing to check)
                return ref
            return {**rest, "allOf": [ref, *rest.get("allOf", [])]}  # 3.1: both apply
        schema: dict[str, Any] = {key: value for key, value in node.items() if key in KEPT}
        for key in SCHEMA_VALUES:
            if isinstance(node.get(key), dict):
                schema[key] = self._walk(node[key], file, out)
        for key in SCHEMA_MAPS:
            if isinstance(node.get(key), dict):
                schema[key] = {name: self._walk(s, file, out) for name, s in node[key].items()}
        for key in SCHEMA_LISTS:
            if isinstance(node.get(key), list):
                schema[key] = [self._walk(s, file, out) for s in node[key]]
        if isinstance(schema.get("type"), list) and "null" in schema["type"]:
            schema["nullable"] = True
        return schema


def gathered_defs(
    exports: ComponentExports, roots: list[Exported], max_nodes: int = MAX_NODES
) -> tuple[dict[str, Any], bool]:
    """The `defs` the `roots` reach, by name, nearest first (breadth first) while they fit in
    `max_nodes`; the components past it are `true` (anything passes), so a reply is still
    checked down to them. Returns the defs, and whether some were cut so."""
    total = sum(root.nodes for root in roots)
    included: list[tuple[str, str]] = []
    cut: set[tuple[str, str]] = set()
    seen: set[tuple[str, str]] = set()
    queue = deque(ref for root in roots for ref in root.refs)
    while queue:
        key = queue.popleft()
        if key in seen:
            continue
        seen.add(key)
        exported = exports.done[key]
        if total + exported.nodes > max_nodes:
            cut.add(key)
            continue
        total += exported.nodes
        included.append(key)
        queue.extend(exported.refs)
    defs = {exports.name(key): exports.done[key].schema for key in sorted(included)}
    defs.update({exports.name(key): True for key in sorted(cut)})
    return defs, bool(cut)
