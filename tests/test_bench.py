"""The benchmark runs end to end (tiny sizes: this checks that it works, not how fast we are)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

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
