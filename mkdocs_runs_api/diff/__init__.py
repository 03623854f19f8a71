"""What changed between two versions of a spec, as a client sees it: `compare_specs` reads both
through the input stage and lists every change with its kind (breaking or not), where the new
version writes it, and the operations it touches. `check --base` reports them as findings; the
changelog page lists them per version.
"""

from __future__ import annotations

from ..spec.resolve import SpecBundle
from .change import KINDS, Change, ChangeKind, SpecChanges
from .operations import compare_operations


def compare_bundles(old: SpecBundle, new: SpecBundle) -> SpecChanges:
    """Every change from `old` to `new`, each once, with the operations it touches."""
    return compare_operations(old, new)


__all__ = ["KINDS", "Change", "ChangeKind", "SpecChanges", "compare_bundles"]
