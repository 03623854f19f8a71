"""A local server that validates every request it receives against an OpenAPI document with
openapi-core, for running generated samples for real. The document's servers are replaced by
the server's own address; what openapi-core 0.23 cannot read is worked around in the open
(each workaround says why)."""

from __future__ import annotations

import copy
import http.server
from urllib.parse import urlsplit

import requests
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest


class ValidatingServer(http.server.ThreadingHTTPServer):
    """Receives the samples' requests and validates each against the spec with openapi-core."""

    def __init__(self, spec: dict) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        spec = copy.deepcopy(spec)
        spec["servers"] = [{"url": f"http://127.0.0.1:{self.server_address[1]}"}]
        for item in spec["paths"].values():
            item.pop("servers", None)
            for operation in item.values():
                if isinstance(operation, dict):
                    operation.pop("servers", None)
        _type_deep_objects(spec)
        text = {media: _decoded for media in YAML_MEDIA_TYPES}  # a YAML body is text
        text["application/octet-stream"] = _as_byte_string  # bytes, for `type: string`
        self.openapi = OpenAPI.from_dict(spec, config=Config(extra_media_type_deserializers=text))
        self.received: list[tuple[str, str, list[str]]] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def _type_deep_objects(spec: dict) -> None:
    """Work around openapi-core 0.23: an *absent* optional `deepObject` query parameter whose
    schema is only `allOf` (no `type: object`) fails with "DeserializeError: not available".
    Adding the `type: object` that the `allOf` parts already imply changes nothing else."""
    parameters = list((spec.get("components") or {}).get("parameters", {}).values())
    for item in spec["paths"].values():
        for operation in [item, *[v for v in item.values() if isinstance(v, dict)]]:
            parameters += [p for p in operation.get("parameters") or [] if "$ref" not in p]
    for parameter in parameters:
        schema = parameter.get("schema") or {}
        if parameter.get("style") == "deepObject" and "type" not in schema and "allOf" in schema:
            schema["type"] = "object"


YAML_MEDIA_TYPES = ("application/x-yaml", "application/yaml", "text/yaml", "text/x-yaml")


def _decoded(body: bytes) -> str:
    return body.decode("utf-8")


def _as_byte_string(body: bytes) -> str:
    """Raw bytes as a string of the same code points (what `type: string` means for them)."""
    return body.decode("latin-1")


CLIENT_DEFAULT_HEADERS = {
    ("accept-encoding", "gzip, deflate"),
    ("accept-encoding", "gzip, deflate, br"),
}
"""Headers requests and Node's fetch add by themselves: not the sample's (an API that declares
`Accept-Encoding` as a parameter with an enum, like Conjur, would flag them)."""


class _Handler(http.server.BaseHTTPRequestHandler):
    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            k: v
            for k, v in self.headers.items()
            if k.lower() != "cookie" and (k.lower(), v) not in CLIENT_DEFAULT_HEADERS
        }
        cookies = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            if "=" in part:
                name, value = part.strip().split("=", 1)
                cookies[name] = value
        request = requests.Request(
            self.command,
            self.server.base_url + self.path,
            headers=headers,
            data=body,
            cookies=cookies,
        )
        errors = []
        try:
            self.server.openapi.validate_request(RequestsOpenAPIRequest(request))
        except Exception as exc:  # noqa: BLE001 - every validation failure is a test failure
            errors.append(
                f"{type(exc).__name__}: {exc}; "
                + "; ".join(str(e) for e in getattr(exc, "schema_errors", []) or [])
            )
        self.server.received.append((self.command, urlsplit(self.path).path, errors))
        payload = b"{}"
        self.send_response(200 if not errors else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

    def log_message(self, *args) -> None:
        pass
