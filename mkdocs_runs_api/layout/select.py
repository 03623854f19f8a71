"""Which operations get pages: config filters and `x-hidden` / `x-internal`."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from ..model.types import Operation


@dataclass(frozen=True)
class Selection:
    """Config filters. Tag names match exactly; `exclude_operations` entries are an
    operationId or `METHOD /path`, shell wildcards allowed (`GET /internal/*`)."""

    include_tags: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    exclude_operations: tuple[str, ...] = ()
    show_hidden: bool = False


def select_operations(
    operations: list[Operation], selection: Selection
) -> tuple[list[Operation], list[tuple[Operation, str]]]:
    """`(kept, omitted)`; each omitted operation comes with the reason, for the build log."""
    kept, omitted = [], []
    for operation in operations:
        reason = _omission_reason(operation, selection)
        if reason:
            omitted.append((operation, reason))
        else:
            kept.append(operation)
    return kept, omitted


def _omission_reason(operation: Operation, selection: Selection) -> str | None:
    if operation.hidden and not selection.show_hidden:
        return "marked x-hidden / x-internal"
    if selection.include_tags and not set(operation.tags) & set(selection.include_tags):
        return "none of its tags is in include_tags"
    excluded = set(operation.tags) & set(selection.exclude_tags)
    if excluded:
        return f"tag {sorted(excluded)[0]!r} is in exclude_tags"
    for pattern in selection.exclude_operations:
        if operation.operation_id and fnmatchcase(operation.operation_id, pattern):
            return f"matches exclude_operations entry {pattern!r}"
        if fnmatchcase(operation.key, pattern) or fnmatchcase(operation.key, pattern.upper()):
            return f"matches exclude_operations entry {pattern!r}"
    return None
