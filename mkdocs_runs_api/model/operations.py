"""Build `Operation`s from path items: parameters (path-level merged in), bodies, responses."""

from __future__ import annotations

from typing import Any

from ..spec.load import join_pointer
from ..spec.resolve import SpecBundle
from .examples import media_examples
from .schemas import build_schema_tree
from .types import (
    METHODS,
    PARAMETER_LOCATIONS,
    Callback,
    Example,
    Header,
    Link,
    MediaType,
    Operation,
    Parameter,
    RequestBody,
    Response,
)

SECTIONS = ("paths", "webhooks", "x-webhooks")
"""Where operations live: API paths, then 3.1 `webhooks` and 3.0 `x-webhooks` (by name)."""


def build_operations(bundle: SpecBundle) -> list[Operation]:
    """Every operation under `paths`, then every webhook, in document order."""
    operations = []
    for section in SECTIONS:
        items = bundle.document.get(section) or {}
        if not isinstance(items, dict):
            raise bundle.error(f"`{section}` must be a mapping", bundle.root, f"#/{section}")
        for path, item in items.items():
            item_pointer = join_pointer((section, str(path)))
            item, item_file, _ = bundle.deref(item, bundle.root)
            if not isinstance(item, dict):
                raise bundle.error(
                    f"{section} entry {path!r} must be a mapping", bundle.root, item_pointer
                )
            for method in METHODS:
                if method in item:
                    pointer = join_pointer((section, str(path), method))
                    operation = _operation(bundle, str(path), method, item, item_file, pointer)
                    operation.section = section
                    operations.append(operation)
    return operations


def _operation(
    bundle: SpecBundle,
    path: str,
    method: str,
    item: dict,
    file: str,
    pointer: str,
    prefix: str = "schema",
) -> Operation:
    """One operation; `prefix` starts its anchor ids (callbacks on the same page differ)."""
    raw, op_file, _ = bundle.deref(item[method], file)
    if not isinstance(raw, dict):
        raise bundle.error(
            f"operation {method.upper()} {path} must be a mapping", bundle.root, pointer
        )
    tags = raw.get("tags") or []
    return Operation(
        method=method,
        path=path,
        operation_id=str(raw["operationId"]) if raw.get("operationId") else None,
        summary=str(raw.get("summary") or "").strip(),
        description=str(raw.get("description") or ""),
        tags=[str(t) for t in tags] if isinstance(tags, list) else [str(tags)],
        deprecated=bool(raw.get("deprecated")),
        security=None,
        servers=[],
        hidden=bool(raw.get("x-hidden") or raw.get("x-internal")),
        build_details=lambda: {
            "parameters": _parameters(bundle, item, file, raw, op_file, prefix),
            "request_body": _request_body(bundle, raw.get("requestBody"), op_file, prefix),
            "responses": _responses(bundle, raw.get("responses"), op_file, prefix),
            "callbacks": _callbacks(bundle, raw.get("callbacks"), op_file, pointer),
        },
        extensions={k: v for k, v in raw.items() if str(k).startswith("x-")},
        pointer=pointer,
    )


def _callbacks(bundle: SpecBundle, raw: Any, file: str, pointer: str) -> list[Callback]:
    callbacks = []
    for name, callback in raw.items() if isinstance(raw, dict) else ():
        callback, callback_file, _ = bundle.deref(callback, file)
        for expression, item in callback.items() if isinstance(callback, dict) else ():
            item, item_file, _ = bundle.deref(item, callback_file)
            if not isinstance(item, dict):
                continue
            operations = []
            for method in METHODS:
                if isinstance(item.get(method), dict):
                    where = f"{pointer}/callbacks/{name}/{expression}/{method}"
                    operation = _operation(
                        bundle,
                        str(expression),
                        method,
                        item,
                        item_file,
                        where,
                        prefix=f"callback-{len(callbacks) + 1}-{method}",
                    )
                    operation.section = "callbacks"
                    operations.append(operation)
            callbacks.append(Callback(str(name), str(expression), operations))
    return callbacks


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
    named = _named_examples(bundle, param.get("examples"), file)
    example = param.get("example")
    if example is None and len(named) == 1:
        example, named = named[0].value, []
    return Parameter(
        name=str(param["name"]),
        location=str(param["in"]),
        required=bool(param.get("required")) or param["in"] == "path",
        description=str(param.get("description") or ""),
        schema=build_schema_tree(schema, file, bundle, anchor, "request"),
        deprecated=bool(param.get("deprecated")),
        example=example,
        has_example=example is not None,
        examples=named,
        style=param.get("style"),
        explode=param.get("explode"),
        allow_reserved=bool(param.get("allowReserved")),
        content_type=next(iter(param["content"]), None)
        if isinstance(param.get("content"), dict) and param["content"]
        else None,
    )


def _named_examples(bundle: SpecBundle, raw: Any, file: str) -> list[Example]:
    """A parameter's named `examples`, each with its summary."""
    found = []
    for name, entry in raw.items() if isinstance(raw, dict) else ():
        value, _, _ = bundle.deref(entry, file)
        if isinstance(value, dict) and "value" in value:
            found.append(
                Example(
                    value=value["value"], name=str(name), summary=str(value.get("summary") or "")
                )
            )
    return found


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
        encoding = media.get("encoding") if isinstance(media.get("encoding"), dict) else {}
        result.append(MediaType(str(name), tree, examples, encoding))
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
                links=_links(bundle, response.get("links"), response_file),
            )
        )
    return result


def _links(bundle: SpecBundle, raw: Any, file: str) -> list[Link]:
    links = []
    for name, link in raw.items() if isinstance(raw, dict) else ():
        link, _, _ = bundle.deref(link, file)
        if isinstance(link, dict):
            target = link.get("operationId") or link.get("operationRef") or ""
            parameters = link.get("parameters") if isinstance(link.get("parameters"), dict) else {}
            links.append(
                Link(str(name), str(target), parameters, str(link.get("description") or ""))
            )
    return links


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
