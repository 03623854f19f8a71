"""What one operation's console needs, as plain JSON: the request the code samples make (the
same values prefill its inputs), the parameters it may add, the servers, how each security
scheme sends its secret, and the response schemas replies are checked against."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from ..model.examples import MISSING
from ..model.memo import SharedWork
from ..model.types import Operation, Parameter, SecurityScheme
from ..render.pretty_json import pretty_json
from ..samples.body import SampleBody, scalar_text
from ..samples.request import CLIENT_HEADERS, SampleRequest, valid_or_missing
from ..spec.walk import is_json_media
from .schemas import ComponentExports, gathered_defs

SUFFIX = ".try-it.json"


@dataclass(frozen=True)
class TryItOptions:
    """The `try_it` option as plain data."""

    enabled: bool = True
    methods: tuple[str, ...] = ()
    """Only these HTTP methods get a console (empty: every method)."""
    proxy: str = ""
    """A URL template the console sends through, `{url}` standing for the request's URL."""
    storage: str = "memory"
    """Where credentials are kept: `memory` (gone with the page) or `session`
    (`sessionStorage`: kept across pages until the tab closes)."""
    timeout: int = 30
    """Seconds a request may take before the console gives up on it."""
    directory_urls: bool = True
    """The site's `use_directory_urls` (it decides the link from a page to its data)."""


def console_uri(page_uri: str) -> str:
    """The data file beside an operation page: `api/runs/list.md` -> `api/runs/list.try-it.json`."""
    return posixpath.splitext(page_uri)[0] + SUFFIX


def console_href(page_uri: str, directory_urls: bool) -> str:
    """The link from the built page to its data file (`list/` is one folder deeper than
    `list.md` with directory URLs; an `index.md` page is not)."""
    name = posixpath.basename(console_uri(page_uri))
    stem = posixpath.basename(posixpath.splitext(page_uri)[0])
    return f"../{name}" if directory_urls and stem not in ("index", "README") else name


def has_console(operation: Operation, options: TryItOptions) -> bool:
    """Whether the operation's page gets a console: not for webhooks (the API sends those),
    `x-runs-api-try-it: false`, or a method left out of `methods`."""
    if not options.enabled or operation.is_webhook:
        return False
    if operation.extensions.get("x-runs-api-try-it") is False:
        return False
    return not options.methods or operation.method.lower() in options.methods


def console_data(
    operation: Operation, request: SampleRequest, memo: SharedWork, options: TryItOptions
) -> dict[str, Any]:
    """The console's JSON for `operation`, prefilled from `request` (its code samples')."""
    data: dict[str, Any] = {
        "method": operation.http_method,
        "path": operation.path,
        "servers": [
            {"url": s.url, "description": s.description, "variables": s.variables}
            for s in operation.servers
        ],
        "sampleBaseUrl": request.base_url,
        "parameters": [_parameter(p, request) for p in operation.parameters if _sendable(p)],
        "security": [
            [scheme.name for scheme, _ in requirement.schemes]
            for requirement in operation.security or []
        ],
        "schemes": {
            scheme.name: _scheme(scheme)
            for requirement in operation.security or []
            for scheme, _ in requirement.schemes
        },
        "body": _body(request.body, operation, memo),
        "options": {"proxy": options.proxy, "storage": options.storage, "timeout": options.timeout},
    }
    data.update(_response_schemas(operation, memo))
    return data


def _sendable(param: Parameter) -> bool:
    return not (param.location == "header" and param.name.lower() in CLIENT_HEADERS)


def _parameter(param: Parameter, request: SampleRequest) -> dict[str, Any]:
    """One input: the value the samples send (if they send this one) as text, and how it goes
    on the wire (`shape` says how the text is read: a scalar, a comma list, or JSON)."""
    value = request.values.get((param.location, param.name))
    schema_type = param.schema.type if param.schema is not None else ""
    shape = "array" if isinstance(value, list) or schema_type.startswith("array") else "scalar"
    if isinstance(value, dict) or schema_type == "object" or param.content_type:
        shape = "json"
    if value is None:
        text = ""
    elif (
        shape == "array"
        and isinstance(value, list)
        and not any(isinstance(item, (dict, list)) for item in value)
    ):
        text = ",".join(scalar_text(item) for item in value)
    elif shape in ("array", "json"):
        shape, text = "json", scalar_text(value)
    else:
        text = scalar_text(value)
    return {
        "name": param.name,
        "in": param.location,
        "required": param.required or param.location == "path",
        "value": text,
        "send": value is not None,
        "shape": shape,
        "style": param.style or ("form" if param.location in ("query", "cookie") else "simple"),
        "explode": param.explode
        if param.explode is not None
        else (param.style or "form") == "form" and param.location in ("query", "cookie"),
        "contentType": param.content_type or "",
        "enum": [scalar_text(v) for v in param.schema.enum] if param.schema else [],
    }


