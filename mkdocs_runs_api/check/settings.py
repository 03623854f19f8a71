"""Check settings: rule severities (or `off`) and options, from a YAML file or plugin config."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SpecError
from ..json_text import shown
from ..spec.load import read_file
from .findings import SEVERITIES
from .registry import RULES

OFF = "off"


@dataclass
class CheckSettings:
    severities: dict[str, str] = field(default_factory=dict)
    """Rule name -> `error`, `warning`, `info` or `off`, overriding the rule's default."""
    closed_objects: bool = False
    """Treat object schemas as closed when checking examples: undocumented fields are findings."""

    def severity(self, rule: str) -> str:
        return self.severities.get(rule, RULES[rule].severity)

    def enabled(self, rule: str) -> bool:
        return self.severity(rule) != OFF


def settings_from_mapping(data: Any, source: str) -> CheckSettings:
    """Validate `{rules: {name: severity}, closed_objects: bool}`; errors name `source`."""
    if data is None:
        return CheckSettings()
    if not isinstance(data, dict):
        raise SpecError("rules config must be a mapping with a `rules:` key", file=source)
    unknown = set(data) - {"rules", "closed_objects"}
    if unknown:
        raise SpecError(
            f"unknown key(s) {sorted(unknown)} in rules config",
            file=source,
            hint="Use `rules:` (rule -> severity) and `closed_objects:`",
        )
    severities = {}
    for name, severity in (data.get("rules") or {}).items():
        if name not in RULES:
            raise SpecError(
                f"unknown rule {shown(name)}",
                file=source,
                hint=f"Known rules: {', '.join(sorted(RULES))}",
            )
        severity = OFF if severity is False else str(severity)
        if severity not in (*SEVERITIES, OFF):
            raise SpecError(
                f"rule {shown(name)}: severity must be error, warning, info or off, "
                f"not {shown(severity)}",
                file=source,
            )
        severities[name] = severity
    return CheckSettings(severities, bool(data.get("closed_objects", False)))


def load_settings(path: Path | None) -> CheckSettings:
    if path is None:
        return CheckSettings()
    data, _ = read_file(path)
    return settings_from_mapping(data, str(path))
