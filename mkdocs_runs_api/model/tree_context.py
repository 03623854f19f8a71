"""State for building one property tree, and reuse of component subtrees across trees.

Within a tree each named component is expanded once: a later use links to that expansion, and a
use inside its own expansion links back to its ancestor. So a component's subtree depends on
which components its tree shows already. Each stored expansion records the state of every
component outside itself that it looked at; a later use (in any tree of the same build, with the
same anchor prefix and direction) where those components are in the same states gets the same
subtree, without building it again. Big specs reuse a few hundred components thousands of times.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..layout.slugs import SlugAllocator, slugify
from ..spec.resolve import SpecBundle, Target, target_name
from .types import SchemaNode

if TYPE_CHECKING:
    from .memo import SharedWork

Key = tuple[str, str]
"""A `$ref` target: `(file, pointer)`."""
NOT_SHOWN, SHOWN, EXPANDING, MERGING = "", "shown", "expanding", "merging"
MERGE_ANCHOR = "---allof"
"""Ends the anchor of a schema that inlined a component a circular `allOf` part links back to:
no slug holds `---`, nor does a property's place (its path never starts with `-`)."""
MAX_STORED_PER_COMPONENT = 8
"""Different surroundings a component's subtree is kept for (a cap against pathological specs)."""


@dataclass
class Expansion:
    """A component's subtree as built once, what it depended on, and what it showed."""

    node: SchemaNode
    depends: dict[Key, str]
    """States (`NOT_SHOWN`, `SHOWN`, `EXPANDING`) of components outside it that it looked at."""
    shown: list[Key]
    """The components it expanded, itself first, in order."""
    omitted: list[str]


@dataclass
class _Recording:
    start: int
    """How many components the tree showed when this expansion began."""
    depends: dict[Key, str] = field(default_factory=dict)


