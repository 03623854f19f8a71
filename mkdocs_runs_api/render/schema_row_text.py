"""One schema row as Markdown: the only definition of a row and of its facts line.

The shipped `partials/schema_row.md.jinja` and `partials/schema_facts.md.jinja` print what these
functions return (the `schema_row_text` and `schema_facts_text` template globals), and stay the
override points: a site whose `custom_templates` replaces the row template gets its macro called
for every row; one that replaces the facts template gets its `facts` macro in every row. Otherwise
rows are printed here without a Jinja macro call per row: big APIs print tens of thousands of
rows, and a macro call per row was the largest single cost of rendering GitHub's spec.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from ..model.types import SchemaNode
from .markdown import (
    ESCAPE,
    HtmlMode,
    code,
    html_text,
    indent_block,
    labelled,
    md_block,
    md_cell,
    md_inline,
)
from .schema_list import SchemaRow

ROW_TEMPLATE = "partials/schema_row.md.jinja"
"""Defines the `schema_row(row)` macro."""
FACTS_TEMPLATE = "partials/schema_facts.md.jinja"
"""Defines the `facts(schema)` macro."""


class RowText:
    """Prints the schema rows of one Jinja environment: with this module's functions, or with
    the site's macros where its `custom_templates` replace the row or facts template."""

    def __init__(self, env: jinja2.Environment, html_mode: HtmlMode, builtin_dir: Path) -> None:
        self._env = env
        self._html_mode = html_mode
        self._builtin_dir = builtin_dir

    def row_text(self, row: SchemaRow) -> str:
        """The `schema_row_text(row)` global: the row, its facts by `facts`."""
        return schema_row_text(row, self._html_mode, self.facts)

    def facts_text(self, node: SchemaNode) -> str:
        """The `schema_facts_text(schema)` global: the facts, as shipped."""
        return schema_facts_text(node, self._html_mode)

    @cached_property
    def facts(self) -> Callable[[SchemaNode], str]:
        """The facts line in rows: the site's `facts` macro if it has its own facts template."""
        if self._is_builtin(FACTS_TEMPLATE):
            return self.facts_text
        return self._env.get_template(FACTS_TEMPLATE).module.facts

    def row_printer(self) -> Callable[[SchemaRow], str]:
        """What prints each row: the site's `schema_row` macro if it has its own row template."""
        if self._is_builtin(ROW_TEMPLATE):
            return self.row_text
        return self._env.get_template(ROW_TEMPLATE).module.schema_row

    def site_own(self) -> tuple[bool, Callable[[SchemaNode], str] | None]:
        """Whether the site has its own row template, and its `facts` macro if it has its own
        facts template (None if not)."""
        own_facts = None if self._is_builtin(FACTS_TEMPLATE) else self.facts
        return not self._is_builtin(ROW_TEMPLATE), own_facts

    def _is_builtin(self, name: str) -> bool:
        """The loader finds the shipped file for `name` (no custom template comes before it)."""
        found = Path(self._env.get_template(name).filename or "")
        return found == self._builtin_dir / name


def schema_row_text(
    row: SchemaRow, html_mode: HtmlMode = ESCAPE, facts: Callable[[SchemaNode], str] | None = None
) -> str:
    """One item of a property list, its lines indented for `row.depth`; `facts` gives the
    facts line (`schema_facts_text` unless a site has its own)."""
    indent = row.indent
    if row.kind == "variants":
        return f"{indent}- *{row.variant_title}:*\n"
    node = row.node
    parts = [indent, "- "]
    anchors = [node.anchor] if node.anchor else []
    parts += [f'<a id="{anchor}"></a>' for anchor in anchors + node.head_anchors]
    if row.kind == "variant":
        parts.append(f"**{md_inline(node.name, html_mode)}**")
    else:
        parts.append(code(node.name))
    parts.append(f' <span class="runs-api-type">{html_text(node.type)}</span>')
    parts.append(badges(node))
    link = node.link
    if link is not None:
        recursive = "↻ recursive, " if link.recursive else ""
        parts.append(
            f' <span class="runs-api-see">{recursive}see '
            f"[{md_inline(link.ref_name, html_mode)}](#{link.see_anchor})</span>"
        )
    parts.append("\n")
    for text in _descriptions(node, html_mode):
        text = indent_block(text, row.depth * 4 + 4).strip()
        parts += [indent, "    <br>", text, "\n"]
    line = facts(node) if facts else schema_facts_text(node, html_mode)
    if line:
        parts += [indent, "    ", line, "\n"]
    return "".join(parts)


