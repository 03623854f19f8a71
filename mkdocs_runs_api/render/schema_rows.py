"""Flatten a `SchemaNode` tree into rows a template prints as a nested Markdown list."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.types import SchemaNode

VARIANT_TITLES = {"oneOf": "One of", "anyOf": "Any of"}


@dataclass
class SchemaRow:
    """One list item: a property/variant (`node`), or the "One of" label over variants."""

    depth: int
    node: SchemaNode
    kind: str = "node"
    """`node` (a property), `variant` (one alternative, named by its label), or `variants`
    (the "One of" label row above the alternatives of `node`)."""

    @property
    def indent(self) -> str:
        return "    " * self.depth

    @property
    def variant_title(self) -> str:
        return VARIANT_TITLES.get(self.node.variant_kind or "", "One of")


def schema_rows(root: SchemaNode) -> list[SchemaRow]:
    """The rows under `root` (its properties and variants), depth-first, in schema order."""
    rows: list[SchemaRow] = []
    _append_children(root, 0, rows)
    return rows


def _append_children(node: SchemaNode, depth: int, rows: list[SchemaRow]) -> None:
    for child in node.children:
        rows.append(SchemaRow(depth, child))
        _append_children(child, depth + 1, rows)
    if node.variants:
        rows.append(SchemaRow(depth, node, "variants"))
        for variant in node.variants:
            rows.append(SchemaRow(depth + 1, variant, "variant"))
            _append_children(variant, depth + 2, rows)
