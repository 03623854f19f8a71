"""A sample's request body as plain data: what it sends and how (JSON, a form, multipart parts,
text, or a file read from disk), made from the example value and its media type."""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import yaml

from ..render.pretty_json import pretty_json
from ..spec.resolve import SpecBundle
from ..spec.walk import is_json_media, is_xml_media, media_base
from .merged_schema import merged_schema
from .xml_body import xml_document

BOUNDARY = "runs-api-sample-boundary"


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
    """`multipart` file parts, read from disk: `(field, file name, content type)`."""
    shortened: bool = False
    """Made from the schema, and the size budget left optional properties out of it."""
    file_lists: frozenset[str] = frozenset()
    """`multipart` file fields that take several files (an array of binary strings)."""

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
            return "".join(
                text if kind == "text" else f"(the content of {text})"
                for kind, text in self.multipart_pieces
            )
        if self.kind == "file":
            return f"(the content of {self.value})"
        return str(self.value)

    @cached_property
    def multipart_pieces(self) -> list[tuple[str, str]]:
        """The multipart body in order, for languages that write it themselves: `("text",
        CRLF text)` pieces and `("file", file name)` pieces for the files' bytes."""
        pieces: list[tuple[str, str]] = []
        text = ""
        for name, value in self.fields:
            text += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            text += f"{value}\r\n"
        for name, filename, content_type in self.files:
            text += f"--{BOUNDARY}\r\nContent-Disposition: form-data; "
            text += f'name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            pieces += [("text", text), ("file", filename)]
            text = "\r\n"
        pieces.append(("text", text + f"--{BOUNDARY}--\r\n"))
        return pieces

    @property
    def wire_content_type(self) -> str:
        """The Content-Type header for `text` (multipart gets its boundary)."""
        if self.kind == "multipart":
            return f"multipart/form-data; boundary={BOUNDARY}"
        return self.content_type


def scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return "" if value is None else str(value)


def body_as(media_type: str, media: dict, media_file: str, value: Any, bundle: SpecBundle):
    """The body of `value` sent as `media_type`."""
    base = media_base(media_type)
    if base == "application/x-www-form-urlencoded":
        pairs = _form_fields(value)
        if pairs is None:  # no names to send (an array of bare values, a number): as written
            values = value if isinstance(value, list) else [value]
            text = "&".join(quote(scalar_text(item), safe="") for item in values)
            return SampleBody(media_type, "text", value=text)
        return SampleBody(media_type, "form", fields=pairs)
    if base.startswith("multipart/"):
        return _multipart(media_type, media, media_file, value, bundle)
    if _is_binary(base, media, media_file, bundle):
        return SampleBody(media_type, "file", value=upload_name(base))
    if is_json_media(base):
        return SampleBody(media_type, "json", value=value)
    if is_xml_media(base):
        if not isinstance(value, str):
            value = xml_document(value, media.get("schema") or {}, media_file, bundle)
        return SampleBody(media_type, "text", value=value)
    if base in YAML_TYPES or base.endswith("+yaml"):
        text = value if isinstance(value, str) else yaml.safe_dump(value, sort_keys=False)
        return SampleBody(media_type, "text", value=text)
    if base.startswith("text/") or isinstance(value, str):
        return SampleBody(media_type, "text", value=scalar_text(value))
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
    return "upload" + _extension(base)


def _extension(media_type: str) -> str:
    base = media_base(media_type)
    return (
        _PYTHON_MIME_TYPES.guess_extension(base, strict=False) if "/" in base else None
    ) or ".bin"


def _form_fields(value: Any) -> list[tuple[str, str]] | None:
    """A form body's fields from its example: an object's properties, an already encoded
    string's pairs (`grant_type=client_credentials&scope=a`), or `[name, value]` pairs; None
    for any other value."""
    if value is None or value == {}:
        return []
    if isinstance(value, dict):
        return [(str(k), scalar_text(v)) for k, v in value.items()]
    if isinstance(value, str) and "=" in value:
        return parse_qsl(value.lstrip("?"), keep_blank_values=True)
    if isinstance(value, list) and all(
        isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) for pair in value
    ):
        return [(name, scalar_text(item)) for name, item in value]
    return None


def _multipart(media_type, media, file, value, bundle) -> SampleBody:
    """Fields as text, and a file part (read from disk) for each binary property."""
    properties = merged_schema(media.get("schema") or {}, file, bundle).properties
    encoding = media.get("encoding") if isinstance(media.get("encoding"), dict) else {}
    fields, files, lists = [], [], set()
    for name, item in (value or {}).items() if isinstance(value, dict) else ():
        binary = _file_schema(*properties.get(name, ({}, file)), bundle)
        if binary is None:
            fields.append((str(name), scalar_text(item)))
            continue
        content_type = _part_type(encoding.get(name), binary)
        stem = re.sub(r"[^\w.-]+", "_", str(name)).strip("_.") or "upload"
        files.append((str(name), stem + _extension(content_type), content_type))
        if isinstance(item, list):
            lists.add(str(name))
    return SampleBody(
        media_type, "multipart", fields=fields, files=files, file_lists=frozenset(lists)
    )


def _file_schema(prop: Any, file: str, bundle: SpecBundle) -> dict | None:
    """The binary schema of a multipart property that is a file (or an array of files)."""
    prop, where, _ = bundle.deref(prop, file)
    if _binary_schema(prop):
        return prop
    if isinstance(prop, dict) and prop.get("type") == "array":
        items, _, _ = bundle.deref(prop.get("items"), where)
        return items if _binary_schema(items) else None
    return None


def _binary_schema(schema: Any) -> bool:
    """A file's bytes: `format: binary`, or (3.1) a `contentMediaType` with no encoding."""
    return isinstance(schema, dict) and (
        schema.get("format") == "binary"
        or ("contentMediaType" in schema and "contentEncoding" not in schema)
    )


def _part_type(encoding: Any, schema: dict) -> str:
    """A file part's content type: the `encoding` entry's first, else `contentMediaType`."""
    written = encoding.get("contentType") if isinstance(encoding, dict) else None
    if isinstance(written, str) and written.strip():
        first = written.split(",")[0].strip()
        if "*" not in first:
            return first
    media = schema.get("contentMediaType")
    return media if isinstance(media, str) and "*" not in media else "application/octet-stream"
