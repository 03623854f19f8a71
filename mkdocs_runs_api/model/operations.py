"""Build `Operation`s from path items: parameters (path-level merged in), bodies, responses."""

from __future__ import annotations

from typing import Any

from ..spec.keywords import PARAMETER_LOCATIONS
from ..spec.resolve import SpecBundle
from ..spec.walk import (
    OperationSite,
    item_label,
    item_operations,
    iter_operations,
    media_schema_key,
    method_parts,
)
from .examples import media_examples
from .memo import SharedWork
from .schemas import anchor_slug, build_schema_tree
from .shared_schemas import share_schemas
from .types import (
    Callback,
    Example,
    Header,
    Link,
    MediaType,
    Operation,
    OperationDetails,
    Parameter,
    RequestBody,
    Response,
    Source,
)


def build_operations(bundle: SpecBundle) -> list[Operation]:
    """Every operation under `paths`, then every webhook, in document order; their details
    (parameters, bodies, responses, callbacks) are left to `build_details`."""
    operations = []
    for site in iter_operations(bundle, strict=True):
        operation = _operation(site)
        operation.section = site.section
        operations.append(operation)
    return operations


def _operation(site: OperationSite, prefix: str = "schema") -> Operation:
    """One operation; `prefix` starts its anchor ids (callbacks on the same page differ)."""
    raw = site.operation
    tags = raw.get("tags") or []
    return Operation(
        method=site.method,
        path=site.path,
        operation_id=str(raw["operationId"]) if raw.get("operationId") else None,
        summary=str(raw.get("summary") or "").strip(),
        description=str(raw.get("description") or ""),
        tags=_tag_names(tags),
        deprecated=bool(raw.get("deprecated")),
        security=None,
        servers=[],
        hidden=bool(raw.get("x-hidden") or raw.get("x-internal")),
        extensions={k: v for k, v in raw.items() if str(k).startswith("x-")},
        pointer=site.pointer,
        site=site,
        anchor_prefix=prefix,
    )


def _tag_names(raw: Any) -> list[str]:
    """The operation's tags as written; an empty name is no tag (it names no group)."""
    names = [str(t) for t in raw] if isinstance(raw, list) else [str(raw)]
    return [name for name in names if name.strip()]


def build_details(operation: Operation, memo: SharedWork) -> Operation:
    """Build what only the operation's page shows (once; a second call does nothing)."""
    if operation.details is not None or operation.site is None:
        return operation
    site, prefix = operation.site, operation.anchor_prefix
    raw, file = site.operation, site.file
    parameters = _parameters(memo, site, prefix)
    request_body = _request_body(memo, raw.get("requestBody"), file, site.parts, prefix)
    responses = _responses(memo, raw.get("responses"), file, site.parts, prefix)
    share_schemas(memo.bundle, request_body, responses)
    operation.details = OperationDetails(
        parameters=parameters,
        request_body=request_body,
        responses=responses,
        callbacks=_callbacks(memo, raw.get("callbacks"), file, site.parts, operation.pointer),
    )
    return operation


def _callbacks(
    memo: SharedWork, raw: Any, file: str, parts: tuple[str, ...], pointer: str
) -> list[Callback]:
    bundle = memo.bundle
    callbacks = []
    for name, callback in raw.items() if isinstance(raw, dict) else ():
        callback_parts = (*parts, "callbacks", str(name))
        callback, callback_file, callback_parts = bundle.deref_at(callback, file, callback_parts)
        for expression, item in callback.items() if isinstance(callback, dict) else ():
            item, item_file, item_parts = bundle.deref_at(
                item, callback_file, (*callback_parts, str(expression))
            )
            if not isinstance(item, dict):
                continue
            operations = []
            for site in item_operations(
                bundle, "callbacks", str(expression), item, item_file, item_parts
            ):
                prefix = f"callback-{len(callbacks) + 1}-{site.method.lower()}"
                operation = _operation(site, prefix=prefix)
                where = "/".join(method_parts(site.method))
                operation.pointer = f"{pointer}/callbacks/{name}/{expression}/{where}"
                operation.section = "callbacks"
                operations.append(build_details(operation, memo))
            callbacks.append(Callback(str(name), str(expression), operations))
    return callbacks


def _parameters(memo: SharedWork, site: OperationSite, prefix: str) -> list[Parameter]:
    """Path-level then operation-level parameters; the operation's win on (name, in)."""
    located = memo.bundle.located_parameters(
        site.item, site.item_file, site.item_parts, site.operation, site.file, site.parts
    )
    parameters = [_parameter(memo, param, (file, parts), prefix) for param, file, parts in located]
    order = {location: index for index, location in enumerate(PARAMETER_LOCATIONS)}
    return sorted(parameters, key=lambda p: order.get(p.location, len(order)))


