"""What the completeness check reports: each miss with its page, place and keyword."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from ..spec.resolve import SpecBundle
    from .schema_facets import Level
    from .tree_html import ShownNode


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
    """What the page leaves out on purpose: properties (keyword `readOnly` in requests,
    `writeOnly` in responses), the facts of a parameter's or header's properties (keyword
    `properties`: a row names them only)."""
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


def summary(report: CompletenessReport) -> str:
    """One line that counts what was compared, missed and left out on purpose."""
    kinds: dict[str, int] = {}
    for miss in report.omitted:
        kinds[miss.keyword] = kinds.get(miss.keyword, 0) + 1
    left_out = ", ".join(f"{count} {keyword}" for keyword, count in sorted(kinds.items()))
    return (
        f"{len(report.misses)} missing, {report.checked} nodes of {len(report.places)} schemas "
        f"compared, {len(report.omitted)} left out on purpose"
        + (f" ({left_out})" if left_out else "")
    )


def format_misses(misses: list[Miss], limit: int = 20) -> list[str]:
    """The first `limit` misses, one line each, and how many more there are."""
    lines = [f"{m.page}: {m.path}: {m.keyword} {m.expected}" for m in misses[:limit]]
    if len(misses) > limit:
        lines.append(f"... and {len(misses) - limit} more")
    return lines


class NodeCheck(Protocol):
    """What compares one operation (`completeness._Operation`), as the row and example checks
    use it."""

    bundle: SpecBundle
    report: CompletenessReport
    page: str

    def miss(self, where: Where | str, keyword: str, expected: Any) -> None:
        """Report that the page does not show `expected` (of `keyword`) at `where`."""

    def schema_facts(self, levels: list[Level], shown: ShownNode, where: Where) -> None:
        """Compare a schema's type, format, component names, values and constraints with
        what `shown` says (a table row's schema: no tree, no badges)."""


def flat(text: str) -> str:
    """`text` with its runs of white space as one space."""
    return " ".join(text.split())


def short(text: str) -> str:
    """`text` squeezed to 40 characters, for a miss's expected value."""
    return textwrap.shorten(flat(text), 40, placeholder="...")


def loose(text: str) -> str:
    """Only the letters and digits of `text`, lower case: a label compared with how Markdown
    rendered it (its emphasis, code marks and escapes gone)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())
