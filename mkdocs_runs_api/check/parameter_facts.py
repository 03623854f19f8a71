"""Compare each parameter and response header of an operation with its table row.

A parameter (of the operation or its path item; of a callback's too) must have a row in its
location's table, and the row must show: its required state, `deprecated` (the parameter's
or its schema's), a description when the parameter or its schema has one, its schema's facts
as the schema check compares them (type, format, component name, enum, const, default,
constraints...), the names of an object schema's properties, its examples, and how it is
serialized (`style`, `explode`, `allowReserved`, `allowEmptyValue`, its `content` type). A response
header likewise, in its status's header table. A row shows an object's properties by name
only: their own facts are listed as `omitted`, once per row.
"""

from __future__ import annotations

import re
from typing import Any

from ..spec.walk import OperationSite
from .example_facts import row_examples
from .misses import Miss, NodeCheck, Where, short
from .page_tables import PageTables, cell_text
from .schema_facets import Level, schema_levels
from .tree_html import ShownNode, parse_cell
from .variants import paired_variants

FACT_STARTS = (
    "Constant: ",
    "Allowed values: ",
    "Default: ",
    "Discriminator: ",
    "No other properties allowed",
    "Must not be: ",
    "allOf ",
    "Constraints: ",
    "Items: ",
    "Properties: ",
    "Example: ",
    "Example <code>",
    "Style: ",
    "Reserved characters allowed unencoded",
    "Serialized as ",
)
"""How each fact of a row's description cell starts (`partials/row_schema.md.jinja`)."""
VARIANT_TITLES = {"One of:": "oneOf", "Any of:": "anyOf"}
"""The line that starts a row's variants (last in its cell), or a variant's own."""
VARIANT_LINE = re.compile(r"(\d+(?:\.\d+)*)\. (.*)", re.S)
"""A variant's line: its number (`2.`, `2.1.` for a variant's own), label, type, and after
` — ` its description."""
BREAK = re.compile(r"<br\s*/?>")
DEPRECATED_BADGE = "runs-api-badge--deprecated"


def check_parameters(check: NodeCheck, tables: PageTables, site: OperationSite, callback: str):
    """Every parameter of `site` (`callback` is the heading it is under, or "")."""
    bundle = check.bundle
    prefix = f"callback {callback}, " if callback else ""
    located = bundle.located_parameters(
        site.item, site.item_file, site.item_parts, site.operation, site.file, site.parts
    )
    for param, file, _ in located:
        name, location = str(param["name"]), str(param["in"])
        where = Where(f"{prefix}parameter {location} {name}")
        row = tables.parameters.get((callback, location, name.strip()))
        if row is None or len(row) < 4:
            check.miss(where, "parameter", f"{location} {name}")
            continue
        required = bool(param.get("required")) or location == "path"
        if required != (cell_text(row[2]) == "required"):
            check.miss(where, "required", str(required).lower())
        shown = _row(check, where, param, file, row[0], row[1], row[3], "request")
        _serialization(check, where, param, shown)


def check_headers(check: NodeCheck, tables: PageTables, site: OperationSite, callback: str):
    """Every header of every response of `site`."""
    bundle = check.bundle
    prefix = f"callback {callback}, " if callback else ""
    responses = site.operation.get("responses")
    for status, response in responses.items() if isinstance(responses, dict) else ():
        response, file, _ = bundle.deref(response, site.file)
        headers = response.get("headers") if isinstance(response, dict) else None
        for name, header in headers.items() if isinstance(headers, dict) else ():
            header, header_file, _ = bundle.deref(header, file)
            where = Where(f"{prefix}response {status} header {name}")
            row = tables.headers.get((callback, str(status), str(name).strip()))
            if not isinstance(header, dict):
                continue
            if row is None or len(row) < 3:
                check.miss(where, "header", str(name))
                continue
            if bool(header.get("required")) != ("(required)" in cell_text(row[0])):
                check.miss(where, "required", str(bool(header.get("required"))).lower())
            shown = _row(check, where, header, header_file, row[0], row[1], row[2], "response")
            _content_type(check, where, header, shown)


def split_facts(html: str) -> tuple[str, list[str]]:
    """A description cell's description, and its facts (the trailing `<br>`-separated parts
    that start as a fact does, its variants' lines among them)."""
    parts = BREAK.split(html)
    first = len(parts)
    while first and _is_fact(parts[first - 1]):
        first -= 1
    while first < len(parts) and VARIANT_LINE.match(parts[first]):
        first += 1  # a numbered paragraph of the description: no variants title is above it
    return "<br>".join(parts[:first]), parts[first:]


def _is_fact(part: str) -> bool:
    return part.startswith(FACT_STARTS) or part in VARIANT_TITLES or bool(VARIANT_LINE.match(part))


def split_variants(facts: list[str]) -> tuple[list[str], ShownNode]:
    """A row's own facts (those before its variants), and a node that holds its variants as
    the row lists them: each read from its line (`1. **Label** · string — Its description.`)
    and the facts after it, a variant's own variants (`1.2.`) under it."""
    first = next((i for i, part in enumerate(facts) if part in VARIANT_TITLES), len(facts))
    lines: list[tuple[tuple[int, ...], str, str, list[str]]] = []
    kind = ""
    for part in facts[first:]:
        line = VARIANT_LINE.match(part)
        if part in VARIANT_TITLES:
            kind = VARIANT_TITLES[part]
        elif line:
            number = tuple(int(n) for n in line.group(1).split("."))
            lines.append((number, kind, line.group(2), []))
            kind = ""
        elif lines:
            lines[-1][3].append(part)
    holder = ShownNode()
    nodes = {(): holder}
    for number, kind, line, own in lines:
        head, _, description = line.partition(" — ")
        node = nodes[number] = parse_cell(head, own)
        node.described = bool(cell_text(description))
        parent = nodes.get(number[:-1], holder)
        parent.variants.append(node)
        if kind:
            parent.variant_kinds.append(kind)
    return facts[:first], holder


