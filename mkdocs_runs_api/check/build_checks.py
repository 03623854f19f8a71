"""The check rules inside `mkdocs build` (plugin option `checks:`)."""

from __future__ import annotations

from ..errors import SpecError
from ..spec.resolve import SpecBundle
from . import Positions, at_or_above, collect, lint_bundle
from .findings import SEVERITIES
from .output import format_text
from .settings import settings_from_mapping


def check_reference(bundle: SpecBundle, options: dict) -> tuple[list[str], list[str], str]:
    """`(failing lines, other lines, summary)` for the spec of a build."""
    options = dict(options)
    fail_on = str(options.pop("fail_on", "warning"))
    if fail_on not in SEVERITIES:
        raise SpecError(
            f"checks.fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}",
            file="mkdocs.yml",
        )
    settings = settings_from_mapping(options, "mkdocs.yml (plugins.runs-api.checks)")
    findings = collect(lint_bundle(bundle, settings), Positions([bundle]), settings)
    failing = at_or_above(findings, fail_on)
    other = [f for f in findings if f not in failing]
    lines = format_text(failing).splitlines()[:-1]
    other_lines = format_text(other).splitlines()[:-1]
    summary = (
        f"runs-api checks: {len(findings)} finding(s), {len(failing)} at or above {fail_on!r}"
        + (" (shown as warnings)" if failing else "")
    )
    return lines, other_lines, summary
