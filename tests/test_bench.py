"""The benchmark runs end to end (tiny sizes: this checks that it works, not how fast we are)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO
from test_completeness_html import UNSHOWN

pytestmark = pytest.mark.slow  # the bench's own builds and renders


def test_the_bench_command_measures_every_figure_the_readme_reports(tmp_path):
    out = tmp_path / "bench.json"
    command = [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "12", "24"]
    command += ["--build-sizes", "12", "--runs", "1", "--render-runs", "3", "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    small, bigger = json.loads(out.read_text())
    assert small["spec"] == "synthetic-12" and bigger["spec"] == "synthetic-24"
    low, high = small["render_inner_range_s"]
    assert 0 < low <= small["render_inner_s"] <= high  # a median of the three runs
    assert small["pages"] > 12  # the operations, their tag pages and the overview
    for tag in ("full_nav", "prune"):
        assert small[f"build_{tag}_s"] > 0 and small[f"floor_{tag}_s"] > 0
        assert small[f"ratio_{tag}"] == small[f"build_{tag}_s"] / small[f"floor_{tag}_s"]
        assert small[f"build_{tag}_rss_mb"] > 0
    assert small["rebuild_rerendered_pages"] == 1  # only the edited operation
    assert "build_prune_s" not in bigger  # not in --build-sizes
    assert "build/floor =" in done.stdout
    console = re.search(r"try-it console: .* gzip = ([\d.]+) KB \(budget 50 KB\)", done.stdout)
    assert console and 0 < float(console.group(1)) <= 50, done.stdout[:500]
    assert 0 < small["console_data_max_kb"] < 20


def test_render_only_measures_a_real_spec_without_building_it(tmp_path):
    """`--render-only`: the render-only figures of a `--spec`, no build, no completeness."""
    out = tmp_path / "bench.json"
    spec = REPO / "example-site" / "openapi.yaml"
    command = [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "--spec", str(spec)]
    command += ["--render-only", "--render-runs", "2", "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    (result,) = json.loads(out.read_text())
    assert result["spec"] == "openapi" and result["render_s"] > 0 and result["pages"] > 1
    assert not [key for key in result if key.startswith(("build_", "floor_", "completeness"))]


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_completeness_check_counts_and_keeps_the_first_misses(tmp_path, monkeypatch):
    """What `--spec` records beside its timings: the miss count, the first few (and how
    many more), the nodes compared; and the summary lines that print them."""
    spec = tmp_path / "unshown.yaml"
    spec.write_text(textwrap.dedent(UNSHOWN), encoding="utf-8")
    bench = _bench_module()
    monkeypatch.setattr(bench, "FIRST_MISSES", 2)
    result = bench.completeness(spec)
    assert result["completeness_misses"] == 3 and result["completeness_checked"] >= 4
    first = [
        'POST /p: request application/json: tags: contains {"const": "urgent"}',
        "POST /p: request application/json: note: contentMediaType text/plain",
        "... and 1 more",
    ]
    assert result["completeness_first_misses"] == first and result["completeness_s"] > 0
    lines = bench.completeness_lines({"spec": "unshown", **result})
    assert lines == [
        "unshown: completeness: 3 missing (target 0), "
        f"{result['completeness_checked']} nodes compared",
        *(f"    {line}" for line in first),
    ]
    assert bench.completeness_lines({"spec": "synthetic-100"}) == []
    clean = bench.completeness(REPO / "tests" / "golden" / "polymorphism" / "spec.yaml")
    assert clean["completeness_misses"] == 0 and clean["completeness_first_misses"] == []
