"""One complete, valid example request for an operation, as plain data for the templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from ..model.examples import MISSING, synthesize, synthesize_example
from ..model.memo import SharedWork
from ..model.types import Operation, Parameter, RequestBody
from ..spec.resolve import SpecBundle
from ..spec.walk import is_json_media, is_xml_media, media_base
from .base_url import sample_base_url
from .body import SampleBody, body_as, scalar_text
from .querystring import RAW, querystring_pairs


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
    values: dict[tuple[str, str], Any] = field(default_factory=dict)
    """`(location, name)` -> the value chosen for each parameter the request sends, before
    serialization (the try-it console prefills its inputs with them)."""

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
    values: dict[tuple[str, str], Any] = {}
    for param in operation.parameters:
        location = param.location
        if location == "header" and param.name.lower() in CLIENT_HEADERS:
            continue
        has_example = param.has_example or bool(param.examples)
        optional = location != "path" and not param.required
        if optional and (not has_example or optional_parameters <= 0):
            continue
        optional_parameters -= optional
        value = _parameter_value(param, memo)
        if value is None:
            continue
        values[(location, param.name)] = value
        if location == "path":
            text = serialize_path(param.name, value, param.style, param.explode)
            path = path.replace("{" + param.name + "}", text)
        elif location == "query":
            query += serialize_query(param.name, value, param.style, param.explode)
        elif location == "querystring":
            query += querystring_pairs(value, param.content_type, serialize_query)
        elif location == "header":
            headers.append((param.name, scalar_text(value)))
        elif location == "cookie":
            cookies.append((param.name, scalar_text(value)))
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
        values=values,
    )


CLIENT_HEADERS = {
    *("accept", "content-type", "authorization"),  # OpenAPI: such parameters are ignored
    *("content-length", "host", "transfer-encoding", "connection"),  # the HTTP client's own
}
"""Header parameters a sample does not send: the body, the credential and the client set
them (PeerTube's resumable upload declares `Content-Length`: an example value that does not
fit the body makes the request hang)."""

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


def serialize_path(
    name: str, value: Any, style: str | None = None, explode: bool | None = None
) -> str:
    """A path parameter's value as it goes in the URL, percent-encoded, honouring `style`
    (`simple`, `label`, `matrix`) and `explode` (OpenAPI 3, RFC 6570): `[1, 2]` is `1,2`,
    `.1.2` or `;id=1,2`; an object `{a: 1}` is `a,1` (`a=1` exploded)."""
    style = style or "simple"

    def encoded(item: Any) -> str:  # (`@` and `:` are path characters: `a@b.org` stays)
        return quote(scalar_text(item), safe="@:")

    if isinstance(value, dict):
        pairs = [(encoded(k), encoded(v)) for k, v in value.items()]
        items = [f"{k}={v}" for k, v in pairs] if explode else [f"{k},{v}" for k, v in pairs]
    elif isinstance(value, list):
        items = [encoded(item) for item in value]
    else:
        items = [encoded(value)]
    if style == "label":
        return "." + ("." if explode else ",").join(items)
    if style == "matrix":
        if explode and not isinstance(value, dict):
            return "".join(f";{name}={item}" for item in items)
        separator = ";" if explode else ","
        return (";" if explode else f";{name}=") + separator.join(items)
    return ",".join(items)


def serialize_query(
    name: str, value: Any, style: str | None = None, explode: bool | None = None
) -> list[tuple[str, str]]:
    """Query pairs for one parameter, honouring `style` and `explode` (OpenAPI 3, RFC 6570)."""
    style = style or "form"
    explode = (style == "form") if explode is None else explode
    if isinstance(value, list):
        items = [scalar_text(v) for v in value]
        if style == "form" and explode:
            return [(name, item) for item in items]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
        return [(name, separator.join(items))]
    if isinstance(value, dict):
        if style == "deepObject":
            return _deep_object(name, value)
        if explode:
            return [(str(k), scalar_text(v)) for k, v in value.items()]
        return [(name, ",".join(f"{k},{scalar_text(v)}" for k, v in value.items()))]
    return [(name, scalar_text(value))]


def _deep_object(prefix: str, value: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, item in value.items():
        name = f"{prefix}[{key}]"
        if isinstance(item, dict):
            pairs += _deep_object(name, item)
        elif isinstance(item, list):
            pairs.append((name, ",".join(scalar_text(v) for v in item)))
        elif item is not None:
            pairs.append((name, scalar_text(item)))
    return pairs


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
    body = body_as(media_type, media, media_file, value, memo.bundle)
    body.shortened = shortened
    return body


def _node_or_none(bundle: SpecBundle, file: str, parts: tuple[str, ...]) -> Any:
    try:
        return bundle.node_at(file, parts)
    except KeyError:
        return None


def _preferred_media_type(names: list[str]) -> str:
    for wanted in ("application/json", "application/x-www-form-urlencoded", "multipart/form-data"):
        for name in names:
            if media_base(name) == wanted:
                return name
    json_like = [n for n in names if is_json_media(n)]
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
    written_as_xml = is_xml_media(parts[-1]) if parts else False
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
