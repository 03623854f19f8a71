"""The query pairs of a 3.2 `in: querystring` parameter: the whole query string, one value.

Its `content` says how the value is written: `application/x-www-form-urlencoded` (an object's
properties as form fields, or a string already encoded) or any other type (the value in that
type, JSON for a structure, percent-encoded as the whole query).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from ..spec.walk import media_base

FORM = "application/x-www-form-urlencoded"
RAW = ""
"""The name of a pair that is the whole query string as written (no `name=`)."""


def querystring_pairs(
    value: Any, content_type: str | None, serialize_query
) -> list[tuple[str, str]]:
    """Pairs for the query of a querystring parameter with `value`; `serialize_query(name,
    value)` writes one form field (arrays repeated, as `style: form` does)."""
    if media_base(content_type) == FORM:
        if isinstance(value, dict):
            fields = [(k, v) for k, v in value.items() if v is not None]
            return [pair for k, v in fields for pair in serialize_query(str(k), v)]
        if isinstance(value, str):
            return parse_qsl(value.lstrip("?"), keep_blank_values=True)
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    return [(RAW, text)]
