"""`mkdocs-runs-api check`: lint rules over the spec, docs coverage, and drift from recordings;
with `--completeness`, what the generated pages (their schema trees, parameter and header rows,
examples) miss of the spec (`completeness`).

`run_checks` returns every finding (not the first per file), positioned (file, line, column,
JSON pointer), filtered by `x-runs-api-ignore` and by the configured severities.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..spec.input import read_spec
from ..spec.load import PositionIndex, join_pointer
from ..spec.resolve import SpecBundle
from . import changes, coverage, drift, rules  # noqa: F401 - registers every rule
from .findings import Finding, severity_rank
from .registry import RULES, CheckContext, Hit
from .settings import CheckSettings
from .walk import SpecWalk

IGNORE_KEY = "x-runs-api-ignore"


class Positions:
    """Turns `Hit`s into positioned `Finding`s; one position index per file, built on demand."""

    def __init__(self, bundles: list[SpecBundle]) -> None:
        self._texts: dict[str, str] = {}
        self._documents: dict[str, object] = {}
        self._bundles: dict[str, SpecBundle] = {}
        for bundle in bundles:
            self._texts.update(bundle.texts)
            self._documents.update(bundle.documents)
            self._bundles.update(dict.fromkeys(bundle.documents, bundle))
        self._indexes: dict[str, PositionIndex] = {}

    def add_text(self, file: str, text: str, document: object = None) -> None:
        self._texts[file] = text
        self._documents[file] = document

    def finding(self, hit: Hit, rule: str, severity: str) -> Finding:
        index = self._indexes.get(hit.file)
        if index is None and hit.file in self._texts:
            index = self._indexes[hit.file] = PositionIndex(self._texts[hit.file])
        bundle = self._bundles.get(hit.file)
        parts = bundle.where_written(hit.file, hit.parts) if bundle else hit.parts
        position = index.position(parts) if index and hit.line is None else None
        line, column = position if position else (hit.line, None)
        return Finding(
            rule,
            severity,
            hit.message,
            display_path(hit.file),
            line,
            column,
            join_pointer(parts),
            hit.operation,
        )

    def ignored(self, hit: Hit, rule: str) -> bool:
        """True when an object at or above the hit lists the rule in `x-runs-api-ignore`."""
        node = self._documents.get(hit.file)
        for part in (None, *hit.parts):
            if part is not None:
                if isinstance(node, dict):
                    node = node.get(part)
                elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                    node = node[int(part)]
                else:
                    return False
            if isinstance(node, dict):
                ignore = node.get(IGNORE_KEY)
                if isinstance(ignore, list) and (rule in ignore or "*" in ignore):
                    return True
        return False


def display_path(file: str) -> str:
    """`file` relative to the working directory when it is below it."""
    try:
        relative = os.path.relpath(file)
    except ValueError:
        return file
    return file if relative.startswith("..") else relative


def lint_bundle(bundle: SpecBundle, settings: CheckSettings) -> Iterable[tuple[Hit, str]]:
    """`(hit, rule name)` for every enabled spec rule."""
    context = CheckContext(bundle, SpecWalk(bundle), {"closed_objects": settings.closed_objects})
    for name, rule in RULES.items():
        if rule.check is not None and settings.enabled(name):
            for hit in rule.check(context):
                yield hit, name


def load_specs(paths: list[Path]) -> list[SpecBundle]:
    """Read every spec through the input stage, without stopping at unresolved refs or an
    unsupported version (they become findings)."""
    return [read_spec(path, lenient=True).bundle for path in paths]


def collect(hits: Iterable[tuple[Hit, str]], positions: Positions, settings: CheckSettings):
    """Positioned, de-duplicated, sorted findings for enabled rules."""
    findings = {}
    for hit, name in hits:
        if not settings.enabled(name) or positions.ignored(hit, name):
            continue
        finding = positions.finding(hit, name, settings.severity(name))
        findings[(finding.rule, finding.file, finding.pointer, finding.message)] = finding
    return sorted(findings.values(), key=lambda f: f.sort_key)


def at_or_above(findings: list[Finding], level: str) -> list[Finding]:
    return [f for f in findings if severity_rank(f.severity) <= severity_rank(level)]


__all__ = ["Finding", "CheckSettings", "lint_bundle", "load_specs", "collect", "Positions"]
