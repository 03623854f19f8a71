"""One complete, valid example request for an operation, as plain data for the templates."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote, urlencode

from ..model.examples import MISSING, synthesize
from ..model.instances import InstanceChecker
from ..model.types import Operation
from ..spec.resolve import SpecBundle

BOUNDARY = "runs-api-sample-boundary"


@dataclass(frozen=True)
class Credential:
    """How the request carries its secret, read from an environment variable at run time."""

    kind: str
    """`bearer`, `basic`, `header`, `query` or `cookie`."""
    env: str
    """The environment variable the sample reads."""
    name: str = ""
    """Header, query parameter or cookie name (for `header`, `query`, `cookie`)."""


@dataclass
class SampleBody:
    content_type: str
    kind: str
    """`json`, `form`, `multipart` or `text`."""
    value: Any = None
    """The JSON value (`json`), or the text (`text`)."""
    fields: list[tuple[str, str]] = field(default_factory=list)
    """`form` and `multipart` fields, values as text."""
    files: list[tuple[str, str, str]] = field(default_factory=list)
    """`multipart` file parts: `(field, file name, content)`."""

    @cached_property
    def json_text(self) -> str:
        """The JSON value, indented (written once: most languages' samples show it)."""
        return json.dumps(self.value, indent=2, ensure_ascii=False)

    @cached_property
    def text(self) -> str:
        """The body exactly as sent: JSON, urlencoded form, multipart (CRLF lines) or text."""
        if self.kind == "json":
            return self.json_text
        if self.kind == "form":
            return urlencode(self.fields)
        if self.kind == "multipart":
            lines = []
            for name, value in self.fields:
                lines += [
                    f"--{BOUNDARY}",
                    f'Content-Disposition: form-data; name="{name}"',
                    "",
                    value,
                ]
            for name, filename, content in self.files:
                lines += [
                    f"--{BOUNDARY}",
                    f'Content-Disposition: form-data; name="{name}"; filename="{filename}"',
                    "Content-Type: text/plain",
                    "",
                    content,
                ]
            return "\r\n".join(lines + [f"--{BOUNDARY}--", ""])
        return str(self.value)

    @property
    def wire_content_type(self) -> str:
        """The Content-Type header for `text` (multipart gets its boundary)."""
        if self.kind == "multipart":
            return f"multipart/form-data; boundary={BOUNDARY}"
        return self.content_type


@dataclass
class SampleRequest:
    method: str
    base_url: str
    path: str
    """The path with its parameters filled in and percent-encoded."""
    query: list[tuple[str, str]]
    """Query pairs as they go on the wire (names and values not yet percent-encoded)."""
    headers: list[tuple[str, str]]
    """Header parameters (the body's Content-Type is `body.wire_content_type`)."""
    cookies: list[tuple[str, str]]
    credential: Credential | None
    body: SampleBody | None

    @property
    def query_string(self) -> str:
        return "&".join(f"{quote(k, safe='[]')}={quote(v, safe='')}" for k, v in self.query)

    @property
    def url(self) -> str:
        """The full URL, without a credential that goes in the query (added at run time)."""
        query = self.query_string
        return self.base_url + self.path + (f"?{query}" if query else "")


def build_sample_request(
    operation: Operation,
    bundle: SpecBundle,
    *,
    base_url: str | None = None,
    env_vars: dict[str, str] | None = None,
    default_env: str = "API_TOKEN",
) -> SampleRequest:
    """The request a sample makes: every value from the spec's examples or its schemas."""
    raw, file = _raw_operation(operation, bundle)
    parameters = _raw_parameters(operation, raw, file, bundle)
    path = operation.path
    query: list[tuple[str, str]] = []
    headers: list[tuple[str, str]] = []
    cookies: list[tuple[str, str]] = []
    for param, param_file in parameters:
        location = param.get("in")
        has_example = "example" in param or "examples" in param
        if location != "path" and not param.get("required") and not has_example:
            continue
        value = _parameter_value(param, param_file, bundle)
        if value is None:
            continue
        if location == "path":
            path = path.replace("{" + str(param["name"]) + "}", quote(_scalar(value), safe=""))
        elif location == "query":
            query += serialize_query(str(param["name"]), value, param)
        elif location == "header":
            headers.append((str(param["name"]), _scalar(value)))
        elif location == "cookie":
            cookies.append((str(param["name"]), _scalar(value)))
    body = _body(raw, file, bundle)
    return SampleRequest(
        method=operation.method.upper(),
        base_url=(base_url or _server_url(operation)).rstrip("/"),
        path=path,
        query=query,
        headers=headers,
        cookies=cookies,
        credential=_credential(operation, env_vars or {}, default_env),
        body=body,
    )


def serialize_query(name: str, value: Any, param: dict) -> list[tuple[str, str]]:
    """Query pairs for one parameter, honouring `style` and `explode` (OpenAPI 3, RFC 6570)."""
    style = param.get("style", "form")
    explode = param.get("explode", style == "form")
    if isinstance(value, list):
        items = [_scalar(v) for v in value]
        if style == "form" and explode:
            return [(name, item) for item in items]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
        return [(name, separator.join(items))]
    if isinstance(value, dict):
        if style == "deepObject":
            return _deep_object(name, value)
        if explode:
            return [(str(k), _scalar(v)) for k, v in value.items()]
        return [(name, ",".join(f"{k},{_scalar(v)}" for k, v in value.items()))]
    return [(name, _scalar(value))]


def _deep_object(prefix: str, value: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, item in value.items():
        name = f"{prefix}[{key}]"
        if isinstance(item, dict):
            pairs += _deep_object(name, item)
        elif isinstance(item, list):
            pairs.append((name, ",".join(_scalar(v) for v in item)))
        elif item is not None:
            pairs.append((name, _scalar(item)))
    return pairs


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return "" if value is None else str(value)


def _raw_operation(operation: Operation, bundle: SpecBundle) -> tuple[dict, str]:
    item, item_file, _ = bundle.deref(
        bundle.document[operation.section][operation.path], bundle.root
    )
    raw, file, _ = bundle.deref(item[operation.method], item_file)
    return raw, file


def _raw_parameters(operation, raw, file, bundle) -> list[tuple[dict, str]]:
    item, item_file, _ = bundle.deref(
        bundle.document[operation.section][operation.path], bundle.root
    )
    return bundle.operation_parameters(item, item_file, raw, file)


def _parameter_value(param: dict, file: str, bundle: SpecBundle) -> Any:
    schema = param.get("schema")
    if schema is None and isinstance(param.get("content"), dict) and param["content"]:
        schema = next(iter(param["content"].values())).get("schema")
    for candidate in _spec_examples(param, file, bundle):
        if schema is None or valid_or_missing(candidate, schema, file, bundle) is not MISSING:
            return candidate
    if schema is None:
        return "value"
    value = synthesize(schema, file, bundle, "request")
    return None if value is MISSING or value == {} else value


def _body(raw: dict, file: str, bundle: SpecBundle) -> SampleBody | None:
    body, body_file, _ = bundle.deref(raw.get("requestBody"), file)
    if not isinstance(body, dict) or not isinstance(body.get("content"), dict):
        return None
    content = body["content"]
    media_type = _preferred_media_type(list(content))
    media, media_file, _ = bundle.deref(content[media_type], body_file)
    media = media if isinstance(media, dict) else {}
    value = _media_value(media, media_file, bundle)
    base = media_type.split(";")[0].strip().lower()
    if base == "application/x-www-form-urlencoded":
        pairs = [(str(k), _scalar(v)) for k, v in (value or {}).items()]
        return SampleBody(media_type, "form", fields=pairs)
    if base.startswith("multipart/"):
        return _multipart(media_type, media, media_file, value, bundle)
    if base == "application/json" or base.endswith("+json"):
        return SampleBody(media_type, "json", value=value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return SampleBody(media_type, "text", value=text)


def _preferred_media_type(names: list[str]) -> str:
    for wanted in ("application/json", "application/x-www-form-urlencoded", "multipart/form-data"):
        for name in names:
            if name.split(";")[0].strip().lower() == wanted:
                return name
    json_like = [n for n in names if n.lower().endswith("+json")]
    return json_like[0] if json_like else names[0]


def _spec_examples(node: dict, file: str, bundle: SpecBundle) -> list[Any]:
    """A parameter's or media type's own `example` and named `examples` values, in order."""
    found = [node["example"]] if "example" in node else []
    for example in (node.get("examples") or {}).values():
        value, _, _ = bundle.deref(example, file)
        if isinstance(value, dict) and "value" in value:
            found.append(value["value"])
    return found


def _media_value(media: dict, file: str, bundle: SpecBundle) -> Any:
    for candidate in _spec_examples(media, file, bundle):
        if "schema" not in media:
            return candidate
        if valid_or_missing(candidate, media["schema"], file, bundle) is not MISSING:
            return candidate
    if "schema" in media:
        value = synthesize(media["schema"], file, bundle, "request")
        if value is not MISSING:
            return value
    return {}


def _multipart(media_type, media, file, value, bundle) -> SampleBody:
    schema, schema_file, _ = bundle.deref(media.get("schema") or {}, file)
    properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
    fields, files = [], []
    for name, item in (value or {}).items() if isinstance(value, dict) else ():
        prop, _, _ = bundle.deref(properties.get(name, {}), schema_file)
        if isinstance(prop, dict) and prop.get("format") in ("binary", "byte"):
            files.append((str(name), f"{name}.txt", "example file content"))
        else:
            fields.append((str(name), _scalar(item)))
    return SampleBody(media_type, "multipart", fields=fields, files=files)


def _server_url(operation: Operation) -> str:
    if not operation.servers:
        return "https://api.example.com"
    server = operation.servers[0]
    url = server.url
    for name, variable in server.variables.items():
        default = variable.get("default", "") if isinstance(variable, dict) else ""
        url = url.replace("{" + str(name) + "}", str(default))
    return re.sub(r"\{[^}]*\}", "x", url)


def _credential(operation: Operation, env_vars: dict[str, str], default_env: str):
    """The first security requirement with a scheme a sample can send."""
    for requirement in operation.security or []:
        for scheme, _ in requirement.schemes:
            env = env_vars.get(scheme.name, default_env)
            if scheme.type == "http" and scheme.http_scheme == "basic":
                return Credential("basic", env)
            if scheme.type in ("http", "oauth2", "openIdConnect"):
                return Credential("bearer", env)
            if scheme.type == "apiKey" and scheme.location in ("header", "query", "cookie"):
                return Credential(scheme.location, env, scheme.key_name)
    return None


def valid_or_missing(value: Any, schema: Any, file: str, bundle: SpecBundle) -> Any:
    """`value` if it validates against `schema` (a node of `file`), else `MISSING`: a sample must
    be a correct request even where the spec's own example is not."""
    checker = bundle.cache.get("instance_checker")
    if checker is None:
        checker = bundle.cache["instance_checker"] = InstanceChecker(bundle)
    parts = checker.where(schema, file)
    if parts is None:
        return value
    return value if not checker.mismatches(value, file, parts) else MISSING
