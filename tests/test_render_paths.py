"""The fast paths of rendering write exactly what the templates write.

Schema rows are printed in Python unless a site overrides the row templates; a site that copies
the shipped `schema_row` template into its `custom_templates` must get identical pages, on real
specs (Trigger.dev, the OAI examples, the golden cases and the @readme/oas-examples corpus)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import find_shared_specs

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.render import RenderOptions, builtin_templates_dir
from mkdocs_runs_api.samples.render import SampleOptions

SPECS = find_shared_specs()
CORPUS = Path(__file__).parent / "node_modules" / "@readme" / "oas-examples"
OUR_SPECS = [
    SPECS / "trigger" / "docs" / "v3-openapi.yaml",
    *sorted((SPECS / "oai").glob("*.yaml")),
    *sorted((Path(__file__).parent / "golden").glob("*/spec.yaml")),
]
CORPUS_SPECS = sorted(
    p for version in ("3.0", "3.1") for p in (CORPUS / version).rglob("*") if p.suffix == ".yaml"
)


def _pages(spec: Path, custom: Path | None, allow_html: bool) -> dict[str, str]:
    options = ReferenceOptions(
        custom_templates=custom,
        render=RenderOptions(allow_html=allow_html),
        samples=SampleOptions(languages=()),
    )
    return {p.src_uri: p.markdown for p in generate_reference(spec, options).pages}


@pytest.mark.parametrize(
    "documents, allow_html",
    [(OUR_SPECS + CORPUS_SPECS, False), (OUR_SPECS, True)],
    ids=["all", "allow_html"],
)
def test_python_schema_rows_match_the_template(tmp_path, documents, allow_html):
    custom = tmp_path / "templates"
    (custom / "partials").mkdir(parents=True)
    shutil.copy(builtin_templates_dir() / "partials" / "schema_row.md.jinja", custom / "partials")
    assert len(documents) > 15
    rows_seen = 0
    for spec in documents:
        fast = _pages(spec, None, allow_html)
        templated = _pages(spec, custom, allow_html)
        assert fast == templated, spec
        rows_seen += sum(text.count('<span class="runs-api-type">') for text in fast.values())
    assert rows_seen > 1000  # the comparison covered real rows, not empty pages


def test_an_overridden_row_template_is_used(tmp_path):
    custom = tmp_path / "templates"
    (custom / "partials").mkdir(parents=True)
    (custom / "partials" / "schema_row.md.jinja").write_text(
        "{% macro schema_row(row) %}{{ row.indent }}- ROW {{ row.node.name }}\n{% endmacro %}\n"
    )
    spec = SPECS / "oai" / "petstore.yaml"
    pages = _pages(spec, custom, False)
    assert any("- ROW id" in text for text in pages.values())