def _scheme(scheme: SecurityScheme) -> dict[str, Any]:
    """How the console sends a scheme's secret: `bearer`, `basic`, an API key in a `header`,
    `query` or `cookie`, or an OAuth 2 / OpenID Connect token (sent as a bearer token, fetched
    by the console where the flow allows it)."""
    info: dict[str, Any] = {"type": scheme.type, "title": scheme.summary or scheme.name}
    if scheme.type == "http":
        info["kind"] = "basic" if scheme.http_scheme.lower() == "basic" else "bearer"
        info["scheme"] = scheme.http_scheme or "bearer"
    elif scheme.type == "apiKey":
        info["kind"], info["key"] = scheme.location or "header", scheme.key_name
    elif scheme.type == "mutualTLS":
        info["kind"] = "mutualTLS"  # a page cannot choose a client certificate: the cURL can
    else:
        info["kind"] = "bearer"
        info["flows"] = {
            flow.kind: {
                "authorizationUrl": flow.authorization_url,
                "tokenUrl": flow.token_url,
                "scopes": sorted(flow.scopes),
            }
            for flow in scheme.flows
        }
        info["openIdConnectUrl"] = scheme.openid_connect_url
    return info


def _body(body: SampleBody | None, operation: Operation, memo: SharedWork) -> dict[str, Any] | None:
    if body is None:
        return None
    required = bool(operation.request_body and operation.request_body.required)
    out: dict[str, Any] = {"contentType": body.content_type, "kind": body.kind}
    out["required"] = required
    if body.kind == "json":
        out["text"] = body.json_text
        out["examples"] = _named_examples(operation, body.content_type, memo)
    elif body.kind in ("form", "multipart"):
        out["fields"] = [[name, value] for name, value in body.fields]
        out["files"] = [
            [name, content_type, name in body.file_lists] for name, _, content_type in body.files
        ]
    elif body.kind == "text":
        out["text"] = str(body.value)
    return out


def _named_examples(operation: Operation, media_type: str, memo: SharedWork) -> list[dict]:
    """The spec's named examples of the body's media type that fit its schema (a reader picks
    one to send instead of the samples' value): name, summary, and the value as JSON text."""
    body = operation.request_body
    media = next((m for m in body.media_types if m.name == media_type), None) if body else None
    if media is None or media.source is None or len(media.examples) < 2:
        return []
    file, parts = media.source
    schema_parts = (*parts, "schema")
    found = []
    for example in media.examples:
        if example.synthesized or example.external_value:
            continue
        if valid_or_missing(example.value, file, schema_parts, memo) is MISSING:
            continue
        label = example.summary or example.name or f"Example {len(found) + 1}"
        found.append({"label": label, "text": pretty_json(example.value, default=None)})
    return found if len(found) > 1 else []


def _response_schemas(operation: Operation, memo: SharedWork) -> dict[str, Any]:
    """`responses`: status -> the JSON schema of its JSON body (None for a reply without a
    schema), the `defs` they reach, and `responsesPartial` when the farthest of those were
    too many to carry (they are `true`: not checked)."""
    if memo.console_exports is None:
        memo.console_exports = ComponentExports(memo.bundle)
    exports: ComponentExports = memo.console_exports
    responses: dict[str, Any] = {}
    roots = []
    for response in operation.responses:
        media = next((m for m in response.media_types if is_json_media(m.name)), None)
        schema = None
        if media is not None and media.source is not None:
            file, parts = media.source
            try:
                node = memo.bundle.node_at(file, parts)
            except KeyError:
                node = None
            if isinstance(node, dict) and "schema" in node:
                roots.append(exports.export(node["schema"], file))
                schema = roots[-1].schema
        responses[response.status] = {"schema": schema, "media": bool(response.media_types)}
    defs, cut = gathered_defs(exports, roots)
    return {"responses": responses, "defs": defs, "responsesPartial": cut}
