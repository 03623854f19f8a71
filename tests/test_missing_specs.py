"""A clone without the real specs: the tests that need them are skipped with one line and the
rest runs; under `CI=true` their absence is an error, never a skip. Checked by running pytest on
small test files with `RUNS_API_SHARED_SPECS` naming an empty folder (the only place looked at
when it is set)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

WHOLE_MODULE = """\
from conftest import find_shared_specs

SPECS = find_shared_specs()  # at import: every test here needs them


def test_one():
    assert (SPECS / "trigger").is_dir()


def test_two():
    assert (SPECS / "oai").is_dir()
"""
EACH_TEST = """\
from conftest import SHARED_SPECS, find_shared_specs, needs_specs


@needs_specs
def test_marked():
    assert (SHARED_SPECS / "trigger").is_dir()


def test_fixture(shared_specs):
    assert (shared_specs / "trigger").is_dir()


def test_asks_while_running():
    assert (find_shared_specs() / "trigger").is_dir()


def test_without_specs():
    assert True
"""


def _pytest(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    (tmp_path / "empty").mkdir(exist_ok=True)
    (tmp_path / "test_whole_module.py").write_text(WHOLE_MODULE)
    (tmp_path / "test_each_test.py").write_text(EACH_TEST)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["RUNS_API_SHARED_SPECS"] = str(tmp_path / "empty")
    env["PYTHONPATH"] = str(REPO / "tests")
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"), "-p", "conftest"]
    command += ["-p", "no:cacheprovider", "-q", "test_whole_module.py", "test_each_test.py"]
    return subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow  # pytest in a subprocess (the quick run keeps under a minute)
def test_without_the_specs_their_tests_are_skipped_with_one_line(tmp_path):
    result = _pytest(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    about_specs = [line for line in lines if "real specs" in line]
    assert len(about_specs) == 1, result.stdout
    assert "SKIPPED [5]" in about_specs[0] and "../shared/specs" in about_specs[0]
    assert "RUNS_API_SHARED_SPECS" in about_specs[0]
    assert lines[-1].startswith("1 passed, 5 skipped"), result.stdout


@pytest.mark.slow  # pytest in a subprocess (the quick run keeps under a minute)
def test_under_ci_missing_specs_are_an_error_not_a_skip(tmp_path):
    result = _pytest(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    summary = result.stdout.splitlines()[-1]
    assert "skipped" not in summary and "1 passed" in summary, result.stdout
    assert "under CI=true they must be there" in result.stdout
