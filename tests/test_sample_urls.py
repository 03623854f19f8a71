"""The URL a generated sample calls: a literal `#` or `?` in a path template (AWS's
`/#Action=...`) never turns the query into a fragment; a relative server or none gives the
`{BASE_URL}` placeholder (or `code_samples_base_url`), never a made-up host, and the build
says which option fixes it. The URL cases run as real cURL and Python samples against a local
server that records what arrives."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from conftest import mkdocs_build, run_generated_samples, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.model import SharedWork, build_details
from mkdocs_runs_api.samples.render import SampleOptions
from mkdocs_runs_api.samples.request import (
    build_sample_request,
    path_and_fixed_query,
    serialize_path,
)

AWS_PATH = "/#Action=DescribeInstances&Version=2016-11-15"


@pytest.mark.parametrize(
    ("template", "path", "fixed"),
    [
        (AWS_PATH, "/", [("Action", "DescribeInstances"), ("Version", "2016-11-15")]),
        ("/search?type=full", "/search", [("type", "full")]),
        ("/notes/{id}#top", "/notes/{id}%23top", []),
        ("/x?y", "/x%3Fy", []),
        ("/a b/{id};v=1", "/a%20b/{id};v=1", []),
        ("/files/%7Bname%7D/{id}", "/files/%7Bname%7D/{id}", []),
    ],
)
def test_a_path_template_becomes_a_path_and_the_query_it_fixes(template, path, fixed):
    assert path_and_fixed_query(template) == (path, fixed)


def _spec(paths: dict, servers: list | None) -> dict:
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths}
    return spec if servers is None else {**spec, "servers": servers}


def _aws_paths() -> dict:
    def enum(name: str, value: str) -> dict:
        return {"name": name, "in": "query", "required": True, "schema": {"enum": [value]}}

    operation = {
        "operationId": "DescribeInstances",
        "parameters": [
            enum("Action", "DescribeInstances"),
            enum("Version", "2016-11-15"),
            {"name": "InstanceId", "in": "query", "required": True, "example": "i-1234"},
        ],
        "responses": {"200": {"description": "ok"}},
    }
    fixed_only = {"operationId": "RunInstances", "responses": {"200": {"description": "ok"}}}
    return {AWS_PATH: {"get": operation}, "/#Action=RunInstances": {"post": fixed_only}}


def _requests(tmp_path: Path, spec: dict, base_url: str | None = None):
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    options = ReferenceOptions(samples=SampleOptions(languages=()))
    reference = generate_reference(tmp_path / "spec.json", options)
    shared = SharedWork.for_bundle(reference.bundle)
    for operation in reference.api.operations:
        build_details(operation, shared)
        yield operation, build_sample_request(operation, shared, base_url=base_url)


def test_aws_action_paths_send_their_query_and_no_fragment(tmp_path):
    servers = [
        {
            "url": "https://ec2.{region}.amazonaws.com",
            "variables": {"region": {"default": "us-east-1"}},
        }
    ]
    urls = {
        op.operation_id: req.url for op, req in _requests(tmp_path, _spec(_aws_paths(), servers))
    }
    assert urls == {
        "DescribeInstances": "https://ec2.us-east-1.amazonaws.com/"
        "?Action=DescribeInstances&Version=2016-11-15&InstanceId=i-1234",
        "RunInstances": "https://ec2.us-east-1.amazonaws.com/?Action=RunInstances",
    }


@pytest.mark.parametrize(
    ("servers", "configured", "base"),
    [
        ([{"url": "/api/v1"}], None, "{BASE_URL}/api/v1"),
        ([{"url": "/api/v1/"}], "https://docs.example.org/", "https://docs.example.org/api/v1"),
        ([{"url": "v2"}], None, "{BASE_URL}/v2"),
        (None, None, "{BASE_URL}"),
        (None, "http://127.0.0.1:4010", "http://127.0.0.1:4010"),
        ([{"url": "//api.example.net/v1"}], None, "https://api.example.net/v1"),
        ([{"url": "https://api.trigger.dev"}], "http://127.0.0.1:4010", "http://127.0.0.1:4010"),
    ],
)
def test_a_server_without_a_host_is_resolved_or_shown_as_a_placeholder(
    tmp_path, servers, configured, base
):
    paths = {"/runs": {"get": {"responses": {"200": {"description": "ok"}}}}}
    ((_, request),) = _requests(tmp_path, _spec(paths, servers), configured)
    assert request.url == base + "/runs"


def test_a_sample_sends_required_parameters_and_the_first_few_optional_ones(tmp_path):
    """Asana's search endpoints made cURL lines of ~2,000 characters: every optional
    filter with an example was sent."""
    optional = [
        {"name": f"filter_{n}", "in": "query", "example": f"v{n}", "schema": {"type": "string"}}
        for n in range(6)
    ]
    required = {"name": "workspace", "in": "query", "required": True, "example": "w1"}
    no_example = {"name": "limit", "in": "query", "schema": {"type": "integer"}}
    header = {"name": "X-Trace", "in": "header", "example": "t1"}
    operation = {"parameters": [*optional[:2], no_example, required, header, *optional[2:]]}
    paths = {"/search": {"get": {**operation, "responses": {"200": {"description": "ok"}}}}}
    (tmp_path / "spec.json").write_text(json.dumps(_spec(paths, None)), encoding="utf-8")
    reference = generate_reference(tmp_path / "spec.json", ReferenceOptions())
    shared = SharedWork.for_bundle(reference.bundle)
    (operation,) = reference.api.operations
    build_details(operation, shared)
    sent = {}
    for count in (0, 3, 10):
        request = build_sample_request(operation, shared, optional_parameters=count)
        sent[count] = [name for name, _ in request.query + request.headers]
    assert sent == {
        0: ["workspace"],
        3: ["filter_0", "filter_1", "workspace", "filter_2"],
        10: ["filter_0", "filter_1", "workspace", *(f"filter_{n}" for n in range(2, 6)), "X-Trace"],
    }
    assert SampleOptions().optional_parameters == 3  # (query parameters come before headers)


def _site(tmp_path: Path, servers: list | None, **options) -> subprocess.CompletedProcess:
    paths = {
        "/runs": {"get": {"operationId": "listRuns", "responses": {"200": {"description": "ok"}}}}
    }
    (tmp_path / "spec.json").write_text(json.dumps(_spec(paths, servers)), encoding="utf-8")
    write_site(tmp_path, "spec.json", plugin_options={"code_samples": ["curl"], **options})
    return mkdocs_build(tmp_path)


def test_a_relative_server_fails_a_strict_build_and_names_the_option(tmp_path):
    result = _site(tmp_path, [{"url": "/api/v1"}])
    assert result.returncode == 1
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert "spec.json:1:" in warning and "#/servers/0/url" in warning
    assert "1 operation (GET /runs) have no host" in warning and "`/api/v1` is relative" in warning
    assert "Set code_samples_base_url" in warning


@pytest.mark.slow  # a site build; its sibling above stays quick (quick run: under a minute)
def test_the_configured_base_resolves_a_relative_server_and_the_build_is_clean(tmp_path):
    result = _site(tmp_path, [{"url": "/api/v1"}], code_samples_base_url="https://api.example.org")
    assert result.returncode == 0, result.stderr
    assert "no host" not in result.stderr
    page = (tmp_path / "site" / "api" / "list-runs" / "index.html").read_text(encoding="utf-8")
    assert "https://api.example.org/api/v1/runs" in page


@pytest.mark.slow  # a site build (the quick run keeps under a minute)
def test_no_servers_is_a_note_and_the_samples_show_the_placeholder(tmp_path):
    result = _site(tmp_path, None)
    assert result.returncode == 0, result.stderr
    (note,) = [line for line in result.stderr.splitlines() if "no host" in line]
    assert note.startswith("INFO") and "the spec has no `servers`" in note
    page = (tmp_path / "site" / "api" / "list-runs" / "index.html").read_text(encoding="utf-8")
    assert "{BASE_URL}/runs" in page and "api.example.com" not in page


@pytest.mark.slow  # two languages' samples run as subprocesses
@pytest.mark.parametrize("language", ["curl", "python"])
def test_run_samples_of_aws_paths_arrive_with_their_query(tmp_path, recorder, language):
    spec = _spec(_aws_paths(), [{"url": "https://ec2.us-east-1.amazonaws.com"}])
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    arrived = {}
    for operation_id, (method, target, _, _) in run_generated_samples(
        tmp_path / "spec.json", language, recorder, tmp_path
    ).items():
        parts = urlsplit(target)
        arrived[operation_id] = (method, parts.path, parse_qsl(parts.query))
    assert arrived == {
        "DescribeInstances": (
            "GET",
            "/",
            [("Action", "DescribeInstances"), ("Version", "2016-11-15"), ("InstanceId", "i-1234")],
        ),
        "RunInstances": ("POST", "/", [("Action", "RunInstances")]),
    }


def test_a_swagger_2_spec_without_host_is_located_at_its_base_path_or_a_note(tmp_path):
    """Without `host` the API is where the docs are served: a `basePath` is a relative server
    (a warning located at it), no `basePath` either is like no servers (a note). The mapping
    of the warning back to the 2.0 file ended in a traceback."""
    paths = {"/runs": {"get": {"responses": {"200": {"description": "ok"}}}}}
    spec = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    for extra, problems, notes in (({"basePath": "/v2"}, 1, 0), ({}, 0, 1)):
        path = tmp_path / "spec.yaml"
        path.write_text(yaml.safe_dump({**spec, **extra}, sort_keys=False), encoding="utf-8")
        reference = generate_reference(path, ReferenceOptions())
        assert (len(reference.shape_problems), len(reference.notes)) == (problems, notes)
        if problems:
            (problem,) = reference.shape_problems
            line = path.read_text(encoding="utf-8").splitlines().index("basePath: /v2") + 1
            assert f"spec.yaml:{line}:" in problem and "`/v2` is relative" in problem


@pytest.mark.parametrize(
    ("style", "explode", "expected"),
    [
        (None, None, ("5", "3,4,5", "role,admin,firstName,Alex")),
        ("simple", True, ("5", "3,4,5", "role=admin,firstName=Alex")),
        ("label", False, (".5", ".3,4,5", ".role,admin,firstName,Alex")),
        ("label", True, (".5", ".3.4.5", ".role=admin.firstName=Alex")),
        ("matrix", False, (";id=5", ";id=3,4,5", ";id=role,admin,firstName,Alex")),
        ("matrix", True, (";id=5", ";id=3;id=4;id=5", ";role=admin;firstName=Alex")),
    ],
)
def test_path_parameters_follow_their_style_as_openapi_s_table_shows(style, explode, expected):
    """Daniweb's array path parameter went into the URL as JSON (`[1]`)."""
    values = (5, [3, 4, 5], {"role": "admin", "firstName": "Alex"})
    assert tuple(serialize_path("id", value, style, explode) for value in values) == expected
    assert serialize_path("id", "a b/c@d.org") == "a%20b%2Fc@d.org"  # PeerTube's handles


def test_header_parameters_the_client_sets_are_not_sent(tmp_path):
    """PeerTube's resumable upload declares Content-Length: its example hung the request."""
    names = ["Content-Length", "Content-Type", "Authorization", "Accept", "X-Upload-Id"]
    parameters = [
        {"name": name, "in": "header", "required": True, "example": "10"} for name in names
    ]
    paths = {
        "/upload": {"put": {"parameters": parameters, "responses": {"200": {"description": "ok"}}}}
    }
    ((_, request),) = _requests(tmp_path, _spec(paths, None))
    assert request.headers == [("X-Upload-Id", "10")]
