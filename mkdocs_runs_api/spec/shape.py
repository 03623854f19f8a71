"""Parts of a spec written in the wrong shape, found before anything is built.

The model reads a document as OpenAPI says it is shaped; a part written otherwise (`parameters`
as a mapping, `responses` as a list, a parameter without `name` or `in`, `properties` as a list)
used to vanish from the page without a word, or end the build in a traceback. `repair_shape`
walks the parts the pages show, and each part of the wrong shape is left out of the loaded
document (the file is not touched) with a problem that names its file, line and JSON pointer,
what is wrong and what to write instead. Duplicate operationIds and empty tag names are
reported too (and kept: an operationId still names its operation, and an empty tag is no tag).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import SpecError
from .keywords import PARAMETER_LOCATIONS, SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES
from .load import join_pointer
from .resolve import SpecBundle
from .walk import OperationSite, iter_operations

Parts = tuple[str, ...]


@dataclass
class _Removal:
    container: Any
    key: Any


@dataclass
class ShapeWalk:
    """One walk over a bundle: the problems found and the parts to leave out."""

    bundle: SpecBundle
    problems: list[SpecError] = field(default_factory=list)
    removals: dict[tuple[int, Any], _Removal] = field(default_factory=dict)
    reported: set[tuple[str, Parts, str]] = field(default_factory=set)
    seen: set[tuple[str, Parts]] = field(default_factory=set)
    """Schemas walked, by where they are defined."""
    seen_refs: set[tuple[str, Any, int]] = field(default_factory=set)
    """`$ref`s followed: `(file, ref, keys beside it)`."""
    parameter_refs: dict[tuple[str, Any, int], tuple[str | None, str, Parts]] = field(
        default_factory=dict
    )
    """Each parameter `$ref`'s problem (None: none) and where its target is."""

    def report(self, problem: str, file: str, parts: Parts, hint: str) -> None:
        """One problem at `parts` of `file` (once, however many operations share the part)."""
        if (file, parts, problem) not in self.reported:
            self.reported.add((file, parts, problem))
            self.problems.append(self.bundle.error(problem, file, join_pointer(parts), hint))

    def leave_out(
        self, container: Any, key: Any, problem: str, file: str, parts: Parts, hint: str
    ) -> None:
        """Report `container[key]` (written at `parts`) and leave it out of the document."""
        self.report(f"{problem}: left out of the pages", file, parts, hint)
        self.removals[(id(container), key)] = _Removal(container, key)

    def finish(self) -> list[SpecError]:
        """Leave out what was reported (list entries from the last, so indexes hold)."""
        ordered = sorted(
            self.removals.values(),
            key=lambda r: (id(r.container), r.key if isinstance(r.key, int) else 0),
        )
        for removal in reversed(ordered):
            del removal.container[removal.key]
        return self.problems


def _expect(
    walk: ShapeWalk, owner: dict, key: str, kind: type, file: str, parts: Parts, hint: str
) -> Any:
    """`owner[key]` if it is a `kind` (a mapping or a list); else None, and if it is there
    at all it is reported and left out."""
    value = owner.get(key)
    if value is None or isinstance(value, kind):
        return value
    shape = "a mapping" if kind is dict else "a list"
    walk.leave_out(owner, key, f"`{key}` must be {shape}", file, (*parts, key), hint)
    return None


def repair_shape(bundle: SpecBundle) -> list[SpecError]:
    """Find the parts of the wrong shape in `bundle`'s documents, leave them out of the loaded
    documents, and return one located problem for each (and for duplicate operationIds and
    empty tag names), in document order."""
    walk = ShapeWalk(bundle)
    document = bundle.document if isinstance(bundle.document, dict) else {}
    _top_level_tags(walk, document)
    first_use: dict[str, OperationSite] = {}
    for site in iter_operations(bundle):
        _operation(walk, site, first_use, document)
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    for name in schemas if isinstance(schemas, dict) else ():
        parts = ("components", "schemas", str(name))
        if (bundle.root, parts) not in walk.seen:
            walk.seen.add((bundle.root, parts))
            _schema(walk, schemas, name, bundle.root, parts)
    return walk.finish()


def _top_level_tags(walk: ShapeWalk, document: dict) -> None:
    root = walk.bundle.root
    hint = "Write `tags:` as a list of `- name: ...` entries"
    tags = _expect(walk, document, "tags", list, root, (), hint) or []
    for index, tag in enumerate(tags):
        parts = ("tags", str(index))
        if not isinstance(tag, dict) or not str(tag.get("name") or "").strip():
            problem = "a tag needs a `name`"
            walk.leave_out(tags, index, problem, root, parts, "Give the tag a name, or remove it")


