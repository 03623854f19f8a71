"""Swagger 2.0 -> OpenAPI 3.0, in memory, on load.

No well-kept Python converter exists (the standard one, swagger2openapi, is JavaScript), so this
covers what a reference page needs: `definitions`, `parameters` and `responses` become
`components`; `body` and `formData` parameters become request bodies (with `consumes`);
response schemas get `produces` media types; `securityDefinitions` become security schemes;
`host`/`basePath`/`schemes` become `servers`. Every `$ref` to the old locations is rewritten.
"""

from __future__ import annotations

import copy
from typing import Any

from .walk import CONVERTED_KEY, METHODS, is_json_media

REF_MOVES = (
    ("#/definitions/", "#/components/schemas/"),
    ("#/parameters/", "#/components/parameters/"),
    ("#/responses/", "#/components/responses/"),
)
PARAMETER_SCHEMA_KEYS = (
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
)
COLLECTION_FORMATS = {
    "csv": ("form", False),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "multi": ("form", True),
    "tsv": ("form", False),
}


def convert_swagger2(document: dict) -> dict:
    """An OpenAPI 3.0.3 document equivalent to a Swagger 2.0 one (the input is not changed)."""
    source = _move_refs(copy.deepcopy(document))
    consumes = source.get("consumes") or ["application/json"]
    produces = source.get("produces") or ["application/json"]
    parameters = source.get("parameters") or {}
    result: dict[str, Any] = {"openapi": "3.0.3", CONVERTED_KEY: "Swagger 2.0"}
    for key in ("info", "tags", "externalDocs", "security"):
        if key in source:
            result[key] = source[key]
    result["servers"] = _servers(source)
    result["paths"] = {
        path: _path_item(item, consumes, produces, parameters)
        for path, item in (source.get("paths") or {}).items()
    }
    components: dict[str, Any] = {}
    if source.get("definitions"):
        components["schemas"] = source["definitions"]
    plain = {k: v for k, v in parameters.items() if v.get("in") not in ("body", "formData")}
    if plain:
        components["parameters"] = {k: _parameter(v) for k, v in plain.items()}
    if source.get("responses"):
        components["responses"] = {
            k: _response(v, produces) for k, v in source["responses"].items()
        }
    if source.get("securityDefinitions"):
        components["securitySchemes"] = {
            k: _security_scheme(v) for k, v in source["securityDefinitions"].items()
        }
    if components:
        result["components"] = components
    result.update({k: v for k, v in source.items() if str(k).startswith("x-")})
    return result


def _move_refs(node: Any) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            for old, new in REF_MOVES:
                if ref.startswith(old):
                    node["$ref"] = new + ref[len(old) :]
        for value in node.values():
            _move_refs(value)
    elif isinstance(node, list):
        for value in node:
            _move_refs(value)
    return node


def _servers(source: dict) -> list[dict]:
    """`host`, `basePath` and `schemes` as servers. Without `host` the API is where the docs
    are served: a relative `basePath`, or (neither given) no servers, as in OpenAPI 3."""
    host = source.get("host")
    base = source.get("basePath") or ""
    if not host:
        return [{"url": base}] if base.strip("/") else []
    return [{"url": f"{scheme}://{host}{base}"} for scheme in source.get("schemes") or ["https"]]


def _path_item(item: dict, consumes: list, produces: list, shared: dict) -> dict:
    result = {k: v for k, v in item.items() if k not in METHODS and k != "parameters"}
    path_parameters = item.get("parameters") or []
    plain = [
        _parameter(p) for p in path_parameters if _location(p, shared) not in ("body", "formData")
    ]
    if plain:
        result["parameters"] = plain
    for method in METHODS:
        if isinstance(item.get(method), dict):
            result[method] = _operation(item[method], path_parameters, consumes, produces, shared)
    return result


def _location(parameter: dict, shared: dict) -> str | None:
    ref = parameter.get("$ref", "")
    if ref.startswith("#/components/parameters/"):
        return shared.get(ref.rsplit("/", 1)[-1], {}).get("in")
    return parameter.get("in")


def _resolve_shared(parameter: dict, shared: dict) -> dict:
    ref = parameter.get("$ref", "")
    if ref.startswith("#/components/parameters/"):
        return shared.get(ref.rsplit("/", 1)[-1], parameter)
    return parameter


