"""`mkdocs-runs-api check`: golden findings per rule, the real Trigger.dev spec and Mintlify
tree, drift on HAR files, every output format parsed back, exit codes, and `checks:` in builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, SHARED_SPECS, mkdocs_build, needs_specs, quick_first, write_site

SPECS = SHARED_SPECS
TRIGGER = SPECS / "trigger" / "docs"
GOLDEN = Path(__file__).parent / "check_golden"
HAR_DIR = Path(__file__).parent / "fixtures" / "har"
SARIF_SCHEMA = (
    Path(__file__).parent
    / "node_modules"
    / "@microsoft"
    / "jest-sarif"
    / "lib"
    / "schemas"
    / "sarif-2.1.0-rtm.5.json"
)
UPDATE = os.environ.get("RUNS_API_UPDATE_GOLDEN") == "1"


def run_check(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "check", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    "case", quick_first(sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()), quick=3)
)
def test_golden_findings(case):
    folder = GOLDEN / case
    extra = ["--rules", "rules.yaml"] if (folder / "rules.yaml").is_file() else []
    result = run_check("spec.yaml", "--fail-on", "info", "--format", "list", *extra, cwd=folder)
    assert "Traceback" not in result.stderr
    expected_file = folder / "expected.txt"
    if UPDATE:
        expected_file.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected_file.read_text(encoding="utf-8")
    assert result.returncode == (1 if result.stdout.count("\n") > 1 else 0), result.stderr


def _unbounded_arrays(node, parts=()):
    """Independent of the checker: every mapping with type array and no maxItems."""
    found = set()
    if isinstance(node, dict):
        kind = node.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "array" in kinds and "maxItems" not in node and parts[-1:] not in (("example",),):
            found.add(parts)
        for key, value in node.items():
            if key not in ("example", "examples", "x-codeSamples"):
                found |= _unbounded_arrays(value, parts + (str(key),))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found |= _unbounded_arrays(value, parts + (str(index),))
    return found


def _pointer(parts) -> str:
    return "#" + "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


@pytest.fixture(scope="module")
def trigger_check() -> subprocess.CompletedProcess:
    """`check --format json` of Trigger.dev's spec, run once for the module."""
    return run_check(TRIGGER / "v3-openapi.yaml", "--format", "json")


@needs_specs
@pytest.mark.slow
def test_trigger_spec_every_unbounded_array_with_pointer_and_line(trigger_check):
    spec_path = TRIGGER / "v3-openapi.yaml"
    assert trigger_check.returncode == 1
    findings = json.loads(trigger_check.stdout)
    arrays = [f for f in findings if f["rule"] == "array-max-items"]
    expected = {_pointer(p) for p in _unbounded_arrays(yaml.safe_load(spec_path.read_text()))}
    assert {f["pointer"] for f in arrays} == expected
    assert len(arrays) == len(expected) > 40
    lines = spec_path.read_text(encoding="utf-8").splitlines()
    for finding in arrays:
        key = finding["pointer"].rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        line = lines[finding["line"] - 1]
        if key.isdigit():  # a list item: the position is its first key, after "- "
            assert line[: finding["column"] - 1].rstrip().endswith("-"), (finding, line)
        else:
            assert re.match(rf'"?{re.escape(key)}"?:', line[finding["column"] - 1 :]), (
                finding,
                line,
            )


@needs_specs
@pytest.mark.slow
def test_trigger_review_findings_are_caught(trigger_check):
    findings = json.loads(trigger_check.stdout)
    rules = {f["rule"] for f in findings}
    assert {"array-max-items", "required-string-min-length", "response-404-missing"} <= rules
    no_404 = {f["operation"] for f in findings if f["rule"] == "response-404-missing"}
    assert "POST /api/v1/runs/{runId}/tags" in no_404


@needs_specs
@pytest.mark.slow
def test_mintlify_tree_coverage():
    result = run_check(
        TRIGGER / "v3-openapi.yaml", TRIGGER / "openapi.yml", "--docs", TRIGGER, "--format", "json"
    )
    findings = json.loads(result.stdout)
    undocumented = sorted(f["operation"] for f in findings if f["rule"] == "operation-undocumented")
    assert undocumented == [
        "GET /api/v1/concurrency-limits",
        "GET /api/v1/concurrency-limits/{name}",
        "GET /api/v1/projects/{projectRef}/runs",
        "POST /api/v1/concurrency-limits/{name}/override",
        "POST /api/v1/concurrency-limits/{name}/pause",
        "POST /api/v1/concurrency-limits/{name}/reset",
        "POST /api/v1/events",
    ]
    pages_with_openapi = [p for p in TRIGGER.rglob("*.mdx") if "\nopenapi:" in p.read_text()[:400]]
    assert len(pages_with_openapi) == 62
    assert not [f for f in findings if f["rule"] in ("page-unknown-operation", "page-unknown-spec")]