def _descriptions(node: SchemaNode, html_mode: HtmlMode) -> list[str]:
    """A node's description and its items' (labelled), as Markdown, each that it has."""
    texts = [md_block(node.description, html_mode)] if node.description else []
    if node.items is not None and node.items.description:
        texts.append(labelled(md_block(node.items.description, html_mode), "Items:"))
    return texts


BADGES = (
    '<span class="runs-api-badge runs-api-badge--required">required</span>',
    '<span class="runs-api-badge">nullable</span>',
    '<span class="runs-api-badge runs-api-badge--deprecated">deprecated</span>',
    '<span class="runs-api-badge">read-only</span>',
    '<span class="runs-api-badge">write-only</span>',
)
"""Required, nullable, deprecated, read-only and write-only, in the order they are shown."""


def badges(node: SchemaNode, *, nullable: bool = False) -> str:
    """The badges after a property's type, each after a space; with `nullable`, one for a
    nullable schema whose type label does not already say `null` (the HTML trees show it)."""
    shown = (
        node.required,
        nullable and node.nullable and "null" not in node.type,
        node.deprecated,
        node.read_only,
        node.write_only,
    )
    return "".join(f" {badge}" for badge, on in zip(BADGES, shown, strict=True) if on)


def schema_facts_text(node: SchemaNode, html_mode: HtmlMode = ESCAPE) -> str:
    """Enum, default, const, discriminator, closedness, `not` and constraints of a schema (and
    of an array's items, after `Items:`), on one line, each after a `<br>` (used in list items
    and table cells alike)."""

    def cell(value: Any) -> str:
        return md_cell(code(value), html_mode)

    def link(name: str, anchor: str) -> str:
        return f"[{md_cell(name, html_mode)}](#{anchor})"

    facts = schema_facts(node, cell, lambda text: md_cell(text, html_mode), link)
    return "".join(f"<br>{fact}" for fact in facts)


def schema_facts(
    node: SchemaNode,
    value: Callable[[Any], str],
    text: Callable[[str], str],
    link: Callable[[str, str], str],
) -> list[str]:
    """The facts of a schema, one string each, in the order rows show them: values (enum
    members, defaults, constraints) printed by `value`, prose (what `not` excludes) by `text`,
    a link to where a circular `allOf` part's properties are shown by `link(name, anchor)`."""

    def listed(values: Iterable[Any]) -> str:
        return ", ".join(value(item) for item in values)

    facts = []
    for label, present, values in (
        ("Constant", node.has_const, [node.const]),
        ("Allowed values", node.enum, node.enum),
        ("Default", node.has_default, [node.default]),
    ):
        if present:
            facts.append(f"{label}: {listed(values)}")
    if node.discriminator:
        fact = f"Discriminator: {value(node.discriminator)}"
        if node.mapping:
            pairs = (
                f"{value(key)} → {value(target.rsplit('/', 1)[-1])}"
                for key, target in node.mapping.items()
            )
            fact += f" ({', '.join(pairs)})"
        facts.append(fact)
    if node.closed:
        facts.append("No other properties allowed")
    if node.excluded:
        facts.append(f"Must not be: {text(node.excluded)}")
    for label, values in (
        ("Must not be", node.excluded_values),
        ("allOf parts disagree", node.conflicts),
    ):
        if values:
            facts.append(f"{label}: {listed(values)}")
    facts += [
        f"allOf {text(name)}: ↻ recursive, see {link(name, anchor)}"
        for name, anchor in node.recursive_parts
    ]
    if node.constraints:
        facts.append(f"Constraints: {listed(node.constraints)}")
    if node.items is not None:
        facts += [f"Items: {fact}" for fact in _items_facts(node.items, value, text, link)]
    return facts


def _items_facts(
    items: SchemaNode,
    value: Callable[[Any], str],
    text: Callable[[str], str],
    link: Callable[[str, str], str],
) -> list[str]:
    """What an array's items say of themselves that the array's own line does not: their type
    when the array's names only their component (`Uuid`: `string (uuid)`), their badges, and
    their facts (their enum and constraints are the array's, `SchemaNode.items`)."""
    named = items.ref_name and items.type not in ("object", items.ref_name)
    said = [text(items.type)] if named else []
    said += [
        label
        for label, on in (
            ("deprecated", items.deprecated),
            ("read-only", items.read_only),
            ("write-only", items.write_only),
        )
        if on
    ]
    return ([", ".join(said)] if said else []) + schema_facts(items, value, text, link)
