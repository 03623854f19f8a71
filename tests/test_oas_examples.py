"""The @readme/oas-examples corpus (pinned in tests/package.json): every document (Swagger 2.0,
converted on load, and OpenAPI 3.0/3.1) builds under `mkdocs build --strict` with exactly one
page per operation, and nothing of any operation is lost from its built page (the completeness
check of the site, but for the renderer's known misses of test_completeness_html)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import assert_built, mkdocs_build, operation_pages, spec_operations, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.check.completeness import check_completeness, format_misses
from mkdocs_runs_api.samples.render import SampleOptions

pytestmark = pytest.mark.slow  # the npm corpus in tests/node_modules, 130 builds
CORPUS = Path(__file__).parent / "node_modules" / "@readme" / "oas-examples"
DOCUMENTS = sorted(
    p
    for version in ("2.0", "3.0", "3.1")
    for p in (CORPUS / version).rglob("*")
    if p.suffix in (".json", ".yaml")
)


def test_the_corpus_is_installed():
    assert len(DOCUMENTS) > 120, "bash tests/run.sh installs @readme/oas-examples with npm"


@pytest.mark.parametrize("spec", DOCUMENTS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_document_builds_with_one_page_per_operation(tmp_path, spec):
    reference = generate_reference(spec, ReferenceOptions(samples=SampleOptions(languages=())))
    write_site(tmp_path, spec, plugin_options={"code_samples": ["curl"]})
    result = mkdocs_build(tmp_path)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    if any("have no host" in line for line in warnings):  # relative servers (by design)
        assert all("Set code_samples_base_url" in line for line in warnings), warnings
        options = {"code_samples": ["curl"], "code_samples_base_url": "https://api.test"}
        write_site(tmp_path, spec, plugin_options=options)
        result = mkdocs_build(tmp_path)
    assert_built(result)
    misses = check_completeness(reference, tmp_path / "site").misses
    assert format_misses(sorted(misses), 1000) == []
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    keys = [f"{method} {path}" for method, path, *_ in spec_operations(data)]
    pages = operation_pages(tmp_path / "site")
    hidden = {op.key for op, _ in reference.omitted}
    assert sorted(pages) == sorted(k for k in keys if k not in hidden)
    assert all(len(found) == 1 for found in pages.values())
