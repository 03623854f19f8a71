"""Read one YAML or JSON file into plain Python data, and map JSON Pointers back to lines.

Errors become `SpecError`s naming the file, line and column. Dates stay strings (YAML would
turn `2024-01-01` into a `date`, which is not JSON), `yes`/`no`/`on`/`off` stay strings (YAML 1.2,
as the JavaScript tools that read the same specs see them), and duplicate keys are refused
rather than silently dropped.
"""

from __future__ import annotations

import bisect
import codecs
import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpecError
from .json_positions import NotJson, json_offset, json_offsets

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: YAML 1.2 booleans, as JavaScript tools read specs: `no`, `on`, `off`, `yes` stay strings.
YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class SpecLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader that keeps timestamps as strings and refuses duplicate keys."""

    yaml_implicit_resolvers = {
        first: [
            (tag, YAML12_BOOL if tag == "tag:yaml.org,2002:bool" else regexp)
            for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"
        ]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                mark = key_node.start_mark
                raise SpecError(
                    f"duplicate key {key!r} (first defined on line {seen[key] + 1})",
                    line=mark.line + 1,
                    column=mark.column + 1,
                    hint="Remove or rename one of them: YAML would silently keep only the last",
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


SpecLoader.add_constructor("tag:yaml.org,2002:map", SpecLoader.construct_yaml_map)


def decode_text(data: bytes, file: str) -> str:
    """Decode a spec file: UTF-8 (with or without BOM), or UTF-16/32 with a BOM."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpecError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            file=file,
            line=line,
            hint="Save the file as UTF-8",
        ) from None


def parse_text(text: str, file: str) -> Any:
    """Parse YAML or JSON text (JSON when the file name ends in `.json`)."""
    try:
        return _parse(text, file)
    except RecursionError:
        raise SpecError(
            "the document nests too deeply to read (hundreds of levels)",
            file=file,
            hint="Flatten the nesting with named components ($ref)",
        ) from None


def _parse(text: str, file: str) -> Any:
    if file.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(
                f"invalid JSON: {exc.msg}", file=file, line=exc.lineno, column=exc.colno
            ) from None
    try:
        return yaml.load(text, Loader=SpecLoader)  # noqa: S506 - SpecLoader is a SafeLoader
    except SpecError as exc:
        exc.file = file
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "nesting depth" in problem:  # libyaml's own limit (newer libyaml versions)
            problem = "the document nests too deeply to read (hundreds of levels)"
        raise SpecError(
            f"invalid YAML: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", file=file) from None


def read_file(path: Path, display_name: str | None = None) -> tuple[Any, str]:
    """Read and parse one spec file; returns `(data, text)`."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", file=name) from None
    text = decode_text(raw, name)
    return parse_text(text, name), text


def split_pointer(pointer: str) -> list[str]:
    """`#/a/b~1c` -> `["a", "b/c"]` (RFC 6901, as a URI fragment)."""
    from urllib.parse import unquote

    body = unquote(pointer.lstrip("#"))
    if not body:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in body.lstrip("/").split("/")]


def join_pointer(parts: list[str] | tuple[str, ...]) -> str:
    """`["a", "b/c"]` -> `#/a/b~1c`."""
    return "#" + "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _looks_like_json(text: str) -> bool:
    """Whether to try the JSON token scan (`json_positions`) before composing as YAML."""
    return text.lstrip()[:1] in ("{", "[")


def locate(text: str, pointer: str) -> tuple[int, int] | None:
    """The 1-based `(line, column)` of the value at `pointer` in YAML/JSON `text`, if found.

    Only used on error paths. A JSON text is scanned for that one value (`json_offset`); other
    texts are composed as a YAML node tree, which is slower than loading.
    """
    if _looks_like_json(text):
        try:
            offset = json_offset(text, tuple(split_pointer(pointer)))
        except NotJson:
            pass
        else:
            if offset is None:
                return None
            line_start = text.rfind("\n", 0, offset) + 1
            return text.count("\n", 0, offset) + 1, offset - line_start + 1
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
    position = node.start_mark if node else None
    for part in split_pointer(pointer):
        if isinstance(node, yaml.MappingNode):
            match = next((pair for pair in node.value if str(pair[0].value) == part), None)
            if match is None:
                break
            position, node = match[0].start_mark, match[1]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            position = node.start_mark
        else:
            break
    return (position.line + 1, position.column + 1) if position else None


class PositionIndex:
    """Line and column of every value in one YAML/JSON text, by JSON Pointer parts.

    Built once per file (composing the YAML node tree) for tools that report many locations.
    A pointer with no exact entry gets the position of its nearest ancestor.
    """

    def __init__(self, text: str) -> None:
        self._positions: dict[tuple[str, ...], tuple[int, int]] = {}
        self._offsets: dict[tuple[str, ...], int] = {}
        """For a JSON text: character offsets (`json_positions`), turned into lines on use."""
        self._line_starts: list[int] = []
        if _looks_like_json(text):
            try:
                self._offsets = json_offsets(text)
            except NotJson:
                self._offsets = {}
            else:
                self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
                return
        try:
            root = yaml.compose(text, Loader=_BaseLoader)
        except yaml.YAMLError:
            root = None
        if root is not None:
            self._index(root, (), (root.start_mark.line + 1, root.start_mark.column + 1))

    def _index(self, root: yaml.Node, path: tuple[str, ...], position: tuple[int, int]) -> None:
        stack = [(root, path, position)]
        while stack:
            node, where, at = stack.pop()
            self._positions[where] = at
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    mark = key.start_mark
                    stack.append(
                        (value, where + (str(key.value),), (mark.line + 1, mark.column + 1))
                    )
            elif isinstance(node, yaml.SequenceNode):
                for index, value in enumerate(node.value):
                    mark = value.start_mark
                    stack.append((value, where + (str(index),), (mark.line + 1, mark.column + 1)))

    def position(self, parts: tuple[str, ...] | list[str]) -> tuple[int, int] | None:
        parts = tuple(parts)
        if self._line_starts:
            while parts not in self._offsets and parts:
                parts = parts[:-1]
            offset = self._offsets.get(parts)
            if offset is None:
                return None
            line = bisect.bisect_right(self._line_starts, offset) - 1
            return line + 1, offset - self._line_starts[line] + 1
        while parts not in self._positions and parts:
            parts = parts[:-1]
        return self._positions.get(parts)
