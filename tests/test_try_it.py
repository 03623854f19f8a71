"""The try-it console's build-time half: each operation page's data file, what prefills it, and
the options that limit which pages get a console (the console itself: `test_try_it_browser`)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE_SITE, assert_built, copy_tree, mkdocs_build

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.limits import LoadOptions
from mkdocs_runs_api.tryit import TryItOptions, console_href, console_uri
from mkdocs_runs_api.tryit.schemas import ComponentExports, gathered_defs

SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: T, version: "1"}
    servers: [{url: "https://api.example.com"}]
    paths:
      /counts:
        post:
          operationId: addCount
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [count]
                  properties: {count: {type: integer, minimum: 1}}
                example: {count: "many"}
          responses: {"201": {description: made}}
        get:
          operationId: listCounts
          x-runs-api-try-it: false
          responses: {"200": {description: ok}}
      /counts/{id}:
        delete:
          operationId: deleteCount
          parameters:
            - {name: id, in: path, required: true, schema: {type: string}, example: c_1}
          responses: {"204": {description: gone}}
    webhooks:
      counted:
        post:
          requestBody: {content: {application/json: {schema: {type: object}}}}
          responses: {"200": {description: ok}}
    """
)


def _consoles(tmp_path: Path, text: str = SPEC, **options) -> dict[str, dict]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    reference = generate_reference(
        spec, ReferenceOptions(load=LoadOptions(display_root=tmp_path), **options)
    )
    return {
        page.operation_key: json.loads(page.console)
        for page in reference.pages
        if page.console is not None
    }


def test_a_spec_example_that_breaks_its_schema_does_not_prefill_the_body(tmp_path):
    body = _consoles(tmp_path)["POST /counts"]["body"]
    assert body["kind"] == "json" and body["required"] is True
    value = json.loads(body["text"])
    assert isinstance(value["count"], int) and value["count"] >= 1, value


def test_webhooks_and_x_runs_api_try_it_false_get_no_console(tmp_path):
    assert sorted(_consoles(tmp_path)) == ["DELETE /counts/{id}", "POST /counts"]


def test_methods_and_false_limit_the_consoles(tmp_path):
    only_delete = _consoles(tmp_path, try_it=TryItOptions(methods=("delete",)))
    assert sorted(only_delete) == ["DELETE /counts/{id}"]
    assert _consoles(tmp_path, try_it=TryItOptions(enabled=False)) == {}


