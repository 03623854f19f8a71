"""A schema as a plain Markdown list: one item per property or variant, two spaces a level.

The rows and facts are the HTML pages' (`render.schema_list.schema_rows`,
`render.schema_row_text.schema_facts`), printed without HTML: badges become words in the
item's parentheses, links to a component shown earlier on the page name it (`see X above`).
"""

from __future__ import annotations

from ..model.types import SchemaNode
from ..render.markdown import code
from ..render.schema_list import SchemaRow, schema_rows
from ..render.schema_row_text import schema_facts
from .text import plain_block, plain_line

INDENT = "  "


def schema_text(root: SchemaNode) -> str:
    """The root's type line, its facts and description, then its properties as a list."""
    head = f"Type: {code(root.type)}"
    if root.ref_name and root.ref_name not in root.type:
        head += f" ({code(root.ref_name)})"
    head += see_also(root)
    lines = [head + "."]
    lines += [f"{fact}." for fact in facts(root)]
    parts = ["\n".join(lines)]
    if root.description:
        parts.append(plain_block(root.description))
    if root.items is not None and root.items.description:
        parts.append("Items: " + plain_block(root.items.description))
    rows = properties_text(root)
    if rows:
        parts.append(rows)
    return "\n\n".join(parts)


def properties_text(root: SchemaNode, depth: int = 0) -> str:
    """The list of the root's properties and variants, indented `depth` levels ("" if none)."""
    rows = "".join(row_text(row) for row in schema_rows(root)).rstrip("\n")
    pad = INDENT * depth
    return "\n".join(pad + line if line else line for line in rows.split("\n")) if rows else ""


def row_text(row: SchemaRow) -> str:
    """One list item with its continuation lines, indented for its depth."""
    indent = INDENT * row.depth
    if row.kind == "variants":
        return f"{indent}- {row.variant_title}:\n"
    node = row.node
    name = plain_line(node.name) if row.kind == "variant" else code(node.name)
    head = f"{indent}- {name} ({', '.join([node.type or 'any', *flags(node)])}){see_also(node)}"
    pad = indent + INDENT
    description = _description(node)
    if description:
        head += ": " + _continued(description, pad)
    lines = [head] + [f"{pad}{fact}." for fact in facts(node)]
    return "\n".join(lines) + "\n"


def flags(node: SchemaNode) -> list[str]:
    """Required, nullable, deprecated, read-only and write-only, as words."""
    shown = (
        ("required", node.required),
        ("nullable", node.nullable and "null" not in node.type),
        ("deprecated", node.deprecated),
        ("read-only", node.read_only),
        ("write-only", node.write_only),
    )
    return [word for word, on in shown if on]


def facts(node: SchemaNode) -> list[str]:
    """Enum, default, const, constraints... of a schema, each a plain sentence."""
    return schema_facts(node, code, plain_line, lambda name, _anchor: f"{code(name)} above")


def see_also(node: SchemaNode) -> str:
    """` (see X above)` for a component already shown on the page (` (recursive: ...)`)."""
    link = node.link
    if link is None:
        return ""
    recursive = "recursive, " if link.recursive else ""
    return f" ({recursive}see {code(link.ref_name)} above)"


def _description(node: SchemaNode) -> str:
    texts = [plain_block(node.description)] if node.description else []
    if node.items is not None and node.items.description:
        texts.append("Items: " + plain_block(node.items.description))
    return "\n\n".join(texts)


def _continued(text: str, pad: str) -> str:
    """Lines after the first indented under the list item (blank lines stay blank)."""
    return "\n".join(
        (pad + line if line.strip() else "") if i else line
        for i, line in enumerate(text.split("\n"))
    )
