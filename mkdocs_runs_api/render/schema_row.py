"""One schema row in Python: what `partials/schema_row.md.jinja` writes, byte for byte.

Big APIs print tens of thousands of rows, and calling a Jinja macro per row was the largest
single cost of rendering GitHub's spec. The template stays the definition and the override
point: when a site overrides `schema_row` or `schema_facts`, rows come from the template (see
`row_printer`), and a test renders real specs both ways and requires identical pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model.types import SchemaNode
from .markdown import code, html_text, indent_block, md_block, md_cell, md_inline
from .schema_rows import SchemaRow

ROW_TEMPLATES = ("partials/schema_row.md.jinja", "partials/schema_facts.md.jinja")
"""The templates that define a row: overriding either makes rows come from the templates."""


def row_printer(
    custom_templates: Path | None, allow_html: bool, template_row: Callable[[], Callable]
) -> Callable[[], Callable[[SchemaRow], str]]:
    """What prints one row: the Python one, unless the site overrides a row template."""
    if custom_templates and any((custom_templates / name).is_file() for name in ROW_TEMPLATES):
        return template_row
    return lambda: lambda row: schema_row(row, allow_html)


def schema_row(row: SchemaRow, allow_html: bool = False) -> str:
    """One item of a property list (see `partials/schema_row.md.jinja`)."""
    indent = row.indent
    if row.kind == "variants":
        return f"{indent}- *{row.variant_title}:*\n"
    node = row.node
    parts = [indent, "- "]
    if node.anchor:
        parts.append(f'<a id="{node.anchor}"></a>')
    if row.kind == "variant":
        parts.append(f"**{md_inline(node.name, allow_html)}**")
    else:
        parts.append(code(node.name))
    parts.append(f' <span class="runs-api-type">{html_text(node.type)}</span>')
    if node.required:
        parts.append(' <span class="runs-api-badge runs-api-badge--required">required</span>')
    if node.deprecated:
        parts.append(' <span class="runs-api-badge runs-api-badge--deprecated">deprecated</span>')
    if node.read_only:
        parts.append(' <span class="runs-api-badge">read-only</span>')
    if node.write_only:
        parts.append(' <span class="runs-api-badge">write-only</span>')
    if node.see_anchor:
        recursive = "↻ recursive, " if node.recursive else ""
        parts.append(
            f' <span class="runs-api-see">{recursive}see '
            f"[{md_inline(node.ref_name, allow_html)}](#{node.see_anchor})</span>"
        )
    parts.append("\n")
    if node.description:
        text = indent_block(md_block(node.description, allow_html), row.depth * 4 + 4).strip()
        parts += [indent, "    <br>", text, "\n"]
    facts = schema_facts(node, allow_html)
    if facts:
        parts += [indent, "    ", facts, "\n"]
    return "".join(parts)


def schema_facts(node: SchemaNode, allow_html: bool = False) -> str:
    """Enum, default, constraints... on one line (see `partials/schema_facts.md.jinja`)."""

    def cell(value: Any) -> str:
        return md_cell(code(value), allow_html)

    def listed(values: Iterable[Any]) -> str:
        return ", ".join(cell(value) for value in values)

    parts = []
    if node.has_const:
        parts.append(f"<br>Constant: {cell(node.const)}")
    if node.enum:
        parts.append(f"<br>Allowed values: {listed(node.enum)}")
    if node.has_default:
        parts.append(f"<br>Default: {cell(node.default)}")
    if node.discriminator:
        parts.append(f"<br>Discriminator: {cell(node.discriminator)}")
        if node.mapping:
            pairs = (
                f"{cell(value)} → {cell(target.rsplit('/', 1)[-1])}"
                for value, target in node.mapping.items()
            )
            parts.append(f" ({', '.join(pairs)})")
    if node.closed:
        parts.append("<br>No other properties allowed")
    if node.excluded:
        parts.append(f"<br>Must not be: {md_cell(node.excluded, allow_html)}")
    for label, values in (
        ("Must not be", node.excluded_values),
        ("allOf parts disagree", node.conflicts),
        ("Constraints", node.constraints),
    ):
        if values:
            parts.append(f"<br>{label}: {listed(values)}")
    return "".join(parts)
