"""The checks inside `mkdocs build` (plugin option `checks:`): the rules over the spec, and
with `completeness:`, the built pages compared with the spec."""

from __future__ import annotations

from pathlib import Path

from ..build.pipeline import Reference
from ..errors import SpecError
from ..json_text import shown
from ..spec.resolve import SpecBundle
from . import Positions, at_or_above, collect, lint_bundle
from .findings import SEVERITIES
from .output import format_list
from .settings import settings_from_mapping


def check_reference(bundle: SpecBundle, options: dict) -> tuple[list[str], list[str], str]:
    """`(failing lines, other lines, summary)` for the spec of a build."""
    options = dict(options)
    options.pop("completeness", None)
    fail_on = str(options.pop("fail_on", "warning"))
    if fail_on not in SEVERITIES:
        raise SpecError(
            f"checks.fail_on must be one of {', '.join(SEVERITIES)}, not {shown(fail_on)}",
            file="mkdocs.yml",
        )
    settings = settings_from_mapping(options, "mkdocs.yml (plugins.runs-api.checks)")
    findings = collect(lint_bundle(bundle, settings), Positions([bundle]), settings)
    failing = at_or_above(findings, fail_on)
    other = [f for f in findings if f not in failing]
    lines = format_list(failing).splitlines()[:-1]
    other_lines = format_list(other).splitlines()[:-1]
    summary = (
        f"runs-api checks: {len(findings)} finding(s), {len(failing)} at or above {fail_on}"
        + (" (shown as warnings)" if failing else "")
    )
    return lines, other_lines, summary


COMPLETENESS_SHOWN = 20
"""Misses logged one by one with `completeness: true` (the count says how many more)."""


def completeness_shown(options: dict) -> int:
    """How many misses `checks.completeness` asks to log one by one: 0 when it is off."""
    value = options.get("completeness", False)
    if value is True:
        return COMPLETENESS_SHOWN
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if value is False or value is None:
        return 0
    raise SpecError(
        "checks.completeness must be true, false, or how many misses to show (a positive "
        f"number), not {shown(value)}",
        file="mkdocs.yml",
    )


def check_built_pages(
    reference: Reference, site_dir: Path, shown: int, *, trees: bool = True
) -> tuple[list[str], str]:
    """`(misses, summary)`: the first `shown` misses of the pages built in `site_dir` (and a
    line with how many more), and one line that counts them; without `trees`, of their
    parameters, headers and examples only."""
    from .completeness import check_completeness, format_misses
    from .misses import summary

    report = check_completeness(reference, site_dir, trees=trees)
    return format_misses(
        report.misses, shown
    ), f"completeness of the built pages: {summary(report)}"


ROW_TEMPLATE = "partials/schema_row.md.jinja"


def unreadable_trees(
    custom_templates: Path | str | None,
    instead: str = "set checks: {completeness: false} to stop this warning",
) -> str:
    """Why the completeness check cannot read the site's schema trees, or "" when it can: a
    `custom_templates` folder with its own `partials/schema_row.md.jinja` switches every tree
    to a Markdown list of that macro's rows, which carry none of the HTML trees' structure
    (`data-property`) that the check compares with the spec. `instead`: the other way out."""
    own = Path(custom_templates) / ROW_TEMPLATE if custom_templates else None
    if own is None or not own.is_file():
        return ""
    return (
        f"runs-api checks.completeness: {own} (your {ROW_TEMPLATE}) writes schema trees as "
        "Markdown lists, which the completeness check cannot read (it compares the HTML "
        "trees' data-property structure with the spec), so their properties were not "
        "compared; parameters, headers and examples were. To have the trees compared, remove "
        "that override (change a row's facts with partials/schema_facts.md.jinja, or its look "
        f"with CSS), or {instead}."
    )
