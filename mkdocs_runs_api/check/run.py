"""Run every stage of `check` over some specs: lint, coverage (`--docs`), drift (`--responses`)."""

from __future__ import annotations

from pathlib import Path

from . import Positions, collect, lint_bundle, load_specs
from .findings import Finding
from .settings import load_settings


def run_check(
    specs: list[Path],
    *,
    docs: Path | None = None,
    responses: list[Path] | None = None,
    rules: Path | None = None,
    base: Path | None = None,
) -> list[Finding]:
    """All findings for `specs`, sorted by file and position; with `base` (the old version of
    the one spec), what changed since it too."""
    settings = load_settings(rules)
    bundles = load_specs(specs)
    positions = Positions(bundles)
    hits = []
    for bundle in bundles:
        hits.extend(lint_bundle(bundle, settings))
    if docs is not None:
        from .coverage import coverage_hits

        hits.extend(coverage_hits(bundles, docs, positions))
    if responses:
        from .drift import drift_hits

        hits.extend(drift_hits(bundles, responses, settings))
    if base is not None:
        from ..diff import compare_bundles
        from .changes import change_hits

        (old,) = load_specs([base])
        hits.extend(change_hits(compare_bundles(old, bundles[0])))
    return collect(hits, positions, settings)
