"""OpenAPI 3.2 `$self`: the URI a document says it lives at, the base of its `$ref`s.

The documents are read from local files, so a `$ref` is mapped back to one: a reference that,
resolved against `$self`, names the document itself (`https://example.com/api/openapi.yaml#/x`)
is a local ref, and one that names a document in or under `$self`'s folder
(`https://example.com/api/common.yaml`, or `common.yaml`) is the file at that place relative to
the document's own file. A reference elsewhere stays a URL (a remote ref, refused unless
remote refs are allowed). A relative `$self` changes nothing: it is resolved against where the
file was read, as its `$ref`s already are.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit


def self_uri(document: Any) -> str | None:
    """The document's absolute `$self` (without a fragment), if it has one."""
    value = document.get("$self") if isinstance(document, dict) else None
    if not isinstance(value, str) or not urlsplit(value).scheme:
        return None
    return value.partition("#")[0]


def local_doc_part(base: str, doc_part: str) -> str:
    """A `$ref`'s document part as the reader follows it, for a document whose `$self` is
    `base`: "" for the document itself, a relative path for one beside or below it, else the
    absolute URI."""
    target = urljoin(base, doc_part)
    if target == base:
        return ""
    folder = base.rsplit("/", 1)[0] + "/"
    if target.startswith(folder) and "?" not in target:
        return target[len(folder) :]
    return target
