"""Edit docs.json as text: insert into lists in place, keeping every other byte as it was.

Re-serializing would reflow the file (prettier keeps short arrays on one line; `json.dumps`
does not), so each insertion is spliced into the text at the position the YAML node tree (a JSON
document is YAML) gives, in the file's own style (`Style`: its indentation unit, separators and
line ending). A list written on one line gets new items on that line, written compactly; a list
of one item per line gets a line per item. The result is checked to parse to exactly the intended
data.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import SpecError

STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


@dataclass(frozen=True)
class Style:
    """How a docs.json file is written, read from its text."""

    unit: str | None
    """One level of indentation (`"  "`, `"    "`, `"\\t"`); None when nothing is indented."""
    colon: str = ": "
    comma: str = ", "
    """What follows `,` between items written on one line."""
    newline: str = "\n"

    @classmethod
    def of(cls, text: str) -> Style:
        bare = STRING.sub('""', text)
        return cls(
            unit=_indent_unit(text),
            colon=": " if re.search(r'""\s*:\s', bare) else ":",
            comma=", " if re.search(r",[ \t]", bare) else ",",
            newline="\r\n" if "\r\n" in text else "\n",
        )

    def inline(self, value: Any) -> str:
        """`value` on one line, in the file's separators."""
        return json.dumps(value, ensure_ascii=False, separators=(self.comma, self.colon))

    def block(self, value: Any, pad: str) -> str:
        """`value` one item per line, continuation lines after `pad` (the line's indentation)."""
        if self.unit is None or not isinstance(value, (dict, list)):
            return self.inline(value)
        rendered = json.dumps(
            value, indent=self.unit, ensure_ascii=False, separators=(",", self.colon)
        )
        return rendered.replace("\n", self.newline + pad)


class DocsJsonText:
    """docs.json text plus its parsed data, kept in step through `insert`."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        try:
            self.data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(
                f"invalid JSON: {exc.msg}", file=file, line=exc.lineno, column=exc.colno
            ) from None
        self.style = Style.of(text)

    def get(self, parts: tuple[str, ...]) -> Any:
        node = self.data
        for part in parts:
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def insert(self, parts: tuple[str, ...], index: int, value: Any) -> None:
        """Insert `value` at `index` of the list at `parts` (index == len appends)."""
        expected = copy.deepcopy(self.data)
        target = expected
        for part in parts:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target.insert(index, value)
        # YAML refuses tabs before tokens; JSON has tabs only as whitespace, so swap them 1:1.
        tree = yaml.compose(self.text.replace("\t", " "), Loader=yaml.SafeLoader)
        self.text = _splice(self.text, _node_at(tree, parts), index, value, self.style)
        if json.loads(self.text) != expected:
            raise SpecError(
                "could not edit docs.json in place",
                file=self.file,
                hint="Format it with a JSON formatter and run again",
            )
        self.data = expected


def _node_at(root: yaml.Node, parts: tuple[str, ...]) -> yaml.SequenceNode:
    node = root
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            node = next(value for key, value in node.value if key.value == part)
        else:
            node = node.value[int(part)]
    assert isinstance(node, yaml.SequenceNode)
    return node


def _splice(text: str, node: yaml.SequenceNode, index: int, value: Any, style: Style) -> str:
    items = node.value
    if not items:
        return _fill_empty(text, node, value, style)
    if items[-1].start_mark.line == node.start_mark.line:
        if index >= len(items):
            at = items[-1].end_mark.index
            return f"{text[:at]},{style.comma[1:]}{style.inline(value)}{text[at:]}"
        at = items[index].start_mark.index
        return f"{text[:at]}{style.inline(value)},{style.comma[1:]}{text[at:]}"
    anchor = items[min(index, len(items) - 1)]
    pad = _line_indent(text, anchor.start_mark.index)
    one_line = (
        isinstance(anchor, yaml.CollectionNode) and anchor.end_mark.line == anchor.start_mark.line
    )
    rendered = style.inline(value) if one_line else style.block(value, pad)
    if index >= len(items):
        at = anchor.end_mark.index
        return f"{text[:at]},{style.newline}{pad}{rendered}{text[at:]}"
    at = anchor.start_mark.index
    return f"{text[:at]}{rendered},{style.newline}{pad}{text[at:]}"


def _fill_empty(text: str, node: yaml.SequenceNode, value: Any, style: Style) -> str:
    """`[]` with its first item: on its own line for an object or list in an indented file."""
    opening = node.start_mark.index + 1
    if style.unit is None or not isinstance(value, (dict, list)):
        return f"{text[:opening]}{style.inline(value)}{text[opening:]}"
    pad = _line_indent(text, node.start_mark.index)
    inner = pad + style.unit
    rendered = style.block(value, inner)
    rest = text[opening:].lstrip(" \t\r\n")
    return f"{text[:opening]}{style.newline}{inner}{rendered}{style.newline}{pad}{rest}"


def _line_indent(text: str, index: int) -> str:
    """The whitespace a line starts with, for the line holding `index`."""
    start = text.rfind("\n", 0, index) + 1
    line = text[start:index]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _indent_unit(text: str) -> str | None:
    """The smallest indentation of the file's lines (tabs or spaces); None if none is."""
    widths = []
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" \t")
        if stripped and line != stripped:
            if line.startswith("\t"):
                return "\t"
            widths.append(len(line) - len(stripped))
    return " " * min(widths) if widths else None
