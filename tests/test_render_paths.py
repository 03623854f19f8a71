"""Schema trees are printed two ways: as HTML (`render.schema_tree`, the shipped way), or, once a
site has its own row template, as a nested Markdown list of its `schema_row` macro's rows (the
shipped macro prints `render.schema_row_text`). A site that copies the shipped row templates into
its `custom_templates` must get every property the HTML trees show, in the same order, on real
specs (Trigger.dev, the OAI examples, the golden cases and the @readme/oas-examples corpus); a
site with rows of its own gets the same facts in them."""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import find_shared_specs

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.render import RenderOptions, builtin_templates_dir
from mkdocs_runs_api.render.schema_row_text import FACTS_TEMPLATE, ROW_TEMPLATE
from mkdocs_runs_api.samples.render import SampleOptions

SPECS = find_shared_specs()
CORPUS = Path(__file__).parent / "node_modules" / "@readme" / "oas-examples"
GOLDEN_SPECS = sorted((Path(__file__).parent / "golden").glob("*/spec.yaml"))
OUR_SPECS = [
    SPECS / "trigger" / "docs" / "v3-openapi.yaml",
    *sorted((SPECS / "oai").glob("*.yaml")),
    *GOLDEN_SPECS,
]
CORPUS_SPECS = sorted(
    p for version in ("3.0", "3.1") for p in (CORPUS / version).rglob("*") if p.suffix == ".yaml"
)
FACTS_SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: Facts, version: "1"}
    paths:
      /pets:
        get:
          parameters:
            - {name: size, in: query, schema: {type: integer, minimum: 1, default: 10}}
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema:
                    type: object
                    additionalProperties: false
                    properties:
                      status: {type: string, enum: [available, sold], default: available}
                      kind: {const: cat}
                      age: {type: integer, minimum: 0, maximum: 30}
                      owner:
                        type: object
                        additionalProperties: false
                        properties:
                          name: {type: string, minLength: 1}
    """
)
"""Rows without descriptions, each with facts, one of them nested."""


def _pages(spec: Path, custom: Path | None, html: str = "sanitize") -> dict[str, str]:
    options = ReferenceOptions(
        custom_templates=custom,
        render=RenderOptions(html=html),
        samples=SampleOptions(languages=()),
    )
    return {p.src_uri: p.markdown for p in generate_reference(spec, options).pages}


def _templates(root: Path, templates: dict[str, str]) -> Path:
    for name, text in templates.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _operation_page(tmp_path: Path, custom: Path | None) -> str:
    spec = tmp_path / "facts.yaml"
    spec.write_text(FACTS_SPEC, encoding="utf-8")
    (page,) = [text for uri, text in _pages(spec, custom).items() if uri != "api/index.md"]
    return page


_HOOK = re.compile(r'<div class="runs-api-prop" data-property="([^"]*)"')
_ROW = re.compile(
    r"^ *- (?:<a id=\"[^\"]*\"></a>)*(`+) ?(.*?) ?\1 <span class=\"runs-api-type\">", re.M
)


def _tree_properties(text: str) -> list[str]:
    return [html.unescape(name) for name in _HOOK.findall(text)]


def _row_properties(text: str) -> list[str]:
    return [match.group(2) for match in _ROW.finditer(text)]


@pytest.mark.parametrize(
    "documents, html, min_rows",
    [
        pytest.param(GOLDEN_SPECS, "sanitize", 30, id="golden", marks=pytest.mark.slow),
        pytest.param(OUR_SPECS + CORPUS_SPECS, "sanitize", 1000, id="all"),
        pytest.param(OUR_SPECS, "escape", 1000, id="escape", marks=pytest.mark.slow),
        pytest.param(OUR_SPECS, "trust", 1000, id="trust", marks=pytest.mark.slow),
    ],
)
def test_rows_printed_by_copied_templates_list_what_the_trees_show(
    tmp_path, documents, html, min_rows
):
    custom = tmp_path / "templates"
    for name in (ROW_TEMPLATE, FACTS_TEMPLATE):
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(builtin_templates_dir() / name, custom / name)
    assert len(documents) >= len(GOLDEN_SPECS) > 5, "the spec lists are found"
    rows_seen = 0
    for spec in documents:
        trees = _pages(spec, None, html)
        rows = _pages(spec, custom, html)
        assert sorted(trees) == sorted(rows), spec
        for uri, text in trees.items():
            assert _tree_properties(text) == _row_properties(rows[uri]), (spec, uri)
            rows_seen += len(_row_properties(rows[uri]))
    assert rows_seen > min_rows  # the comparison covered real rows, not empty pages


def test_an_overridden_row_template_is_used(tmp_path):
    custom = _templates(
        tmp_path / "templates",
        {
            ROW_TEMPLATE: "{% macro schema_row(row) %}{{ row.indent }}- ROW {{ row.node.name }}\n"
            "{% endmacro %}\n"
        },
    )
    pages = _pages(SPECS / "oai" / "petstore.yaml", custom)
    assert any("- ROW id" in text for text in pages.values())


def _tree_facts(page: str, name: str) -> str:
    """The facts of property `name` in an HTML tree, as the Markdown facts line writes them."""
    found = re.search(
        rf'data-property="{name}"[^>]*>\n.*\n<div class="runs-api-prop__facts">(.*)</div>', page
    )
    assert found, name
    facts = re.sub(r"<code>(.*?)</code>", r"`\1`", found.group(1))
    return facts.replace("</p>", "").replace("<p>", "<br>")


def test_a_site_row_template_gets_the_same_facts(tmp_path):
    """Rows printed the site's way carry the facts the shipped trees show, at every depth."""
    shipped = _operation_page(tmp_path, None)
    custom = _templates(
        tmp_path / "templates",
        {
            ROW_TEMPLATE: """\
                {% from "partials/schema_facts.md.jinja" import facts %}
                {% macro schema_row(row) %}
                {{ row.indent }}- ROW {{ row.node.name }}: {{ facts(row.node) }}
                {% endmacro %}
                """
        },
    )
    own = _operation_page(tmp_path, custom)
    for name in ["status", "kind", "age", "owner", "name"]:
        own_row = re.search(rf"^ *- ROW {name}: (.*)$", own, re.M)
        assert own_row, name
        assert own_row.group(1) == _tree_facts(shipped, name), name
    assert re.search(r"^    - ROW name: <br>Constraints: `minLength: 1`", own, re.M)


def test_a_site_facts_template_is_used_in_the_trees(tmp_path):
    """Only the facts template is the site's: trees are still HTML, with the site's facts (its
    Markdown converted); the site's macro can build on the shipped facts."""
    shipped = _operation_page(tmp_path, None)
    custom = _templates(
        tmp_path / "templates",
        {
            FACTS_TEMPLATE: "{% macro facts(schema) %}{{ schema_facts_text(schema) }}<br>OURS"
            "{% endmacro %}\n"
        },
    )
    own = _operation_page(tmp_path, custom)
    assert own.count("<br>OURS") > 5 and "OURS" not in shipped
    assert _tree_properties(own) == _tree_properties(shipped)
    status = re.search(r'data-property="status"[^>]*>(?:\n.*){2}', own).group(0)
    assert "Allowed values: <code>available</code>, <code>sold</code><br>" in status, status
    assert "Default: <code>available</code><br>OURS</p>" in status, status
    assert "`minimum: 1`<br>OURS |" in own, "a parameter cell"
