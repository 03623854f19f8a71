"""The generated tree built by the real tools: Zensical (which runs no MkDocs plugins) builds
what `generate` wrote; ProperDocs (a maintained MkDocs 1.6 fork) and MkDocs build the same
site in plugin mode, the plugin taking the generated files' place. Both tools are in the
`test` extra, in the same environment as MkDocs."""

from __future__ import annotations

import functools
import gc
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import (
    EXAMPLE_SITE,
    TAB_EXTENSIONS,
    assert_built,
    copy_tree,
    find_shared_specs,
    in_ci,
    mkdocs_build,
    operation_pages,
    write_site,
)
from try_it_servers import fault_server

from mkdocs_runs_api.cli import main
from mkdocs_runs_api.generate.site import read_site, read_sites

pytestmark = pytest.mark.slow
TRIGGER = find_shared_specs() / "trigger" / "docs" / "v3-openapi.yaml"
NAV_LINK = re.compile(r'<a href="([^"]+)" class="md-nav__link')


@pytest.fixture(autouse=True)
def _unfrozen():
    """`generate` runs in this process here: undo the `gc.freeze` its one-shot pipeline does
    (`build.pipeline.collector_paused`), which a process that exits never needs to undo."""
    yield
    gc.unfreeze()


def tool(name: str) -> str:
    """The tool's executable beside this Python (the `test` extra installs it)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        message = f"{name} is not installed beside {sys.executable}: pip install -e '.[test]'"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def example_site(tmp_path: Path) -> Path:
    return copy_tree(EXAMPLE_SITE, tmp_path / "site")


def trigger_site(tmp_path: Path) -> Path:
    root = tmp_path / "trigger"
    root.mkdir()
    shutil.copy(TRIGGER, root / "v3-openapi.yaml")
    write_site(
        root,
        "v3-openapi.yaml",
        plugin_options={"nav_operations": True},
        nav=[{"Home": "index.md"}, {"API": "api/"}],
        extra={"markdown_extensions": [*TAB_EXTENSIONS, "md_in_html"]},
    )
    return root


def expected_operations(root: Path) -> dict[str, str]:
    """`METHOD /path` -> the operation page's URL folder, as `generate` lays them out."""
    from mkdocs_runs_api.build.pipeline import generate_reference

    site = read_site(root / "mkdocs.yml")
    layout = generate_reference(site.spec, site.options, one_shot=True).layout
    return {page.operation.key: page.src_uri.removesuffix(".md") + "/" for page in layout.pages}


def assert_reference_built(site_dir: Path, operations: dict[str, str]) -> None:
    """One page per operation, cURL tabs rendered as tabs, every operation in the nav."""
    pages = operation_pages(site_dir)
    for key, url in operations.items():
        assert [p.relative_to(site_dir).as_posix() for p in pages.get(key, [])] == [
            url + "index.html"
        ], key
    first = (site_dir / next(iter(operations.values())) / "index.html").read_text()
    assert re.search(r'class="tabbed-set tabbed-alternate"', first)
    labels = re.search(r'<div class="tabbed-labels">(.*?)</div>', first)
    assert labels and re.search(r'<label for="__tabbed_\d+_\d+">cURL</label>', labels.group(1))
    assert "=== " not in first
    home = (site_dir / "index.html").read_text()
    in_nav = {href.removeprefix("./") for href in NAV_LINK.findall(home)}
    assert set(operations.values()) <= in_nav, set(operations.values()) - in_nav


