"""The reference's nav data: grouping, titles told apart, long titles shortened.

Each test prints the nav the pipeline builds from a small spec and compares it with the
expected tree, as mkdocs' own nav tests do."""

from __future__ import annotations

import json
import textwrap

import pytest

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.layout.nav import shorten
from mkdocs_runs_api.layout.plan import path_group


def _nav(tmp_path, paths: dict, tags: list | None = None, **options) -> str:
    spec = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths}
    if tags is not None:
        spec["tags"] = tags
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    reference = generate_reference(tmp_path / "spec.json", ReferenceOptions(**options))
    return _printed(reference.nav)


def _printed(nav: list, depth: int = 0) -> str:
    lines = []
    for item in nav:
        if isinstance(item, str):
            lines.append("    " * depth + item)
            continue
        ((title, value),) = item.items()
        if isinstance(value, str):
            lines.append(f"{'    ' * depth}{title}: {value}")
        else:
            lines.append(f"{'    ' * depth}{title}")
            lines.append(_printed(value, depth + 1))
    return "\n".join(lines)


def _op(summary: str, tags: list | None = None) -> dict:
    return {"summary": summary, "tags": tags or [], "responses": {"200": {"description": "ok"}}}


def test_an_api_without_tags_is_grouped_by_first_path_segment(tmp_path):
    paths = {
        "/v1/instances": {"get": _op("List instances"), "post": _op("Run instances")},
        "/v1/instances/{id}": {"delete": _op("Terminate an instance")},
        "/v1/volumes": {"get": _op("List volumes")},
    }
    assert _nav(tmp_path, paths) == textwrap.dedent(
        """\
        api/index.md
        instances
            api/instances/index.md
            List instances: api/instances/get-v1-instances.md
            Run instances: api/instances/post-v1-instances.md
            Terminate an instance: api/instances/delete-v1-instances-id.md
        volumes
            api/volumes/index.md
            List volumes: api/volumes/get-v1-volumes.md"""
    )


def test_untagged_groups_skip_mount_points_versions_and_parameters(tmp_path):
    paths = {
        "/api/v3/instances": {"get": _op("List instances")},
        "/2.0/volumes/{id}": {"get": _op("Get a volume")},
        "/rest/api/3/issue": {"post": _op("Create an issue")},
        "/2020-01-01/{accountId}/invoices": {"get": _op("List invoices")},
    }
    assert _nav(tmp_path, paths) == textwrap.dedent(
        """\
        api/index.md
        instances
            api/instances/index.md
            List instances: api/instances/get-api-v3-instances.md
        volumes
            api/volumes/index.md
            Get a volume: api/volumes/get-2-0-volumes-id.md
        issue
            api/issue/index.md
            Create an issue: api/issue/post-rest-api-3-issue.md
        invoices
            api/invoices/index.md
            List invoices: api/invoices/get-2020-01-01-account-id-invoices.md"""
    )


@pytest.mark.parametrize(
    ("path", "group"),
    [
        ("/runs", "runs"),
        ("/v1/runs/{id}", "runs"),
        ("/V2/runs", "runs"),
        ("/v1.2/runs", "runs"),
        ("/v1beta1/namespaces/{ns}/pods", "namespaces"),
        ("/v2-preview/models", "models"),
        ("/2.0/clusters/list", "clusters"),
        ("/1/indexes/{indexName}", "indexes"),
        ("/api/runs", "runs"),
        ("/api/v3/repos", "repos"),
        ("/apis/apps/v1/deployments", "apps"),
        ("/rest/api/3/issue/{issueIdOrKey}", "issue"),
        ("/2020-01-01/charges", "charges"),
        ("/{tenant}/runs", "runs"),
        ("/{tenant}.{region}/runs", "runs"),
        ("/v1/{id}", "/"),
        ("/", "/"),
        ("/version", "version"),
        ("/v1/api-keys", "api-keys"),
        ("/2fa/verify", "2fa"),
    ],
)
def test_path_group(path, group):
    assert path_group(path) == group


def test_an_api_without_tags_under_one_path_segment_stays_flat(tmp_path):
    paths = {"/runs": {"get": _op("List runs")}, "/runs/{id}": {"get": _op("Get a run")}}
    assert _nav(tmp_path, paths) == textwrap.dedent(
        """\
        api/index.md
        List runs: api/get-runs.md
        Get a run: api/get-runs-id.md"""
    )


def test_group_by_none_stays_flat_without_tags(tmp_path):
    paths = {"/a": {"get": _op("A")}, "/b": {"get": _op("B")}}
    assert _nav(tmp_path, paths, group_by="none") == textwrap.dedent(
        """\
        api/index.md
        A: api/get-a.md
        B: api/get-b.md"""
    )


def test_same_titles_in_a_group_are_told_apart_by_path_then_method(tmp_path):
    paths = {
        "/users/{id}": {
            "get": _op("Get a user", ["users"]),
            "put": _op("User", ["users"]),
            "delete": _op("User", ["users"]),
        },
        "/orgs/{org}/users/{id}": {"get": _op("Get a user", ["users"])},
        "/me": {"get": _op("Get a user", ["me"])},
    }
    tags = [{"name": "users", "x-displayName": "Users & members"}, {"name": "me"}]
    assert _nav(tmp_path, paths, tags) == textwrap.dedent(
        """\
        api/index.md
        Users &amp; members
            api/users/index.md
            Get a user (/users/{id}): api/users/get-users-id.md
            User (PUT /users/{id}): api/users/put-users-id.md
            User (DELETE /users/{id}): api/users/delete-users-id.md
            Get a user (/orgs/{org}/users/{id}): api/users/get-orgs-org-users-id.md
        me
            api/me/index.md
            Get a user: api/me/get-me.md"""
    )


def test_long_titles_are_shortened_in_the_nav_only(tmp_path):
    long = (
        "Retrieve the complete list of scheduled maintenance windows for every instance "
        "in the account"
    )
    paths = {"/windows": {"get": _op(long)}}
    assert _nav(tmp_path, paths) == textwrap.dedent(
        """\
        api/index.md
        Retrieve the complete list of scheduled maintenance windows for every instance…: \
api/get-windows.md"""
    )
    page = next(
        p
        for p in generate_reference(tmp_path / "spec.json", ReferenceOptions()).pages
        if p.kind == "operation"
    )
    assert f'title: "{long}"' in page.markdown and f"# {long}" in page.markdown


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("List runs", "List runs"),
        ("a" * 80, "a" * 80),
        ("word " * 20, "word " * 15 + "word…"),
        ("one two three, four", "one two…"),
        ("x" * 100, "x" * 79 + "…"),
        ("Multi\n  line   summary", "Multi line summary"),
    ],
)
def test_shorten(text, short):
    width = 12 if text.startswith("one") else 80
    assert shorten(text, width) == short
