"""Examples and shared schemas on an operation's page: every example once, in the aside (a
callback's inline, it has no aside), and a schema that several media types of one operation
share shown once, where it first appears, with the others listed there or linking to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.model import SharedWork, build_api_model, build_details
from mkdocs_runs_api.model.types import SchemaPlace
from mkdocs_runs_api.render import RenderOptions
from mkdocs_runs_api.samples.render import SampleOptions
from mkdocs_runs_api.spec.input import read_spec

RUN = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "status": {"type": "string"}},
}


def _spec(operation: dict, **extra) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/runs": {"post": {"operationId": "createRun", **operation}}},
        "components": {"schemas": {"Run": RUN}},
        **extra,
    }


def _page(tmp_path: Path, spec: dict, languages=(), tabs: bool = True) -> tuple[str, str]:
    """The operation page's Markdown as (aside, main column); the aside is "" when none."""
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    options = ReferenceOptions(
        samples=SampleOptions(languages=tuple(languages)), render=RenderOptions(tabs=tabs)
    )
    reference = generate_reference(tmp_path / "spec.json", options)
    (page,) = [p.markdown for p in reference.pages if p.operation_key]
    if '<div data-runs-api-panes="aside-end"></div>' not in page:
        return "", page
    aside, main = page.split('<div data-runs-api-panes="aside-end"></div>')
    return aside, main


def _json(media: dict) -> dict:
    return {"description": "ok", "content": {"application/json": media}}


REF = {"$ref": "#/components/schemas/Run"}
TWO_NAMED = {
    "schema": REF,
    "examples": {
        "queued": {"summary": "A queued run", "value": {"id": "run_1", "status": "QUEUED"}},
        "done": {"description": "It *finished*.", "value": {"id": "run_2", "status": "DONE"}},
    },
}


def test_every_named_response_example_is_in_the_aside_and_none_in_the_main_column(tmp_path):
    aside, main = _page(tmp_path, _spec({"responses": {"200": _json(TWO_NAMED)}}))
    for text in ("**A queued run**", '"run_1"', "**done**", "It *finished*.", '"run_2"'):
        assert text in aside
    assert aside.index('"run_1"') < aside.index('"run_2"')
    assert "run_1" not in main and "run_2" not in main and "```" not in main
    assert 'data-property="status"' in main


def test_each_media_type_of_a_response_is_labelled_when_several_have_examples(tmp_path):
    response = {
        "description": "ok",
        "content": {
            "application/json": {"schema": REF, "example": {"id": "j"}},
            "application/xml": {"examples": {"x": {"externalValue": "https://e.com/r.xml"}}},
        },
    }
    aside, main = _page(tmp_path, _spec({"responses": {"200": response}}))
    assert "    `application/json`\n\n    ```json" in aside
    assert "**x** · `application/xml`" in aside
    assert "See [`https://e.com/r.xml`](https://e.com/r.xml)." in aside
    assert "https://e.com/r.xml" not in main


def test_without_content_tabs_statuses_are_bold_headings_over_all_their_examples(tmp_path):
    responses = {"200": _json(TWO_NAMED), "201": _json({"schema": REF, "example": {"id": "n"}})}
    aside, _ = _page(tmp_path, _spec({"responses": responses}), tabs=False)
    assert "===" not in aside
    assert aside.index("**200**") < aside.index('"run_2"') < aside.index("**201**")
    assert aside.index("**201**") < aside.index('"n"')


def test_the_spec_s_request_body_examples_are_in_the_aside_after_the_samples(tmp_path):
    body = {"content": {"application/json": TWO_NAMED}}
    spec = _spec({"requestBody": body, "responses": {"204": {"description": "done"}}})
    aside, main = _page(tmp_path, spec, languages=("curl",))
    assert aside.index("## Request\n") < aside.index("## Request body examples")
    assert "**A queued run**" in aside and "It *finished*." in aside
    assert "run_2" not in main and "## Request body" in main


def test_a_generated_request_example_is_shown_only_without_samples(tmp_path):
    spec = _spec(
        {"requestBody": {"content": {"application/json": {"schema": REF}}}, "responses": {}}
    )
    with_samples, _ = _page(tmp_path, spec, languages=("curl",))
    assert "Request body examples" not in with_samples
    alone, main = _page(tmp_path, spec)
    assert "## Request body examples\n\n*Generated from the schema*" in alone
    assert "Generated" not in main


def test_a_callback_s_examples_stay_inline_under_its_media_types(tmp_path):
    body = {"content": {"application/json": {"schema": REF, "example": {"id": "cb_1"}}}}
    callback = {"{$request.body#/url}": {"post": {"requestBody": body, "responses": {}}}}
    operation = {"responses": {"200": _json(TWO_NAMED)}, "callbacks": {"done": callback}}
    aside, main = _page(tmp_path, _spec(operation))
    callbacks = main[main.index("## Callbacks") :]
    assert "cb_1" not in aside and "run_1" not in callbacks
    assert '**Example**\n\n```json\n{\n  "id": "cb_1"' in callbacks