@pytest.mark.parametrize("make_site", [example_site, trigger_site], ids=["example", "trigger"])
def test_zensical_builds_the_generated_tree(tmp_path, make_site):
    zensical = tool("zensical")
    root = make_site(tmp_path)
    assert main(["generate", "-f", str(root / "mkdocs.yml")]) == 0
    operations = expected_operations(root)
    assert len(operations) == (8 if make_site is example_site else 66)
    result = run([zensical, "build"], root)
    assert "Error" not in result.stdout + result.stderr
    assert_reference_built(root / "site", operations)
    page = (root / "site" / next(iter(operations.values())) / "index.html").read_text()
    assert '<link rel="stylesheet" href="../../runs-api.css">' in page
    assert '<script src="../../runs-api.js">' in page
    assert (root / "site" / "api" / "runs-api.css").read_text().startswith("/* runs_api_gen")
    assert '<div class="runs-api-prop"' in page  # the schema trees, inline HTML
    assert '<div class="runs-api-panes">\n<aside class="runs-api-aside"' in page
    assert "data-runs-api-panes" not in page and "data-runs-api-block" not in page


@pytest.mark.parametrize("generated", [False, True], ids=["plugin", "plugin-over-generated"])
def test_properdocs_builds_in_plugin_mode(tmp_path, generated):
    properdocs = tool("properdocs")
    root = example_site(tmp_path)
    if generated:
        assert main(["generate", "-f", str(root / "mkdocs.yml")]) == 0
    result = run([properdocs, "build", "--strict", "-f", "mkdocs.yml"], root)
    assert "WARNING" not in result.stderr and "Keeping your docs page" not in result.stderr
    operations = expected_operations(root)
    assert_reference_built(root / "site", operations)
    assert not (root / "site" / "api" / "runs-api.css").exists()  # the plugin's copy only
    home = (root / "site" / "index.html").read_text()
    assert home.count('href="api/runs/list-runs/"') == 1  # listed once


def test_mkdocs_plugin_mode_replaces_generated_files_quietly(tmp_path):
    """Back to the plugin after `generate`, and after an operation was dropped: the stale
    generated page is not built, the others are the plugin's, the nav lists each once."""
    root = example_site(tmp_path)
    assert main(["generate", "-f", str(root / "mkdocs.yml")]) == 0
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      spec: openapi.yaml\n",
            "      spec: openapi.yaml\n      exclude_operations: ['POST /api/v1/runs/*/tags']\n",
        )
    )
    result = mkdocs_build(root)
    assert_built(result)
    assert "Keeping your docs page" not in result.stderr
    site_dir = root / "site"
    assert not (site_dir / "api" / "tags" / "add-run-tags").exists()
    page = (site_dir / "api" / "runs" / "list-runs" / "index.html").read_text()
    assert page.count("runs-api.css") == 1 and "assets/runs-api/runs-api.css" in page
    assert '<div class="runs-api-panes">' in page  # the plugin's page, not the generated one
    assert (site_dir / "index.html").read_text().count('href="api/runs/list-runs/"') == 1


