"""One walk over a resolved spec: every OpenAPI object visited once, at its definition.

A `$ref` is followed to its target, which is visited where it is defined (in whichever file);
so a schema shared by ten operations is checked once, and reported at the lines that define it.
Rules then read `SpecWalk.locations[kind]`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..spec.keywords import SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES
from ..spec.load import split_pointer
from ..spec.resolve import SpecBundle
from ..spec.walk import OperationSite, http_method, item_operations, iter_operations


@dataclass(frozen=True)
class Location:
    """One OpenAPI object: what kind it is, where it is defined, and its raw value."""

    kind: str
    file: str
    parts: tuple[str, ...]
    node: Any

    @property
    def pointer(self) -> str:
        from ..spec.load import join_pointer

        return join_pointer(self.parts)


@dataclass(frozen=True)
class OperationLocation(Location):
    method: str = ""
    path: str = ""
    path_item: Any = None
    path_item_file: str = ""
    section: str = "paths"
    """`paths`, `webhooks`, `x-webhooks` or `callbacks`."""

    @property
    def key(self) -> str:
        return f"{http_method(self.method)} {self.path}"


class SpecWalk:
    """Visits the whole document once; `locations[kind]` lists what it found, in order."""

    def __init__(self, bundle: SpecBundle) -> None:
        self.bundle = bundle
        self.locations: dict[str, list[Location]] = defaultdict(list)
        self._seen: set[tuple[str, str, tuple[str, ...]]] = set()
        doc = bundle.document if isinstance(bundle.document, dict) else {}
        root = bundle.root
        for site in iter_operations(bundle):
            self._operation(site)
        components = _mapping(doc.get("components"))
        for section, kind in (
            ("schemas", "schema"),
            ("parameters", "parameter"),
            ("responses", "response"),
            ("requestBodies", "request_body"),
            ("headers", "header"),
            ("examples", "example"),
        ):
            for name, value in _mapping(components.get(section)).items():
                self.visit(kind, root, ("components", section, str(name)), value)

    @property
    def operations(self) -> list[OperationLocation]:
        return self.locations["operation"]  # type: ignore[return-value]

    def _follow(self, file: str, parts: tuple[str, ...], node: Any):
        """Where `node` is defined: `(file, parts, node)` past a `$ref`; None if unresolved."""
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            try:
                target = self.bundle.target(node["$ref"], file)
            except KeyError:
                return None
            return target.file, tuple(split_pointer(target.pointer)), target.value
        return file, parts, node

    def visit(self, kind: str, file: str, parts: tuple[str, ...], node: Any) -> None:
        """Visit `node` (following a `$ref` to where its target is defined) as a `kind`."""
        found = self._follow(file, parts, node)
        if found is None:
            return
        file, parts, node = found
        key = (kind, file, parts)
        if key in self._seen:
            return
        self._seen.add(key)
        if not isinstance(node, dict):
            return
        self.locations[kind].append(Location(kind, file, parts, node))
        getattr(self, f"_children_of_{kind}")(file, parts, node)

    def _operation(self, site: OperationSite) -> None:
        for index, parameter in enumerate(_list(site.item.get("parameters"))):
            parts = site.item_parts + ("parameters", str(index))
            self.visit("parameter", site.item_file, parts, parameter)
        where = OperationLocation(
            "operation",
            site.file,
            site.parts,
            site.operation,
            site.method,
            site.path,
            site.item,
            site.item_file,
            site.section,
        )
        self.locations["operation"].append(where)
        self._children_of_operation(site.file, site.parts, site.operation)

    def _path_item(self, file: str, parts: tuple[str, ...], item: Any, path: str) -> None:
        """A callback's path item (the API's own are walked by `iter_operations`)."""
        found = self._follow(file, parts, item)
        if found is None:
            return
        file, parts, item = found
        if not isinstance(item, dict):
            return
        for index, parameter in enumerate(_list(item.get("parameters"))):
            self.visit("parameter", file, parts + ("parameters", str(index)), parameter)
        for site in item_operations(self.bundle, "callbacks", path, item, file, parts):
            self._operation(site)

    def _children_of_operation(self, file: str, parts: tuple[str, ...], op: dict) -> None:
        for index, parameter in enumerate(_list(op.get("parameters"))):
            self.visit("parameter", file, parts + ("parameters", str(index)), parameter)
        if "requestBody" in op:
            self.visit("request_body", file, parts + ("requestBody",), op["requestBody"])
        for status, response in _mapping(op.get("responses")).items():
            self.visit("response", file, parts + ("responses", str(status)), response)
        for name, callback in _mapping(op.get("callbacks")).items():
            for expression, item in _mapping(callback).items():
                item_parts = parts + ("callbacks", str(name), str(expression))
                self._path_item(file, item_parts, item, str(expression))

    def _children_of_parameter(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        self._schema_and_content(file, parts, node)

    def _children_of_header(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        self._schema_and_content(file, parts, node)

    def _children_of_request_body(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        self._schema_and_content(file, parts, node)

    def _children_of_response(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        for name, header in _mapping(node.get("headers")).items():
            self.visit("header", file, parts + ("headers", str(name)), header)
        self._schema_and_content(file, parts, node)

    def _children_of_media_type(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        for key in ("schema", "itemSchema"):  # itemSchema: 3.2, each item of a stream
            if key in node:
                self.visit("schema", file, parts + (key,), node[key])
        for name, example in _mapping(node.get("examples")).items():
            self.visit("example", file, parts + ("examples", str(name)), example)

    def _children_of_example(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        """Examples have no OpenAPI children."""

    def _children_of_schema(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        for key in SCHEMA_MAPS:
            for name, child in _mapping(node.get(key)).items():
                self.visit("schema", file, parts + (key, str(name)), child)
        for key in SCHEMA_LISTS:
            for index, child in enumerate(_list(node.get(key))):
                self.visit("schema", file, parts + (key, str(index)), child)
        for key in SCHEMA_SINGLES:
            if isinstance(node.get(key), dict):
                self.visit("schema", file, parts + (key,), node[key])
        if isinstance(node.get("items"), list):
            for index, child in enumerate(node["items"]):
                self.visit("schema", file, parts + ("items", str(index)), child)

    def _schema_and_content(self, file: str, parts: tuple[str, ...], node: dict) -> None:
        if "schema" in node:
            self.visit("schema", file, parts + ("schema",), node["schema"])
        for name, media in _mapping(node.get("content")).items():
            self.visit("media_type", file, parts + ("content", str(name)), media)
        for name, example in _mapping(node.get("examples")).items():
            self.visit("example", file, parts + ("examples", str(name)), example)


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []
