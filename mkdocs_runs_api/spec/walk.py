"""The one walk over a document's operations: `paths`, 3.1 `webhooks` and 3.0 `x-webhooks`.

The model, the checks, the coverage report and the tests' completeness oracle all list
operations through `iter_operations`, so none of them can forget a section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import SpecError
from .load import join_pointer
from .resolve import SpecBundle

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
"""A path item's fixed operation fields (`query` is new in 3.2)."""
ADDITIONAL = "additionalOperations"
"""3.2: a path item's map of other HTTP methods (`COPY`), each key the method as sent."""
HTTP_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
"""An HTTP method name (RFC 9110 `token`): what samples may write unquoted."""
SECTIONS = ("paths", "webhooks", "x-webhooks")
"""Where operations live: API paths, then 3.1 `webhooks` and 3.0 `x-webhooks` (by name)."""
WEBHOOK_SECTIONS = ("webhooks", "x-webhooks")
CONVERTED_KEY = "x-converted-from"
"""Marks a document converted in memory (from Swagger 2.0), with what it was."""


@dataclass(frozen=True)
class OperationSite:
    """One operation as written: its path item and its own object, each where it is defined."""

    section: str
    """`paths`, `webhooks` or `x-webhooks`."""
    path: str
    """The path template, or the webhook's name."""
    method: str
    """The fixed field (`get`), or an `additionalOperations` key as written (`COPY`)."""
    item: dict
    """The path item (past its `$ref`), defined in `item_file` at `item_parts`."""
    item_file: str
    item_parts: tuple[str, ...]
    operation: dict
    """The operation object (past its `$ref`), defined in `file` at `parts`."""
    file: str
    parts: tuple[str, ...]

    @property
    def key(self) -> str:
        """`GET /path`, the operation's identity in hooks, filters and messages."""
        return f"{http_method(self.method)} {self.path}"

    @property
    def pointer(self) -> str:
        """Where the operation is listed in the root document (`#/paths/~1runs/get`)."""
        return join_pointer((self.section, self.path, *method_parts(self.method)))

    @property
    def is_webhook(self) -> bool:
        return self.section in WEBHOOK_SECTIONS


def iter_operations(bundle: SpecBundle, *, strict: bool = False) -> Iterator[OperationSite]:
    """Every operation of the root document, in document order: `paths`, then webhooks.

    `strict` (the model) refuses what is not a mapping where one must be, with a `SpecError`
    at its line; otherwise (checks, which report such things as findings) it is skipped, and so
    is a `$ref` that leads nowhere."""
    document = bundle.document if isinstance(bundle.document, dict) else {}
    for section in SECTIONS:
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, dict):
            _refuse(bundle, strict, f"`{section}` must be a mapping", bundle.root, (section,))
            continue
        for path, item in items.items():
            yield from item_operations(
                bundle, section, str(path), item, bundle.root, (section, str(path)), strict=strict
            )


def item_operations(
    bundle: SpecBundle,
    section: str,
    path: str,
    item: Any,
    file: str,
    parts: tuple[str, ...],
    *,
    strict: bool = False,
) -> Iterator[OperationSite]:
    """The operations of one path item written at `parts` in `file`: an entry of `paths` or of
    the webhooks, or a callback's expression (`section` says which; `path` is its template, name
    or expression)."""
    found = _follow(bundle, item, file, parts, strict)
    if found is None:
        return
    item, item_file, item_parts = found
    if not isinstance(item, dict):
        _refuse(bundle, strict, f"{section} entry {path!r} must be a mapping", file, parts)
        return
    for method, value in _item_methods(bundle, item, item_file, item_parts, strict):
        where = (*item_parts, *method_parts(method))
        found = _follow(bundle, value, item_file, where, strict)
        if found is None:
            continue
        operation, op_file, op_parts = found
        if not isinstance(operation, dict):
            problem = f"operation {http_method(method)} {path} must be a mapping"
            _refuse(bundle, strict, problem, item_file, where)
            continue
        yield OperationSite(
            section, path, method, item, item_file, item_parts, operation, op_file, op_parts
        )


def _item_methods(bundle: SpecBundle, item: dict, file: str, parts: tuple[str, ...], strict):
    """(method, operation) of a path item: its fixed fields, then `additionalOperations`
    (whose keys that repeat a fixed field, `POST`, are skipped: the spec forbids them)."""
    methods = [(method, item[method]) for method in METHODS if method in item]
    extra = item.get(ADDITIONAL)
    if extra is not None and not isinstance(extra, dict):
        _refuse(bundle, strict, f"`{ADDITIONAL}` must be a mapping", file, (*parts, ADDITIONAL))
        extra = None
    for name, value in (extra or {}).items():
        if not HTTP_TOKEN.fullmatch(str(name)):
            problem = f"`{ADDITIONAL}` key {str(name)!r} is not an HTTP method name"
            _refuse(bundle, strict, problem, file, (*parts, ADDITIONAL, str(name)))
        elif str(name).lower() not in METHODS:
            methods.append((str(name), value))
    return methods


def media_schema_key(media: dict) -> str:
    """The key of the schema a media type object shows: the 3.2 `itemSchema` of a sequential
    type (SSE, JSON Lines: each item or event) when there is one, else `schema`."""
    return "itemSchema" if media.get("itemSchema") is not None else "schema"


def media_base(media_type: Any) -> str:
    """A media type without its parameters, lower-cased: `Text/XML; charset=utf-8` -> `text/xml`."""
    return str(media_type or "").split(";")[0].strip().lower()


def is_json_media(media_type: Any) -> bool:
    """`application/json` or a `+json` type (`application/problem+json`)."""
    base = media_base(media_type)
    return base == "application/json" or base.endswith("+json")


def is_xml_media(media_type: Any) -> bool:
    """`application/xml`, `text/xml` or a `+xml` type (`application/atom+xml`)."""
    base = media_base(media_type)
    return base in ("application/xml", "text/xml") or base.endswith("+xml")


def item_label(media_type: str) -> str:
    """What one item of a sequential media type is called: an event for SSE."""
    return "Each event" if media_base(media_type) == "text/event-stream" else "Each item"


def http_method(method: str) -> str:
    """The method as sent: a fixed field upper-cased (`GET`), an additional one as written."""
    return method.upper() if method in METHODS else method


def method_parts(method: str) -> tuple[str, ...]:
    """The keys under a path item that lead to the operation of `method`."""
    return (method,) if method in METHODS else (ADDITIONAL, method)


def _refuse(
    bundle: SpecBundle, strict: bool, problem: str, file: str, parts: tuple[str, ...]
) -> None:
    """Raise `problem` at `parts` of `file` when `strict`; else the caller skips the value."""
    if strict:
        raise bundle.error(problem, file, join_pointer(parts))


def _follow(bundle: SpecBundle, value: Any, file: str, parts: tuple[str, ...], strict: bool):
    try:
        return bundle.deref_at(value, file, parts)
    except (KeyError, SpecError):  # unresolved or looping: strict loading refused it already
        if strict:
            raise
        return None
