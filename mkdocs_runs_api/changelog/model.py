"""The changelog as plain data: releases, each with its operations and what changed in them,
and the badge of each operation changed since the oldest version compared."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff import KINDS, SpecChanges

STATUS_ORDER = ("breaking", "removed", "added", "deprecated", "changed")
"""How a release lists its operations: what breaks clients first."""
OPERATION_KINDS = (
    "change-operation-added",
    "change-operation-removed",
    "change-operation-deprecated",
)
"""Changes the entry's status says (their messages would repeat it)."""
BADGE_TEXT = {
    "added": "New",
    "breaking": "Breaking change",
    "changed": "Changed",
    "deprecated": "Deprecated",
}


@dataclass(frozen=True)
class ChangelogOptions:
    """`changelog:` in the plugin config."""

    enabled: bool = False
    base: str | None = None
    """The old version to compare with: a file (relative to `mkdocs.yml`) or `REV:PATH`."""
    git: int = 0
    """Or: one release per commit, for the last `git` commits that changed the spec file."""
    title: str = "API changelog"
    badges: bool = True
    """A badge on each operation page added, changed or deprecated since the oldest version."""


@dataclass(frozen=True)
class Entry:
    """One operation in one release."""

    operation: str
    """`METHOD /path` as that release writes it."""
    status: str
    """`added`, `removed`, `deprecated`, `breaking` (a change that breaks clients) or `changed`."""
    messages: tuple[tuple[str, str], ...] = ()
    """`(severity, what changed and where)`, breaking ones first."""


@dataclass(frozen=True)
class Release:
    title: str
    anchor: str
    """The HTML id of its heading on the changelog page."""
    date: str = ""
    commit: str = ""
    subject: str = ""
    entries: tuple[Entry, ...] = ()
    first: bool = False
    """The oldest version there is: nothing earlier to compare it with."""
    shallow: bool = False
    """With `first`: the clone is shallow, so older commits may exist that it lacks."""
    operations: int = 0
    """How many operations this version has (shown for the first version)."""


@dataclass(frozen=True)
class Badge:
    status: str
    text: str
    anchor: str
    """The newest release that lists the operation."""


@dataclass
class Changelog:
    title: str
    since: str
    """What the badges compare with (`a1b2c3d`, `v1.yaml`)."""
    releases: list[Release] = field(default_factory=list)
    badges: dict[str, Badge] = field(default_factory=dict)
    """`METHOD /path` -> its badge (only with `badges: true`)."""


def entries(changes: SpecChanges) -> tuple[Entry, ...]:
    """One entry per operation that changed, in `STATUS_ORDER`, then document order."""
    found = []
    for operation, listed in changes.operations.items():
        kinds = {change.kind for change in listed}
        messages = sorted(
            (
                (
                    KINDS[c.kind].severity,
                    _located(changes.places.get((operation, c), ""), c.message),
                )
                for c in listed
                if c.kind not in OPERATION_KINDS
            ),
            key=lambda m: ("error", "warning", "info").index(m[0]),
        )
        found.append(Entry(operation, _status(kinds, messages), tuple(messages)))
    return tuple(sorted(found, key=lambda e: STATUS_ORDER.index(e.status)))


def badges(changes: SpecChanges, releases: list[Release]) -> dict[str, Badge]:
    """The badge of each operation `changes` (oldest version -> now) touches, except removed
    ones, linked to the newest release that lists it."""
    newest: dict[str, str] = {}
    for release in releases:
        for entry in release.entries:
            newest.setdefault(entry.operation, release.anchor)
    found = {}
    for entry in entries(changes):
        if entry.status != "removed":
            anchor = newest.get(entry.operation, releases[0].anchor if releases else "")
            found[entry.operation] = Badge(entry.status, BADGE_TEXT[entry.status], anchor)
    return found


def _status(kinds: set[str], messages: list[tuple[str, str]]) -> str:
    if "change-operation-added" in kinds:
        return "added"
    if "change-operation-removed" in kinds:
        return "removed"
    if any(severity == "error" for severity, _ in messages):
        return "breaking"
    if "change-operation-deprecated" in kinds:
        return "deprecated"
    return "changed"


def _located(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message
