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

from ...spec.resolve import SpecBundle
from ..registry import CheckContext, Hit, rule

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
            ctx.bundle.root, ("openapi",), f"not an OpenAPI 3.0/3.1/3.2 document ({version!r})"
        )
        return
    validator = _with_self_uris(validator_class, ctx.bundle)(
        doc, base_uri=Path(ctx.bundle.root).as_uri()
    )
    try:
        errors = list(validator.iter_errors())
    except Exception as exc:  # noqa: BLE001 - the validator stops at refs it cannot follow
        if not ctx.bundle.problems:  # those are reported by ref-unresolved, one by one
            yield Hit(ctx.bundle.root, (), f"the OpenAPI schema validator stopped: {exc}"[:300])
        return
    for error in errors:
        if any(pattern.search(error.message) for pattern in COVERED_BY_OWN_RULES):
            continue
        parts = tuple(str(p) for p in error.absolute_path)
        yield Hit(ctx.bundle.root, parts, _message(error))


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
    message = " ".join(str(error.message).split())
    if len(message) > 300:
        message = message[:297] + "..."
    return message
