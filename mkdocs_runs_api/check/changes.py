"""`check --base OLD`: what changed since the old version of the spec, each kind of change a
rule (`change-*`, group `changes`) whose default severity says whether it breaks clients."""

from __future__ import annotations

from collections.abc import Iterator

from ..diff import KINDS, SpecChanges
from .registry import Hit, declare

for _kind in KINDS.values():
    declare(_kind.name, _kind.severity, _kind.summary, "changes")


def change_hits(changes: SpecChanges) -> Iterator[tuple[Hit, str]]:
    """One hit per change, at the place the new version writes it, naming the first operation
    (and place in it) that the change touches and how many more it does."""
    for change in changes.changes:
        users = changes.users[change]
        more = len(users) - 1
        where = changes.first_seen[change]
        if more:
            where += f", and {more} more operation{'s' if more > 1 else ''}"
        message = f"{change.message} ({where})"
        yield Hit(change.file, change.parts, message, users[0]), change.kind
