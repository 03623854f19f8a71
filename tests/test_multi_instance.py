"""Several specs in one site: the plugin listed once per spec, each instance with its own
prefix and nav section, the stylesheet and script once, no page or process of one instance
mixed up with the other's."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml
from conftest import (
    EXAMPLE_SITE,
    TAB_EXTENSIONS,
    assert_built,
    find_shared_specs,
    mkdocs_build,
    needs_specs,
    operation_pages,
    quick_first,
)

from mkdocs_runs_api.build.assets import CSS_URI, JS_URI, asset_sources
from mkdocs_runs_api.layout.prefixes import overlaps, prefix_collision
from mkdocs_runs_api.render import builtin_templates_dir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import synthetic_spec  # noqa: E402

ROOT_LINK = re.compile(r'href="[^"]*assets/runs-api/runs-api\.css"')
SCRIPT = re.compile(r'src="[^"]*assets/runs-api/runs-api\.js"')


def small_spec(title: str, summary: str) -> dict:
    """One operation at `/api/v1/runs` with operationId `listRuns` (the same in both specs),
    a schema tree and an example: a page with deferred HTML and code blocks."""
    schema = {"type": "object", "properties": {"id": {"type": "string", "description": title}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1"},
        "tags": [{"name": "runs"}],
        "servers": [{"url": "https://example.com"}],
        "paths": {
            "/api/v1/runs": {
                "get": {
                    "operationId": "listRuns",
                    "summary": summary,
                    "tags": ["runs"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": schema, "example": {"id": "r1"}}
                            },
                        }
                    },
                }
            }
        },
    }


def write_multi_site(root: Path, instances: list[dict], specs: dict[str, dict], **extra) -> Path:
    """A site with one runs-api entry per item of `instances`, its specs written as YAML."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    for name, spec in specs.items():
        (root / name).write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    config = {
        "site_name": "Two APIs",
        "theme": {"name": "material"},
        "plugins": ["search", *({"runs-api": options} for options in instances)],
        "markdown_extensions": [*TAB_EXTENSIONS, "pymdownx.highlight"],
        **extra,
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


TWO_SPECS = {
    "runs.yaml": small_spec("Runs API", "List runs (runs)"),
    "management.yaml": small_spec("Management API", "List runs (management)"),
}


def nav_titles(page: Path) -> list[str]:
    return re.findall(r'md-ellipsis">\s*([^<]*?)\s*<', page.read_text(encoding="utf-8"))


def test_two_instances_build_side_by_side(tmp_path):
    write_multi_site(
        tmp_path,
        [
            {"spec": "runs.yaml", "nav_title": "Runs API"},
            {"spec": "management.yaml", "prefix": "management", "nav_title": "Management API"},
        ],
        TWO_SPECS,
    )
    result = mkdocs_build(tmp_path)
    assert_built(result)
    site = tmp_path / "site"
    pages = operation_pages(site)
    built = sorted(p.relative_to(site).as_posix() for p in pages["GET /api/v1/runs"])
    assert built == ["api/runs/list-runs/index.html", "management/runs/list-runs/index.html"]
    for folder, own, other in (("api", "runs", "management"), ("management", "management", "runs")):
        html = (site / folder / "runs" / "list-runs" / "index.html").read_text(encoding="utf-8")
        main = html.split('<article class="md-content__inner', 1)[1]
        assert f"List runs ({own})" in main and f"List runs ({other})" not in main
        assert 'data-property="id"' in main, "the instance's schema tree is in its own page"
        assert 'class="highlight"' in main, "the instance's code blocks are in its own page"
        assert "data-runs-api-block" not in html, "every deferred block was put back"
    for page in sorted(site.rglob("*.html")):
        if page.name in ("404.html", "oauth2-redirect.html"):  # not the theme's pages
            continue
        text = page.read_text(encoding="utf-8")
        assert len(ROOT_LINK.findall(text)) == 1, page
        assert len(SCRIPT.findall(text)) == 1, page
    titles = nav_titles(site / "index.html")
    assert titles.index("Runs API") < titles.index("Management API")
    assert "List runs (runs)" in titles and "List runs (management)" in titles
    llms = (site / "llms.txt").read_text(encoding="utf-8")  # one for the site, both APIs in it
    assert "(management/index.html): 1 operation, each with a Markdown page" in llms
    for twin in ("api/runs/list-runs/index.md", "management/runs/list-runs/index.md"):
        assert f"({twin})" in llms or f"/{twin})" in llms, llms
        assert (site / twin).is_file()


@pytest.mark.slow  # the quick run has a sibling case
def test_nav_entries_name_each_instances_prefix(tmp_path):
    write_multi_site(
        tmp_path,
        [{"spec": "runs.yaml"}, {"spec": "management.yaml", "prefix": "/management/"}],
        TWO_SPECS,
        nav=[{"Home": "index.md"}, {"Management": "management/"}, {"Runs": "api/"}],
    )
    result = mkdocs_build(tmp_path)
    assert_built(result)
    titles = nav_titles(tmp_path / "site" / "index.html")
    assert "API reference" not in titles, "both entries were filled, none appended"
    assert titles.index("Management") < titles.index("List runs (management)")
    assert titles.index("List runs (management)") < titles.index("Runs")
    assert titles.index("Runs") < titles.index("List runs (runs)")


@pytest.mark.parametrize(
    ("second", "how"),
    quick_first(
        [("api", "both have prefix 'api'"), ("api/v2", "one inside the other"), ("", "inside")]
    ),
)
def test_colliding_prefixes_are_a_one_line_config_error(tmp_path, second, how):
    write_multi_site(
        tmp_path, [{"spec": "runs.yaml"}, {"spec": "management.yaml", "prefix": second}], TWO_SPECS
    )
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert "'runs-api' and 'runs-api #2'" in errors[0] and how in errors[0]
    assert "prefix" in errors[0] and not (tmp_path / "site").exists()


def test_prefix_overlap():
    assert overlaps("api", "/api/") and overlaps("api", "api/v2") and overlaps("", "api")
    assert not overlaps("api", "api2") and not overlaps("api/v1", "api/v2")
    assert prefix_collision("runs-api #3", "b", [("runs-api", "a"), ("runs-api #2", "c")]) is None
    message = prefix_collision("runs-api #3", "c/d", [("runs-api", "a"), ("runs-api #2", "c")])
    assert message.startswith("mkdocs.yml: plugins 'runs-api #2' and 'runs-api #3'")
    assert "\n" not in message


def test_assets_come_from_the_first_custom_templates_that_has_them(tmp_path):
    for folder, text in (("one", None), ("two", "/* two */"), ("three", "/* three */")):
        (tmp_path / folder).mkdir()
        if text:
            (tmp_path / folder / "runs-api.css").write_text(text, encoding="utf-8")
    (tmp_path / "four").mkdir()
    (tmp_path / "four" / "runs-api.css").write_text("/* two */", encoding="utf-8")
    folders = [(f"i{n}", str(tmp_path / f)) for n, f in enumerate(("one", "two", "three", "four"))]
    css, js, console_js, console_css, redirect = asset_sources([("i-", None), *folders])
    assert (css.uri, css.path) == (CSS_URI, tmp_path / "two" / "runs-api.css")
    assert css.unused == [("i2", tmp_path / "three" / "runs-api.css")], "same text: no warning"
    assert (js.uri, js.path, js.unused) == (JS_URI, builtin_templates_dir() / "runs-api.js", [])
    assert (console_js.path, console_css.path, redirect.path) == (
        builtin_templates_dir() / "try-it.js",
        builtin_templates_dir() / "try-it.css",
        builtin_templates_dir() / "oauth2-redirect.html",
    )


def run_check(*args) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "check", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow  # the quick run has a sibling case
def test_check_docs_counts_every_instances_operations(tmp_path):
    specs = {
        **TWO_SPECS,
        "split.yaml": {
            **small_spec("Split", "Split"),
            "paths": {
                "/a": {"get": {"tags": ["a"], "responses": {"200": {"description": "ok"}}}},
                "/b": {"get": {"tags": ["b"], "responses": {"200": {"description": "ok"}}}},
                "/c": {"get": {"tags": ["c"], "responses": {"200": {"description": "ok"}}}},
            },
        },
    }
    write_multi_site(
        tmp_path,
        [
            {"spec": "runs.yaml"},
            {"spec": "management.yaml", "prefix": "m", "exclude_operations": ["listRuns"]},
            {"spec": "split.yaml", "prefix": "a", "include_tags": ["a"]},
            {"spec": "split.yaml", "prefix": "b", "include_tags": ["b"]},
            {"spec": "split.yaml", "prefix": "off", "enabled": False},
        ],
        specs,
    )
    findings = run_check(
        *(tmp_path / name for name in specs), "--docs", tmp_path, "--format", "json"
    )
    undocumented = sorted(
        (Path(f["file"]).name, f["operation"])
        for f in findings
        if f["rule"] == "operation-undocumented"
    )
    assert undocumented == [("management.yaml", "GET /api/v1/runs"), ("split.yaml", "GET /c")]


def _processes_with(marker: str) -> dict[str, str]:
    """Live processes whose environment holds `marker` (what a build started): pid -> command
    line."""
    found = {}
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                cmdline = (environ.parent / "cmdline").read_bytes()
                found[environ.parent.name] = cmdline.replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
    return found


def build_watching_processes(root: Path):
    """`mkdocs build --strict` in `root`; every process it ran (pid -> command line, sampled
    while it ran) and those still alive after it."""
    marker = f"runs-api-test-{uuid.uuid4()}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RUNS_API_TEST_MARKER": marker}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    build = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    seen: dict[str, str] = {}
    while build.poll() is None:
        seen.update(_processes_with(marker))
        time.sleep(0.05)
    stdout, stderr = build.communicate(timeout=60)
    result = subprocess.CompletedProcess(command, build.returncode, stdout, stderr)
    time.sleep(0.5)
    return result, seen, _processes_with(marker)


