"""The document against the official OpenAPI 3.0, 3.1 or 3.2 JSON Schema."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from openapi_spec_validator import (
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
    OpenAPIV32SpecValidator,
)

from ...json_text import json_message, shown
from ...spec.ecma_regex import pattern_matches
from ...spec.resolve import SpecBundle
from ..registry import CheckContext, Hit, rule
from .examples import invalid_defaults, value_key

#: Semantic messages the validator reports without a location, which our own rules report
#: with one (operation-id-duplicate, path-param-undeclared, path-param-not-in-template,
#: tag-parent-unknown).
COVERED_BY_OWN_RULES = (
    re.compile(r"^Operation ID '.*' for '.*' in '.*' is not unique"),
    re.compile(r"^Path parameter '.*' for '.*' operation in '.*' was not resolved"),
    re.compile(r"^Circular tag hierarchy detected"),  # tag-parent-unknown, per tag
    re.compile(r"^Tag '.*' references unknown parent tag"),
)

VALIDATORS = {
    "3.0": OpenAPIV30SpecValidator,
    "3.1": OpenAPIV31SpecValidator,
    "3.2": OpenAPIV32SpecValidator,
}
"""The validator of each `openapi` minor version (3.2 since openapi-spec-validator 0.8)."""


@rule("spec-invalid", "error", "The document does not validate against the OpenAPI schema.")
def spec_invalid(ctx: CheckContext):
    doc = ctx.bundle.document
    if not isinstance(doc, dict):
        yield Hit(ctx.bundle.root, (), "the document is not a mapping")
        return
    version = ctx.openapi_version
    validator_class = VALIDATORS.get(version[:3])
    if validator_class is None:
        yield Hit(
            ctx.bundle.root, ("openapi",), f"not an OpenAPI 3.0/3.1/3.2 document ({shown(version)})"
        )
        return
    errors, crash = _validation(ctx, validator_class)
    if crash is not None:
        return  # unresolved refs are reported by ref-unresolved; any other crash by the rule below
    failing_defaults = {value_key(value) for _, value in invalid_defaults(ctx)}
    for error in errors:
        if any(pattern.search(error.message) for pattern in COVERED_BY_OWN_RULES):
            continue
        if _matches_as_ecma(error):
            continue
        if not error.absolute_path and value_key(error.instance) in failing_defaults:
            continue  # a default the validator cannot locate: default-invalid reports it there
        parts = tuple(str(p) for p in error.absolute_path)
        yield Hit(ctx.bundle.root, parts, _message(error))


@rule(
    "spec-validator-stopped",
    "warning",
    "The OpenAPI schema validator crashed, so part of the document went unvalidated.",
)
def spec_validator_stopped(ctx: CheckContext):
    """A crash inside openapi-spec-validator (e.g. a `KeyError`) is not a defect of the user's
    spec: it is said as such, apart from `spec-invalid`, so CI can tell the two apart."""
    doc = ctx.bundle.document
    validator_class = VALIDATORS.get(ctx.openapi_version[:3])
    if not isinstance(doc, dict) or validator_class is None or ctx.bundle.problems:
        return
    _, crash = _validation(ctx, validator_class)
    if crash is not None:
        problem = f"{type(crash).__name__}: {crash}"[:200]
        yield Hit(
            ctx.bundle.root,
            (),
            f"openapi-spec-validator stopped with {problem} (a fault of the validator, not "
            "necessarily of this spec): what comes after it was not validated",
        )


def _matches_as_ecma(error) -> bool:
    """A `pattern` failure of Python's `re` (the validator's engine) that ECMA-262, the dialect
    OpenAPI names, does match: `^\\p{L}+$` against a default of `abc`."""
    if error.validator != "pattern" or not isinstance(error.instance, str):
        return False
    return bool(pattern_matches(str(error.validator_value), error.instance))


def _validation(ctx: CheckContext, validator_class) -> tuple[list, Exception | None]:
    """The validator's errors, or the exception it stopped with: run once per check."""
    if "spec_validation" not in ctx.shared:
        validator = _with_self_uris(validator_class, ctx.bundle)(
            _without_path_extensions(ctx.bundle.document),
            base_uri=Path(ctx.bundle.root).as_uri(),
        )
        try:
            ctx.shared["spec_validation"] = (list(validator.iter_errors()), None)
        except Exception as exc:  # noqa: BLE001 - it stops at refs it cannot follow, or crashes
            ctx.shared["spec_validation"] = ([], exc)
    return ctx.shared["spec_validation"]


def _without_path_extensions(doc: dict) -> dict:
    """`doc` with `paths`' and webhooks' `x-` entries left out for the validator, whose semantic
    pass reads every entry as a path item (a legal `paths/x-internal` made it raise
    `KeyError: 'in'`). The OpenAPI schema allows any value under `x-`, so nothing is lost."""
    trimmed = dict(doc)
    for section in ("paths", "webhooks"):
        items = doc.get(section)
        if isinstance(items, dict) and any(str(key).startswith("x-") for key in items):
            trimmed[section] = {k: v for k, v in items.items() if not str(k).startswith("x-")}
    return trimmed


def _with_self_uris(validator_class, bundle: SpecBundle):
    """The validator reading an http(s) `$ref` that a 3.2 `$self` maps to a loaded file from
    that file (else it would fetch `https://example.com/...`, which need not exist)."""
    if not bundle.self_uris:
        return validator_class
    handlers = dict(validator_class.resolver_handlers)

    def handler_for(scheme: str):
        def handler(uri: str):
            document = bundle.document_for_uri(uri)
            if document is None:
                return handlers[scheme](uri)
            return copy.deepcopy(document)

        return handler

    local = {**handlers, "http": handler_for("http"), "https": handler_for("https")}
    return type(validator_class.__name__, (validator_class,), {"resolver_handlers": local})


def _message(error) -> str:
    message = " ".join(json_message(error).split())
    if len(message) > 300:
        message = message[:297] + "..."
    return message
