"""OpenAPI 3.2: our example document (`tests/fixtures/oas32/`) reads, renders, checks and builds;
`$self` maps absolute refs to local files; an `additionalOperations` key that is no method
name is refused. The pages themselves are golden cases (`tests/golden/*oas32*`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import assert_built, copy_tree, mkdocs_build, operation_pages, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.errors import SpecError
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.self_uri import local_doc_part

FIXTURE = Path(__file__).parent / "fixtures" / "oas32"
SPEC = FIXTURE / "openapi-3.2.yaml"
OPERATIONS = {
    "GET /runs",
    "QUERY /runs",
    "GET /runs/{id}",
    "COPY /runs/{id}",
    "GET /runs/{id}/artifacts",
    "GET /events",
}


def _reference():
    return generate_reference(SPEC, ReferenceOptions())


def test_every_operation_has_a_page_with_its_method_as_written():
    pages = {page.src_uri: page.markdown for page in _reference().pages}
    hooks = {
        line.split('data-operation="')[1].split('"')[0]
        for text in pages.values()
        for line in text.splitlines()
        if 'data-operation="' in line
    }
    assert hooks == OPERATIONS
    assert "curl --request QUERY" in pages["api/runs/search-runs.md"]
    assert "curl --request COPY" in pages["api/runs/copy-run.md"]


def test_the_nav_nests_child_tags_and_leaves_badge_tags_out():
    nav = _reference().nav
    titles = [next(iter(item)) for item in nav if isinstance(item, dict)]
    assert titles == ["Runs", "Events"]  # `beta` (kind: badge) is no group
    runs = nav[1]["Runs"]
    assert {
        "Artifacts": [
            "api/artifacts/index.md",
            {"List a run's artifacts": "api/artifacts/list-artifacts.md"},
        ]
    } in runs


def test_self_refs_lead_to_the_local_files():
    loaded = read_spec(SPEC)
    targets = {site.ref: site.target for site in loaded.bundle.refs}
    run = "https://api.example.com/specs/openapi.yaml#/components/schemas/Run"
    assert targets[run] == (str(SPEC.resolve()), "#/components/schemas/Run")
    status = "https://api.example.com/specs/common.yaml#/components/schemas/Status"
    assert targets[status] == (
        str((FIXTURE / "common.yaml").resolve()),
        "#/components/schemas/Status",
    )


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("https://api.example.com/specs/openapi.yaml", ""),
        ("common.yaml", "common.yaml"),
        ("https://api.example.com/specs/sub/x.yaml", "sub/x.yaml"),
        ("../other/x.yaml", "https://api.example.com/other/x.yaml"),
        ("https://elsewhere.example/x.yaml", "https://elsewhere.example/x.yaml"),
    ],
)
def test_local_doc_part(ref, expected):
    assert local_doc_part("https://api.example.com/specs/openapi.yaml", ref) == expected


def test_an_additional_operation_key_that_is_no_method_is_refused(tmp_path):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        textwrap.dedent(
            """\
            openapi: 3.2.0
            info: {title: t, version: "1"}
            paths:
              /x:
                additionalOperations:
                  "COPY; rm -rf /": {responses: {"200": {description: ok}}}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(SpecError, match="is not an HTTP method name"):
        generate_reference(spec, ReferenceOptions())


def _check(spec: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "check", "--format", "json", str(spec)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout)


def _errors(findings) -> list[str]:
    items = findings if isinstance(findings, list) else findings.get("findings", [])
    return [f["rule"] + ": " + f["message"] for f in items if f["severity"] == "error"]


@pytest.mark.slow  # the check CLI on every 3.2 case (the quick run keeps under a minute)
def test_check_validates_3_2_documents(tmp_path):
    assert _errors(_check(SPEC)) == []
    broken = tmp_path / "openapi.yaml"
    broken.write_text(
        SPEC.read_text(encoding="utf-8").replace("kind: badge", "kind: [badge]"), encoding="utf-8"
    )
    (tmp_path / "common.yaml").write_text(
        (FIXTURE / "common.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    errors = _errors(_check(broken))
    assert errors and all(e.startswith("spec-invalid") for e in errors), errors


@pytest.mark.slow
def test_the_example_builds_strict_with_one_page_per_operation(tmp_path):
    copy_tree(FIXTURE, tmp_path / "spec")
    write_site(tmp_path, "spec/openapi-3.2.yaml")
    assert_built(mkdocs_build(tmp_path))
    pages = operation_pages(tmp_path / "site")
    assert set(pages) == OPERATIONS
    assert all(len(found) == 1 for found in pages.values()), pages
    html = (tmp_path / "site" / "api" / "artifacts" / "list-artifacts" / "index.html").read_text()
    nav = html.split('class="md-nav md-nav--primary"')[1]
    titles = [
        " ".join(t.split()) for t in re.findall(r'class="md-ellipsis">(.*?)</span>', nav, re.S)
    ]
    assert titles.index("Runs") < titles.index("Copy a run") < titles.index("Artifacts")
    assert titles.index("Artifacts") < titles.index("Events")
