"""What the completeness check reports: each miss with its page, place and keyword."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Miss(NamedTuple):
    """Something of the spec that the page does not show."""

    page: str
    """The operation key of the page (`POST /runs`)."""
    path: str
    """Where: `response 200 application/json: owner.tags`, `request ...: pet.oneOf[2]`."""
    keyword: str
    expected: str


@dataclass
class CompletenessReport:
    misses: list[Miss] = field(default_factory=list)
    omitted: list[Miss] = field(default_factory=list)
    """Properties left out on purpose (keyword `readOnly` in requests, `writeOnly` in
    responses)."""
    checked: int = 0
    """Nodes compared."""
    places: list[str] = field(default_factory=list)
    """Each media type schema compared (`POST /runs: request application/json`)."""


@dataclass(frozen=True)
class Where:
    """A node's place: its media type (`response 200 application/json`) and its path."""

    place: str
    path: str = ""

    def below(self, segment: str) -> Where:
        return Where(self.place, f"{self.path}.{segment}" if self.path else segment)

    def __str__(self) -> str:
        return f"{self.place}: {self.path or '(root)'}"


def format_misses(misses: list[Miss], limit: int = 20) -> list[str]:
    """The first `limit` misses, one line each, and how many more there are."""
    lines = [f"{m.page}: {m.path}: {m.keyword} {m.expected}" for m in misses[:limit]]
    if len(misses) > limit:
        lines.append(f"... and {len(misses) - limit} more")
    return lines
