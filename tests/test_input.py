"""The one input stage (`spec.input.read_spec`): every command reads the same spec, Swagger 2.0
included, and bad input ends in one clear line on every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import assert_built, mkdocs_build, operation_pages, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.build.serve_cache import RenderCache
from mkdocs_runs_api.model import SharedWork, build_api_model, build_details
from mkdocs_runs_api.samples.request import build_sample_request
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.swagger2 import source_parts

SWAGGER2 = textwrap.dedent(
    """\
    swagger: "2.0"
    info:
      title: Pets
      version: "1"
    host: api.example.com
    basePath: /v1
    paths:
      /pets/{petId}:
        parameters:
          - name: petId
            in: path
            required: true
            type: string
        put:
          operationId: updatePet
          parameters:
            - name: body
              in: body
              required: true
              schema:
                $ref: "#/definitions/Pet"
            - name: dryRun
              in: query
              type: boolean
          responses:
            "200":
              description: The pet
              schema:
                $ref: "#/definitions/Pet"
    definitions:
      Pet:
        type: object
        required: [name]
        properties:
          name:
            type: string
          tag:
            type: string
      Unused:
        type: object
        properties:
          colour:
            type: string
    """
)
UNUSED_LINE = SWAGGER2.splitlines().index("  Unused:") + 1


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )


@pytest.fixture
def swagger2(tmp_path: Path) -> Path:
    path = tmp_path / "pets.yaml"
    path.write_text(SWAGGER2, encoding="utf-8")
    return path


def test_a_swagger2_document_is_converted_before_its_refs_are_followed(swagger2):
    bundle = read_spec(swagger2).bundle
    assert bundle.document["openapi"] == "3.0.3"
    targets = {site.target[1] for site in bundle.refs}
    assert targets == {"#/components/schemas/Pet"}, "refs point into the converted document"
    error = bundle.error("x", bundle.root, "#/components/schemas/Unused")
    assert (error.pointer, error.line) == ("#/definitions/Unused", UNUSED_LINE)


def test_converted_pointers_lead_back_to_what_the_user_wrote(swagger2):
    original = read_spec(swagger2).bundle.texts  # (loaded to show the file is the user's)
    assert original
    import yaml

    doc = yaml.safe_load(SWAGGER2)
    put = ("paths", "/pets/{petId}", "put")
    body_schema = (*put, "requestBody", "content", "application/json", "schema")
    assert source_parts(doc, body_schema) == (*put, "parameters", "0", "schema")
    assert source_parts(doc, (*put, "parameters", "0", "schema")) == (*put, "parameters", "1")
    assert source_parts(doc, ("paths", "/pets/{petId}", "parameters", "0")) == (
        "paths",
        "/pets/{petId}",
        "parameters",
        "0",
    )
    response = (*put, "responses", "200", "content", "application/json", "schema", "properties")
    assert source_parts(doc, response) == (*put, "responses", "200", "schema", "properties")
    assert source_parts(doc, ("components", "schemas", "Pet", "properties", "tag")) == (
        "definitions",
        "Pet",
        "properties",
        "tag",
    )
    assert source_parts(doc, ("servers", "0", "url")) == ("host",)


@pytest.mark.slow
def test_check_reads_a_swagger2_file_like_render_does(swagger2):
    result = cli(
        "check", str(swagger2), "--fail-on", "error", "--format", "list", cwd=swagger2.parent
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "not an OpenAPI 3.0/3.1 document" not in result.stdout
    unused = [line for line in result.stdout.splitlines() if "Unused" in line]
    assert unused, result.stdout
    assert unused[0].startswith(f"pets.yaml:{UNUSED_LINE}:"), unused
    assert "#/definitions/Unused" in unused[0]


@pytest.mark.slow
def test_mkdocs_build_with_checks_on_a_swagger2_spec(tmp_path, swagger2):
    config = write_site(tmp_path, swagger2.name, plugin_options={"checks": {"fail_on": "error"}})
    result = mkdocs_build(config.parent, "--verbose")
    assert_built(result)
    assert "Traceback" not in result.stderr
    assert "runs-api checks:" in result.stderr, "the check summary is logged"
    assert f"pets.yaml:{UNUSED_LINE}" in result.stderr, "findings name the user's lines"
    [page] = operation_pages(tmp_path / "site")["PUT /pets/{petId}"]
    assert "dryRun" in page.read_text(encoding="utf-8")


def test_export_mintlify_full_on_a_swagger2_spec_keeps_response_fields(tmp_path, swagger2):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "docs.json").write_text(
        json.dumps({"name": "t", "navigation": {"groups": [{"group": "A", "pages": []}]}}),
        encoding="utf-8",
    )
    result = cli("export-mintlify", str(swagger2), "--docs", str(docs), "--mode", "full")
    assert result.returncode == 0, result.stderr
    pages = list(docs.rglob("*.mdx"))
    assert len(pages) == 1, pages
    text = pages[0].read_text(encoding="utf-8")
    for field in ("name", "tag", "dryRun", "petId"):
        assert field in text, f"{field} missing from the exported page"


BAD_INPUTS = {
    "empty": ("spec.yaml", b""),
    "list": ("spec.yaml", b"- a\n- b\n"),
    "scalar": ("spec.yaml", b"hello\n"),
    "json-null": ("spec.json", b"null"),
    "binary": ("spec.yaml", bytes(range(256)) * 4),
    "folder": ("spec.yaml", None),
}


def _bad_input(tmp_path: Path, case: str) -> Path:
    name, content = BAD_INPUTS[case]
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    return path


def _mintlify_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "mintlify"
    docs.mkdir()
    (docs / "docs.json").write_text('{"name": "t", "navigation": []}', encoding="utf-8")
    return docs


def _quick_first(cases: list[str]) -> list:
    """The first case in the quick tier (`-m "not slow"`), the others in the full run."""
    return [cases[0]] + [pytest.param(case, marks=pytest.mark.slow) for case in cases[1:]]


@pytest.mark.parametrize("case", _quick_first(["list", *sorted(set(BAD_INPUTS) - {"list"})]))
@pytest.mark.parametrize("command", ["render", "check", "export-mintlify"])
def test_bad_input_is_one_line_and_exit_2_on_every_command(tmp_path, case, command):
    spec = _bad_input(tmp_path, case)
    extra = {
        "render": ["--out", str(tmp_path / "out")],
        "check": [],
        "export-mintlify": ["--docs", str(_mintlify_docs(tmp_path))],
    }[command]
    result = cli(command, str(spec), *extra)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mkdocs-runs-api: error: ") and spec.name in lines[0], lines
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", _quick_first(["empty", "list", "folder"]))
def test_bad_input_fails_mkdocs_build_with_a_message(tmp_path, case):
    spec = _bad_input(tmp_path, case)
    result = mkdocs_build(write_site(tmp_path, spec.name).parent)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "runs-api" in result.stderr and spec.name in result.stderr, result.stderr


def test_details_are_a_named_step_not_built_on_first_touch(tmp_path, swagger2):
    bundle = read_spec(swagger2).bundle
    operation = build_api_model(bundle).operations[0]
    assert "updatePet" in repr(operation), "repr works without building anything"
    assert operation.details is None
    with pytest.raises(RuntimeError, match="build_details"):
        operation.parameters  # noqa: B018
    build_details(operation, SharedWork.for_bundle(bundle))
    assert [p.name for p in operation.parameters] == ["petId", "dryRun"]
    assert operation.parameters[0].source[1] == ("paths", "/pets/{petId}", "parameters", "0")


def test_a_serve_rebuild_that_renders_nothing_builds_no_details(swagger2, monkeypatch):
    cache = RenderCache()
    first = generate_reference(swagger2, ReferenceOptions(parallel=False), cache)
    calls = []
    import mkdocs_runs_api.build.pipeline as pipeline

    real = pipeline.build_details
    monkeypatch.setattr(pipeline, "build_details", lambda *a: calls.append(a) or real(*a))
    second = generate_reference(swagger2, ReferenceOptions(parallel=False), cache)
    assert cache.last_rendered == 0 and calls == []
    assert [p.markdown for p in second.pages] == [p.markdown for p in first.pages]
    assert [r for _, r in second.left_out] == [r for _, r in first.left_out]


def test_examples_are_validated_by_pointer_where_a_ref_has_siblings(tmp_path):
    """A parameter reached through a `$ref` with a sibling is a merged copy of its target: the
    sample still checks the spec's example against its schema (and drops the invalid one)."""
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {
                "get": {
                    "parameters": [{"$ref": "#/components/parameters/Limit", "description": "d"}],
                    "responses": {"200": {"description": "ok"}},
                },
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Body"},
                                "example": {"count": "not a number"},
                            }
                        }
                    },
                    "responses": {"200": {"description": "ok"}},
                },
            }
        },
        "components": {
            "parameters": {
                "Limit": {
                    "name": "limit",
                    "in": "query",
                    "required": True,
                    "example": "many",
                    "schema": {"type": "integer", "minimum": 1, "example": 5},
                }
            },
            "schemas": {
                "Body": {
                    "type": "object",
                    "properties": {"count": {"type": "integer", "example": 3}},
                }
            },
        },
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    bundle = read_spec(path).bundle
    shared = SharedWork.for_bundle(bundle)
    get, post = (build_details(op, shared) for op in build_api_model(bundle).operations)
    assert build_sample_request(get, shared).query == [("limit", "5")]
    assert build_sample_request(post, shared).body.value == {"count": 3}