@dataclass
class TreeContext:
    """One tree being built: which components it shows, where, and which are open."""

    bundle: SpecBundle
    memo: SharedWork
    anchor_prefix: str
    direction: str = "response"
    """`request` hides readOnly properties, `response` hides writeOnly ones."""
    shown: list[Key] = field(default_factory=list)
    position: dict[Key, int] = field(default_factory=dict)
    expanding: set[Key] = field(default_factory=set)
    omitted: list[str] = field(default_factory=list)
    recordings: list[_Recording] = field(default_factory=list)
    merging: set[Key] = field(default_factory=set)
    """Components an enclosing schema inlined as `allOf` parts (no anchor of their own), under
    `merged_key`s so they never mix with `$ref` expansions."""
    merge_anchors: dict[Key, str] = field(default_factory=dict)
    """By `merged_key`: anchors asked of the schema inlining that component (`merged_anchor`),
    for it to take when it is built (`take_merge_anchors`)."""

    def anchor(self, key: Key) -> str:
        """The HTML id where the component at `key` is expanded in this tree."""
        return f"{self.anchor_prefix}-{self.memo.slugs.of(key)}"

    def state(self, key: Key) -> str:
        """Whether the component at `key` is shown in this tree yet, or is being expanded
        (an ancestor). Open expansions record the answer as something they depend on."""
        state = self._peek(key)
        self._record(key, state)
        return state

    def is_merging(self, key: Key) -> bool:
        """Whether an enclosing schema inlined the component at `key` as an `allOf` part (a
        circular `allOf`). Open expansions record the answer as something they depend on."""
        merged = merged_key(key)
        state = self._peek(merged)
        self._record(merged, state)
        return state == MERGING

    def start_merging(self, key: Key) -> Key:
        """Mark the component at `key` as inlined as an `allOf` part until `stop_merging`."""
        merged = merged_key(key)
        self.merging.add(merged)
        return merged

    def stop_merging(self, merged: list[Key]) -> None:
        self.merging.difference_update(merged)

    def merged_anchor(self, key: Key) -> str:
        """Where a circular `allOf` part links to for the properties of the component at `key`
        (which an enclosing schema is inlining): that component's expansion if the tree shows
        it, else an anchor asked of the schema that inlines it (once per tree: a later circular
        part links to the same schema, which shows the same properties)."""
        if self.state(key) != NOT_SHOWN:
            return self.anchor(key)
        anchor = f"{self.anchor(key)}{MERGE_ANCHOR}"
        asked = ("allOf anchor " + key[0], key[1])
        if self.state(asked) == NOT_SHOWN:
            self._show(asked)
            self.merge_anchors[merged_key(key)] = anchor
        return anchor

    def take_merge_anchors(self, inlined: list[Key]) -> tuple[str, ...]:
        """The anchors asked of the schema that inlined the `merged_key`s `inlined`."""
        asked = [self.merge_anchors.pop(key) for key in inlined if key in self.merge_anchors]
        return tuple(asked)

    def reuse(self, key: Key, name: str | None) -> SchemaNode | None:
        """A stored expansion of `key` that fits this tree's state, replayed into it."""
        for expansion in self._stored(key):
            if all(self._peek(k) == state for k, state in expansion.depends.items()):
                for k, state in expansion.depends.items():
                    self._record(k, state)
                for shown_key in expansion.shown:
                    self._show(shown_key)
                self.omitted.extend(expansion.omitted)
                return _named_copy(expansion.node, name)
        return None

    def expand(
        self, target: Target, build: Callable[[], SchemaNode], store: bool, name: str | None
    ) -> SchemaNode:
        """Expand the component `target` here with `build`; `store` keeps the result for reuse
        (False when the `$ref` has siblings that change the schema at this use)."""
        key = target.key
        recording = _Recording(len(self.shown))
        self._show(key)
        self.expanding.add(key)
        self.recordings.append(recording)
        omitted_before = len(self.omitted)
        try:
            node = build()
        finally:
            self.expanding.discard(key)
            self.recordings.pop()
        node.ref_name = target.name
        node.anchor = self.anchor(key)
        stored = self._stored(key)
        if store and len(stored) < MAX_STORED_PER_COMPONENT:
            shown = self.shown[recording.start :]
            stored.append(Expansion(node, recording.depends, shown, self.omitted[omitted_before:]))
        return _named_copy(node, name)

    def checkpoint(self) -> tuple[int, int]:
        """Where the tree is (components shown, properties omitted), for `roll_back`."""
        return len(self.shown), len(self.omitted)

    def roll_back(self, checkpoint: tuple[int, int]) -> None:
        """Forget what the tree showed and omitted since `checkpoint`: a subtree built and then
        left out (a readOnly property of a request) shows no component, so a later use expands
        it instead of linking to an anchor no page has."""
        shown, omitted = checkpoint
        for key in self.shown[shown:]:
            del self.position[key]
        del self.shown[shown:], self.omitted[omitted:]

    def _peek(self, key: Key) -> str:
        if key in self.merging:
            return MERGING
        if key not in self.position:
            return NOT_SHOWN
        return EXPANDING if key in self.expanding else SHOWN

    def _record(self, key: Key, state: str) -> None:
        position = self.position.get(key)
        for recording in self.recordings:
            if position is None or position < recording.start:  # outside that expansion
                recording.depends.setdefault(key, state)

    def _show(self, key: Key) -> None:
        self.position[key] = len(self.shown)
        self.shown.append(key)

    def _stored(self, key: Key) -> list[Expansion]:
        return self.memo.schema_trees.setdefault((key, self.anchor_prefix, self.direction), [])


def merged_key(key: Key) -> Key:
    """Where `merging` and recorded dependencies keep an `allOf`-inlined component."""
    return ("allOf " + key[0], key[1])


def _named_copy(node: SchemaNode, name: str | None) -> SchemaNode:
    """A shallow copy (the subtree is shared, never changed) that its parent may label."""
    node = copy.copy(node)
    node.name = name
    return node


class ComponentSlugs:
    """Slugs of every `$ref` target. Targets whose names slug alike get `-2`, `-3`, ... in
    (file, pointer) order, so no slug depends on which page is rendered first."""

    def __init__(self, bundle: SpecBundle) -> None:
        self._allocator = SlugAllocator()
        self._slugs: dict[Key, str] = {}
        keys = {site.target for site in bundle.refs if site.target is not None}
        for key in sorted(keys, key=lambda key: (slugify(target_name(*key)), key)):
            self.of(key)

    def of(self, key: Key) -> str:
        """The slug of the target at `key` (one no `$ref` of the spec names gets the next free
        one; the model allocates every other before any page is rendered, in any process)."""
        if key not in self._slugs:
            self._slugs[key] = self._allocator.allocate(target_name(*key), "schema")
        return self._slugs[key]
