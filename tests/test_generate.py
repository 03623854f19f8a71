"""`mkdocs-runs-api generate`: the files it owns, idempotency, `--check`, config errors, and
the in-place edits of `mkdocs.yml` (quick: no site is built; see test_generate_tools.py)."""

from __future__ import annotations

import gc
import json
import textwrap

import pytest
from conftest import EXAMPLE_SITE, copy_tree

from mkdocs_runs_api.cli import main
from mkdocs_runs_api.generate.owned import is_owned
from mkdocs_runs_api.generate.switch import collapse_generated_nav
from mkdocs_runs_api.generate.yaml_text import add_link, nav_markers, set_nav

NAV_BEGIN, NAV_END = nav_markers("api")


@pytest.fixture(autouse=True)
def _unfrozen():
    """`generate` runs in this process here: undo the `gc.freeze` its one-shot pipeline does
    (`build.pipeline.collector_paused`), which a process that exits never needs to undo."""
    yield
    gc.unfreeze()


@pytest.fixture
def site(tmp_path):
    return copy_tree(EXAMPLE_SITE, tmp_path / "site")


def generate(site, *args: str) -> int:
    return main(["generate", "-f", str(site / "mkdocs.yml"), *args])


def snapshot(site) -> dict:
    """Every file of the site's docs and mkdocs.yml: text and modification time."""
    files = [site / "mkdocs.yml", *sorted((site / "docs").rglob("*.*"))]
    return {p: (p.read_text(encoding="utf-8"), p.stat().st_mtime_ns) for p in files}


def test_generate_writes_marked_pages_assets_and_nav(site, capsys):
    assert generate(site) == 0
    api = site / "docs" / "api"
    pages = sorted(api.rglob("*.md"))
    assert len(pages) == 13  # overview, 4 tag pages, 8 operations
    assert all(p.read_text().startswith("---\nruns_api_generated: ") for p in pages)
    assert (api / "runs-api.css").read_text().startswith("/* runs_api_generated: ")
    assert (api / "runs-api.js").read_text().startswith("// runs_api_generated: ")
    assert (api / "try-it.js").read_text().startswith("// runs_api_generated: ")
    consoles = sorted(api.rglob("*.try-it.json"))
    assert len(consoles) == 8 and all(is_owned(p) for p in consoles)
    assert json.loads(consoles[0].read_text())["runs_api_generated"]
    assert "try-it.js" not in (site / "mkdocs.yml").read_text(), "runs-api.js loads it"
    assert not is_owned(site / "docs" / "index.md")
    config = (site / "mkdocs.yml").read_text()
    assert "  - Guides:\n      - Getting started: getting-started.md\n" in config
    assert "- API reference: api/\n" not in config
    assert f"  {NAV_BEGIN}\n  - API reference:\n    - api/index.md\n" in config
    assert "        - List runs: api/runs/list-runs.md\n" in config
    assert "extra_css:\n  - api/runs-api.css" in config
    assert "extra_javascript:\n  - api/runs-api.js" in config
    assert "docs/api: updated" in capsys.readouterr().out


def test_plugin_options_are_read(site):
    """`prefix` and `custom_templates` from the plugin entry: the site's own stylesheet."""
    (site / "overrides").mkdir()
    (site / "overrides" / "runs-api.css").write_text(".mine {}\n")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace(
            "      spec: openapi.yaml\n",
            "      spec: openapi.yaml\n      prefix: reference\n"
            "      custom_templates: overrides\n",
        )
        .replace("- API reference: api/", "- API reference: reference/")
    )
    assert generate(site) == 0
    css = site / "docs" / "reference" / "runs-api.css"
    assert css.read_text().endswith("*/\n.mine {}\n")
    assert "runs-api.js" in {p.name for p in css.parent.iterdir()}
    text = config.read_text()
    assert "- reference/runs-api.css" in text and "- List runs: reference/runs/list-runs.md" in text


def test_pages_are_self_contained(site):
    generate(site)
    page = (site / "docs" / "api" / "runs" / "list-runs.md").read_text()
    assert "data-runs-api-block" not in page
    assert '<div class="runs-api-prop"' in page
    assert '=== "cURL"\n\n    ```' in page
    assert '<div class="runs-api-panes" markdown>\n<aside class="runs-api-aside"' in page
    assert "data-runs-api-panes" not in page


def test_without_site_extensions_no_tabs_and_one_column(site, capsys):
    """The pages use what the site's Markdown enables, as the plugin's do."""
    config = site / "mkdocs.yml"
    text = config.read_text()
    for line in ("  - pymdownx.tabbed: {alternate_style: true}\n", "  - md_in_html\n"):
        text = text.replace(line, "")
    config.write_text(text)
    assert generate(site) == 0
    assert "code samples are one after another, not tabs" in capsys.readouterr().out
    page = (site / "docs" / "api" / "runs" / "list-runs.md").read_text()
    assert '=== "cURL"' not in page and "```bash" in page
    assert '<div data-runs-api-panes="open"></div>' in page  # inert markers: one column


def test_second_run_changes_nothing(site, capsys):
    generate(site)
    before = snapshot(site)
    capsys.readouterr()
    assert generate(site) == 0
    assert snapshot(site) == before
    assert capsys.readouterr().out.splitlines() == ["docs/api: already up to date"]


