"""Material's nav rendered once per folder (`build.nav_cache`): every page of a site built with
the cache is byte for byte the page Material makes without it, in each nav shape Material has
(sections, tabs, indexes, expand, prune, `use_directory_urls: false`), with pages nested in
folders, an index page above pages of another section and an external link; the build says how
many entries it reused; a site's own `partials/nav-item.html` is left to do its work."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import assert_built, mkdocs_build, quick_first, write_site

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "example-site" / "openapi.yaml"
REUSED = re.compile(r"nav entries: (\d+) rendered by the theme, (\d+) reused")

SHAPES = [
    pytest.param([], True, id="plain"),
    pytest.param(
        ["navigation.tabs", "navigation.sections", "navigation.indexes"], False, id="tabs"
    ),
    pytest.param(["navigation.sections", "navigation.expand"], True, id="sections-expand"),
    pytest.param(["navigation.prune", "navigation.indexes"], True, id="prune"),
    pytest.param(["navigation.indexes", "toc.integrate"], False, id="indexes-toc"),
]


def _site(root: Path, features: list[str], directory_urls: bool, nav_cache: bool, **theme) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    shutil.copy(SPEC, root / "openapi.yaml")
    shutil.copytree(SPEC.parent / "schemas", root / "schemas")
    for page, title in [
        ("guides/index.md", "Guides"),
        ("guides/start.md", "Start"),
        ("guides/deep/more.md", "More"),
        ("guides/deep/most.md", "Most"),
        ("about.md", "About"),
    ]:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(f"# {title}\n\n## A heading\n\nText.\n", encoding="utf-8")
    nav = [
        {"Home": "index.md"},
        {"Guides": ["guides/index.md", {"Start": ["guides/start.md"]}]},
        {"Deep": ["guides/deep/more.md", "guides/deep/most.md"]},  # below guides/ (an index)
        {"API reference": "api/"},
        {"About": "about.md"},
        {"Source": "https://example.com/source"},
    ]
    write_site(
        root,
        "openapi.yaml",
        nav=nav,
        plugin_options={"nav_cache": nav_cache},
        extra={
            "use_directory_urls": directory_urls,
            "theme": {"name": "material", "features": features, **theme},
        },
    )
    return root


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize(("features", "directory_urls"), quick_first(SHAPES))
def test_every_page_is_what_material_makes_without_the_cache(tmp_path, features, directory_urls):
    built = {}
    for cached in (True, False):
        root = _site(tmp_path / str(cached), features, directory_urls, cached)
        result = mkdocs_build(root, "--verbose")
        assert_built(result)
        built[cached] = _pages(root / "site"), REUSED.search(result.stderr)
    (cached_pages, counts), (material_pages, none) = built[True], built[False]
    assert none is None, "nav_cache: false still went through the cache"
    assert counts is not None, "the cached build does not say what it reused"
    assert int(counts[2]) > 0, f"nothing was reused: {counts[0]}"
    assert cached_pages.keys() == material_pages.keys()
    differ = [name for name in cached_pages if cached_pages[name] != material_pages[name]]
    assert differ == [], f"{len(differ)} pages differ from Material's, first {differ[:3]}"


def test_a_sites_own_nav_item_template_is_used_and_nothing_is_cached(tmp_path):
    root = _site(tmp_path, [], True, True, custom_dir="overrides")
    overrides = root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "nav-item.html").write_text(
        '{% macro render(nav_item, path, level, parent) %}<li data-own="{{ nav_item.title }}">'
        "</li>{% endmacro %}",
        encoding="utf-8",
    )
    result = mkdocs_build(root, "--verbose")
    assert_built(result)
    assert REUSED.search(result.stderr) is None
    assert 'data-own="Guides"' in (root / "site" / "about" / "index.html").read_text("utf-8")
