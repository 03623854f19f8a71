"""A baseline: the findings a project has accepted for now, so that CI fails only on new ones
(`check --write-baseline FILE`, then `check --baseline FILE`).

A finding is known by its rule, file, JSON pointer and message, not its line: editing the spec
above a finding moves it, and it is still the same finding. The file is JSON, sorted, one
finding per entry, so that its diff in a pull request reads as what was accepted or fixed."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import SpecError
from .findings import Finding

VERSION = 1


FIELDS = ("rule", "file", "pointer", "message")


def fingerprint(finding: Finding, folder: Path) -> tuple[str, str, str, str]:
    """What identifies a finding; its file relative to `folder` (the baseline's), so that the
    check may run from any working directory."""
    file = os.path.relpath(Path(finding.file).resolve(), folder.resolve())
    return (finding.rule, Path(file).as_posix(), finding.pointer, finding.message)


def write_baseline(path: Path, findings: list[Finding]) -> None:
    entries = sorted(fingerprint(f, path.parent) for f in findings)
    data = {
        "mkdocs-runs-api-baseline": VERSION,
        "findings": [dict(zip(FIELDS, entry, strict=True)) for entry in entries],
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Counter:
    """The baseline's findings (a count of each: a spec can have the same finding twice)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(
            "baseline file not found", file=str(path), hint="Write one with --write-baseline"
        ) from None
    except ValueError as error:
        raise SpecError(f"not a baseline file: {error}", file=str(path)) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if data.get("mkdocs-runs-api-baseline") != VERSION or not isinstance(entries, list):
        raise SpecError(
            "not a baseline file (no mkdocs-runs-api-baseline: 1 and findings list)",
            file=str(path),
            hint="Write it again with --write-baseline",
        )
    known: Counter = Counter()
    for index, entry in enumerate(entries):
        try:
            known[(entry["rule"], entry["file"], entry["pointer"], entry["message"])] += 1
        except (KeyError, TypeError):
            raise SpecError(
                f"entry {index} needs rule, file, pointer and message", file=str(path)
            ) from None
    return known


@dataclass
class Compared:
    new: list[Finding]
    known: int
    """Findings left out because the baseline has them."""
    fixed: int
    """Baseline findings that no longer occur."""


def against_baseline(findings: list[Finding], baseline: Counter, folder: Path) -> Compared:
    """`findings` without those `baseline` (read from a file in `folder`) has."""
    left = Counter(baseline)
    new = []
    for finding in findings:
        key = fingerprint(finding, folder)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(finding)
    return Compared(new, len(findings) - len(new), sum(left.values()))
