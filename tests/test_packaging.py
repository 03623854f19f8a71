"""The wheel ships the top-level `templates/` inside the package; installed from the wheel with its
real dependencies into a venv of its own (no system site packages), the plugin builds a site, the
CLI renders and the templates are found in the installed package. The editable install finds them
in the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, assert_built, write_site

from mkdocs_runs_api.render import builtin_templates_dir

SPEC = REPO / "tests" / "golden" / "variants_nullable" / "spec.yaml"


def test_editable_install_finds_the_top_level_templates():
    templates = builtin_templates_dir()
    assert (templates / "operation.md.jinja").is_file()
    assert (templates / "partials" / "schema.md.jinja").is_file()


def _build_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(REPO)],
        check=True,
        timeout=300,
    )
    return next(folder.glob("mkdocs_runs_api-*.whl"))


def _check_wheel_contents(wheel: Path) -> None:
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


@pytest.mark.slow  # a venv with every dependency from the package index (pip's cache helps)
def test_wheel_installs_with_its_dependencies_in_an_isolated_venv_and_works(tmp_path):
    wheel = _build_wheel(tmp_path / "dist")
    _check_wheel_contents(wheel)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=True)
    bin_dir = env_dir / "bin"
    # nothing of this checkout or of the test's own environment may leak into the venv
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", NO_MKDOCS_2_WARNING="1")

    def run(*args, cwd: Path = tmp_path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
        )

    installed = run(bin_dir / "python", "-m", "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    checked = run(bin_dir / "python", "-m", "pip", "check")
    assert checked.returncode == 0, checked.stdout

    probe = run(
        bin_dir / "python",
        "-c",
        "import sys, mkdocs_runs_api.render as r; print(r.builtin_templates_dir()); "
        "print(sys.prefix != sys.base_prefix and not any("
        "p.startswith(sys.base_prefix) and 'site-packages' in p for p in sys.path))",
    )
    templates, isolated = probe.stdout.split()
    assert (
        Path(templates).is_relative_to(env_dir) and Path(templates, "operation.md.jinja").is_file()
    )
    assert isolated == "True", "the venv must not see the base interpreter's site-packages"

    site = tmp_path / "site-src"
    write_site(site, SPEC)
    assert_built(run(bin_dir / "mkdocs", "build", "--strict", cwd=site))  # the plugin's entry point
    page = site / "site" / "api" / "add-tags" / "index.html"
    assert 'data-operation="POST /runs/{runId}/tags"' in page.read_text(encoding="utf-8")

    render = run(bin_dir / "mkdocs-runs-api", "render", SPEC, "--out", tmp_path / "out")
    assert render.returncode == 0, render.stderr
    assert (
        'data-operation="POST /runs/{runId}/tags"' in (tmp_path / "out/api/add-tags.md").read_text()
    )
