"""One complete, valid example request for an operation, as plain data for the templates."""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import yaml

from ..model.examples import MISSING, synthesize, synthesize_example
from ..model.memo import SharedWork
from ..model.types import Operation, Parameter, RequestBody
from ..render.pretty_json import pretty_json
from ..spec.resolve import SpecBundle
from .base_url import sample_base_url
from .querystring import RAW, querystring_pairs
from .xml_body import is_xml, xml_document

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
    """`json`, `form`, `multipart`, `text`, or `file` (binary content read from a file)."""
    value: Any = None
    """The JSON value (`json`), the text (`text`), or the file's name (`file`)."""
    fields: list[tuple[str, str]] = field(default_factory=list)
    """`form` and `multipart` fields, values as text."""
    files: list[tuple[str, str, str]] = field(default_factory=list)
    """`multipart` file parts: `(field, file name, content)`."""
    shortened: bool = False
    """Made from the schema, and the size budget left optional properties out of it."""

    @cached_property
    def json_text(self) -> str:
        """The JSON value, indented (written once: most languages' samples show it)."""
        return pretty_json(self.value, default=None)

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
        if self.kind == "file":
            return f"(the content of {self.value})"
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
    """Query pairs as they go on the wire (names and values not yet percent-encoded); a pair
    named "" is a whole query string (a non-form 3.2 `querystring` parameter)."""
    headers: list[tuple[str, str]]
    """Header parameters (the body's Content-Type is `body.wire_content_type`)."""
    cookies: list[tuple[str, str]]
    credential: Credential | None
    body: SampleBody | None

    @property
    def query_string(self) -> str:
        return "&".join(
            f"{quote(k, safe='[]')}={quote(v, safe='')}" if k != RAW else quote(v, safe="")
            for k, v in self.query
        )

    @property
    def url(self) -> str:
        """The full URL, without a credential that goes in the query (added at run time)."""
        query = self.query_string
        return self.base_url + self.path + (f"?{query}" if query else "")


def build_sample_request(
    operation: Operation,
    memo: SharedWork,
    *,
    base_url: str | None = None,
    env_vars: dict[str, str] | None = None,
    default_env: str = "API_TOKEN",
    optional_parameters: int = 3,
) -> SampleRequest:
    """The request a sample makes: every value from the spec's examples or its schemas (read
    from the operation's model; each schema found by its source pointer).

    Every required parameter is sent, and the first `optional_parameters` optional ones that
    have an example (a sample with every optional filter of a search endpoint is unreadable)."""
    path, fixed_query = path_and_fixed_query(operation.path)
    query: list[tuple[str, str]] = []
    headers: list[tuple[str, str]] = []
    cookies: list[tuple[str, str]] = []
    for param in operation.parameters:
        location = param.location
        has_example = param.has_example or bool(param.examples)
        optional = location != "path" and not param.required
        if optional and (not has_example or optional_parameters <= 0):
            continue
        optional_parameters -= optional
        value = _parameter_value(param, memo)
        if value is None:
            continue
        if location == "path":
            path = path.replace("{" + param.name + "}", quote(_scalar(value), safe=""))
        elif location == "query":
            query += serialize_query(param.name, value, param.style, param.explode)
        elif location == "querystring":
            query += querystring_pairs(value, param.content_type, serialize_query)
        elif location == "header":
            headers.append((param.name, _scalar(value)))
        elif location == "cookie":
            cookies.append((param.name, _scalar(value)))
    sent = {name for name, _ in query}
    query = [pair for pair in fixed_query if pair[0] not in sent] + query
    body = _body(operation.request_body, memo)
    return SampleRequest(
        method=operation.http_method,
        base_url=sample_base_url(operation.servers, base_url),
        path=path,
        query=query,
        headers=headers,
        cookies=cookies,
        credential=_credential(operation, env_vars or {}, default_env),
        body=body,
    )


_PATH_SAFE = "/:@!$&'()*+,;=-._~%{}"
"""What stays as written in the literal text of a path template (RFC 3986 `pchar`s, `%`
escapes already written, and the `{name}` parameters filled in later)."""


def path_and_fixed_query(template: str) -> tuple[str, list[tuple[str, str]]]:
    """A path template ready for its parameters, and the query pairs it fixes.

    A path cannot hold a literal `#` or `?`. Written after one, `name=value` pairs (AWS
    specs tell operations on one URL apart with `/#Action=DescribeInstances`) are the
    query the operation means: they are sent as query pairs (a parameter of the same name
    wins). Any other `#` or `?` is percent-encoded, like every character a path cannot
    hold, so the request keeps its query and has no fragment."""
    fixed: list[tuple[str, str]] = []
    for mark in ("#", "?"):
        head, found, tail = template.partition(mark)
        pairs = _query_pairs(tail) if found and "{" not in tail else []
        if pairs:
            template, fixed = head, fixed + pairs
    return quote(template, safe=_PATH_SAFE), fixed


def _query_pairs(text: str) -> list[tuple[str, str]]:
    """`a=1&b=2` as pairs; [] for text that is not only `name=value` pairs."""
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return []


def serialize_query(
    name: str, value: Any, style: str | None = None, explode: bool | None = None
) -> list[tuple[str, str]]:
    """Query pairs for one parameter, honouring `style` and `explode` (OpenAPI 3, RFC 6570)."""
    style = style or "form"
    explode = (style == "form") if explode is None else explode
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