@pytest.mark.slow  # 420 pages
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux")
def test_two_big_instances_fork_their_workers_and_warn_once_about_the_nav(tmp_path):
    specs = {"one.yaml": synthetic_spec(210), "two.yaml": synthetic_spec(210)}
    write_multi_site(
        tmp_path,
        [{"spec": "one.yaml"}, {"spec": "two.yaml", "prefix": "two"}],
        specs,
        theme={"name": "mkdocs"},
    )
    result, seen, leftovers = build_watching_processes(tmp_path)
    assert leftovers == {}
    builds = [pid for pid, command in seen.items() if command.endswith("mkdocs build --strict")]
    assert len(builds) >= 3, f"the build and each instance's render worker: {seen}"
    code = [pid for pid, command in seen.items() if "build.code_html" in command]
    assert len(code) == 2, f"each instance's code block worker: {seen}"
    assert result.returncode == 0, "the nav advice does not fail --strict"
    advice = [line for line in result.stderr.splitlines() if "operations in the nav" in line]
    assert len(advice) == 1 and "INFO" in advice[0] and "420 operations" in advice[0], advice
    pages = operation_pages(tmp_path / "site")
    assert len(pages) == 210 and {len(both) for both in pages.values()} == {2}
    assert len(list((tmp_path / "site" / "two").rglob("index.html"))) == 221


