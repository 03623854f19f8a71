"""The document against the official OpenAPI 3.0, 3.1 or 3.2 JSON Schema (the copies that
openapi-spec-validator ships), validated by jsonschema-rs: GitHub's 10 MB spec in about 0.02 s,
where Python's `jsonschema` took 10 s. `spec_semantics` adds what that schema leaves out."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema_rs

from ...json_text import shown
from ...spec.ecma_regex import pattern_matches
from ..registry import CheckContext, Hit, rule
from .spec_semantics import duplicate_hits, schema_meta_hits

VERSIONS = ("3.0", "3.1", "3.2")
_VALIDATORS: dict[str, object] = {}


@rule("spec-invalid", "error", "The document does not validate against the OpenAPI schema.")
def spec_invalid(ctx: CheckContext):
    doc = ctx.bundle.document
    if not isinstance(doc, dict):
        yield Hit(ctx.bundle.root, (), "the document is not a mapping")
        return
    version = ctx.openapi_version
    if version[:3] not in VERSIONS:
        yield Hit(
            ctx.bundle.root, ("openapi",), f"not an OpenAPI 3.0/3.1/3.2 document ({shown(version)})"
        )
        return
    errors, crash = _validation(ctx)
    if crash is not None:
        return  # the rule below says so
    for error in errors:
        if _matches_as_ecma(error):
            continue
        parts = tuple(str(p) for p in error.instance_path)
        yield Hit(ctx.bundle.root, parts, _message(error.message))
    yield from schema_meta_hits(ctx)
    yield from duplicate_hits(ctx)


@rule(
    "spec-validator-stopped",
    "warning",
    "The OpenAPI schema validator crashed, so part of the document went unvalidated.",
)
def spec_validator_stopped(ctx: CheckContext):
    """A crash inside the validator is not a defect of the user's spec: it is said as such,
    apart from `spec-invalid`, so CI can tell the two apart."""
    doc = ctx.bundle.document
    if not isinstance(doc, dict) or ctx.openapi_version[:3] not in VERSIONS:
        return
    _, crash = _validation(ctx)
    if crash is not None:
        problem = f"{type(crash).__name__}: {crash}"[:200]
        yield Hit(
            ctx.bundle.root,
            (),
            f"the OpenAPI schema validator stopped with {problem} (a fault of the validator, "
            "not necessarily of this spec): the document was not validated",
        )


def _matches_as_ecma(error) -> bool:
    """A `pattern` failure that ECMA-262, the dialect OpenAPI names, does match (as `regress`
    reads it)."""
    pattern = getattr(error.kind, "pattern", None)
    if type(error.kind).__name__ != "Pattern" or not isinstance(error.instance, str):
        return False
    return bool(pattern_matches(str(pattern), error.instance))


def _validation(ctx: CheckContext) -> tuple[list, Exception | None]:
    """The document's errors against the OpenAPI schema of its version, or the exception the
    validator stopped with; run once per check.

    openapi-spec-validator's own run is not used: its second, semantic pass took three quarters
    of its time (23 s of 33 on GitHub's spec) to report, without a place, what our rules report
    with one: defaults (`default-invalid`), `required` names (`required-property-undefined`),
    duplicate operationIds, path parameters and tag parents, and (`spec_semantics`) schemas
    against their dialect and duplicate parameters and tags."""
    if "spec_validation" not in ctx.shared:
        version = ctx.openapi_version[:3]
        try:
            validator = _VALIDATORS.get(version)
            if validator is None:
                validator = _VALIDATORS[version] = jsonschema_rs.validator_for(
                    openapi_schema(version)
                )
            errors = list(validator.iter_errors(ctx.bundle.document))
            ctx.shared["spec_validation"] = (errors, None)
        except Exception as exc:  # noqa: BLE001 - a crash of the validator, not the spec's fault
            ctx.shared["spec_validation"] = ([], exc)
    return ctx.shared["spec_validation"]


def openapi_schema(version: str) -> dict:
    """The OpenAPI schema of a minor version (`3.1`), read from openapi-spec-validator's files
    without importing it (0.3 s of imports a check does not need)."""
    package = importlib.util.find_spec("openapi_spec_validator")
    folder = Path(next(iter(package.submodule_search_locations)))
    path = folder / "resources" / "schemas" / f"v{version}" / "schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _message(message: str) -> str:
    """jsonschema-rs writes values as JSON already (`{"in":"qery"}`, `"version" is a required
    property`); long ones are cut."""
    message = " ".join(message.split())
    return message if len(message) <= 300 else message[:297] + "..."