def test_zensical_page_in_a_browser(tmp_path):
    """The generated trace page as Zensical built it, in Debian's Chromium: the panes side by
    side, a sample tab that switches, the schema tree's "Expand all" (runs-api.js) working,
    the try-it console sending, and no script errors."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, _QuietHandler

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    root = example_site(tmp_path)
    assert main(["generate", "-f", str(root / "mkdocs.yml")]) == 0
    run([tool("zensical"), "build"], root)
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/api/traces/retrieve-run-trace/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                _check_page(browser.new_page(viewport=VIEWPORT), url)
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def _check_page(page, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    aside = page.locator("aside.runs-api-aside").bounding_box()
    main_pane = page.locator(".runs-api-main").bounding_box()
    assert aside and main_pane and aside["x"] > main_pane["x"] + main_pane["width"] / 2
    tabs = page.locator("aside .tabbed-set").first
    python = tabs.locator(".tabbed-block").nth(1)
    assert not python.is_visible()
    tabs.locator("label", has_text="Python").first.click()
    assert python.is_visible()
    tree = page.locator(".runs-api-tree").filter(has=page.locator("details")).first
    hidden = tree.locator("details [data-property]").first
    assert not hidden.is_visible()
    tree.locator(".runs-api-tree__controls button", has_text="Expand all").click()
    assert hidden.is_visible()
    with fault_server() as api:  # the console: its script and data came through the tool too
        page.click("[data-try-it]")
        page.fill("[data-try-it-server]", api.base_url)
        page.click("[data-try-it-send]")
        page.wait_for_selector("[data-try-it-status]")
        assert page.get_attribute("[data-try-it-status]", "data-try-it-status") == "200"
        assert api.received[-1]["target"] == "/api/v1/runs/run_1234/trace"
    assert errors == []


def test_properdocs_strict_counts_the_plugins_warnings(tmp_path):
    """ProperDocs loads the plugin from MkDocs' entry point group and runs it on the `mkdocs`
    package installed beside it; the plugin's WARNINGs still abort `--strict`."""
    root = example_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - pymdownx.tabbed: {alternate_style: true}\n", "")
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [tool("properdocs"), "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 1
    assert "WARNING -  mkdocs_runs_api: Code sample tabs need Markdown extensions" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def trigger_two_specs_site(tmp_path: Path) -> Path:
    """Trigger.dev's two specs in one site, as its `docs.json` lists them: the v3 REST API
    under `api/`, the older events API under `events/`."""
    root = trigger_site(tmp_path)
    shutil.copy(TRIGGER.parent / "openapi.yml", root / "openapi.yml")
    config = root / "mkdocs.yml"
    data = yaml.safe_load(config.read_text())
    data["plugins"].append({"runs-api": {"spec": "openapi.yml", "prefix": "events"}})
    data["plugins"][1]["runs-api"]["nav_title"] = "Management API"
    data["plugins"][2]["runs-api"]["nav_title"] = "Events API"
    data["nav"] = [{"Home": "index.md"}, {"Management API": "api/"}, {"Events API": "events/"}]
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    return root


def instances_operations(root: Path) -> list[dict[str, str]]:
    """For each runs-api instance: `METHOD /path` -> its operation page's URL folder."""
    from mkdocs_runs_api.build.pipeline import generate_reference

    found = []
    for site in read_sites(root / "mkdocs.yml"):
        layout = generate_reference(site.spec, site.options, one_shot=True).layout
        found.append({p.operation.key: p.src_uri.removesuffix(".md") + "/" for p in layout.pages})
    return found


def assert_both_references_built(site_dir: Path, instances: list[dict[str, str]]) -> None:
    """Each instance's operations, each one page in its own folder, all in the nav."""
    pages = operation_pages(site_dir)
    home = (site_dir / "index.html").read_text()
    in_nav = {href.removeprefix("./") for href in NAV_LINK.findall(home)}
    for operations in instances:
        for key, url in operations.items():
            built = [p.relative_to(site_dir).as_posix() for p in pages.get(key, [])]
            assert url + "index.html" in built, key
            assert url in in_nav, url
    assert sum(len(paths) for paths in pages.values()) == sum(map(len, instances))


@pytest.mark.parametrize("tool_name", ["zensical", "properdocs"])
def test_trigger_two_specs_build_with_each_tool(tmp_path, tool_name):
    """Zensical over the generated files of both instances; ProperDocs in plugin mode."""
    command = tool(tool_name)
    root = trigger_two_specs_site(tmp_path)
    instances = instances_operations(root)
    assert [len(operations) for operations in instances] == [66, 3]
    if tool_name == "zensical":
        assert main(["generate", "-f", str(root / "mkdocs.yml")]) == 0
        assert main(["generate", "-f", str(root / "mkdocs.yml"), "--check"]) == 0
        config = (root / "mkdocs.yml").read_text()
        assert config.count("runs-api.css") == 1 and "# runs-api generated nav of events/" in config
        result = run([command, "build"], root)
        assert "Error" not in result.stdout + result.stderr
    else:
        result = run([command, "build", "--strict"], root)
        assert "WARNING" not in result.stderr
    assert_both_references_built(root / "site", instances)
