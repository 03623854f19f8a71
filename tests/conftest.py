"""Shared helpers: where the real specs are, building a site, reading what was built."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example-site"
TAB_EXTENSIONS = ["pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}}]


def find_shared_specs() -> Path:
    """`../shared/specs` beside the repo (or `RUNS_API_SHARED_SPECS`)."""
    candidates = [
        os.environ.get("RUNS_API_SHARED_SPECS"),
        REPO.parent / "shared" / "specs",
        Path("/work/shared/specs"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate, "trigger").is_dir():
            return Path(candidate)
    pytest.fail(
        "the real specs are missing: expected ../shared/specs beside the repository "
        "(or set RUNS_API_SHARED_SPECS)"
    )


@pytest.fixture(scope="session")
def shared_specs() -> Path:
    return find_shared_specs()


def write_site(
    root: Path,
    spec: Path | str,
    *,
    theme: str = "material",
    nav=None,
    plugin_options: dict | None = None,
    extra: dict | None = None,
) -> Path:
    """A minimal MkDocs site in `root` using the plugin on `spec`; returns mkdocs.yml's path."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    config = {
        "site_name": "Test site",
        "theme": {"name": theme},
        "plugins": ["search", {"runs-api": {"spec": str(spec), **(plugin_options or {})}}],
        "markdown_extensions": TAB_EXTENSIONS,
    }
    if nav is not None:
        config["nav"] = nav
    config.update(extra or {})
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(
    root: Path, *extra_args: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in `root` as a user would (`env` adds variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra_args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def assert_built(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr


class _TextAndHooks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hooks: list[str] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self._in_heading = 0
        self._heading: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "data-operation":
                self.hooks.append(value)
        if tag in ("h2", "h3", "h4"):
            self._in_heading += 1
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4") and self._in_heading:
            self._in_heading -= 1
            self.headings.append("".join(self._heading).strip())

    def handle_data(self, data):
        self.text.append(data)
        if self._in_heading:
            self._heading.append(data)


def read_page(path: Path) -> _TextAndHooks:
    parser = _TextAndHooks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def operation_pages(site_dir: Path) -> dict[str, list[Path]]:
    """`METHOD /path` -> the built HTML pages carrying that `data-operation` hook."""
    pages: dict[str, list[Path]] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        for hook in set(read_page(html_file).hooks):
            pages.setdefault(hook, []).append(html_file)
    return pages


def spec_operations(spec: dict) -> list[tuple[str, str, dict, dict]]:
    """`(METHOD, path, operation, path item)` for every operation of a (single-file) spec."""
    result = []
    for path, item in (spec.get("paths") or {}).items():
        item = resolve_local(spec, item)
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            if method in item:
                result.append((method.upper(), path, item[method], item))
    return result


def resolve_local(spec: dict, value):
    """Follow a local `$ref` in a single-file spec."""
    while isinstance(value, dict) and "$ref" in value:
        node = spec
        for part in value["$ref"].lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        value = node
    return value


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site"))
    return target


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text)
