"""A `SchemaNode` tree as a nested Markdown list: its rows, and the list they print.

`schema_rows` flattens a tree into rows (for templates that loop over them). `SchemaRowsMarkdown`
prints them with a row printer (`schema_row_text`, or a site's `schema_row` macro), rendering the
rows under each shown component once per build: the model shares a component's subtree between
every tree that shows it alike, so its rows differ between uses only in indentation.
"""

from __future__ import annotations

from collections.abc import Callable
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


class SchemaRowsMarkdown:
    """The rows under a tree's root as Markdown, each shared subtree rendered once."""

    def __init__(self, load_row: Callable[[], Callable[[SchemaRow], str]]) -> None:
        self._load_row = load_row
        """Gives the row printer, looked up once, at first use (when templates can load)."""
        self._row: Callable[[SchemaRow], str] | None = None
        self._rendered: dict[tuple[int, int], tuple[str, SchemaNode]] = {}
        """Rows under a component node at depth 0, keyed by its shared child lists (the node is
        kept too, so those lists stay alive and their ids unique)."""

    def forget(self) -> None:
        """Drop the remembered rows (at the end of a build)."""
        self._rendered.clear()

    def __call__(self, root: SchemaNode) -> str:
        if self._row is None:
            self._row = self._load_row()
        return self._rows_under(root, 0)

    def _rows_under(self, node: SchemaNode, depth: int) -> str:
        if node.anchor is None:  # not a component: its subtree is not shared
            return self._render(node, depth)
        key = (id(node.children), id(node.variants) if node.variants else 0)
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = (self._render(node, 0), node)
        return _indent_lines(found[0], depth)

    def _render(self, node: SchemaNode, depth: int) -> str:
        parts = []
        for child in node.children:
            parts.append(self._row(SchemaRow(depth, child)))
            parts.append(self._rows_under(child, depth + 1))
        if node.variants:
            parts.append(self._row(SchemaRow(depth, node, "variants")))
            for variant in node.variants:
                parts.append(self._row(SchemaRow(depth + 1, variant, "variant")))
                parts.append(self._rows_under(variant, depth + 2))
        return "".join(parts)


def _indent_lines(text: str, depth: int) -> str:
    """Rows rendered at depth 0, moved to `depth`: what `schema_row_text` writes there (every
    non-blank line, list item or continuation, is indented by four spaces per level; a line of
    rows at depth 0 is either empty or has text, so only empty lines stay as they are)."""
    if depth == 0 or not text:
        return text
    pad = "    " * depth
    padded = pad + text.replace("\n", "\n" + pad)
    while f"\n{pad}\n" in padded:  # twice over for runs of empty lines
        padded = padded.replace(f"\n{pad}\n", "\n\n")
    if padded.startswith(pad + "\n"):
        padded = padded[len(pad) :]
    return padded.removesuffix(pad) if text.endswith("\n") else padded
