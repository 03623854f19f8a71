"""Edit docs.json as text: insert into lists in place, keeping every other byte as it was.

Re-serializing would reflow the file (prettier keeps short arrays on one line; `json.dumps`
does not), so each insertion is spliced into the text at the position the YAML node tree (a JSON
document is YAML) gives, in the file's own indentation. The result is checked to parse to exactly
the intended data.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml

from ..errors import SpecError


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
        self.unit = _indent_unit(text)

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
        node = _node_at(yaml.compose(self.text, Loader=yaml.SafeLoader), parts)
        self.text = _splice(self.text, node, index, value, self.unit)
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


def _splice(text: str, node: yaml.SequenceNode, index: int, value: Any, unit: str) -> str:
    items = node.value
    if not items:
        opening = node.start_mark.index + 1
        column = node.start_mark.column
        rendered = _render(value, unit, column + len(unit))
        if isinstance(value, (dict, list)):
            pad = " " * column
            return f"{text[:opening]}\n{pad}{unit}{rendered}\n{pad}{text[opening:].lstrip()}"
        return f"{text[:opening]}{rendered}{text[opening:]}"
    multiline = items[-1].start_mark.line != node.start_mark.line
    if index >= len(items):
        anchor = items[-1]
        at = anchor.end_mark.index
        before = ","
    else:
        anchor = items[index]
        at = anchor.start_mark.index
        before = ""
    column = anchor.start_mark.column
    rendered = _render(value, unit, column)
    if multiline:
        piece = f",\n{' ' * column}{rendered}" if before else f"{rendered},\n{' ' * column}"
    else:
        piece = f", {rendered}" if before else f"{rendered}, "
    return text[:at] + piece + text[at:]


def _render(value: Any, unit: str, column: int) -> str:
    """`value` as JSON in the file's indentation, continuation lines shifted to `column`."""
    if not isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    rendered = json.dumps(value, indent=unit, ensure_ascii=False)
    return rendered.replace("\n", "\n" + " " * column)


def _indent_unit(text: str) -> str:
    for line in text.splitlines()[1:]:
        stripped = line.lstrip()
        if stripped and line != stripped:
            return line[: len(line) - len(stripped)]
    return "  "