def test_check_exit_codes_after_spec_edit_and_after_generate(site, capsys):
    assert generate(site, "--check") == 1
    assert not (site / "docs" / "api").exists()
    generate(site)
    assert generate(site, "--check") == 0
    spec = site / "openapi.yaml"
    spec.write_text(spec.read_text().replace("summary: List runs", "summary: List all runs"))
    before = snapshot(site)
    capsys.readouterr()
    assert generate(site, "--check") == 1
    assert snapshot(site) == before
    out = capsys.readouterr().out
    assert "would write docs/api/runs/list-runs.md" in out
    assert "would update" in out and out.rstrip().endswith("docs/api: stale")
    assert generate(site) == 0
    assert generate(site, "--check") == 0
    assert "- List all runs: api/runs/list-runs.md" in (site / "mkdocs.yml").read_text()


def test_gone_operation_page_is_removed(site, capsys):
    generate(site)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      spec: openapi.yaml\n",
            "      spec: openapi.yaml\n      exclude_operations: ['POST /api/v1/runs/*/tags']\n",
        )
    )
    capsys.readouterr()
    assert generate(site) == 0
    assert "remove docs/api/tags/add-run-tags.md (no longer generated)" in capsys.readouterr().out
    assert not (site / "docs" / "api" / "tags").exists()  # its tag page went too, and the folder
    assert "add-run-tags" not in config.read_text()
    assert generate(site, "--check") == 0


def test_user_page_at_a_generated_path_is_kept(site, capsys):
    mine = site / "docs" / "api" / "runs" / "list-runs.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own list runs page\n")
    assert generate(site) == 0
    assert mine.read_text() == "# My own list runs page\n"
    assert "kept your docs/api/runs/list-runs.md: it has no `runs_api_generated` marker" in (
        capsys.readouterr().out
    )
    assert generate(site, "--check") == 0  # a kept page is not staleness
    assert generate(site) == 0
    assert mine.read_text() == "# My own list runs page\n"  # and is never removed


@pytest.mark.parametrize(
    ("plugins", "error"),
    [
        ("plugins: [search]", "mkdocs.yml: no `runs-api` entry under `plugins:`"),
        (
            "plugins:\n  - runs-api: {spec: openapi.yaml, group_by: bogus}",
            "mkdocs.yml: plugins.runs-api: group_by: Expected one of: ('tag', 'path', 'none')",
        ),
        ("plugins:\n  - runs-api: {spec: missing.yaml}", "plugins.runs-api: spec: The path "),
    ],
)
def test_config_errors_are_one_line_exit_2(tmp_path, monkeypatch, capsys, plugins, error):
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\n{plugins}\n")
    (tmp_path / "openapi.yaml").write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mkdocs-runs-api: error: ")
    assert error in err


def test_missing_config_file_is_one_line(tmp_path, capsys):
    assert main(["generate", "-f", str(tmp_path / "nope.yml")]) == 2
    assert "nope.yml: file not found. Run in the site's folder" in capsys.readouterr().err


CONFIG = """\
site_name: x   # my site
nav:
- Home: index.md   # first
- "API": api/
# a comment the user keeps
- About: about.md
extra_css: [my.css]
"""


def test_nav_entry_replaced_in_place_keeping_the_rest():
    entry = {"API reference": ["api/index.md", {"List": "api/list.md"}]}
    text = add_link(set_nav(CONFIG, entry, "api"), "extra_css", "api/runs-api.css")
    assert text == textwrap.dedent(f"""\
        site_name: x   # my site
        nav:
        - Home: index.md   # first
        {NAV_BEGIN}
        - API:
          - api/index.md
          - List: api/list.md
        {NAV_END}
        # a comment the user keeps
        - About: about.md
        extra_css: [my.css, api/runs-api.css]
        """)
    again = {"API reference": ["api/index.md", {"List": "api/list.md"}, {"New": "api/new.md"}]}
    changed = set_nav(text, again, "api")
    assert changed == text.replace(
        "  - List: api/list.md\n", "  - List: api/list.md\n  - New: api/new.md\n"
    )
    assert add_link(changed, "extra_css", "api/runs-api.css") == changed


def test_nav_appended_when_no_entry_points_at_the_prefix():
    text = set_nav("nav:\n  - Home: index.md\nsite_name: x\n", {"API": ["api/index.md"]}, "api")
    assert text.splitlines() == [
        "nav:",
        "  - Home: index.md",
        f"  {NAV_BEGIN}",
        "  - API:",
        "    - api/index.md",
        f"  {NAV_END}",
        "site_name: x",
    ]
    assert set_nav("site_name: x\n", {"API": ["api/index.md"]}, "api") == "site_name: x\n"


def test_flow_style_nav_is_a_one_line_error(site, capsys):
    config = site / "mkdocs.yml"
    text = config.read_text()
    start = text.index("nav:")
    config.write_text(text[:start] + "nav: [index.md, getting-started.md, api/]\n")
    assert generate(site) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mkdocs.yml:21: `nav:` is written on one line" in err
    assert not (site / "docs" / "api").exists()


def test_generated_nav_collapses_for_the_plugin():
    nav = [
        {"Home": "index.md"},
        {"Docs": [{"API": ["api/index.md", {"Tag": ["api/t/index.md"]}]}, "other.md"]},
    ]
    assert collapse_generated_nav(nav, "api") == [
        {"Home": "index.md"},
        {"Docs": [{"API": "api/"}, "other.md"]},
    ]
