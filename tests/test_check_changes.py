"""`check --base OLD`: what breaks clients between two versions of a spec, each change a
`change-*` finding at the line of the new file that shows it (for a removal: the nearest place
still there)."""

from __future__ import annotations

import copy
import json
import subprocess

import pytest
import yaml
from test_check import run_check as run_check_cli

from mkdocs_runs_api.check.run import run_check

OLD = {
    "openapi": "3.0.3",
    "info": {"title": "Runs", "version": "1"},
    "paths": {
        "/runs/{runId}": {
            "get": {
                "operationId": "getRun",
                "parameters": [
                    {"name": "runId", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "expand", "in": "query", "schema": {"type": "string"}},
                    {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Run"}},
                            "application/xml": {"schema": {"$ref": "#/components/schemas/Run"}},
                        },
                    },
                    "404": {"description": "missing"},
                },
            },
            "delete": {"operationId": "deleteRun", "responses": {"204": {"description": "gone"}}},
        },
        "/runs": {
            "post": {
                "operationId": "createRun",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewRun"}}
                    }
                },
                "responses": {
                    "201": {
                        "description": "made",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Run"}}
                        },
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Run": {
                "type": "object",
                "required": ["id", "status"],
                "properties": {
                    "id": {"type": "string"},
                    "status": {"type": "string", "enum": ["queued", "done"]},
                    "size": {"type": "integer"},
                    "legacy": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
            "NewRun": {
                "type": "object",
                "properties": {
                    "task": {"type": "string", "maxLength": 128},
                    "priority": {"type": "string", "enum": ["low", "high"]},
                    "delay": {"type": "string"},
                    "tags": {"type": "array", "maxItems": 10, "items": {"type": "string"}},
                },
            },
        }
    },
}


def _new() -> dict:
    """OLD with one change of each kind the tests name."""
    new = copy.deepcopy(OLD)
    get = new["paths"]["/runs/{runId}"]["get"]
    get["parameters"][0]["name"] = "id"  # renamed path parameter: no change
    new["paths"]["/runs/{id}"] = new["paths"].pop("/runs/{runId}")
    del new["paths"]["/runs/{id}"]["delete"]
    get["parameters"][1]["required"] = True
    get["parameters"][2]["name"] = "x-trace"  # header names are case-insensitive: no change
    get["parameters"].append({"name": "tenant", "in": "query", "required": True, "schema": {}})
    del get["responses"]["200"]["content"]["application/xml"]
    get["security"] = [{"token": []}]
    run = new["components"]["schemas"]["Run"]
    run["required"] = ["id"]
    del run["properties"]["legacy"]
    run["properties"]["status"]["enum"].append("failed")
    run["properties"]["size"]["type"] = "string"
    run["properties"]["tags"]["items"]["type"] = ["string", "null"]
    run["properties"]["created"] = {"type": "string", "format": "date-time"}
    new_run = new["components"]["schemas"]["NewRun"]
    new_run["required"] = ["task"]
    new_run["properties"]["task"]["maxLength"] = 64
    new_run["properties"]["priority"]["enum"] = ["low", "normal"]
    new_run["properties"]["delay"]["format"] = "duration"
    new_run["properties"]["tags"]["maxItems"] = 20
    new["components"]["securitySchemes"] = {"token": {"type": "http", "scheme": "bearer"}}
    new["paths"]["/runs"]["get"] = {
        "operationId": "listRuns",
        "responses": {"200": {"description": "ok"}},
    }
    return new


def _findings(tmp_path, old: dict, new: dict):
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old, sort_keys=False))
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False))
    found = run_check([tmp_path / "new.yaml"], base=tmp_path / "old.yaml")
    return [f for f in found if f.rule.startswith("change-")]


def test_each_kind_of_change_is_found_where_the_new_file_shows_it(tmp_path):
    found = {
        (f.rule, f.pointer, f.message.split(" (")[0]) for f in _findings(tmp_path, OLD, _new())
    }
    run = "#/components/schemas/Run"
    new_run = "#/components/schemas/NewRun"
    assert found == {
        ("change-operation-removed", "#/paths/~1runs~1{id}", "the operation was removed"),
        ("change-operation-added", "#/paths/~1runs/get", "the operation was added"),
        (
            "change-parameter-became-required",
            "#/paths/~1runs~1{id}/get/parameters/1",
            'query parameter "expand" became required',
        ),
        (
            "change-parameter-added-required",
            "#/paths/~1runs~1{id}/get/parameters/3",
            'required query parameter "tenant" was added',
        ),
        (
            "change-media-type-removed",
            "#/paths/~1runs~1{id}/get/responses/200",
            'response 200: media type "application/xml" was removed',
        ),
        (
            "change-security-added",
            "#/paths/~1runs~1{id}/get",
            "security changed: it needs token now",
        ),
        ("change-response-optional-property-removed", run, 'property "legacy" was removed'),
        (
            "change-response-property-became-optional",
            run,
            'property "status" is no longer required: responses may lack it',
        ),
        (
            "change-response-value-widened",
            f"{run}/properties/status",
            'enum value "failed" was added',
        ),
        (
            "change-type-changed",
            f"{run}/properties/size",
            'type changed from "integer" to "string"',
        ),
        (
            "change-type-changed",
            f"{run}/properties/tags/items",
            'type changed from "string" to "null" or "string"',
        ),
        (
            "change-response-property-added",
            f"{run}/properties/created",
            'property "created" was added',
        ),
        ("change-request-property-became-required", new_run, 'property "task" became required'),
        (
            "change-constraint-tightened",
            f"{new_run}/properties/task",
            "maxLength changed from 128 to 64",
        ),
        (
            "change-enum-value-removed",
            f"{new_run}/properties/priority",
            'enum value "high" was removed',
        ),
        (
            "change-schema-relaxed",
            f"{new_run}/properties/priority",
            'enum value "normal" was added',
        ),
        (
            "change-type-changed",
            f"{new_run}/properties/delay",
            'format changed from none to "duration"',
        ),
        ("change-schema-relaxed", f"{new_run}/properties/tags", "maxItems changed from 10 to 20"),
    }


