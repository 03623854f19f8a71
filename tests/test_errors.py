"""Bad input: each case stops `mkdocs build` and the CLI with one clear message naming the
file, the line/column or JSON pointer, and the problem; never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import mkdocs_build, write_site

HEAD = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\n'

CASES = {
    "invalid_yaml": (
        {"openapi.yaml": HEAD + "paths:\n  /a:\n    get: [unclosed\n  /b: {}\n"},
        ["openapi.yaml:6:", "invalid YAML"],
    ),
    "invalid_json": (
        {"openapi.json": '{\n  "openapi": "3.1.0",\n  "info": {"title": "t",}\n}\n'},
        ["openapi.json:3:", "invalid JSON"],
    ),
    "duplicate_key": (
        {"openapi.yaml": HEAD + "paths: {}\npaths: {}\n"},
        ["openapi.yaml:4:1", "duplicate key 'paths'"],
    ),
    "unresolved_local_ref": (
        {
            "openapi.yaml": HEAD + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
            "          $ref: '#/components/responses/Missing'\n"
        },
        [
            "openapi.yaml:8:11",
            "unresolved $ref '#/components/responses/Missing'",
            "#/paths/~1a/get/responses/200/$ref",
        ],
    ),
    "unresolved_ref_inside_referenced_file": (
        {
            "openapi.yaml": HEAD + "paths:\n  /a:\n    $ref: 'paths/a.yaml'\n",
            "paths/a.yaml": "get:\n  responses:\n    '200':\n      $ref: '#/nope'\n",
        },
        ["paths/a.yaml:4:7", "unresolved $ref '#/nope'"],
    ),
    "missing_referenced_file": (
        {"openapi.yaml": HEAD + "paths:\n  /a:\n    $ref: 'paths/missing.yaml'\n"},
        ["paths/missing.yaml", "file not found", "openapi.yaml:5:5"],
    ),
    "remote_ref_refused": (
        {"openapi.yaml": HEAD + "paths:\n  /a:\n    $ref: 'https://example.com/a.yaml'\n"},
        [
            "openapi.yaml:5:5",
            "remote $ref 'https://example.com/a.yaml' is not allowed",
            "allow_remote_refs",
        ],
    ),
    "swagger_3_unknown": (
        {"openapi.yaml": 'swagger: "3.5"\ninfo: {title: t, version: "1"}\npaths: {}\n'},
        ["openapi.yaml:1:1", "Swagger '3.5' documents are not supported (only 2.0 is)"],
    ),
    "not_openapi": (
        {"openapi.yaml": "name: my-package\nversion: 1.0.0\n"},
        ["openapi.yaml", "not an OpenAPI document", "openapi: 3.1.0"],
    ),
    "top_level_list": (
        {"openapi.yaml": "- a\n- b\n"},
        ["openapi.yaml", "not an OpenAPI document: the top level is a list"],
    ),
    "unsupported_version": (
        {"openapi.yaml": 'openapi: 4.0.0\ninfo: {title: t, version: "1"}\n'},
        ["openapi.yaml:1:1", "unsupported OpenAPI version '4.0.0'"],
    ),
    "not_utf8": (
        {"openapi.yaml": HEAD.encode() + b"paths: {}\n# caf\xe9\n"},
        ["openapi.yaml:4", "not valid UTF-8"],
    ),
    "ref_escaping_the_root": (
        {"openapi.yaml": HEAD + "paths:\n  /a:\n    $ref: '../../secrets.json'\n"},
        ["openapi.yaml:5:5", "$ref '../../secrets.json' leads outside the project", "ref_roots"],
    ),
    "absolute_path_ref": (
        {"openapi.yaml": HEAD + "paths:\n  /a:\n    $ref: '/etc/passwd'\n"},
        ["openapi.yaml:5:5", "$ref to the absolute path '/etc/passwd' is not allowed"],
    ),
    "file_url_ref": (
        {"openapi.yaml": HEAD + "paths:\n  /a:\n    $ref: 'file:///etc/passwd'\n"},
        ["openapi.yaml:5:5", "$ref to 'file:///etc/passwd' is not allowed"],
    ),
    "alias_bomb": (
        {
            "openapi.yaml": HEAD
            + "paths: {}\nx-bomb:\n"
            + "".join(
                f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else "lol"] * 9) + "]\n"
                for i in range(10)
            )
        },
        ["openapi.yaml", "YAML aliases expand to more than 20,000,000 values"],
    ),
    "deep_nesting_json": (
        {
            "openapi.json": '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "x": '
            + "[" * 10000
            + "]" * 10000
            + "}"
        },
        ["openapi.json", "nests too deeply"],
    ),
    "deep_nesting_schema": (
        {
            "openapi.yaml": HEAD + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
            "          description: ok\n          content:\n            application/json:\n"
            "              schema: " + "{properties: {a: " * 2000 + "{}" + "}}" * 2000 + "\n"
        },
        ["openapi.yaml", "nests too deeply"],
    ),
    "swagger_1_2": (
        {"openapi.yaml": 'swaggerVersion: "1.2"\napis: []\n'},
        ["openapi.yaml:1:1", "Swagger 1.2 documents are not supported"],
    ),
    "latin1": (
        {"openapi.yaml": HEAD.encode() + "paths: {}\n# café\n".encode("latin-1")},
        ["openapi.yaml:4", "not valid UTF-8 (byte 0xe9", "Save the file as UTF-8"],
    ),
    "paths_not_mapping": (
        {"openapi.yaml": HEAD + "paths: [1, 2]\n"},
        ["openapi.yaml:3:1", "`paths` must be a mapping"],
    ),
}


# The quick run (`-m "not slow"`) takes a few cases through the CLI and one through `mkdocs
# build` (test_input.py runs the bad files through every command); the full run takes every case
# through both.
QUICK_CLI_CASES = {"invalid_yaml", "unresolved_ref_inside_referenced_file"}
QUICK_BUILD_CASES = {"missing_referenced_file"}


def _cases(quick: set[str]) -> list:
    assert quick <= CASES.keys()
    return [
        pytest.param(case, marks=() if case in quick else pytest.mark.slow)
        for case in sorted(CASES)
    ]


def _write(root: Path, files: dict) -> str:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return next(iter(files))


@pytest.mark.parametrize("case", _cases(QUICK_BUILD_CASES))
def test_bad_input_stops_mkdocs_build_with_clear_message(tmp_path, case):
    files, expected = CASES[case]
    spec = _write(tmp_path, files)
    write_site(tmp_path, spec)
    result = mkdocs_build(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    error_lines = [line for line in output.splitlines() if "runs-api:" in line]
    assert len(error_lines) == 1, output
    for fragment in expected:
        assert fragment in error_lines[0], f"{fragment!r} not in {error_lines[0]!r}"


@pytest.mark.parametrize("case", _cases(QUICK_CLI_CASES))
def test_bad_input_exits_2_from_cli_with_one_line(tmp_path, case):
    files, expected = CASES[case]
    spec = _write(tmp_path, files)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "render", spec, "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mkdocs-runs-api: error: "), result.stderr
    for fragment in expected:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    assert not (tmp_path / "out").exists()


def test_missing_spec_file_is_a_config_error(tmp_path):
    write_site(tmp_path, "nowhere.yaml")
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nowhere.yaml" in result.stderr
