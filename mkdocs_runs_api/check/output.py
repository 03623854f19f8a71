"""Findings as text (people: grouped by rule), a list (one line each), JSON (scripts), GitHub
annotations, or SARIF 2.1.0."""

from __future__ import annotations

import json

from .. import __version__
from .findings import Finding
from .registry import RULES

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


FIRST_SHOWN = 3
"""Locations `text` shows per rule (`list`, `json`, `sarif` and `github` show every one)."""
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def format_text(findings: list[Finding]) -> str:
    """For people: one block per rule, errors first and the busiest rules first within a
    severity, each with its count, its summary and its first locations."""
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    order = sorted(
        by_rule, key=lambda r: (SEVERITY_ORDER[by_rule[r][0].severity], -len(by_rule[r]), r)
    )
    lines = []
    for name in order:
        group = by_rule[name]
        summary = RULES[name].summary if name in RULES else ""
        lines.append(f"{group[0].severity} {name} ({len(group)}): {summary}".rstrip(": "))
        lines += ["  " + _line(f) for f in group[:FIRST_SHOWN]]
        if len(group) > FIRST_SHOWN:
            lines.append(f"  ... and {len(group) - FIRST_SHOWN} more (--format list shows all)")
    lines.append(_total(findings))
    return "\n".join(lines) + "\n"


def format_list(findings: list[Finding]) -> str:
    """Every finding on its own line, in file order, then the total."""
    return "\n".join([*(_line(f, severity=True) for f in findings), _total(findings)]) + "\n"


def _line(f: Finding, severity: bool = False) -> str:
    where = ":".join(str(p) for p in (f.file, f.line, f.column) if p is not None)
    operation = f" [{f.operation}]" if f.operation else ""
    rule = f"{f.severity} {f.rule}: " if severity else ""
    return f"{where}: {rule}{f.message}{operation} ({f.pointer})"


def _total(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    return (
        f"{len(findings)} finding(s): {counts['error']} error(s), {counts['warning']} "
        f"warning(s), {counts['info']} info"
    )


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: `::warning file=...,line=...::message`."""
    lines = []
    for f in findings:
        command = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
        props = [f"file={_escape_property(f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.rule)}")
        message = f.message + (f" [{f.operation}]" if f.operation else "") + f" ({f.pointer})"
        lines.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_sarif(findings: list[Finding]) -> str:
    used = sorted({f.rule for f in findings})
    rules = [
        {
            "id": name,
            "shortDescription": {"text": RULES[name].summary},
            "defaultConfiguration": {"level": SARIF_LEVELS.get(RULES[name].severity, "warning")},
        }
        for name in used
    ]
    results = []
    for f in findings:
        region = {}
        if f.line:
            region["startLine"] = f.line
            if f.column:
                region["startColumn"] = f.column
        location = {"physicalLocation": {"artifactLocation": {"uri": f.file}}}
        if region:
            location["physicalLocation"]["region"] = region
        location["logicalLocations"] = [{"fullyQualifiedName": f.pointer, "kind": "member"}]
        result = {
            "ruleId": f.rule,
            "ruleIndex": used.index(f.rule),
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.operation:
            result["properties"] = {"operation": f.operation}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mkdocs-runs-api",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/mkdocs-runs-api/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


FORMATTERS = {
    "text": format_text,
    "list": format_list,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