@needs_specs
@pytest.mark.slow  # a real site of 69 operations
def test_trigger_two_specs_build_together_with_material(tmp_path):
    docs = find_shared_specs() / "trigger" / "docs"
    example = yaml.safe_load((EXAMPLE_SITE / "mkdocs.yml").read_text(encoding="utf-8"))
    for name in ("v3-openapi.yaml", "openapi.yml"):
        (tmp_path / name).write_text((docs / name).read_text(encoding="utf-8"), encoding="utf-8")
    completeness = {
        "completeness": True,
        "fail_on": "error",
        "rules": {"example-invalid": "warning"},  # three version examples are numbers
    }
    config = {
        "site_name": "Trigger.dev",
        "theme": example["theme"],
        "markdown_extensions": example["markdown_extensions"],
        "plugins": [
            "search",
            {"runs-api": {"spec": "v3-openapi.yaml", "checks": completeness}},
            {
                "runs-api": {
                    "spec": "openapi.yml",
                    "prefix": "management",
                    "nav_title": "Management API",
                    "checks": completeness,
                }
            },
        ],
    }
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trigger.dev\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result, _, leftovers = build_watching_processes(tmp_path)
    assert_built(result)
    assert leftovers == {}
    site = tmp_path / "site"
    per_prefix = {"api": 0, "management": 0}
    for hook, pages in operation_pages(site).items():
        assert len(pages) == 1, (hook, pages)
        per_prefix[pages[0].relative_to(site).parts[0]] += 1
    assert per_prefix == {"api": 66, "management": 3}
    summaries = [line for line in result.stderr.splitlines() if "completeness of" in line]
    assert [line.rsplit("(", 1)[1] for line in summaries] == [
        "runs-api, v3-openapi.yaml)",
        "runs-api #2, openapi.yml)",
    ]
    assert all(" 0 missing" in line for line in summaries), summaries
    css = [p for p in site.rglob("runs-api.css")]
    assert [p.relative_to(site).as_posix() for p in css] == ["assets/runs-api/runs-api.css"]


@pytest.mark.slow  # a real `mkdocs serve` and a rebuild
def test_serve_rebuilds_each_instance_from_its_own_cache(tmp_path):
    from test_serve import _wait_for, start_serve

    write_multi_site(
        tmp_path,
        [{"spec": "runs.yaml"}, {"spec": "management.yaml", "prefix": "management"}],
        TWO_SPECS,
    )
    server, base = start_serve(tmp_path)
    try:
        _wait_for(base + "management/runs/list-runs/", "List runs (management)", server)
        spec = tmp_path / "management.yaml"
        spec.write_text(spec.read_text().replace("(management)", "(EDITED)"), encoding="utf-8")
        _wait_for(base + "management/runs/list-runs/", "List runs (EDITED)", server)
        assert "List runs (runs)" in _wait_for(base + "api/runs/list-runs/", "(runs)", server)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    rendered = [
        line.split("mkdocs_runs_api: ", 1)[-1] for line in output.splitlines() if "rendered" in line
    ]
    tail = "operation pages rendered, the rest taken from the last build"
    assert rendered[-2:] == [
        f"0 of 1 {tail} (runs-api, runs.yaml)",
        f"1 of 1 {tail} (runs-api #2, management.yaml)",
    ], output
    assert "WARNING" not in output and "Traceback" not in output, output