@needs_specs
@pytest.mark.slow  # the check CLI on a Mintlify tree (the quick run keeps under a minute)
def test_mintlify_coverage_reports_broken_pages_and_nav(tmp_path):
    docs = tmp_path / "docs"
    (docs / "api").mkdir(parents=True)
    spec = docs / "petstore.yaml"
    spec.write_text((SPECS / "oai" / "petstore.yaml").read_text())
    (docs / "docs.json").write_text(
        json.dumps(
            {
                "navigation": {"groups": [{"group": "API", "pages": ["api/list", "api/gone"]}]},
                "api": {"openapi": ["petstore.yaml"]},
            },
            indent=2,
        )
    )
    (docs / "api" / "list.mdx").write_text('---\nopenapi: "petstore GET /pets"\n---\n')
    (docs / "api" / "list-again.mdx").write_text('---\nopenapi: "petstore GET /pets"\n---\n')
    (docs / "api" / "ghost.mdx").write_text('---\ntitle: x\nopenapi: "petstore GET /ghosts"\n---\n')
    (docs / "api" / "other.mdx").write_text('---\nopenapi: "nospec GET /pets"\n---\n')
    result = run_check(spec, "--docs", docs, "--format", "json")
    by_rule = {}
    for f in json.loads(result.stdout):
        by_rule.setdefault(f["rule"], []).append(f)
    assert {f["operation"] for f in by_rule["operation-undocumented"]} == {
        "POST /pets",
        "GET /pets/{petId}",
    }
    assert [f["file"].endswith("list-again.mdx") for f in by_rule["operation-duplicate-pages"]] == [
        True
    ]
    assert by_rule["page-unknown-operation"][0]["line"] == 3
    assert by_rule["page-unknown-spec"][0]["file"].endswith("other.mdx")
    missing = by_rule["nav-missing-page"][0]
    docs_lines = (docs / "docs.json").read_text().splitlines()
    gone_line = next(i for i, line in enumerate(docs_lines, 1) if '"api/gone"' in line)
    assert missing["file"].endswith("docs.json") and missing["line"] == gone_line
    assert missing["pointer"] == "#/navigation/groups/0/pages/1"
    assert {f["file"].rsplit("/", 1)[-1] for f in by_rule["page-not-in-nav"]} == {"list-again.mdx"}


@needs_specs
@pytest.mark.slow
def test_mkdocs_site_coverage_counts_generated_pages(tmp_path):
    spec = tmp_path / "petstore.yaml"
    spec.write_text((SPECS / "oai" / "petstore.yaml").read_text())
    write_site(tmp_path, "petstore.yaml", plugin_options={"exclude_operations": ["createPets"]})
    findings = json.loads(run_check(spec, "--docs", tmp_path, "--format", "json").stdout)
    undocumented = [f for f in findings if f["rule"] == "operation-undocumented"]
    assert [f["operation"] for f in undocumented] == ["POST /pets"]
    assert "exclude_operations" in undocumented[0]["message"]


@needs_specs
@pytest.mark.slow
def test_drift_trace_spans_with_undocumented_events():
    result = run_check(TRIGGER / "v3-openapi.yaml", "--responses", HAR_DIR, "--format", "json")
    findings = [f for f in json.loads(result.stdout) if f["rule"].startswith("drift-")]
    events = [f for f in findings if f["rule"] == "drift-undocumented-property"]
    assert events and all("'events'" in f["message"] for f in events)
    assert {f["pointer"] for f in events} == {"#/components/schemas/SpanDetailedSummary"}
    assert {f["operation"] for f in events} == {"GET /api/v1/runs/{runId}/trace"}
    unknown = [f for f in findings if f["rule"] == "drift-unknown-operation"]
    assert [f["pointer"] for f in unknown] == ["#/log/entries/3"]
    body = [f for f in findings if f["rule"] == "drift-undocumented-body-field"]
    assert len(body) == 1 and "'colour'" in body[0]["message"]
    assert "SECRET" not in result.stdout and "tr_secret" not in result.stdout