def test_the_model_says_which_media_type_shows_a_shared_schema_and_which_link_to_it(tmp_path):
    content = {name: {"schema": REF} for name in ("application/json", "application/xml")}
    responses = {"200": {"description": "ok", "content": content}, "201": _json({"schema": REF})}
    body = {"content": {"application/json": {"schema": REF}}}
    (tmp_path / "spec.json").write_text(
        json.dumps(_spec({"requestBody": body, "responses": responses})), encoding="utf-8"
    )
    bundle = read_spec(tmp_path / "spec.json").bundle
    (operation,) = build_api_model(bundle).operations
    build_details(operation, SharedWork.for_bundle(bundle))
    (request,), ((first, xml), (later,)) = (
        operation.request_body.media_types,
        [response.media_types for response in operation.responses],
    )
    assert first.also == [xml] and xml.shown_with == "application/json" and not xml.examples
    assert first.anchor == "schema-200-application-json" and first.same_as is None
    assert later.same_as == SchemaPlace("200", "application/json", first.anchor)
    assert request.same_as is None and not request.anchor  # a request's tree is another


def test_media_types_sharing_a_schema_show_one_tree_and_list_them_all(tmp_path):
    content = {name: {"schema": REF} for name in ("application/json", "application/xml")}
    spec = _spec({"responses": {"200": {"description": "ok", "content": content}}})
    aside, main = _page(tmp_path, spec)
    assert "Media types: `application/json`, `application/xml`" in main
    assert main.count('data-property="status"') == 1
    assert aside.count("*Generated from the schema*") == 1  # the second would be the same value


def test_a_later_response_with_the_same_ref_links_to_the_first_tree(tmp_path):
    responses = {"200": _json({"schema": REF}), "201": _json({"schema": REF})}
    _, main = _page(tmp_path, _spec({"responses": responses}))
    assert main.count('data-property="status"') == 1
    link = "Same schema as [200 `application/json`](#schema-200-application-json) (**Run**)."
    assert main.index("### 201") < main.index(link)
    assert main.count('<a id="schema-200-application-json"></a>Media type: `application/json`') == 1


def test_an_inline_schema_written_twice_counts_as_the_same_but_a_type_line_repeats(tmp_path):
    text = {"description": "ok", "content": {"text/plain": {"schema": {"type": "string"}}}}
    responses = {
        "200": _json({"schema": RUN}),
        "202": _json({"schema": json.loads(json.dumps(RUN))}),
        "400": text,
        "404": text,
    }
    _, main = _page(tmp_path, _spec({"responses": responses}))
    assert main.count('data-property="status"') == 1 and "Same schema as [200 " in main
    assert "Same schema as [400" not in main
    assert main.count('<span class="runs-api-type">string</span>\n') == 2


def test_a_request_body_does_not_share_a_tree_with_a_response(tmp_path):
    """A request's tree hides readOnly properties, a response's writeOnly ones."""
    body = {"content": {"application/json": {"schema": REF}}}
    _, main = _page(tmp_path, _spec({"requestBody": body, "responses": {"200": _json(TWO_NAMED)}}))
    assert main.count('data-property="status"') == 2 and "Same schema" not in main


def test_swagger_2_produces_share_one_tree(tmp_path):
    spec = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "produces": ["application/json", "application/xml"],
        "paths": {
            "/runs": {
                "get": {
                    "operationId": "listRuns",
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/Run"}},
                        "201": {"description": "ok", "schema": {"$ref": "#/definitions/Run"}},
                    },
                }
            }
        },
        "definitions": {"Run": RUN},
    }
    _, main = _page(tmp_path, spec)
    assert main.count("Media types: `application/json`, `application/xml`") == 2  # 200, 201
    assert main.count('data-property="status"') == 1 and "Same schema as [200 " in main


def test_callback_media_types_share_trees_and_every_in_page_link_has_its_id(tmp_path):
    callback = {
        "{$request.body#/url}": {
            "post": {
                "requestBody": {
                    "content": {
                        "application/json": {"schema": REF, "example": {"id": "cb_json"}},
                        "application/cbor": {
                            "schema": REF,
                            "examples": {"raw": {"summary": "CBOR", "externalValue": "u"}},
                        },
                    }
                },
                "responses": {"200": _json({"schema": REF}), "201": _json({"schema": REF})},
            }
        }
    }
    operation = {"responses": {"200": _json({"schema": REF})}, "callbacks": {"done": callback}}
    aside, main = _page(tmp_path, _spec(operation))
    callbacks = main[main.index("## Callbacks") :]
    assert "cb_json" not in aside
    assert "Media types: `application/json`, `application/cbor`" in callbacks
    assert "**Examples**\n\n`application/json`\n\n```json" in callbacks
    assert "**CBOR** · `application/cbor`" in callbacks
    page = aside + main
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    links = re.findall(r"\]\(#([^)]+)\)", page)
    assert links and set(links) <= set(ids)
