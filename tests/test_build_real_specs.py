"""End to end: `mkdocs build --strict` of sites for the real specs; one page per operation,
and every parameter and response status of the spec on that page."""

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

SPECS = find_shared_specs()
REAL_SPECS = [
    SPECS / "trigger" / "docs" / "v3-openapi.yaml",
    *sorted((SPECS / "oai").glob("*.yaml")),
]


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
def test_real_spec_builds_strict_with_one_page_per_operation(tmp_path, spec_path):
    write_site(tmp_path, spec_path)
    assert_built(mkdocs_build(tmp_path))
    _check_site_covers_spec(tmp_path / "site", spec_path)
    for page in (tmp_path / "site" / "api").rglob("index.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, (page, sorted(duplicates)[:5])


def test_trigger_spec_has_66_operation_pages(tmp_path):
    spec_path = SPECS / "trigger" / "docs" / "v3-openapi.yaml"
    write_site(tmp_path, spec_path)
    assert_built(mkdocs_build(tmp_path))
    assert _check_site_covers_spec(tmp_path / "site", spec_path) == 66
    assert len(operation_pages(tmp_path / "site")) == 66


def test_trigger_recursive_span_schema_is_shown_once_with_a_link_back(tmp_path):
    spec_path = SPECS / "trigger" / "docs" / "v3-openapi.yaml"
    write_site(tmp_path, spec_path)
    assert_built(mkdocs_build(tmp_path))
    trace_page = operation_pages(tmp_path / "site")["GET /api/v1/runs/{runId}/trace"][0]
    html = trace_page.read_text(encoding="utf-8")
    assert "recursive" in html
    assert html.count('id="schema-200-application-json-span-detailed-summary"') == 1
    assert 'href="#schema-200-application-json-span-detailed-summary"' in html
    assert len(html) < 400_000
