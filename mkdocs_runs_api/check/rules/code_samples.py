"""The spec's own code samples (`x-codeSamples`, `x-code-samples`) against the operation they
document: a sample written for another path, with another method, or sending body fields the
request body does not define. Only what a sample states outright is read (a URL, an explicit
method, a JSON body after `-d`); a sample that calls an SDK says none of it and passes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...json_text import shown
from ..registry import CheckContext, Hit, rule
from .operations import TEMPLATE_VARIABLE

URL = re.compile(r"""https?://[^\s'"`<>)\\]+""")
CURL = re.compile(r"\bcurl\b")
CURL_ARGUMENT = re.compile(
    r"""(?:^|\s)(?:-d|--data(?:-\w+)?|--json|-H|--header|-F|--form(?:-string)?|-u|--user|-b|"""
    r"""--cookie|-A|--user-agent|-e|--referer)[\s=]+('(?:[^']*)'|"(?:[^"\\]|\\.)*"|\S+)"""
)
"""A curl option whose value is not the request's URL (a body, a header...): set aside, so that a
URL inside a body (a meeting link, an image) is not taken for the one the sample calls."""
CURL_METHOD = re.compile(r"""(?:^|\s)(?:-X|--request)[\s=]+['"]?([A-Za-z]+)""")
CALL = re.compile(
    r"""\b(?:fetch|(?:requests|axios|http|client)\.(get|post|put|patch|delete|head|options))"""
    r"""\(\s*['"`](https?://[^'"`]+)['"`]"""
)
"""`fetch("URL"`, `requests.post("URL"`, `axios.get("URL"`: a call with its URL first."""
CALL_METHOD = re.compile(r"""\bmethod\s*[:=]\s*['"]([A-Za-z]+)['"]""")
JSON_DATA = re.compile(r"""(?:^|\s)(?:-d|--data(?:-raw|-binary)?|--json)\s+'(\{.*?\})'""", re.S)
"""A curl JSON body in single quotes (the way nearly every sample writes it)."""


@dataclass
class Request:
    """One request a sample makes, as far as its text says."""

    url: str
    method: str | None
    text: str
    """The command's text (a curl command), for its body."""


def sample_requests(source: str) -> list[Request]:
    """The requests `source` makes: each curl command's, and each `fetch`/`requests`/`axios`
    call's with its URL written out."""
    found = []
    for command in CURL.split(source)[1:]:
        bare = CURL_ARGUMENT.sub(" ", command)
        url = URL.search(bare)
        if url:
            method = CURL_METHOD.search(bare)
            found.append(Request(url.group(0), method and method.group(1).upper(), command))
    for call in CALL.finditer(source):
        method = call.group(1) or _nearby_method(source, call.end())
        found.append(Request(call.group(2), method and method.upper(), ""))
    return found


def _nearby_method(source: str, start: int) -> str | None:
    found = CALL_METHOD.search(source, start, start + 400)
    return found.group(1) if found else None


@rule(
    "code-sample-mismatch",
    "warning",
    "A spec code sample (`x-codeSamples`) calls another path or method than its operation, or "
    "sends body fields the request body does not define.",
)
def code_sample_mismatch(ctx: CheckContext):
    for op in ctx.walk.operations:
        node = op.node if isinstance(op.node, dict) else {}
        key = "x-codeSamples" if "x-codeSamples" in node else "x-code-samples"
        samples = node.get(key)
        if not isinstance(samples, list):
            continue
        for index, sample in enumerate(samples):
            source = sample.get("source") if isinstance(sample, dict) else None
            if not isinstance(source, str):
                continue
            parts = (*op.parts, key, str(index), "source")
            for message in _problems(ctx, op, source):
                yield Hit(op.file, parts, message, operation=op.key)


def _problems(ctx: CheckContext, op, source: str) -> Iterator[str]:
    template = _template_pattern(op.path)
    requests = [r for r in sample_requests(source) if urlsplit(r.url).path not in ("", "/")]
    if not requests:
        return
    mine = [r for r in requests if template.search(urlsplit(r.url.rstrip(".,;")).path)]
    if not mine:
        path = urlsplit(requests[0].url).path
        yield f"the sample calls {path}, which is not {op.path}: is it another operation's?"
        return
    request = mine[0]
    if request.method and request.method != op.method.upper():
        yield f"the sample sends {request.method}, but the operation is {op.key}"
    known = _body_properties(ctx, op)
    for match in JSON_DATA.finditer(request.text) if known is not None else ():
        try:
            body = json.loads(match.group(1))
        except ValueError:
            continue
        unknown = [name for name in body if isinstance(body, dict) and name not in known]
        if unknown:
            yield (
                f"the sample's body sends {', '.join(shown(n) for n in unknown)}, which the "
                "request body does not define"
            )


def _template_pattern(path: str) -> re.Pattern[str]:
    """The path template as a pattern for a sample URL's path: each `{name}` is one segment
    (the sample's example value, or a placeholder), after any server base path."""
    pieces = TEMPLATE_VARIABLE.split(path)
    literal = [re.escape(piece) if i % 2 == 0 else "[^/]+" for i, piece in enumerate(pieces)]
    return re.compile("".join(literal).rstrip("/") + "/?$")


def _body_properties(ctx: CheckContext, op) -> set[str] | None:
    """The JSON request body's top-level property names; None when that cannot be known (no
    JSON body, no `properties`, or `additionalProperties` / composition that lets more in)."""
    node = op.node if isinstance(op.node, dict) else {}
    try:
        body, file, _ = ctx.bundle.deref(node.get("requestBody"), op.file)
        content = body.get("content") if isinstance(body, dict) else None
        media = next((m for n, m in (content or {}).items() if "json" in n), None)
        schema, _, _ = ctx.bundle.deref((media or {}).get("schema"), file)
    except (KeyError, AttributeError):
        return None
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return None
    if schema.get("additionalProperties") not in (None, False) or any(
        key in schema for key in ("allOf", "anyOf", "oneOf")
    ):
        return None
    return set(schema["properties"])
