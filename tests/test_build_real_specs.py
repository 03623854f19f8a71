"""End to end: `mkdocs build --strict` of sites for the real specs; one page per operation,
and every parameter and response status of the spec on that page. Each site is built once for
the whole module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import (
    assert_built,
    find_shared_specs,
    mkdocs_build,
    operation_pages,
    read_page,
    resolve_local,
    spec_operations,
    write_site,
)

pytestmark = pytest.mark.slow  # a site per real spec; Trigger.dev's alone builds in ~10 s

SPECS = find_shared_specs()
TRIGGER = SPECS / "trigger" / "docs" / "v3-openapi.yaml"
REAL_SPECS = [TRIGGER, *sorted((SPECS / "oai").glob("*.yaml"))]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """`built_site(spec)`: the `site/` folder of a site for `spec`, built once per module."""
    sites: dict[Path, Path] = {}

    def build(spec_path: Path) -> Path:
        if spec_path not in sites:
            root = tmp_path_factory.mktemp(spec_path.stem)
            write_site(root, spec_path)
            assert_built(mkdocs_build(root))
            sites[spec_path] = root / "site"
        return sites[spec_path]

    return build


def _check_site_covers_spec(site_dir: Path, spec_path: Path) -> int:
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    pages = operation_pages(site_dir)
    operations = spec_operations(spec)
    for method, path, operation, item in operations:
        key = f"{method} {path}"
        assert len(pages.get(key, [])) == 1, f"{key}: pages {pages.get(key)}"
        page = read_page(pages[key][0])
        text = " ".join(page.text)
        parameters = [
            resolve_local(spec, p)
            for p in item.get("parameters", []) + operation.get("parameters", [])
        ]
        for parameter in parameters:
            assert parameter["name"] in text, f"{key}: parameter {parameter['name']} missing"
        for status in operation.get("responses") or {}:
            assert any(h.split()[0] == str(status) for h in page.headings if h), (
                f"{key}: response {status} has no heading; headings: {page.headings}"
            )
    assert len(pages) == len(operations), sorted(
        set(pages) - {f"{m} {p}" for m, p, *_ in operations}
    )
    return len(operations)


@pytest.mark.parametrize("spec_path", REAL_SPECS, ids=lambda p: p.name)
def test_real_spec_builds_strict_with_one_page_per_operation(built_site, spec_path):
    site = built_site(spec_path)
    _check_site_covers_spec(site, spec_path)
    for page in (site / "api").rglob("index.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, (page, sorted(duplicates)[:5])


def test_trigger_spec_has_66_operation_pages(built_site):
    site = built_site(TRIGGER)
    assert _check_site_covers_spec(site, TRIGGER) == 66
    assert len(operation_pages(site)) == 66


def test_trigger_recursive_span_schema_is_shown_once_with_a_link_back(built_site):
    trace_page = operation_pages(built_site(TRIGGER))["GET /api/v1/runs/{runId}/trace"][0]
    html = trace_page.read_text(encoding="utf-8")
    assert "recursive" in html
    assert html.count('id="schema-200-application-json-span-detailed-summary"') == 1
    assert 'href="#schema-200-application-json-span-detailed-summary"' in html
    assert len(html) < 400_000
