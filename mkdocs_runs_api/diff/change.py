"""What a comparison of two versions of a spec finds: `Change`s, each of a named kind whose
default severity says whether it breaks clients (error), may break them (warning) or does not
(info)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeKind:
    name: str
    severity: str
    summary: str


KINDS = {
    kind.name: kind
    for kind in (
        ChangeKind("change-operation-removed", "error", "An operation was removed."),
        ChangeKind(
            "change-parameter-added-required",
            "error",
            "An operation gained a required parameter.",
        ),
        ChangeKind(
            "change-parameter-became-required", "error", "An optional parameter became required."
        ),
        ChangeKind(
            "change-request-body-became-required",
            "error",
            "An operation gained a required request body, or its body became required.",
        ),
        ChangeKind(
            "change-request-property-became-required",
            "error",
            "A request gained a required field, or an optional field became required.",
        ),
        ChangeKind(
            "change-media-type-removed",
            "error",
            "A request or response media type was removed.",
        ),
        ChangeKind(
            "change-response-status-removed", "error", "A success (2xx) response was removed."
        ),
        ChangeKind(
            "change-response-property-removed",
            "error",
            "A response field that was always present (required) was removed.",
        ),
        ChangeKind(
            "change-response-property-became-optional",
            "error",
            "A response field that was always present became optional.",
        ),
        ChangeKind(
            "change-type-changed",
            "error",
            "A type or format changed so that old clients send or read values that no longer fit.",
        ),
        ChangeKind("change-enum-value-removed", "error", "A request value's enum lost a value."),
        ChangeKind(
            "change-constraint-tightened",
            "error",
            "A request value's constraint was tightened (a lower maximum, a higher minimum, a "
            "new or changed pattern, a removed variant).",
        ),
        ChangeKind(
            "change-security-added",
            "error",
            "An operation needs credentials (a scheme or scope) that it did not need.",
        ),
        ChangeKind(
            "change-response-value-widened",
            "warning",
            "A response value can be something old clients do not expect: a new enum value or "
            "variant, an enum lifted, a limit raised or removed (a longer string, more items).",
        ),
        ChangeKind(
            "change-response-optional-property-removed",
            "warning",
            "An optional response field was removed (clients that read it lose it).",
        ),
        ChangeKind("change-parameter-removed", "warning", "A parameter was removed."),
        ChangeKind(
            "change-request-property-removed",
            "warning",
            "A request field was removed (servers may reject clients that still send it).",
        ),
        ChangeKind("change-request-body-removed", "warning", "A request body was removed."),
        ChangeKind("change-operation-added", "info", "An operation was added."),
        ChangeKind(
            "change-deprecated-operation-removed",
            "info",
            "An operation that was deprecated was removed.",
        ),
        ChangeKind("change-operation-deprecated", "info", "An operation became deprecated."),
        ChangeKind("change-parameter-added", "info", "An optional parameter was added."),
        ChangeKind("change-request-property-added", "info", "An optional request field was added."),
        ChangeKind("change-response-property-added", "info", "A response field was added."),
        ChangeKind("change-response-status-added", "info", "A response status was added."),
        ChangeKind("change-error-response-removed", "info", "A non-success response was removed."),
        ChangeKind("change-media-type-added", "info", "A media type was added."),
        ChangeKind(
            "change-schema-relaxed",
            "info",
            "A value accepts more than it did (a request) or promises more than it did (a "
            "response): a new enum value, a looser or tighter limit that old clients still fit.",
        ),
        ChangeKind(
            "change-security-removed", "info", "An operation needs fewer credentials than it did."
        ),
    )
}
"""Every kind of change, breaking ones first; `check --base` reports each as a rule."""


@dataclass(frozen=True)
class Change:
    """One change, found where the new version writes it (for a removal: the nearest place
    that is still there)."""

    kind: str
    message: str
    """What changed, the same wherever the schema that holds it is used."""
    file: str
    parts: tuple[str, ...]

    @property
    def breaking(self) -> bool:
        return KINDS[self.kind].severity == "error"


@dataclass
class SpecChanges:
    """A comparison's result: every change once, and which operations each one touches."""

    changes: list[Change] = field(default_factory=list)
    """In the order found, each once."""
    operations: dict[str, list[Change]] = field(default_factory=dict)
    """`METHOD /path` (as the new version writes it; a removed one as the old did) -> changes."""
    first_seen: dict[Change, str] = field(default_factory=dict)
    """A change -> where it was first seen (`GET /runs: response 200 application/json: id`)."""
    users: dict[Change, list[str]] = field(default_factory=dict)
    """A change -> the operations it touches, in the order found."""
    places: dict[tuple[str, Change], str] = field(default_factory=dict)
    """`(operation, change)` -> where in that operation (`response 200 application/json: id`)."""

    def add(self, operation: str, change: Change, where: str) -> None:
        users = self.users.get(change)
        if users is None:
            self.first_seen[change] = f"{operation}: {where}" if where else operation
            self.changes.append(change)
            users = self.users[change] = []
        if not users or users[-1] != operation:
            users.append(operation)
            self.places[(operation, change)] = where
            self.operations.setdefault(operation, []).append(change)

    def kinds_of(self, operation: str) -> set[str]:
        return {change.kind for change in self.operations.get(operation, ())}
