"""A finding: one problem a rule saw at one place in one file."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")
"""Most severe first."""


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info: lower is more severe."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    file: str
    """The file as the user named it (relative to the working directory when possible)."""
    line: int | None
    column: int | None
    pointer: str
    """RFC 6901 JSON Pointer into `file`, as a URI fragment (`#/paths/~1runs/get`)."""
    operation: str | None = None
    """`METHOD /path` for coverage and drift findings, and operation rules."""

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.rule, self.message)
