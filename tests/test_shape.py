"""Parts of a spec in the wrong shape: each is one located WARNING that says what to write,
the part is left out of the pages, and the rest of the page is built (never a traceback)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import assert_built, mkdocs_build, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.samples.render import SampleOptions

HEAD = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n'
OK = "{'200': {description: ok}}"

CASES = {
    "parameters_mapping": (
        f"  /a:\n    get:\n      parameters: {{limit: {{in: query, name: limit}}}}\n"
        f"      responses: {OK}\n",
        [
            "spec.yaml:6:7: `parameters` must be a list: left out of the pages "
            "(at #/paths/~1a/get/parameters). Write each parameter as a list item: "
            "`- {name: limit, in: query}`"
        ],
    ),
    "responses_list": (
        "  /a:\n    get:\n      responses: [{description: ok}]\n",
        [
            "spec.yaml:6:7: `responses` must be a mapping: left out of the pages "
            "(at #/paths/~1a/get/responses). Write responses by status: "
            "`responses: {'200': {description: ...}}`"
        ],
    ),
    "parameter_without_name_or_in": (
        "  /a:\n    get:\n      parameters:\n        - {in: query, schema: {type: string}}\n"
        "        - {name: b, schema: {type: string}}\n"
        "        - {name: kept, in: query, schema: {type: string}}\n"
        f"      responses: {OK}\n",
        [
            "spec.yaml:7:11: a parameter needs a `name`: left out of the pages "
            "(at #/paths/~1a/get/parameters/0). Give each parameter a `name` and an `in` "
            "(path, query, header or cookie)",
            "spec.yaml:8:11: parameter 'b' has no `in`: left out of the pages "
            "(at #/paths/~1a/get/parameters/1). Give each parameter a `name` and an `in` "
            "(path, query, header or cookie)",
        ],
    ),
    "properties_list": (
        "  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n"
        "              schema: {type: object, properties: [a, b]}\n",
        [
            "spec.yaml:11:38: `properties` must be a mapping: left out of the pages "
            "(at #/paths/~1a/get/responses/200/content/application~1json/schema/properties). "
            "Write `properties` as a mapping of names to schemas: `{id: {type: string}}`"
        ],
    ),
    "no_responses_in_3_0": (
        "  /a:\n    get: {summary: x}\n",
        [
            "spec.yaml:5:5: GET /a has no `responses` (OpenAPI 3.0 requires them) "
            "(at #/paths/~1a/get). Add `responses:` with at least the success response"
        ],
    ),
    "duplicate_operation_id_and_empty_tag": (
        f"  /a:\n    get: {{operationId: x, tags: [''], responses: {OK}}}\n"
        f"  /b:\n    get: {{operationId: x, responses: {OK}}}\n",
        [
            "spec.yaml:5:34: an empty tag name: the operation is grouped as if it had no tag "
            "(at #/paths/~1a/get/tags/0). Name the tag, or remove it",
            "spec.yaml:7:11: operationId 'x' is also the operationId of GET /a "
            "(at #/paths/~1b/get/operationId). Give each operation an operationId of its own: "
            "links and samples name it",
        ],
    ),
    "path_level_parameter_shared_by_two_operations": (
        "  /a:\n    parameters: [{name: q, schema: {type: string}}, "
        "{name: kept, in: query, schema: {type: string}}]\n"
        f"    get: {{responses: {OK}}}\n    post: {{responses: {OK}}}\n",
        [
            "spec.yaml:5:18: parameter 'q' has no `in`: left out of the pages "
            "(at #/paths/~1a/parameters/0). Give each parameter a `name` and an `in` "
            "(path, query, header or cookie)"
        ],
    ),
    "component_parameter_used_twice": (
        "  /a:\n    get:\n      parameters: [{$ref: '#/components/parameters/Bad'}]\n"
        f"      responses: {OK}\n"
        "  /b:\n    get:\n      parameters: [{$ref: '#/components/parameters/Bad'}]\n"
        f"      responses: {OK}\n"
        "components:\n  parameters:\n    Bad: {name: bad, in: body}\n",
        [
            "spec.yaml:14:5: parameter 'bad' has `in: body`: left out of the pages "
            "(at #/components/parameters/Bad). Give each parameter a `name` and an `in` "
            "(path, query, header or cookie)"
        ],
    ),
}


def _reference(tmp_path, body: str):
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + body, encoding="utf-8")
    options = ReferenceOptions(samples=SampleOptions(languages=("curl",)), parallel=False)
    return generate_reference(spec, options)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_part_of_the_wrong_shape_is_one_located_problem(tmp_path, case):
    body, expected = CASES[case]
    reference = _reference(tmp_path, body)
    assert [p.replace(str(tmp_path) + "/", "") for p in reference.shape_problems] == expected
    operations = [page for page in reference.pages if page.kind == "operation"]
    assert len(operations) == len(reference.api.operations) >= 1


def test_a_left_out_parameter_takes_nothing_else_with_it(tmp_path):
    body, _ = CASES["path_level_parameter_shared_by_two_operations"]
    reference = _reference(tmp_path, body)
    for page in (page for page in reference.pages if page.kind == "operation"):
        assert "`kept`" in page.markdown and "`q`" not in page.markdown, page.src_uri


def test_a_spec_of_the_right_shape_has_no_problems(tmp_path):
    body = "  /a/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true}]\n"
    body += f"      responses: {OK}\n"
    assert _reference(tmp_path, body).shape_problems == []


def test_the_build_warns_for_each_problem_and_fails_strict(tmp_path):
    body, expected = CASES["parameter_without_name_or_in"]
    (tmp_path / "spec.yaml").write_text(HEAD + body, encoding="utf-8")
    write_site(tmp_path, "spec.yaml")
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2 and "Traceback" not in result.stderr, result.stderr
    for warning, problem in zip(warnings, expected, strict=True):
        assert warning.endswith(problem.split(": ", 1)[1]), warning
    pages = list((tmp_path / "site" / "api").rglob("index.html"))
    assert len(pages) == 2  # the overview and GET /a, with its one good parameter


def test_the_cli_prints_each_problem_and_still_writes_the_pages(tmp_path):
    body, expected = CASES["responses_list"]
    (tmp_path / "spec.yaml").write_text(HEAD + body, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "render", "spec.yaml", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if not line.startswith("note: ")]
    assert warnings == [f"warning: {problem}" for problem in expected]
    assert (tmp_path / "out" / "api").is_dir()


@pytest.mark.slow  # the quick run has a sibling case
def test_a_good_spec_builds_strict_after_the_fix(tmp_path):
    """The same site, the mistake fixed: no warning left."""
    body = CASES["properties_list"][0].replace("properties: [a, b]", "properties: {a: {}}")
    (tmp_path / "spec.yaml").write_text(HEAD + body, encoding="utf-8")
    write_site(tmp_path, "spec.yaml")
    assert_built(mkdocs_build(tmp_path))