def _operation(
    walk: ShapeWalk, site: OperationSite, first_use: dict[str, OperationSite], document: dict
) -> None:
    raw, file, parts = site.operation, site.file, site.parts
    _parameter_list(walk, site.item, site.item_file, site.item_parts)
    _parameter_list(walk, raw, file, parts)
    _tags(walk, raw, file, parts)
    operation_id = raw.get("operationId")
    if operation_id is not None:
        first = first_use.setdefault(str(operation_id), site)
        if first is not site:
            walk.report(
                f"operationId {str(operation_id)!r} is also the operationId of {first.key}",
                file,
                (*parts, "operationId"),
                "Give each operation an operationId of its own: links and samples name it",
            )
    body = raw.get("requestBody")
    if body is not None:
        _request_body(walk, raw, file, parts)
    if "responses" not in raw:
        if str(document.get("openapi", "")).startswith("3.0"):
            walk.report(
                f"{site.key} has no `responses` (OpenAPI 3.0 requires them)",
                file,
                parts,
                "Add `responses:` with at least the success response",
            )
        return
    _responses(walk, raw, file, parts)


def _parameter_list(walk: ShapeWalk, owner: dict, file: str, parts: Parts) -> None:
    hint = "Write each parameter as a list item: `- {name: limit, in: query}`"
    params = _expect(walk, owner, "parameters", list, file, parts, hint) or []
    where = (*parts, "parameters")
    for index, param in enumerate(params):
        ref = (file, param.get("$ref"), len(param)) if isinstance(param, dict) else None
        if ref in walk.parameter_refs:  # a component parameter met before
            problem, value_file, value_parts = walk.parameter_refs[ref]
        else:
            value, value_file, value_parts = _deref(walk, param, file, (*where, str(index)))
            problem = _parameter_problem(value)
            if not problem:
                if "schema" in value:
                    _schema(walk, value, "schema", value_file, (*value_parts, "schema"))
                _content(walk, value, value_file, value_parts)
            if ref is not None and ref[1] is not None:
                walk.parameter_refs[ref] = (problem, value_file, value_parts)
        if problem:
            hint = "Give each parameter a `name` and an `in` (path, query, header or cookie)"
            walk.leave_out(params, index, problem, value_file, value_parts, hint)


def _parameter_problem(param: Any) -> str | None:
    if not isinstance(param, dict):
        return "a parameter must be a mapping"
    name = param.get("name")
    if not isinstance(name, str) or not name.strip():
        return "a parameter needs a `name`"
    where = param.get("in")
    if where not in PARAMETER_LOCATIONS:
        shown = "no `in`" if where is None else f"`in: {where}`"
        return f"parameter {name!r} has {shown}"
    return None


def _tags(walk: ShapeWalk, raw: dict, file: str, parts: Parts) -> None:
    for index, tag in enumerate(
        _expect(walk, raw, "tags", list, file, parts, "Write `tags: [name]`") or []
    ):
        if not isinstance(tag, str) or not tag.strip():
            walk.report(
                "an empty tag name: the operation is grouped as if it had no tag",
                file,
                (*parts, "tags", str(index)),
                "Name the tag, or remove it",
            )


def _request_body(walk: ShapeWalk, raw: dict, file: str, parts: Parts) -> None:
    value, value_file, value_parts = _deref(walk, raw["requestBody"], file, (*parts, "requestBody"))
    if not isinstance(value, dict):
        problem = "`requestBody` must be a mapping"
        walk.leave_out(raw, "requestBody", problem, value_file, value_parts, "Write `content:`")
        return
    _content(walk, value, value_file, value_parts)


def _responses(walk: ShapeWalk, raw: dict, file: str, parts: Parts) -> None:
    hint = "Write responses by status: `responses: {'200': {description: ...}}`"
    responses = _expect(walk, raw, "responses", dict, file, parts, hint) or {}
    where = (*parts, "responses")
    for status, response in responses.items():
        value, value_file, value_parts = _deref(walk, response, file, (*where, str(status)))
        if not isinstance(value, dict):
            hint = "Write the response as `{description: ..., content: ...}`"
            problem = f"response {status} must be a mapping"
            walk.leave_out(responses, status, problem, value_file, value_parts, hint)
            continue
        _content(walk, value, value_file, value_parts)
        hint = "Write headers by name: `headers: {X-Rate-Limit: {schema: ...}}`"
        headers = _expect(walk, value, "headers", dict, value_file, value_parts, hint) or {}
        for name, header in headers.items():
            h_value, h_file, h_parts = _deref(
                walk, header, value_file, (*value_parts, "headers", str(name))
            )
            if isinstance(h_value, dict) and "schema" in h_value:
                _schema(walk, h_value, "schema", h_file, (*h_parts, "schema"))