def _operation(op: dict, path_parameters: list, consumes: list, produces: list, shared) -> dict:
    result = {
        k: v
        for k, v in op.items()
        if k not in ("parameters", "responses", "consumes", "produces", "schemes")
    }
    consumes = op.get("consumes") or consumes
    produces = op.get("produces") or produces
    parameters = op.get("parameters") or []
    plain = [_parameter(p) for p in parameters if _location(p, shared) not in ("body", "formData")]
    if plain:
        result["parameters"] = plain
    body = [
        _resolve_shared(p, shared)
        for p in path_parameters + parameters
        if _location(p, shared) == "body"
    ]
    form = [
        _resolve_shared(p, shared)
        for p in path_parameters + parameters
        if _location(p, shared) == "formData"
    ]
    if body:
        schema, media_types = _body_schema(body[-1].get("schema", {}), consumes)
        result["requestBody"] = {
            "description": body[-1].get("description", ""),
            "required": bool(body[-1].get("required")),
            "content": {media: {"schema": schema} for media in media_types},
        }
    elif form:
        result["requestBody"] = _form_body(form, consumes)
    result["responses"] = {
        str(status): _response(response, produces)
        for status, response in (op.get("responses") or {}).items()
    }
    return result


def _body_schema(schema: Any, consumes: list) -> tuple[Any, list]:
    """A `body` parameter's schema and media types. A `type: file` body is a binary string,
    sent as the media types `consumes` names that are not JSON (else octet-stream)."""
    if not (isinstance(schema, dict) and schema.get("type") == "file"):
        return schema, consumes
    binary = {**{k: v for k, v in schema.items() if k != "type"}, "type": "string"}
    binary["format"] = "binary"
    media = [m for m in consumes if not is_json_media(m)] or ["application/octet-stream"]
    return binary, media


def _form_body(form: list[dict], consumes: list) -> dict:
    properties = {}
    required = []
    for field in form:
        schema = {k: field[k] for k in PARAMETER_SCHEMA_KEYS if k in field}
        if schema.get("type") == "file":
            schema = {"type": "string", "format": "binary"}
        if field.get("description"):
            schema["description"] = field["description"]
        properties[field["name"]] = schema
        if field.get("required"):
            required.append(field["name"])
    has_file = any(p.get("format") == "binary" for p in properties.values())
    media = [m for m in consumes if "form" in m] or (
        ["multipart/form-data"] if has_file else ["application/x-www-form-urlencoded"]
    )
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {"content": {m: {"schema": schema} for m in media}}


def _parameter(parameter: dict) -> dict:
    if "$ref" in parameter:
        return parameter
    result = {
        k: v
        for k, v in parameter.items()
        if k not in PARAMETER_SCHEMA_KEYS and k not in ("collectionFormat", "allowEmptyValue")
    }
    schema = {k: parameter[k] for k in PARAMETER_SCHEMA_KEYS if k in parameter}
    if schema:
        result["schema"] = schema
    fmt = parameter.get("collectionFormat")
    if fmt in COLLECTION_FORMATS and parameter.get("in") == "query":
        result["style"], result["explode"] = COLLECTION_FORMATS[fmt]
    return result


def _response(response: dict, produces: list) -> dict:
    if "$ref" in response:
        return response
    result = {k: v for k, v in response.items() if k not in ("schema", "examples", "headers")}
    result.setdefault("description", "")
    if "schema" in response:
        examples = response.get("examples") or {}
        result["content"] = {
            media: {
                "schema": response["schema"],
                **({"example": examples[media]} if media in examples else {}),
            }
            for media in produces
        }
    if response.get("headers"):
        result["headers"] = {
            name: {
                "description": header.get("description", ""),
                "schema": {k: header[k] for k in PARAMETER_SCHEMA_KEYS if k in header},
            }
            for name, header in response["headers"].items()
        }
    return result


def _security_scheme(scheme: dict) -> dict:
    kind = scheme.get("type")
    description = {"description": scheme["description"]} if scheme.get("description") else {}
    if kind == "basic":
        return {"type": "http", "scheme": "basic", **description}
    if kind == "apiKey":
        return {"type": "apiKey", "in": scheme.get("in"), "name": scheme.get("name"), **description}
    flow_names = {
        "implicit": "implicit",
        "password": "password",
        "application": "clientCredentials",
        "accessCode": "authorizationCode",
    }
    flow = {"scopes": scheme.get("scopes") or {}}
    if scheme.get("authorizationUrl"):
        flow["authorizationUrl"] = scheme["authorizationUrl"]
    if scheme.get("tokenUrl"):
        flow["tokenUrl"] = scheme["tokenUrl"]
    return {
        "type": "oauth2",
        "flows": {flow_names.get(scheme.get("flow"), "implicit"): flow},
        **description,
    }