def test_a_page_without_a_console_has_no_button(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    options = ReferenceOptions(load=LoadOptions(display_root=tmp_path))
    pages = {p.operation_key: p.markdown for p in generate_reference(spec, options).pages}
    assert "data-try-it" in pages["POST /counts"]
    assert "data-try-it" not in pages["GET /counts"]


def test_parameters_are_prefilled_with_what_the_samples_send(tmp_path):
    spec = EXAMPLE_SITE / "openapi.yaml"
    reference = generate_reference(spec, ReferenceOptions())
    page = next(p for p in reference.pages if p.operation_key == "GET /api/v1/runs")
    params = {p["name"]: p for p in json.loads(page.console)["parameters"]}
    sent = {name: p["value"] for name, p in params.items() if p["send"]}
    assert sent == {
        "page[after]": "run_0987",
        "filter[status]": "COMPLETED,FAILED",
        "filter[taskIdentifier]": "send-email|send-sms",
    }
    assert params["filter[status]"]["shape"] == "array"
    assert params["filter[status]"]["explode"] is False
    curl = page.markdown[page.markdown.index("curl --request") :]
    assert "filter[status]=COMPLETED%2CFAILED" in curl.split("\n", 2)[1], "not the samples'"


@pytest.mark.slow  # two site builds
def test_the_data_file_is_beside_the_page_and_linked_from_it(tmp_path):
    for directory_urls in (True, False):
        root = copy_tree(EXAMPLE_SITE, tmp_path / str(directory_urls))
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        config["use_directory_urls"] = directory_urls
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        assert_built(mkdocs_build(root))
        page = "api/runs/list-runs/index.html" if directory_urls else "api/runs/list-runs.html"
        html = (root / "site" / page).read_text(encoding="utf-8")
        href = console_href("api/runs/list-runs.md", directory_urls)
        assert f'data-try-it-panel="{href}"' in html
        data = (root / "site" / page).parent / href
        assert json.loads(data.read_text(encoding="utf-8"))["path"] == "/api/v1/runs"
        assert data.stat().st_size < 4000, "the console's data is meant to be small"
    assert console_uri("api/runs/list-runs.md") == "api/runs/list-runs.try-it.json"


def test_response_schemas_past_the_budget_are_cut_farthest_first(tmp_path):
    """A component is exported once, however many pages reach it; past the budget, the
    farthest components a page reaches are `true` (not checked), and the page says so."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("components:", "") + SCHEMAS, encoding="utf-8")
    bundle = read_spec(spec, LoadOptions()).bundle
    exports = ComponentExports(bundle)
    root = exports.export({"$ref": "#/components/schemas/Tree"}, bundle.root)
    assert root.schema == {"$ref": "#/defs/Tree"}
    defs, cut = gathered_defs(exports, [root])
    assert not cut
    assert defs == {
        "Leaf": {"type": "string", "maxLength": 3},
        "Tree": {
            "type": "object",
            "properties": {
                "leaf": {"$ref": "#/defs/Leaf"},
                "children": {"type": "array", "items": {"$ref": "#/defs/Tree"}},
            },
        },
    }
    near, cut = gathered_defs(exports, [root], max_nodes=5)  # Tree fits (4 nodes), Leaf not
    assert cut and near == {"Tree": defs["Tree"], "Leaf": True}
    again = exports.export({"$ref": "#/components/schemas/Tree"}, bundle.root)
    assert gathered_defs(exports, [again]) == (defs, False) and len(exports.done) == 2


SCHEMAS = """\
components:
  schemas:
    Tree:
      type: object
      description: dropped, as examples are
      properties:
        leaf: {$ref: "#/components/schemas/Leaf"}
        children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
    Leaf: {type: string, maxLength: 3, example: abc}
"""


def test_a_ref_with_siblings_keeps_both_and_cannot_loop(tmp_path):
    """3.1 applies a `$ref`'s siblings beside its target: the export says so with `allOf`; a
    `description` beside it is nothing to check; a component that refers to itself that way
    (`parent: {$ref: Tree, description: ...}`) is one def, not an endless walk."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("components:", "") + SCHEMAS, encoding="utf-8")
    bundle = read_spec(spec, LoadOptions()).bundle
    exports = ComponentExports(bundle)
    leaf = "#/components/schemas/Leaf"
    narrowed = exports.export({"$ref": leaf, "maxLength": 2, "description": "x"}, bundle.root)
    assert narrowed.schema == {"maxLength": 2, "allOf": [{"$ref": "#/defs/Leaf"}]}
    described = exports.export({"$ref": leaf, "description": "Only words."}, bundle.root)
    assert described.schema == {"$ref": "#/defs/Leaf"}
    parent = {"$ref": "#/components/schemas/Tree", "description": "The parent."}
    looped = exports.export({"type": "object", "properties": {"parent": parent}}, bundle.root)
    assert gathered_defs(exports, [looped])[0].keys() == {"Tree", "Leaf"}


def test_named_examples_that_fit_the_schema_are_offered_for_the_body(tmp_path):
    spec = EXAMPLE_SITE / "openapi.yaml"
    reference = generate_reference(spec, ReferenceOptions())
    page = next(p for p in reference.pages if p.operation_key == "POST /api/v1/runs/{runId}/tags")
    examples = json.loads(page.console)["body"]["examples"]
    assert [e["label"] for e in examples] == ["Add a single tag", "Add several tags at once"]
    assert json.loads(examples[1]["text"]) == {"tags": ["user:42", "plan:pro", "onboarding"]}
    line = next(line for line in SPEC.splitlines() if 'example: {count: "many"}' in line)
    indent = line[: len(line) - len(line.lstrip())]
    named = (
        f"{indent}examples:\n"
        f"{indent}  one: {{summary: One, value: {{count: 1}}}}\n"
        f'{indent}  bad: {{summary: Bad, value: {{count: "many"}}}}\n'
        f"{indent}  two: {{summary: Two, value: {{count: 2}}}}"
    )
    broken = SPEC.replace(line, named)
    body = _consoles(tmp_path, broken)["POST /counts"]["body"]
    assert [e["label"] for e in body["examples"]] == ["One", "Two"], "the bad one is left out"


def test_each_security_scheme_says_how_its_secret_is_sent(tmp_path):
    text = SPEC.replace(
        "webhooks:",
        """components:
  securitySchemes:
    token: {type: http, scheme: bearer}
    digest: {type: http, scheme: digest}
    login: {type: http, scheme: basic}
    key: {type: apiKey, in: query, name: api_key}
    cert: {type: mutualTLS}
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {read: Read}}
security: [{token: []}, {digest: []}, {login: []}, {key: []}, {cert: []}, {oauth: [read]}]
webhooks:""",
    )
    schemes = _consoles(tmp_path, text)["DELETE /counts/{id}"]["schemes"]
    kinds = {name: (s["kind"], s.get("scheme") or s.get("key")) for name, s in schemes.items()}
    assert kinds == {
        "token": ("bearer", "bearer"),
        "digest": ("bearer", "digest"),
        "login": ("basic", "basic"),
        "key": ("query", "api_key"),
        "cert": ("mutualTLS", None),
        "oauth": ("bearer", None),
    }
    assert (
        schemes["oauth"]["flows"]["clientCredentials"]["tokenUrl"]
        == "https://auth.example.com/token"
    )
