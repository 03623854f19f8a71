"""Named rules: each has a default severity, a one-line summary, and a function that yields
`Hit`s for one resolved spec. `rules/` modules register themselves here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..spec.resolve import SpecBundle
from .walk import SpecWalk


@dataclass(frozen=True)
class Hit:
    """What a rule saw: where (file and pointer parts) and what is wrong."""

    file: str
    parts: tuple[str, ...]
    message: str
    operation: str | None = None
    line: int | None = None
    """Set for files that are not YAML/JSON (e.g. an `.mdx` page); else looked up from `parts`."""


@dataclass
class CheckContext:
    """What every spec rule reads: the bundle, the one walk over it, and options."""

    bundle: SpecBundle
    walk: SpecWalk
    options: dict[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    """What several rules read and one computes (the schema validator's run), by name."""

    @property
    def openapi_version(self) -> str:
        doc = self.bundle.document
        return str(doc.get("openapi", "")) if isinstance(doc, dict) else ""


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str
    summary: str
    group: str
    check: Callable[[CheckContext], Iterable[Hit]] | None = None


RULES: dict[str, Rule] = {}


def rule(name: str, severity: str, summary: str, group: str = "spec"):
    """Register a spec rule: `@rule("array-max-items", "warning", "Arrays need maxItems")`."""

    def register(function: Callable[[CheckContext], Iterable[Hit]]):
        RULES[name] = Rule(name, severity, summary, group, function)
        return function

    return register


def declare(name: str, severity: str, summary: str, group: str) -> None:
    """Register a rule that another stage reports (coverage, drift) rather than a spec walk."""
    RULES[name] = Rule(name, severity, summary, group)
