"""Build `Operation`s from path items: parameters (path-level merged in), bodies, responses."""

from __future__ import annotations

from typing import Any

from ..load import join_pointer
from ..resolve import SpecBundle
from .examples import media_examples
from .schemas import build_schema_tree
from .types import (
    METHODS,
    PARAMETER_LOCATIONS,
    Header,
    MediaType,
    Operation,
    Parameter,
    RequestBody,
    Response,
)


def build_operations(bundle: SpecBundle) -> list[Operation]:
    """Every operation under `paths`, in document order."""
    paths = bundle.document.get("paths") or {}
    if not isinstance(paths, dict):
        raise bundle.error("`paths` must be a mapping of path templates", bundle.root, "#/paths")
    operations = []
    for path, item in paths.items():
        item_pointer = join_pointer(("paths", str(path)))
        item, item_file, _ = bundle.deref(item, bundle.root)
        if not isinstance(item, dict):
            raise bundle.error(f"path item {path!r} must be a mapping", bundle.root, item_pointer)
        for method in METHODS:
            if method in item:
                pointer = join_pointer(("paths", str(path), method))
                operations.append(_operation(bundle, str(path), method, item, item_file, pointer))
    return operations


def _operation(
    bundle: SpecBundle, path: str, method: str, item: dict, file: str, pointer: str
) -> Operation:
    raw, op_file, _ = bundle.deref(item[method], file)
    if not isinstance(raw, dict):
        raise bundle.error(
            f"operation {method.upper()} {path} must be a mapping", bundle.root, pointer
        )
    prefix = "schema"
    tags = raw.get("tags") or []
    return Operation(
        method=method,
        path=path,
        operation_id=str(raw["operationId"]) if raw.get("operationId") else None,
        summary=str(raw.get("summary") or "").strip(),
        description=str(raw.get("description") or ""),
        tags=[str(t) for t in tags] if isinstance(tags, list) else [str(tags)],
        deprecated=bool(raw.get("deprecated")),
        parameters=_parameters(bundle, item, file, raw, op_file, prefix),
        request_body=_request_body(bundle, raw.get("requestBody"), op_file, prefix),
        responses=_responses(bundle, raw.get("responses"), op_file, prefix),
        security=None,
        servers=[],
        hidden=bool(raw.get("x-hidden") or raw.get("x-internal")),
        extensions={k: v for k, v in raw.items() if str(k).startswith("x-")},
        pointer=pointer,
    )


def _parameters(
    bundle: SpecBundle, item: dict, item_file: str, raw: dict, op_file: str, prefix: str
) -> list[Parameter]:
    """Path-level then operation-level parameters; the operation's win on (name, in)."""
    parameters = [
        _parameter(bundle, param, param_file, prefix)
        for param, param_file in bundle.operation_parameters(item, item_file, raw, op_file)
    ]
    order = {location: index for index, location in enumerate(PARAMETER_LOCATIONS)}
    return sorted(parameters, key=lambda p: order.get(p.location, len(order)))


def _parameter(bundle: SpecBundle, param: dict, file: str, prefix: str) -> Parameter:
    schema = param.get("schema")
    if schema is None and isinstance(param.get("content"), dict) and param["content"]:
        schema = next(iter(param["content"].values())).get("schema")
    anchor = f"{prefix}-param-{param['name']}"
    example = param.get("example")
    if example is None and isinstance(param.get("examples"), dict) and param["examples"]:
        first, _, _ = bundle.deref(next(iter(param["examples"].values())), file)
        example = first.get("value") if isinstance(first, dict) else None
    return Parameter(
        name=str(param["name"]),
        location=str(param["in"]),
        required=bool(param.get("required")) or param["in"] == "path",
        description=str(param.get("description") or ""),
        schema=build_schema_tree(schema, file, bundle, anchor, "request"),
        deprecated=bool(param.get("deprecated")),
        example=example,
        has_example=example is not None,
        style=param.get("style"),
        explode=param.get("explode"),
    )


def _media_types(
    bundle: SpecBundle, content: Any, file: str, prefix: str, direction: str
) -> list[MediaType]:
    result = []
    for name, media in (content or {}).items() if isinstance(content, dict) else ():
        media, media_file, _ = bundle.deref(media, file)
        media = media if isinstance(media, dict) else {}
        anchor = f"{prefix}-{name}"
        tree = build_schema_tree(media.get("schema"), media_file, bundle, anchor, direction)
        examples = media_examples(media, media_file, bundle, direction)
        result.append(MediaType(name=str(name), schema=tree, examples=examples))
    return result


def _request_body(bundle: SpecBundle, body: Any, file: str, prefix: str) -> RequestBody | None:
    if body is None:
        return None
    body, body_file, _ = bundle.deref(body, file)
    if not isinstance(body, dict):
        return None
    return RequestBody(
        description=str(body.get("description") or ""),
        required=bool(body.get("required")),
        media_types=_media_types(
            bundle, body.get("content"), body_file, f"{prefix}-body", "request"
        ),
    )


def _responses(bundle: SpecBundle, responses: Any, file: str, prefix: str) -> list[Response]:
    result = []
    for status, response in (responses or {}).items() if isinstance(responses, dict) else ():
        if str(status).startswith("x-"):
            continue
        response, response_file, _ = bundle.deref(response, file)
        response = response if isinstance(response, dict) else {}
        response_prefix = f"{prefix}-{status}"
        result.append(
            Response(
                status=str(status),
                description=str(response.get("description") or ""),
                headers=_headers(bundle, response.get("headers"), response_file, response_prefix),
                media_types=_media_types(
                    bundle, response.get("content"), response_file, response_prefix, "response"
                ),
            )
        )
    return result


def _headers(bundle: SpecBundle, headers: Any, file: str, prefix: str) -> list[Header]:
    result = []
    for name, header in (headers or {}).items() if isinstance(headers, dict) else ():
        header, header_file, _ = bundle.deref(header, file)
        header = header if isinstance(header, dict) else {}
        schema = build_schema_tree(
            header.get("schema"), header_file, bundle, f"{prefix}-h", "response"
        )
        result.append(
            Header(
                name=str(name),
                description=str(header.get("description") or ""),
                required=bool(header.get("required")),
                schema=schema,
            )
        )
    return result