def _parameter_value(param: Parameter, memo: SharedWork) -> Any:
    """The parameter's first example that fits its schema, else one made from the schema."""
    file, parts = param.source
    if param.content_type is not None:
        parts = (*parts, "content", param.content_type)
    schema_parts = (*parts, "schema")
    schema = _node_or_none(memo.bundle, file, schema_parts)
    candidates = ([param.example] if param.has_example else []) + [
        example.value for example in param.examples
    ]
    for candidate in candidates:
        if schema is None or valid_or_missing(candidate, file, schema_parts, memo) is not MISSING:
            return candidate
    if schema is None:
        return "value"
    value = synthesize(schema, file, memo, "request")
    return None if value is MISSING or value == {} else value


def _body(body: RequestBody | None, memo: SharedWork) -> SampleBody | None:
    if body is None or not body.media_types:
        return None
    chosen = _preferred_media_type([media.name for media in body.media_types])
    model = next(media for media in body.media_types if media.name == chosen)
    media_type, (media_file, media_parts) = model.name, model.source
    media = _node_or_none(memo.bundle, media_file, media_parts)
    media = media if isinstance(media, dict) else {}
    value, shortened = _media_value(media, media_file, media_parts, memo)
    body = _body_as(media_type, media, media_file, value, memo)
    body.shortened = shortened
    return body


def _body_as(media_type: str, media: dict, media_file: str, value: Any, memo: SharedWork):
    """The body of `value` sent as `media_type`."""
    base = media_type.split(";")[0].strip().lower()
    if base == "application/x-www-form-urlencoded":
        pairs = _form_fields(value)
        if pairs is None:  # no names to send (an array of bare values, a number): as written
            values = value if isinstance(value, list) else [value]
            text = "&".join(quote(_scalar(item), safe="") for item in values)
            return SampleBody(media_type, "text", value=text)
        return SampleBody(media_type, "form", fields=pairs)
    if base.startswith("multipart/"):
        return _multipart(media_type, media, media_file, value, memo.bundle)
    if base == "application/json" or base.endswith("+json"):
        return SampleBody(media_type, "json", value=value)
    if is_xml(base):
        if not isinstance(value, str):
            value = xml_document(value, media.get("schema") or {}, media_file, memo.bundle)
        return SampleBody(media_type, "text", value=value)
    if base in YAML_TYPES or base.endswith("+yaml"):
        text = value if isinstance(value, str) else yaml.safe_dump(value, sort_keys=False)
        return SampleBody(media_type, "text", value=text)
    if _is_binary(base, media, media_file, memo.bundle):
        return SampleBody(media_type, "file", value=upload_name(base))
    if base.startswith("text/") or isinstance(value, str):
        return SampleBody(media_type, "text", value=_scalar(value))
    return SampleBody(media_type, "file", value=upload_name(base))  # no way to write it


_PYTHON_MIME_TYPES = mimetypes.MimeTypes(filenames=())
"""Python's own table only (not the machine's /etc/mime.types): the same names everywhere."""
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
BINARY_TYPES = ("application/octet-stream", "application/pdf", "application/zip")
BINARY_FAMILIES = ("image/", "audio/", "video/", "font/")


def _is_binary(base: str, media: dict, file: str, bundle: SpecBundle) -> bool:
    """Whether a body is a file's bytes: a binary media type, or a `format: binary` string."""
    if base in BINARY_TYPES or base.startswith(BINARY_FAMILIES):
        return True
    schema, _, _ = bundle.deref(media.get("schema"), file)
    return (
        isinstance(schema, dict)
        and schema.get("format") in ("binary", "byte")
        and (schema.get("type") in ("string", None))
    )


def upload_name(base: str) -> str:
    """The file a sample reads a binary body from: `upload` with the media type's extension."""
    extension = _PYTHON_MIME_TYPES.guess_extension(base, strict=False) if "/" in base else None
    return "upload" + (extension or ".bin")


def _form_fields(value: Any) -> list[tuple[str, str]] | None:
    """A form body's fields from its example: an object's properties, an already encoded
    string's pairs (`grant_type=client_credentials&scope=a`), or `[name, value]` pairs; None
    for any other value."""
    if value is None or value == {}:
        return []
    if isinstance(value, dict):
        return [(str(k), _scalar(v)) for k, v in value.items()]
    if isinstance(value, str) and "=" in value:
        return parse_qsl(value.lstrip("?"), keep_blank_values=True)
    if isinstance(value, list) and all(
        isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) for pair in value
    ):
        return [(name, _scalar(item)) for name, item in value]
    return None


def _node_or_none(bundle: SpecBundle, file: str, parts: tuple[str, ...]) -> Any:
    try:
        return bundle.node_at(file, parts)
    except KeyError:
        return None


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


def _media_value(
    media: dict, file: str, parts: tuple[str, ...], memo: SharedWork
) -> tuple[Any, bool]:
    """The body's value (the spec's first valid example, else one made from the schema), and
    whether the size budget shortened it."""
    written_as_xml = is_xml(parts[-1]) if parts else False
    for candidate in _spec_examples(media, file, memo.bundle):
        if "schema" not in media or (written_as_xml and isinstance(candidate, str)):
            return candidate, False  # (an XML example is the document itself)
        if valid_or_missing(candidate, file, (*parts, "schema"), memo) is not MISSING:
            return candidate, False
    if "schema" in media:
        value, shortened = synthesize_example(media["schema"], file, memo, "request")
        if value is not MISSING:
            return value, shortened
    return {}, False


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


def valid_or_missing(value: Any, file: str, parts: tuple[str, ...], memo: SharedWork) -> Any:
    """`value` if it validates against the schema at `parts` in `file`, else `MISSING`: a
    sample must be a correct request even where the spec's own example is not."""
    return value if not memo.checker.mismatches(value, file, parts) else MISSING