def _parameter(memo: SharedWork, param: dict, source: Source, prefix: str) -> Parameter:
    return Parameter(
        name=str(param["name"]),
        location=str(param["in"]),
        required=bool(param.get("required")) or param["in"] == "path",
        **_row_fields(memo, param, source[0], f"{prefix}-param-{param['name']}", "request"),
        style=param.get("style"),
        explode=param.get("explode"),
        allow_reserved=bool(param.get("allowReserved")),
        source=source,
    )


def _row_fields(memo: SharedWork, raw: dict, file: str, anchor: str, direction: str) -> dict:
    """What a parameter's and a header's table rows show alike: the description (else its
    schema's), the schema (else its `content` media type's) and that media type's name,
    `deprecated`, and its examples (else its media type's): an `example`, and each named one
    with its name and summary."""
    content = raw.get("content")
    media = next(iter(content.values()), None) if isinstance(content, dict) else None
    media = media if isinstance(media, dict) and raw.get("schema") is None else {}
    schema = raw.get("schema") if raw.get("schema") is not None else media.get("schema")
    tree = build_schema_tree(schema, file, memo, anchor, direction)
    example = raw.get("example", media.get("example"))
    named = _named_examples(memo.bundle, raw.get("examples"), file)
    return {
        "description": str(raw.get("description") or "") or (tree.description if tree else ""),
        "schema": tree,
        "deprecated": bool(raw.get("deprecated")),
        "example": example,
        "has_example": example is not None,
        "examples": named or _named_examples(memo.bundle, media.get("examples"), file),
        "content_type": next(iter(content), None) if isinstance(content, dict) else None,
    }


def _named_examples(bundle: SpecBundle, raw: Any, file: str) -> list[Example]:
    """A parameter's or header's named `examples`, each with its summary."""
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
    memo: SharedWork,
    content: Any,
    file: str,
    parts: tuple[str, ...],
    prefix: str,
    direction: str,
) -> list[MediaType]:
    result = []
    for name, media in (content or {}).items() if isinstance(content, dict) else ():
        media_parts = (*parts, "content", str(name))
        media, media_file, media_parts = memo.bundle.deref_at(media, file, media_parts)
        media = media if isinstance(media, dict) else {}
        anchor = f"{prefix}-{name}"
        key = media_schema_key(media)
        tree = build_schema_tree(media.get(key), media_file, memo, anchor, direction)
        examples = media_examples(media, media_file, memo, direction)
        encoding = media.get("encoding") if isinstance(media.get("encoding"), dict) else {}
        source = (media_file, media_parts)
        result.append(
            MediaType(
                str(name),
                tree,
                examples,
                encoding,
                source=source,
                anchor_prefix=anchor_slug(anchor),
                item_label=item_label(str(name)) if key == "itemSchema" else "",
            )
        )
    return result


def _request_body(
    memo: SharedWork, body: Any, file: str, parts: tuple[str, ...], prefix: str
) -> RequestBody | None:
    if body is None:
        return None
    body, body_file, body_parts = memo.bundle.deref_at(body, file, (*parts, "requestBody"))
    if not isinstance(body, dict):
        return None
    return RequestBody(
        description=str(body.get("description") or ""),
        required=bool(body.get("required")),
        media_types=_media_types(
            memo, body.get("content"), body_file, body_parts, f"{prefix}-body", "request"
        ),
    )


def _responses(
    memo: SharedWork, responses: Any, file: str, parts: tuple[str, ...], prefix: str
) -> list[Response]:
    bundle = memo.bundle
    result = []
    for status, response in (responses or {}).items() if isinstance(responses, dict) else ():
        if str(status).startswith("x-"):
            continue
        response_parts = (*parts, "responses", str(status))
        response, response_file, response_parts = bundle.deref_at(response, file, response_parts)
        response = response if isinstance(response, dict) else {}
        response_prefix = f"{prefix}-{status}"
        result.append(
            Response(
                status=str(status),
                description=str(response.get("description") or ""),
                headers=_headers(memo, response.get("headers"), response_file, response_prefix),
                media_types=_media_types(
                    memo,
                    response.get("content"),
                    response_file,
                    response_parts,
                    response_prefix,
                    "response",
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


def _headers(memo: SharedWork, headers: Any, file: str, prefix: str) -> list[Header]:
    result = []
    for name, header in (headers or {}).items() if isinstance(headers, dict) else ():
        header, header_file, _ = memo.bundle.deref(header, file)
        header = header if isinstance(header, dict) else {}
        result.append(
            Header(
                name=str(name),
                required=bool(header.get("required")),
                **_row_fields(memo, header, header_file, f"{prefix}-h", "response"),
            )
        )
    return result
