"""Examples on an operation's page: every example once, in the aside (a callback's inline: it
has no aside)."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.render import RenderOptions
from mkdocs_runs_api.samples.render import SampleOptions

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
    assert "**x** · `application/xml`" in aside and "See <https://e.com/r.xml>." in aside
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