def _content(walk: ShapeWalk, owner: dict, file: str, parts: Parts) -> None:
    hint = "Write media types by name: `content: {application/json: {schema: ...}}`"
    content = _expect(walk, owner, "content", dict, file, parts, hint) or {}
    where = (*parts, "content")
    for name, media in content.items():
        media_parts = (*where, str(name))
        if not isinstance(media, dict):
            hint = "Write `{schema: ...}` under the media type"
            problem = f"media type {name} must be a mapping"
            walk.leave_out(content, name, problem, file, media_parts, hint)
            continue
        for keyword in ("schema", "itemSchema"):
            if keyword in media:
                _schema(walk, media, keyword, file, (*media_parts, keyword))


def _schema(walk: ShapeWalk, owner: Any, key: Any, file: str, parts: Parts) -> None:
    """Check the schema `owner[key]` (written at `parts` of `file`) and every schema in it.

    The walk keeps each schema's place as a chain `(key, parent chain)` and makes pointer
    parts only for a problem or a `$ref` (GitHub's spec: 80,000 schemas)."""
    stack: list[tuple[Any, Any, str, Chain]] = [(owner, key, file, _chain(parts))]
    while stack:
        owner, key, file, chain = stack.pop()
        schema = owner[key]
        if isinstance(schema, dict) and "$ref" in schema:
            ref = (file, schema["$ref"], len(schema))  # siblings make it another schema
            if ref in walk.seen_refs:
                continue
            walk.seen_refs.add(ref)
            schema, file, parts = _deref(walk, schema, file, _parts(chain))
            if (file, parts) in walk.seen:
                continue
            walk.seen.add((file, parts))
            chain = _chain(parts)
        if isinstance(schema, bool):
            continue
        if not isinstance(schema, dict):
            hint = "Write the schema as a mapping: `{type: string}`"
            walk.leave_out(owner, key, "a schema must be a mapping", file, _parts(chain), hint)
            continue
        for keyword, value in schema.items():
            kind = SCHEMA_KEYWORDS.get(keyword)
            if kind is None:
                continue
            here = (keyword, chain)
            if kind is NAMES and isinstance(value, list):
                continue
            if kind is dict and isinstance(value, dict):
                stack.extend((value, name, file, (str(name), here)) for name in value)
            elif kind is list and isinstance(value, list):
                stack.extend((value, i, file, (str(i), here)) for i in range(len(value)))
            elif kind is Any:
                stack.append((schema, keyword, file, here))
            elif kind is not Any and not isinstance(value, list if kind is NAMES else kind):
                _wrong_keyword(walk, schema, keyword, file, _parts(here))


def _wrong_keyword(walk: ShapeWalk, schema: dict, keyword: str, file: str, parts: Parts) -> None:
    if keyword == "required":
        if isinstance(schema[keyword], bool):  # Swagger 2.0's habit, left as it was
            return
        hint = "List the required property names: `required: [id, name]`"
        problem = "`required` must be a list of property names"
    elif SCHEMA_KEYWORDS[keyword] is dict:
        hint = f"Write `{keyword}` as a mapping of names to schemas: `{{id: {{type: string}}}}`"
        problem = f"`{keyword}` must be a mapping"
    else:
        hint = f"Write `{keyword}` as a list of schemas: `- {{type: string}}`"
        problem = f"`{keyword}` must be a list"
    walk.leave_out(schema, keyword, problem, file, parts, hint)


NAMES = "names"
"""A list of property names (`required`)."""
SCHEMA_KEYWORDS: dict[str, Any] = {
    **dict.fromkeys(SCHEMA_MAPS, dict),
    **dict.fromkeys(SCHEMA_LISTS, list),
    **dict.fromkeys(SCHEMA_SINGLES, Any),
    "required": NAMES,
}
"""What each schema keyword the walk knows holds: a mapping of schemas (`dict`), a list of
schemas (`list`), one schema (`Any`), a list of names (`NAMES`)."""
Chain = tuple[str, "Chain"] | None
"""A place in a document, last key first: `("b", ("a", None))` is `/a/b`."""


def _chain(parts: Parts) -> Chain:
    chain: Chain = None
    for part in parts:
        chain = (part, chain)
    return chain


def _parts(chain: Chain) -> Parts:
    parts = []
    while chain:
        parts.append(chain[0])
        chain = chain[1]
    return tuple(reversed(parts))


def _deref(walk: ShapeWalk, value: Any, file: str, parts: Parts) -> tuple[Any, str, Parts]:
    """`value` past its `$ref`s, where it is defined; a `$ref` that leads nowhere (loading
    refused it already, or a check reports it) as no value."""
    try:
        return walk.bundle.deref_at(value, file, parts)
    except (KeyError, SpecError):
        return None, file, parts