@pytest.mark.slow  # the check CLI with HAR files (the quick run keeps under a minute)
def test_drift_status_type_enum_and_content_type(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://h/v2'}]\n"
        "paths:\n  /runs/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true,"
        " schema: {type: string}}, {name: expand, in: query, schema: {type: string}}]\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema:\n                type: object\n"
        "                required: [id, status]\n                properties:\n"
        "                  id: {type: string}\n"
        "                  status: {type: string, enum: [A, B]}\n"
        "                  size: {type: integer}\n"
    )

    def entry(url, status, body, mime="application/json"):
        return {
            "request": {"method": "GET", "url": url, "headers": [], "queryString": []},
            "response": {"status": status, "content": {"mimeType": mime, "text": body}},
        }

    har = tmp_path / "rec.har"
    har.write_text(
        json.dumps(
            {
                "log": {
                    "entries": [
                        entry(
                            "https://h/v2/runs/1?expand=x&secretToken=abc",
                            200,
                            json.dumps({"id": 1, "status": "C", "size": "big"}),
                        ),
                        entry("https://h/v2/runs/2", 500, "{}"),
                        entry("https://h/v2/runs/3", 200, "<html/>", "text/html"),
                    ]
                }
            }
        )
    )
    findings = json.loads(run_check(spec, "--responses", har, "--format", "json").stdout)
    rules = sorted(f["rule"] for f in findings if f["rule"].startswith("drift-"))
    assert rules == [
        "drift-content-type",
        "drift-enum-value",
        "drift-undocumented-query-parameter",
        "drift-undocumented-status",
        "drift-wrong-type",
        "drift-wrong-type",
    ]
    assert "abc" not in json.dumps(findings)


@pytest.mark.slow  # the SARIF schema comes from the npm packages in tests/node_modules
def test_output_formats_parse_back():
    spec = GOLDEN / "operations" / "spec.yaml"
    as_json = json.loads(run_check(spec, "--format", "json").stdout)
    assert as_json and all(
        set(f) == {"rule", "severity", "message", "file", "line", "column", "pointer", "operation"}
        for f in as_json
    )
    sarif = json.loads(run_check(spec, "--format", "sarif").stdout)
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    results = sarif["runs"][0]["results"]
    assert len(results) == len(as_json)
    assert {r["ruleId"] for r in results} == {f["rule"] for f in as_json}
    github = run_check(spec, "--format", "github").stdout.splitlines()
    assert len(github) == len(as_json)
    pattern = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[\w-]+::.+")
    assert all(pattern.match(line) for line in github), github
    listed = run_check(spec, "--format", "list").stdout.splitlines()
    assert len(listed) == len(as_json) + 1 and listed[-1].startswith(f"{len(as_json)} finding(s)")
    text = run_check(spec).stdout.splitlines()  # grouped: a header per rule, its first three
    rules = {f["rule"] for f in as_json}
    headers = [line for line in text if not line.startswith("  ")][:-1]
    assert [h.split()[1] for h in headers] == sorted(
        rules,
        key=lambda r: (
            ["error", "warning", "info"].index(
                next(f for f in as_json if f["rule"] == r)["severity"]
            ),
            -sum(1 for f in as_json if f["rule"] == r),
            r,
        ),
    )
    assert all(f"({sum(1 for f in as_json if f['rule'] == h.split()[1])})" in h for h in headers)
    assert text[-1] == listed[-1]


@pytest.mark.slow  # ten runs of the CLI
def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.yaml"
    clean.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    assert run_check(clean).returncode == 0
    warn_only = GOLDEN / "ignore_and_config" / "spec.yaml"
    assert run_check(warn_only, "--fail-on", "error").returncode == 0
    assert run_check(warn_only, "--fail-on", "warning").returncode == 1
    for args in (["missing.yaml"], [clean, "--rules", clean], [clean, "--docs", tmp_path]):
        result = run_check(*args, cwd=tmp_path)
        assert result.returncode == 2, result
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("openapi: [\n")
    result = run_check(bad_yaml)
    assert result.returncode == 2 and "bad.yaml:2:" in result.stderr
    assert run_check(clean, "--format", "xml").returncode == 2


@pytest.mark.slow  # two builds
def test_checks_option_fails_strict_build_with_summary(tmp_path):
    spec = tmp_path / "spec.yaml"
    one_clean_operation = (
        "tags: [{name: t}]\npaths: {/a: {get: {operationId: a, summary: A, tags: [t], "
        "responses: {'200': {description: ok}, '400': {description: bad}}}}}"
    )
    schemas_case = (GOLDEN / "schemas" / "spec.yaml").read_text()
    spec.write_text(schemas_case.replace("paths: {}", one_clean_operation))
    write_site(tmp_path, "spec.yaml", plugin_options={"checks": True})
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert "warning array-max-items" in result.stderr
    assert "runs-api checks: " in result.stderr and "at or above warning" in result.stderr
    write_site(
        tmp_path,
        "spec.yaml",
        plugin_options={
            "checks": {
                "rules": {
                    "array-max-items": "off",
                    "required-property-undefined": "off",
                    "enum-type-mismatch": "off",
                    "nullable-without-type": "off",
                    "component-unused": "off",
                    "required-string-min-length": "off",
                }
            }
        },
    )
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr


def test_readme_documents_every_rule_with_its_default():
    from mkdocs_runs_api.check import RULES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| `{rule.name}` | {rule.group} | {rule.severity} |" in readme, rule.name
