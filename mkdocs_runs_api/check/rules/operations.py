"""Operations: identity, summary, tags, path parameters, and the responses a reader expects."""

from __future__ import annotations

import re
from collections import defaultdict

from ...json_text import shown
from ..registry import CheckContext, Hit, rule
from ..walk import OperationLocation

TEMPLATE_VARIABLE = re.compile(r"\{([^{}]+)\}")


@rule("operation-id-missing", "warning", "An operation has no `operationId`.")
def operation_id_missing(ctx: CheckContext):
    for op in ctx.walk.operations:
        if not op.node.get("operationId"):
            yield _hit(op, "operation has no operationId (pages, SDKs and links need a stable id)")


@rule("operation-id-duplicate", "error", "Two operations share an `operationId`.")
def operation_id_duplicate(ctx: CheckContext):
    by_id: dict[str, list[OperationLocation]] = defaultdict(list)
    for op in ctx.walk.operations:
        if op.node.get("operationId"):
            by_id[str(op.node["operationId"])].append(op)
    for operation_id, ops in by_id.items():
        for op in ops[1:]:
            yield _hit(
                op,
                f"operationId {shown(operation_id)} is also used by {ops[0].key}",
                ("operationId",),
            )


@rule("summary-missing", "warning", "An operation has no `summary` (its page and nav title).")
def summary_missing(ctx: CheckContext):
    for op in ctx.walk.operations:
        if not str(op.node.get("summary") or "").strip():
            yield _hit(op, "operation has no summary: its page title falls back to the operationId")


@rule("tags-missing", "warning", "An operation has no tags, so it has no group in the nav.")
def tags_missing(ctx: CheckContext):
    for op in ctx.walk.operations:
        if not op.node.get("tags"):
            yield _hit(op, "operation has no tags")


@rule("tag-undeclared", "warning", "An operation uses a tag not declared in the top-level `tags`.")
def tag_undeclared(ctx: CheckContext):
    doc = ctx.bundle.document
    declared = {str(t.get("name")) for t in doc.get("tags") or [] if isinstance(t, dict)}
    for op in ctx.walk.operations:
        for index, tag in enumerate(op.node.get("tags") or []):
            if str(tag) not in declared:
                yield _hit(
                    op,
                    f"tag {shown(tag)} is not declared in the top-level tags list",
                    ("tags", str(index)),
                )


@rule(
    "tag-parent-unknown",
    "error",
    "A 3.2 tag's `parent` names no declared tag, or the parents form a loop.",
)
def tag_parent_unknown(ctx: CheckContext):
    tags = [t for t in ctx.bundle.document.get("tags") or [] if isinstance(t, dict)]
    declared = {str(t.get("name")) for t in tags}
    parents = {str(t.get("name")): str(t["parent"]) for t in tags if t.get("parent") is not None}
    for index, tag in enumerate(tags):
        name, parent = str(tag.get("name")), parents.get(str(tag.get("name")))
        if parent is None:
            continue
        where = (ctx.bundle.root, ("tags", str(index), "parent"))
        if parent not in declared:
            yield Hit(*where, f"tag {shown(name)}: parent {shown(parent)} is not a declared tag")
        elif _parent_loop(name, parents):
            yield Hit(
                *where, f"tag {shown(name)}: its parents loop back to it (the nav cuts the loop)"
            )


def _parent_loop(name: str, parents: dict[str, str]) -> bool:
    seen, current = {name}, parents.get(name)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


@rule("path-param-undeclared", "error", "A `{variable}` in the path has no path parameter.")
def path_param_undeclared(ctx: CheckContext):
    for op in ctx.walk.operations:
        declared = {p["name"] for p in _parameters(ctx, op) if p.get("in") == "path"}
        for variable in TEMPLATE_VARIABLE.findall(op.path):
            if variable not in declared:
                yield _hit(op, f"path variable {{{variable}}} has no `in: path` parameter")


@rule(
    "path-template-duplicate",
    "error",
    "Two paths differ only in their parameters' names (`/runs/{id}` and `/runs/{runId}`): "
    "OpenAPI calls them identical, and a router cannot tell them apart.",
)
def path_template_duplicate(ctx: CheckContext):
    document = ctx.bundle.document
    paths = document.get("paths") if isinstance(document, dict) else None
    if not isinstance(paths, dict):
        return
    first: dict[str, str] = {}
    for path in paths:
        if not isinstance(path, str) or path.startswith("x-"):
            continue
        shape = TEMPLATE_VARIABLE.sub("{}", path)
        if shape in first:
            yield Hit(
                ctx.bundle.root,
                ("paths", path),
                f"{path} is the same path as {first[shape]} with its parameters renamed: "
                "merge their operations into one path item",
            )
        else:
            first[shape] = path


@rule("path-param-not-in-template", "error", "A path parameter does not appear in the path.")
def path_param_not_in_template(ctx: CheckContext):
    for op in ctx.walk.operations:
        variables = set(TEMPLATE_VARIABLE.findall(op.path))
        for parameter in _parameters(ctx, op):
            if parameter.get("in") == "path" and parameter.get("name") not in variables:
                yield _hit(
                    op,
                    f"path parameter {shown(parameter.get('name'))} is not in {op.path}",
                    ("parameters",),
                )


@rule("response-2xx-missing", "warning", "An operation documents no success (2xx) response.")
def response_2xx_missing(ctx: CheckContext):
    for op in _with_responses(ctx):
        if not any(_status(s).startswith("2") for s in op.node["responses"]):
            yield _hit(op, "no 2xx response is documented", ("responses",))


@rule("response-4xx-missing", "warning", "An operation documents no client error (4xx).")
def response_4xx_missing(ctx: CheckContext):
    for op in _with_responses(ctx):
        if not any(_status(s).startswith("4") for s in op.node["responses"]):
            yield _hit(
                op, "no 4xx response is documented (what does a bad request get?)", ("responses",)
            )


@rule("response-404-missing", "warning", "An operation with a path parameter has no 404.")
def response_404_missing(ctx: CheckContext):
    for op in _with_responses(ctx):
        statuses = {_status(s) for s in op.node["responses"]}
        path_params = TEMPLATE_VARIABLE.findall(op.path)
        if path_params and not statuses & {"404", "4XX"}:
            yield _hit(
                op,
                f"takes path parameter {{{path_params[-1]}}} but documents no 404",
                ("responses",),
            )


@rule("response-400-missing", "warning", "An operation with a request body has no 400 or 422.")
def response_400_missing(ctx: CheckContext):
    for op in _with_responses(ctx):
        statuses = {_status(s) for s in op.node["responses"]}
        if "requestBody" in op.node and not statuses & {"400", "422", "4XX"}:
            yield _hit(
                op, "takes a request body but documents no 400 or 422 response", ("responses",)
            )


def _hit(op: OperationLocation, message: str, below: tuple[str, ...] = ()) -> Hit:
    return Hit(op.file, op.parts + below, message, op.key)


def _status(status) -> str:
    return str(status).upper()


def _with_responses(ctx: CheckContext):
    for op in ctx.walk.operations:
        if isinstance(op.node.get("responses"), dict) and op.node["responses"]:
            yield op


def _parameters(ctx: CheckContext, op: OperationLocation) -> list[dict]:
    """Path-level and operation-level parameters, dereferenced."""
    pairs = ctx.bundle.operation_parameters(op.path_item, op.path_item_file, op.node, op.file)
    return [param for param, _ in pairs]
