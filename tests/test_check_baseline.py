"""`check --write-baseline` / `--baseline`: CI fails only on findings the baseline does not
list, from any working directory; fixed ones are counted; a bad file is one error line."""

from __future__ import annotations

import json
import shutil

import pytest
from test_check import GOLDEN, run_check


@pytest.mark.slow  # five CLI runs (the quick run keeps under a minute)
def test_a_baseline_hides_known_findings_and_only_new_ones_fail(tmp_path):
    spec = tmp_path / "api" / "spec.yaml"
    spec.parent.mkdir()
    shutil.copy(GOLDEN / "schemas" / "spec.yaml", spec)
    baseline = tmp_path / "ci" / "baseline.json"
    baseline.parent.mkdir()
    written = run_check(spec, "--write-baseline", baseline, cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    entries = json.loads(baseline.read_text())["findings"]
    assert entries and {e["file"] for e in entries} == {"../api/spec.yaml"}
    again = run_check("spec.yaml", "--baseline", baseline, "--format", "json", cwd=spec.parent)
    assert (again.returncode, json.loads(again.stdout)) == (0, [])
    assert f"{len(entries)} finding(s) left out" in again.stderr
    text = spec.read_text()
    spec.write_text(
        text.replace(
            "components:\n  schemas:\n",
            "components:\n  schemas:\n    New: {type: array, items: {}}\n",
            1,
        )
    )
    new = run_check(spec, "--baseline", baseline, "--fail-on", "warning", "--format", "json")
    assert new.returncode == 1
    assert {f["pointer"] for f in json.loads(new.stdout)} == {"#/components/schemas/New"}
    spec.write_text(text.replace("required: [id, tags, ghost]", "required: [id, tags]"))
    fixed = run_check(spec, "--baseline", baseline, "--format", "json", cwd=tmp_path)
    assert "no longer occur (run --write-baseline to drop them)" in fixed.stderr


def test_a_broken_baseline_is_one_error_line(tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text('{"findings": []}')
    result = run_check(GOLDEN / "schemas" / "spec.yaml", "--baseline", bad)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        "not a baseline file (no mkdocs-runs-api-baseline: 1 and findings list). Write it again "
        "with --write-baseline"
    ), result.stderr
