"""Drift (`--responses PATH`): recorded HTTP exchanges (HAR) against the documented operations.

Each exchange is matched to its operation by method and path template; its status, content type
and JSON body are checked against the documented response with object schemas treated as closed,
and its query parameters and JSON request body against the documented request. HAR files are
streamed (`ijson`), so large recordings are fine. Only names and JSON paths reach the output:
never header values, query values or cookies, which may hold secrets.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ijson

from ..errors import SpecError
from ..json_text import shown
from ..model.instances import InstanceChecker
from ..spec.resolve import SpecBundle
from ..spec.walk import media_base
from .registry import Hit, declare
from .walk import OperationLocation, SpecWalk

declare(
    "drift-unknown-operation",
    "error",
    "A recorded request matches no documented operation.",
    "drift",
)
declare("drift-undocumented-status", "error", "A recorded status code is not documented.", "drift")
declare("drift-content-type", "warning", "A recorded content type is not documented.", "drift")
declare("drift-undocumented-property", "error", "A response has a field the schema lacks.", "drift")
declare("drift-missing-required", "error", "A response lacks a field the schema requires.", "drift")
declare("drift-wrong-type", "error", "A response field has another type than documented.", "drift")
declare(
    "drift-enum-value", "error", "A response field has a value the enum does not list.", "drift"
)
declare(
    "drift-schema-mismatch", "error", "A response does not match its schema otherwise.", "drift"
)
declare(
    "drift-undocumented-query-parameter",
    "warning",
    "A request uses an undocumented query parameter.",
    "drift",
)
declare(
    "drift-undocumented-body-field", "warning", "A request body has an undocumented field.", "drift"
)

KEYWORD_RULES = {
    "undocumented": "drift-undocumented-property",
    "required": "drift-missing-required",
    "type": "drift-wrong-type",
    "enum": "drift-enum-value",
    "const": "drift-enum-value",
}


@dataclass(frozen=True)
class Exchange:
    """What drift needs of one recorded request/response; no header values are kept."""

    source: str
    index: int
    method: str
    path: str
    query_names: tuple[str, ...]
    request_type: str
    request_text: str | None
    status: int
    response_type: str
    response_text: str | None


def drift_hits(bundles: list[SpecBundle], paths: list[Path], settings) -> list[tuple[Hit, str]]:
    matchers = [OperationMatcher(bundle) for bundle in bundles]
    report = DriftReport()
    for exchange in iter_exchanges(paths):
        match = next((m.match(exchange) for m in matchers if m.match(exchange)), None)
        label = f"{Path(exchange.source).name} entry {exchange.index}"
        if match is None:
            report.add(
                "drift-unknown-operation",
                Hit(
                    exchange.source,
                    ("log", "entries", str(exchange.index)),
                    f"{exchange.method} {exchange.path} matches no documented operation",
                ),
                label,
            )
            continue
        matcher, op = match
        check_exchange(matcher, op, exchange, report, label)
    return report.hits()


class DriftReport:
    """Collects findings, merging repeats (the same field missing in 500 responses is one)."""

    def __init__(self) -> None:
        self._hits: dict[tuple, tuple[Hit, str, str, int]] = {}

    def add(self, rule: str, hit: Hit, label: str) -> None:
        key = (rule, hit.file, hit.parts, hit.message)
        if key in self._hits:
            first, rule, first_label, count = self._hits[key]
            self._hits[key] = (first, rule, first_label, count + 1)
        else:
            self._hits[key] = (hit, rule, label, 1)

    def hits(self) -> list[tuple[Hit, str]]:
        result = []
        for hit, rule, label, count in self._hits.values():
            seen = f"seen {count} times, first in {label}" if count > 1 else f"seen in {label}"
            result.append(
                (Hit(hit.file, hit.parts, f"{hit.message} ({seen})", hit.operation, hit.line), rule)
            )
        return result


class OperationMatcher:
    """Finds the operation of a recorded request: method + path template (+ server prefix)."""

    def __init__(self, bundle: SpecBundle) -> None:
        self.bundle = bundle
        self.checker = InstanceChecker(bundle)
        # a webhook or callback is a request the API sends, never one it is sent
        self.operations = [op for op in SpecWalk(bundle).operations if op.section == "paths"]
        self.prefixes = sorted(_server_prefixes(bundle), key=len, reverse=True)
        self.patterns = [(_template_regex(op.path), op) for op in self.operations]
        # the most literal template wins: /runs/latest before /runs/{id}
        self.patterns.sort(key=lambda item: item[1].path.count("{"))

    def match(self, exchange: Exchange) -> tuple[OperationMatcher, OperationLocation] | None:
        for prefix in self.prefixes:
            if not exchange.path.startswith(prefix):
                continue
            path = exchange.path[len(prefix) :] or "/"
            for pattern, op in self.patterns:
                if op.method.upper() == exchange.method and pattern.fullmatch(path):
                    return self, op
        return None


def check_exchange(
    matcher: OperationMatcher,
    op: OperationLocation,
    exchange: Exchange,
    report: DriftReport,
    label: str,
) -> None:
    bundle = matcher.bundle
    _check_request(matcher, op, exchange, report, label)
    responses = op.node.get("responses") or {}
    status_key = _documented_status(responses, exchange.status)
    if status_key is None:
        report.add(
            "drift-undocumented-status",
            Hit(
                op.file,
                op.parts + ("responses",),
                f"{op.key} returned {exchange.status}, which is not documented",
                op.key,
            ),
            label,
        )
        return
    response, response_file, target = bundle.deref(responses[status_key], op.file)
    response_parts = _parts_of(target, op.parts + ("responses", status_key))
    content = response.get("content") if isinstance(response, dict) else None
    if not content or not exchange.response_type:
        return
    media_key = _documented_media(content, exchange.response_type)
    if media_key is None:
        report.add(
            "drift-content-type",
            Hit(
                response_file,
                response_parts + ("content",),
                f"{op.key} {exchange.status} returned {exchange.response_type}, documented: "
                f"{', '.join(map(str, content))}",
                op.key,
            ),
            label,
        )
        return
    body = _json_body(exchange.response_text, exchange.response_type)
    media = content[media_key]
    if body is _NO_BODY or not isinstance(media, dict) or "schema" not in media:
        return
    schema_parts = response_parts + ("content", media_key, "schema")
    for mismatch in matcher.checker.mismatches(
        body, response_file, schema_parts, closed=True, formats=True
    ):
        rule = KEYWORD_RULES.get(mismatch.kind, "drift-schema-mismatch")
        where_file, where_parts = (
            (mismatch.schema_file, mismatch.schema_parts)
            if rule == "drift-undocumented-property"
            else (response_file, schema_parts)
        )
        report.add(
            rule,
            Hit(
                where_file,
                where_parts,
                f"{op.key} {exchange.status}: {_generic(mismatch.path)}: {mismatch.message}",
                op.key,
            ),
            label,
        )


def _check_request(matcher, op: OperationLocation, exchange: Exchange, report, label) -> None:
    documented = [
        str(param["name"])
        for param, _ in matcher.bundle.operation_parameters(
            op.path_item, op.path_item_file, op.node, op.file
        )
        if param["in"] == "query"
    ]
    for name in sorted(set(exchange.query_names)):
        if not any(name == d or name.startswith(d + "[") for d in documented):
            report.add(
                "drift-undocumented-query-parameter",
                Hit(
                    op.file,
                    op.parts,
                    f"{op.key}: query parameter {shown(name)} is not documented",
                    op.key,
                ),
                label,
            )
    body = _json_body(exchange.request_text, exchange.request_type)
    if body is _NO_BODY or "requestBody" not in op.node:
        return
    request_body, body_file, target = matcher.bundle.deref(op.node["requestBody"], op.file)
    content = request_body.get("content") if isinstance(request_body, dict) else None
    media_key = _documented_media(content or {}, exchange.request_type or "application/json")
    if media_key is None or "schema" not in (content[media_key] or {}):
        return
    parts = _parts_of(target, op.parts + ("requestBody",)) + ("content", media_key, "schema")
    for mismatch in matcher.checker.undocumented_properties(body, body_file, parts):
        report.add(
            "drift-undocumented-body-field",
            Hit(
                mismatch.schema_file,
                mismatch.schema_parts,
                f"{op.key} request: {_generic(mismatch.path)}: {mismatch.message}",
                op.key,
            ),
            label,
        )


def iter_exchanges(paths: list[Path]) -> Iterator[Exchange]:
    """Every entry of every HAR file under `paths`, streamed."""
    for path in paths:
        files = sorted(path.rglob("*.har")) if path.is_dir() else [path]
        for file in files:
            yield from _read_har(file)


def _read_har(file: Path) -> Iterator[Exchange]:
    source = str(file.resolve())
    try:
        with file.open("rb") as handle:
            for index, entry in enumerate(ijson.items(handle, "log.entries.item", use_float=True)):
                exchange = _exchange(source, index, entry)
                if exchange is not None:
                    yield exchange
    except (ijson.JSONError, OSError) as exc:
        raise SpecError(
            f"cannot read HAR file: {exc}",
            file=str(file),
            hint="Record it again, or check it is a HAR (JSON with log.entries)",
        ) from None


def _exchange(source: str, index: int, entry: Any) -> Exchange | None:
    request = entry.get("request") or {}
    response = entry.get("response") or {}
    url = urlsplit(str(request.get("url") or ""))
    if not url.path:
        return None
    post = request.get("postData") or {}
    content = response.get("content") or {}
    text = content.get("text")
    if text and content.get("encoding") == "base64":
        try:
            text = base64.b64decode(text).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            text = None
    query_names = tuple(str(q.get("name")) for q in request.get("queryString") or [])
    if not query_names and url.query:
        query_names = tuple(pair.split("=", 1)[0] for pair in url.query.split("&") if pair)
    return Exchange(
        source=source,
        index=index,
        method=str(request.get("method") or "GET").upper(),
        path=url.path,
        query_names=tuple(_unquote(n) for n in query_names),
        request_type=media_base(post.get("mimeType")),
        request_text=post.get("text"),
        status=int(response.get("status") or 0),
        response_type=media_base(content.get("mimeType")),
        response_text=text,
    )


_NO_BODY = object()


def _json_body(text: str | None, mime: str) -> Any:
    if not text or "json" not in (mime or ""):
        return _NO_BODY
    try:
        return json.loads(text)
    except ValueError:
        return _NO_BODY


def _documented_status(responses: dict, status: int) -> str | None:
    keys = {str(k).upper(): k for k in responses}
    for candidate in (str(status), f"{str(status)[0]}XX", "DEFAULT"):
        if candidate in keys:
            return str(keys[candidate])
    return None


def _documented_media(content: dict, mime: str) -> str | None:
    major = mime.split("/")[0]
    for candidate in (mime, f"{major}/*", "*/*"):
        for key in content:
            if media_base(str(key)) == candidate:
                return str(key)
    return None


def _unquote(name: str) -> str:
    from urllib.parse import unquote_plus

    return unquote_plus(name)


def _generic(path: str) -> str:
    """`$.data[3].id` -> `$.data[*].id`: one finding for every item of an array."""
    return re.sub(r"\[\d+\]", "[*]", path)


def _parts_of(target, fallback: tuple[str, ...]) -> tuple[str, ...]:
    from ..spec.load import split_pointer

    return tuple(split_pointer(target.pointer)) if target else fallback


def _template_regex(path: str) -> re.Pattern:
    pattern = re.sub(r"\\\{[^{}]+\\\}", "[^/]+", re.escape(path))
    return re.compile(pattern)


def _server_prefixes(bundle: SpecBundle) -> set[str]:
    doc = bundle.document if isinstance(bundle.document, dict) else {}
    prefixes = {""}
    for server in doc.get("servers") or []:
        if isinstance(server, dict) and server.get("url"):
            url = re.sub(r"\{[^}]*\}", "x", str(server["url"]))
            prefixes.add(urlsplit(url).path.rstrip("/"))
    return prefixes
