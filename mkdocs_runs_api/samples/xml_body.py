"""An XML request body written from a JSON-shaped example and the schema's `xml` hints.

OpenAPI's XML object says how a schema maps to elements: `name` renames an element, `attribute`
makes a property an attribute, `wrapped` puts an array's items inside an element of the array's
name, `prefix` and `namespace` qualify the name. The root element is named by the schema's
`xml.name`, else its component's name. `allOf` parts are merged (`merged_schema`).
ElementTree writes the document, so every value is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from ..spec.resolve import SpecBundle
from .merged_schema import MergedSchema, merged_schema


def xml_document(value: Any, schema: Any, file: str, bundle: SpecBundle) -> str:
    """`value` as an XML document shaped by `schema` (at `file`)."""
    _, _, target = bundle.deref(schema, file)
    shape = merged_schema(schema, file, bundle)
    default = (target.name if target is not None else None) or "root"
    root = _element(str(shape.xml.get("name") or default), value, shape, bundle)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _element(name: str, value: Any, shape: MergedSchema, bundle: SpecBundle) -> ET.Element:
    element = ET.Element(_qualified(name, shape.xml))
    if shape.xml.get("namespace"):
        prefix = shape.xml.get("prefix")
        element.set(f"xmlns:{prefix}" if prefix else "xmlns", str(shape.xml["namespace"]))
    if isinstance(value, dict):
        for key, item in value.items():
            prop, where = shape.properties.get(str(key), ({}, ""))
            _add_property(element, str(key), item, merged_schema(prop, where, bundle), bundle)
    elif isinstance(value, list):
        item_shape = merged_schema(*shape.items, bundle) if shape.items else MergedSchema()
        for item in value:
            element.append(
                _element(str(item_shape.xml.get("name") or name), item, item_shape, bundle)
            )
    else:
        element.text = _text(value)
    return element


def _add_property(parent: ET.Element, key: str, value: Any, shape: MergedSchema, bundle) -> None:
    name = str(shape.xml.get("name") or key)
    if shape.xml.get("attribute") and not isinstance(value, (dict, list)):
        parent.set(_qualified(name, shape.xml), _text(value))
    elif isinstance(value, list) and not shape.xml.get("wrapped"):
        item_shape = merged_schema(*shape.items, bundle) if shape.items else MergedSchema()
        item_name = str(item_shape.xml.get("name") or key)  # the array's own name: no effect
        for item in value:
            parent.append(_element(item_name, item, item_shape, bundle))
    else:
        parent.append(_element(name, value, shape, bundle))


def _qualified(name: str, xml: dict) -> str:
    return f"{xml['prefix']}:{name}" if xml.get("prefix") else name


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
