"""OpenAPI's vocabulary that several steps read: where a schema holds other schemas (the
keywords every walk over schemas follows), and where parameters go."""

from __future__ import annotations

SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
"""Keywords whose value maps names to schemas."""
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
"""Keywords whose value is a list of schemas."""
SCHEMA_SINGLES = (
    "items",
    "additionalProperties",
    "not",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
)
"""Keywords whose value is one schema (or, for the JSON Schema ones, a boolean)."""
PARAMETER_LOCATIONS = ("path", "query", "querystring", "header", "cookie")
"""Where parameters go, in page order (`querystring`, the whole query as one value, is 3.2)."""
