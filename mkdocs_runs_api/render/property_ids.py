"""The HTML ids of a schema tree's properties: stable, unique on the page, readable in a URL.

A property's id is its place in the tree: the nearest anchor above it, then `--`, then its path
from there, one segment per level, joined by `.`:

- the anchor is the nearest enclosing component's (`SchemaNode.anchor`, set where the component
  is expanded on the page: `schema-200-application-json-run`), else the tree root's `id_prefix`
  (its media type's anchor prefix: `schema-body-application-json`);
- a property's segment is its name, each run of characters other than letters, digits and `_`
  made one `-` (`{key}`, additionalProperties, is `key`; `[0]`, a prefixItem, is `0`), or
  `property` when nothing is left; a variant's is `variant-N` (N counts from 1). An array's
  item properties are shown as its own (the tree has no level for the items), so their path
  has none either. A segment already taken at its level gets `-2`, `-3`, ...

So `schema-body-application-json--owner.address.city` (an inline body schema), and, below the
component `Run` expanded in a 200 response, `schema-200-application-json-run--steps.variant-2.url`.
A property or a variant that expands a component has the component's anchor as its id (the
place "see" links point to) and starts a new path; an array component's items component,
expanded there too, has its anchor on an `<a>` in that property's head line
(`SchemaNode.head_anchors`). Ids under a component derive from its anchor alone, so its
subtree's HTML is the same wherever it is expanded with that anchor, and is rendered once per
build (`schema_tree`). Each component is expanded once per tree, and trees
on a page have different prefixes: no id is given twice.

Segments are made of letters, digits, `_` and `-`, and anchors are slugs: ids need no escaping
in HTML attributes (CSS selectors must escape their `.`; `[id="..."]` needs nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.types import SchemaNode

PATH_START = "--"
"""Between the anchor and the path."""
SEGMENT_JOIN = "."
NOT_SEGMENT = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Place:
    """A node's place in a tree: the anchor it is under, and its path below that anchor."""

    anchor: str
    path: str = ""

    @property
    def id(self) -> str:
        return f"{self.anchor}{PATH_START}{self.path}" if self.path else self.anchor

    def below(self, segment: str) -> Place:
        """The place of a child with this segment."""
        path = f"{self.path}{SEGMENT_JOIN}{segment}" if self.path else segment
        return Place(self.anchor, path)


Placed = tuple[SchemaNode, Place]
"""A node and its place."""


def root_place(root: SchemaNode) -> Place:
    """The place of a tree's root (a component root starts over at its anchor, `inside`)."""
    return Place(root.id_prefix or "schema")


def inside(node: SchemaNode, place: Place) -> Place:
    """Where `node`'s properties and variants are: below its own anchor if it has one."""
    return Place(node.anchor) if node.anchor else place


def element_id(node: SchemaNode, place: Place) -> str:
    """The id of the element showing `node` at `place`."""
    return node.anchor or place.id


def placed_children(node: SchemaNode, place: Place) -> tuple[list[Placed], list[Placed]]:
    """`node`'s children and its variants, each with its place (`place` is `inside(node)`'s)."""
    taken: set[str] = set()
    children = [(c, place.below(_unique(_segment(c.name), taken))) for c in node.children]
    variants = [
        (v, place.below(_unique(f"variant-{index}", taken)))
        for index, v in enumerate(node.variants, start=1)
    ]
    return children, variants


def _segment(name: str | None) -> str:
    return NOT_SEGMENT.sub("-", name or "").strip("-") or "property"


def _unique(segment: str, taken: set[str]) -> str:
    found, number = segment, 2
    while found in taken:
        found, number = f"{segment}-{number}", number + 1
    taken.add(found)
    return found