def source_parts(original: dict, parts: tuple[str, ...]) -> tuple[str, ...]:
    """Where the user wrote what `parts` points at in the conversion of `original`.

    Messages about a converted document name the lines of the Swagger 2.0 file: its components
    moved back to `definitions`, `parameters`..., request bodies to their `body`/`formData`
    parameters, response media types to the response's `schema`. A part with no counterpart
    ends the pointer there (so the nearest enclosing object is named)."""
    head, rest = parts[:1], parts[1:]
    if head == ("components",) and len(rest) >= 2:
        section, name, rest = rest[0], rest[1], rest[2:]
        if section == "schemas":
            return ("definitions", name, *rest)
        if section == "parameters":
            return ("parameters", name, *_parameter_rest(rest))
        if section == "responses":
            return ("responses", name, *_response_rest(rest))
        if section == "securitySchemes":
            return ("securityDefinitions", name)
        return ()
    if head == ("servers",):
        return next(((key,) for key in ("host", "basePath", "schemes") if key in original), ())
    if head == ("paths",) and len(rest) >= 2:
        item = _mapping(_mapping(original.get("paths")).get(rest[0]))
        return ("paths", rest[0], *_path_item_rest(item, rest[1:]))
    return parts


def _path_item_rest(item: dict, rest: tuple[str, ...]) -> tuple[str, ...]:
    if rest[:1] == ("parameters",):
        return _parameter_list_rest(item.get("parameters"), rest)
    if not rest or rest[0] not in METHODS:
        return rest
    method, rest = rest[0], rest[1:]
    operation = _mapping(item.get(method))
    if rest[:1] == ("parameters",):
        return (method, *_parameter_list_rest(operation.get("parameters"), rest))
    if rest[:1] == ("requestBody",):
        return _body_rest(item, method, rest[1:])
    if rest[:1] == ("responses",) and len(rest) >= 2:
        return (method, "responses", rest[1], *_response_rest(rest[2:]))
    return (method, *rest)


def _parameter_list_rest(parameters: Any, rest: tuple[str, ...]) -> tuple[str, ...]:
    """`parameters/<i>/...` of the conversion -> the index among the original parameters
    (whose `body` and `formData` entries the conversion took out)."""
    if len(rest) < 2 or not rest[1].isdigit() or not isinstance(parameters, list):
        return rest[:1]
    plain = [
        index
        for index, parameter in enumerate(parameters)
        if not (isinstance(parameter, dict) and parameter.get("in") in ("body", "formData"))
    ]
    wanted = int(rest[1])
    if wanted >= len(plain):
        return rest[:1]
    return ("parameters", str(plain[wanted]), *_parameter_rest(rest[2:]))


def _body_rest(item: dict, method: str, rest: tuple[str, ...]) -> tuple[str, ...]:
    """`<method>/requestBody/...` -> the `body` parameter (its `schema`), or the `formData`
    one a form property came from: the operation's own, else the path item's."""
    for where in ((method,), ()):
        owner = _mapping(item.get(method)) if where else item
        parameters = owner.get("parameters")
        for index, parameter in enumerate(parameters if isinstance(parameters, list) else ()):
            if not isinstance(parameter, dict) or parameter.get("in") not in ("body", "formData"):
                continue
            found = (*where, "parameters", str(index))
            if parameter["in"] == "body":
                in_schema = rest[:1] == ("content",) and rest[2:3] == ("schema",)
                return found + (("schema", *rest[3:]) if in_schema else ())
            properties = rest[3:5] if len(rest) >= 5 else ()
            if properties[:1] == ("properties",) and parameter.get("name") == properties[1]:
                return found
    return (method,)


def _parameter_rest(rest: tuple[str, ...]) -> tuple[str, ...]:
    """A converted parameter's `schema/...` is the Swagger parameter itself."""
    return rest[1:] if rest[:1] == ("schema",) else rest


def _response_rest(rest: tuple[str, ...]) -> tuple[str, ...]:
    """`content/<type>/schema/...` -> `schema/...`; `example` -> `examples/<type>`;
    `headers/<name>/schema/...` -> `headers/<name>/...`."""
    if rest[:1] == ("content",) and len(rest) >= 3:
        if rest[2] == "schema":
            return ("schema", *rest[3:])
        if rest[2] == "example":
            return ("examples", rest[1], *rest[3:])
        return ()
    if rest[:1] == ("headers",) and len(rest) >= 2:
        return ("headers", rest[1], *_parameter_rest(rest[2:]))
    return rest


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}
