"""The wheel ships the top-level `templates/` inside the package, and an installed wheel renders
with them; the editable install finds them in the source tree."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from conftest import REPO

from mkdocs_runs_api.render import builtin_templates_dir


def test_editable_install_finds_the_top_level_templates():
    templates = builtin_templates_dir()
    assert (templates / "operation.md.jinja").is_file()
    assert (templates / "partials" / "schema.md.jinja").is_file()


def test_wheel_contains_templates_and_works_installed(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    wheel = next((tmp_path / "dist").glob("mkdocs_runs_api-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        p.relative_to(REPO).as_posix() for p in (REPO / "templates").rglob("*") if p.is_file()
    }
    assert shipped and {f"mkdocs_runs_api/{name}" for name in shipped} <= names
    entry_points = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith("entry_points.txt")))
        .decode()
    )
    assert "runs-api = mkdocs_runs_api.plugin:RunsApiPlugin" in entry_points
    assert "mkdocs-runs-api = mkdocs_runs_api.cli:main" in entry_points

    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300
    )
    probe = subprocess.run(
        [python, "-c", "from mkdocs_runs_api.render import builtin_templates_dir as d; print(d())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(probe.stdout.strip()).is_relative_to(env_dir), probe.stdout
    spec = REPO / "tests" / "golden" / "variants_nullable" / "spec.yaml"
    render = subprocess.run(
        [env_dir / "bin" / "mkdocs-runs-api", "render", str(spec), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert render.returncode == 0, render.stderr
    assert (
        'data-operation="POST /runs/{runId}/tags"' in (tmp_path / "out/api/add-tags.md").read_text()
    )