def _row(
    check: NodeCheck,
    where: Where,
    spec: dict,
    file: str,
    name_cell: str,
    type_cell: str,
    details: str,
    direction: str,
) -> ShownNode:
    """What a parameter's and a header's rows show alike; the row's schema as read."""
    description, facts = split_facts(details)
    facts, variants = split_variants(facts)
    shown = parse_cell(type_cell, facts)
    shown.variants, shown.variant_kinds = variants.variants, variants.variant_kinds
    schema, schema_file, media = _schema(check, spec, file)
    levels = schema_levels(check.bundle, [(schema, schema_file)]) if schema is not None else []
    own = levels[0] if levels else Level()
    if (spec.get("deprecated") or own.deprecated) and DEPRECATED_BADGE not in name_cell:
        check.miss(where, "deprecated", "true")
    expected = str(spec.get("description") or own.description)
    if expected and not cell_text(description):
        check.miss(where, "description", short(expected))
    if levels:
        _schema_facts(check, where, levels, shown, direction)
    row_examples(check, where, [(spec, file), (media, schema_file)], shown)
    return shown


def _serialization(check: NodeCheck, where: Where, param: dict, shown: ShownNode) -> None:
    """How a parameter is serialized: `style` and `explode` (`Style: form, explode: false`),
    `allowReserved`, `allowEmptyValue`, and its `content` media type (`Serialized as`)."""
    style = shown.codes("Style: ")
    if "style" in param and style[:1] != [str(param["style"])]:
        check.miss(where, "style", str(param["style"]))
    explode = str(bool(param.get("explode"))).lower()
    if "explode" in param and style[1:2] != [explode]:
        if "style" in param or bool(param["explode"]) != _default_explode(param):
            check.miss(where, "explode", explode)
        else:  # what the location's default style does anyway
            check.report.omitted.append(_omitted(check, where, "explode", f"{explode} (default)"))
    for keyword, fact in (
        ("allowReserved", "Reserved characters allowed unencoded"),
        ("allowEmptyValue", "Empty value allowed"),
    ):
        if param.get(keyword) and not any(f.text.startswith(fact) for f in shown.facts):
            check.miss(where, keyword, "true")
    _content_type(check, where, param, shown)


def _content_type(check: NodeCheck, where: Where, spec: dict, shown: ShownNode) -> None:
    """The media type of a parameter's or header's `content` (`Serialized as`)."""
    content = spec.get("content")
    media = next(iter(content), None) if isinstance(content, dict) else None
    if media is not None and shown.codes("Serialized as")[:1] != [str(media)]:
        check.miss(where, "content", str(media))


def _schema_facts(
    check: NodeCheck, where: Where, levels: list[Level], shown: ShownNode, direction: str
) -> None:
    """A row's schema: its facts, its properties' names, and each `oneOf`/`anyOf` variant,
    compared with the variant the row lists in its place: its type or component name, its
    description, facts and properties, and its own variants."""
    check.schema_facts(levels, shown, where)
    _properties(check, where, levels, shown, direction)
    for at, variant_levels, variant in paired_variants(check, levels, shown, where):
        if variant_levels[0].description and not variant.described:
            check.miss(at, "description", short(variant_levels[0].description))
        _schema_facts(check, at, variant_levels, variant, direction)


def _default_explode(param: dict) -> bool:
    """`explode` of a parameter without `style`: true for `form` (query and cookie)."""
    return str(param.get("in")) in ("query", "cookie")


def _schema(check: NodeCheck, spec: dict, file: str) -> tuple[Any, str, dict]:
    """A parameter's or header's schema (or its `content`'s media type's), its file, and that
    media type (`{}` without `content`)."""
    if spec.get("schema") is not None or not isinstance(spec.get("content"), dict):
        return spec.get("schema"), file, {}
    for media in spec["content"].values():
        media, media_file, _ = check.bundle.deref(media, file)
        if isinstance(media, dict):
            return media.get("schema"), media_file, media
    return None, file, {}


def _properties(
    check: NodeCheck, where: Where, levels: list[Level], shown: ShownNode, direction: str
) -> None:
    """An object schema's properties, by name (`Properties: ...`); what is left out on purpose
    (readOnly in requests, writeOnly in responses) and each property's own facts are listed as
    omitted."""
    listed = {" ".join(code.split()) for code in shown.codes("Properties")}
    expected = [(name, uses) for level in levels for name, uses in level.properties.items()] + [
        (name, uses) for level in levels for name, uses in level.extra_children.items()
    ]
    for name, uses in expected:
        own = schema_levels(check.bundle, uses)[0]
        hidden = "readOnly" if direction == "request" else "writeOnly"
        if own.read_only if direction == "request" else own.write_only:
            check.report.omitted.append(_omitted(check, where.below(name), hidden, "true"))
        elif " ".join(name.split()) not in listed:
            check.miss(where, "property", name)
    if listed:
        check.report.omitted.append(_omitted(check, where, "properties", "facts not shown"))


def _omitted(check: NodeCheck, where: Where, keyword: str, expected: str) -> Miss:
    return Miss(check.page, str(where), keyword, expected)
