"""Work the model shares across the operations of one build, owned by the pipeline.

Big APIs reuse a few hundred components thousands of times: each component's property subtree
and synthesized example is made once per build, every `$ref` target gets its anchor slug before
any page is rendered, and example values are checked by one validator. The pipeline makes one
`SharedWork` per build, passes it to each step that builds operation details or samples, and
drops it at the end (the validator refers back to the bundle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..spec.resolve import SpecBundle
from .tree_context import ComponentSlugs

if TYPE_CHECKING:
    from .instances import InstanceChecker


@dataclass
class SharedWork:
    """What is built once per build and reused by every operation."""

    bundle: SpecBundle
    slugs: ComponentSlugs
    """The anchor slug of every `$ref` target, allocated up front (any process renders any
    page, and gets the same anchors)."""
    schema_trees: dict[tuple, list[Any]] = field(default_factory=dict)
    """`(component, anchor prefix, direction)` -> its stored subtrees (`tree_context`)."""
    synthesized: dict[tuple, list[Any]] = field(default_factory=dict)
    """`(component, direction)` -> its stored synthesized examples (`examples`)."""
    _checker: InstanceChecker | None = None
    console_exports: Any = None
    """The try-it consoles' exported response schemas (`tryit.schemas.ComponentExports`),
    made on first use."""

    @classmethod
    def for_bundle(cls, bundle: SpecBundle) -> SharedWork:
        return cls(bundle, ComponentSlugs(bundle))

    @property
    def checker(self) -> InstanceChecker:
        """The validator for example values, made on first use."""
        if self._checker is None:
            from .instances import InstanceChecker

            self._checker = InstanceChecker(self.bundle)
        return self._checker