def test_a_shared_schema_change_is_reported_once_naming_where_it_is_used(tmp_path):
    new = copy.deepcopy(OLD)
    del new["components"]["schemas"]["Run"]["properties"]["legacy"]
    (finding,) = _findings(tmp_path, OLD, new)
    assert finding.rule == "change-response-optional-property-removed"
    assert finding.severity == "warning"
    assert finding.message == (
        'property "legacy" was removed (GET /runs/{runId}: response 200 application/json, '
        "and 1 more operation)"
    )
    assert finding.line == yaml.safe_dump(new, sort_keys=False).splitlines().index("    Run:") + 1


def test_severities_follow_what_old_clients_meet(tmp_path):
    old = copy.deepcopy(OLD)
    old["paths"]["/runs/{runId}"]["delete"]["deprecated"] = True
    old["components"]["schemas"]["Run"]["properties"]["id"]["maxLength"] = 32
    new = copy.deepcopy(old)
    del new["paths"]["/runs/{runId}"]["delete"]
    new["components"]["schemas"]["Run"]["properties"]["id"]["maxLength"] = 64
    del new["components"]["schemas"]["Run"]["properties"]["id"]
    new["components"]["schemas"]["Run"]["properties"]["id"] = {"type": "string", "maxLength": 64}
    found = {(f.rule, f.severity, f.message.split(" (")[0]) for f in _findings(tmp_path, old, new)}
    assert found == {
        ("change-deprecated-operation-removed", "info", "the operation was removed"),
        ("change-response-value-widened", "warning", "maxLength changed from 32 to 64"),
    }
    del new["components"]["schemas"]["Run"]["properties"]["id"]
    found = {(f.rule, f.severity) for f in _findings(tmp_path, old, new)}
    assert ("change-response-property-removed", "error") in found


def test_no_change_no_finding_and_a_schema_loop_ends(tmp_path):
    old = copy.deepcopy(OLD)
    old["components"]["schemas"]["Run"]["properties"]["parent"] = {
        "$ref": "#/components/schemas/Run"
    }
    assert _findings(tmp_path, old, copy.deepcopy(old)) == []
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Run"]["properties"]["id"]["minLength"] = 1
    (finding,) = _findings(tmp_path, old, new)
    assert (finding.rule, finding.severity) == ("change-schema-relaxed", "info")


def test_all_of_parts_and_variants_are_compared(tmp_path):
    old = copy.deepcopy(OLD)
    schemas = old["components"]["schemas"]
    schemas["Run"] = {"allOf": [{"$ref": "#/components/schemas/Base"}, schemas["Run"]]}
    schemas["Base"] = {
        "type": "object",
        "required": ["owner"],
        "properties": {"owner": {"type": "string"}},
    }
    schemas["NewRun"]["properties"]["when"] = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    new = copy.deepcopy(old)
    del new["components"]["schemas"]["Base"]["properties"]["owner"]
    new["components"]["schemas"]["NewRun"]["properties"]["when"]["oneOf"].pop()
    found = {(f.rule, f.pointer, f.message.split(" (")[0]) for f in _findings(tmp_path, old, new)}
    assert found == {
        (
            "change-response-property-removed",
            "#/components/schemas/Run",
            'property "owner" was removed',
        ),
        (
            "change-constraint-tightened",
            "#/components/schemas/NewRun/properties/when",
            "oneOf variant #2 was removed",
        ),
    }


def _git(folder, *arguments):
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


def test_cli_reads_the_base_from_git_and_sarif_points_at_the_new_file(tmp_path):
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    spec = repo / "api" / "openapi.yaml"
    spec.write_text(yaml.safe_dump(OLD, sort_keys=False))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1")
    new = copy.deepcopy(OLD)
    del new["paths"]["/runs/{runId}"]["delete"]
    spec.write_text(yaml.safe_dump(new, sort_keys=False))
    result = run_check_cli(
        "openapi.yaml", "--base", "HEAD:openapi.yaml", "--format", "sarif", cwd=repo / "api"
    )
    assert result.returncode == 1, result.stderr
    results = json.loads(result.stdout)["runs"][0]["results"]
    changes = [r for r in results if r["ruleId"].startswith("change-")]
    assert [(r["ruleId"], r["level"]) for r in changes] == [("change-operation-removed", "error")]
    location = changes[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("openapi.yaml")
    lines = spec.read_text().splitlines()
    assert lines[location["region"]["startLine"] - 1].strip() == "/runs/{runId}:"
    missing = run_check_cli("openapi.yaml", "--base", "HEAD:nope.yaml", cwd=repo / "api")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "api/nope.yaml is not in git revision HEAD" in missing.stderr


@pytest.mark.parametrize("base", ["no-such-file.yaml", "HEAD"])
def test_a_base_that_cannot_be_read_is_one_error_line(tmp_path, base):
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(OLD))
    result = run_check_cli("new.yaml", "--base", base, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "base spec not found" in result.stderr or "git could not read it" in result.stderr
