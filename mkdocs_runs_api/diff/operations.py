"""Compare two versions of a spec operation by operation: which were removed, added or
deprecated, and for each one kept, its parameters, request body, responses and security.

Operations are matched by method and path template with the parameters' names left out
(`/runs/{id}` is `/runs/{runId}`), so a renamed path parameter is no removal.
"""

from __future__ import annotations

import re
from typing import Any

from ..json_text import shown
from ..spec.resolve import SpecBundle
from ..spec.walk import OperationSite, iter_operations, media_schema_key
from .change import Change, SpecChanges
from .schemas import REQUEST, RESPONSE, Place, SchemaDiff, deref_place

TEMPLATE_VARIABLE = re.compile(r"\{[^}/]*\}")


def compare_operations(old: SpecBundle, new: SpecBundle) -> SpecChanges:
    result = SpecChanges()
    schemas = SchemaDiff(old, new)
    old_ops = {_identity(site): site for site in iter_operations(old)}
    new_ops = {_identity(site): site for site in iter_operations(new)}
    for identity, site in new_ops.items():
        before = old_ops.get(identity)
        if before is None:
            change = Change(
                "change-operation-added", "the operation was added", site.file, site.parts
            )
            result.add(site.key, change, "")
            continue
        for change, where in OperationDiff(schemas, before, site).changes():
            result.add(site.key, change, where)
    for identity, site in old_ops.items():
        if identity not in new_ops:
            kind, message = "change-operation-removed", "the operation was removed"
            if site.operation.get("deprecated") is True:
                kind = "change-deprecated-operation-removed"
                message += " (it was deprecated)"
            change = Change(kind, message, *_near(new, site))
            result.add(site.key, change, "")
    return result


class OperationDiff:
    """One operation, old and new."""

    def __init__(self, schemas: SchemaDiff, old: OperationSite, new: OperationSite) -> None:
        self.schemas, self.old, self.new = schemas, old, new
        self.at = (new.file, new.parts)

    def changes(self) -> list[tuple[Change, str]]:
        found: list[tuple[Change, str]] = []
        if self.new.operation.get("deprecated") is True and not self.old.operation.get(
            "deprecated"
        ):
            message = "the operation is deprecated now"
            found.append((Change("change-operation-deprecated", message, *self.at), ""))
        found += self._parameters()
        found += self._request_body()
        found += self._responses()
        found += self._security()
        return found

    def _parameters(self) -> list[tuple[Change, str]]:
        old = _parameters(self.schemas.old, self.old)
        new = _parameters(self.schemas.new, self.new)
        found = []
        for key, (param, file, parts) in new.items():
            label = f"{key[0]} parameter {shown(param['name'])}"
            before = old.get(key)
            if before is None:
                required = param.get("required") is True
                kind = "change-parameter-added-required" if required else "change-parameter-added"
                adjective = "required" if required else "optional"
                message = f"{adjective} {label} was added"
                found.append((Change(kind, message, file, parts), ""))
                continue
            if param.get("required") is True and before[0].get("required") is not True:
                message = f"{label} became required"
                found.append((Change("change-parameter-became-required", message, file, parts), ""))
            found += self._schemas(
                _parameter_schema(before), _parameter_schema((param, file, parts)), REQUEST, label
            )
        for key, (param, _, _) in old.items():
            if key not in new:
                message = f"{key[0]} parameter {shown(param['name'])} was removed"
                found.append((Change("change-parameter-removed", message, *self.at), ""))
        return found

    def _request_body(self) -> list[tuple[Change, str]]:
        old = _body(self.schemas.old, self.old)
        new = _body(self.schemas.new, self.new)
        if old is None and new is None:
            return []
        if new is None:
            return [
                (
                    Change("change-request-body-removed", "the request body was removed", *self.at),
                    "",
                )
            ]
        body, file, parts = new
        at = (file, parts)
        if old is None or (body.get("required") is True and old[0].get("required") is not True):
            if body.get("required") is not True:
                message = "an optional request body was added"
                return [(Change("change-schema-relaxed", message, *at), "")]
            message = "the request body became required"
            if old is None:
                message = "a required request body was added"
            return [(Change("change-request-body-became-required", message, *at), "")]
        return self._content(old, new, REQUEST, "request body")

    def _responses(self) -> list[tuple[Change, str]]:
        old = _mapping(self.old.operation.get("responses"))
        new = _mapping(self.new.operation.get("responses"))
        found = []
        for status, value in new.items():
            parts = (*self.new.parts, "responses", str(status))
            if status not in old:
                message = f"response {status} was added"
                found.append(
                    (Change("change-response-status-added", message, self.new.file, parts), "")
                )
                continue
            old_place = deref_place(
                self.schemas.old,
                (old[status], self.old.file, (*self.old.parts, "responses", str(status))),
            )
            new_place = deref_place(self.schemas.new, (value, self.new.file, parts))
            if (
                old_place
                and new_place
                and isinstance(old_place[0], dict)
                and isinstance(new_place[0], dict)
            ):
                found += self._content(old_place, new_place, RESPONSE, f"response {status}")
        for status in old:
            if status not in new:
                success = str(status).startswith("2")
                kind = (
                    "change-response-status-removed" if success else "change-error-response-removed"
                )
                message = f"response {status} was removed"
                found.append((Change(kind, message, *self.at), ""))
        return found

    def _content(
        self, old: Place, new: Place, direction: str, label: str
    ) -> list[tuple[Change, str]]:
        old_content = _mapping(old[0].get("content"))
        new_content = _mapping(new[0].get("content"))
        found = []
        for media_type, media in new_content.items():
            parts = (*new[2], "content", str(media_type))
            if media_type not in old_content:
                if old_content:
                    message = f"{label}: media type {shown(media_type)} was added"
                    found.append((Change("change-media-type-added", message, new[1], parts), ""))
                continue
            before = old_content[media_type]
            if not isinstance(media, dict) or not isinstance(before, dict):
                continue
            old_key, new_key = media_schema_key(before), media_schema_key(media)
            if before.get(old_key) is None or media.get(new_key) is None:
                continue
            old_schema = (before[old_key], old[1], (*old[2], "content", str(media_type), old_key))
            new_schema = (media[new_key], new[1], (*parts, new_key))
            found += self._schemas(old_schema, new_schema, direction, f"{label} {media_type}")
        for media_type in old_content:
            if media_type not in new_content:
                message = f"{label}: media type {shown(media_type)} was removed"
                found.append((Change("change-media-type-removed", message, new[1], (*new[2],)), ""))
        return found

    def _schemas(self, old: Place | None, new: Place | None, direction: str, label: str):
        if old is None or new is None:
            return []
        return [
            (change, f"{label}: {where}" if where else label)
            for change, where in self.schemas.compare(old, new, direction)
        ]

    def _security(self) -> list[tuple[Change, str]]:
        old = _requirements(self.schemas.old.document, self.old.operation)
        new = _requirements(self.schemas.new.document, self.new.operation)
        if old == new:
            return []
        uncovered = [alt for alt in old if not any(_within(choice, alt) for choice in new)]
        if uncovered:
            needed = ", ".join(sorted(name for choice in new for name in choice)) or "nothing"
            message = f"security changed: it needs {needed} now"
            return [(Change("change-security-added", message, *self.at), "")]
        message = "security changed: fewer credentials are needed"
        return [(Change("change-security-removed", message, *self.at), "")]


def _identity(site: OperationSite) -> tuple[str, str, str]:
    return (site.section, TEMPLATE_VARIABLE.sub("{}", site.path), site.method.lower())


def _near(new: SpecBundle, site: OperationSite) -> tuple[str, tuple[str, ...]]:
    """Where a removed operation would be in the new version: its path item if that is still
    there, else the section (`paths`)."""
    document = new.document if isinstance(new.document, dict) else {}
    items = document.get(site.section)
    if isinstance(items, dict):
        wanted = TEMPLATE_VARIABLE.sub("{}", site.path)
        for path in items:
            if TEMPLATE_VARIABLE.sub("{}", str(path)) == wanted:
                return new.root, (site.section, str(path))
        return new.root, (site.section,)
    return new.root, ()


def _parameters(bundle: SpecBundle, site: OperationSite) -> dict[tuple[str, str], Place]:
    """Parameters by `(in, name)`; a path parameter by its position in the template (a rename
    is no change), a header by its lower-cased name."""
    located = bundle.located_parameters(
        site.item, site.item_file, site.item_parts, site.operation, site.file, site.parts
    )
    order = [name.strip("{}") for name in TEMPLATE_VARIABLE.findall(site.path)]
    found = {}
    for param, file, parts in located:
        where, name = str(param["in"]), str(param["name"])
        if where == "path" and name in order:
            name = f"{{{order.index(name)}}}"
        elif where == "header":
            name = name.lower()
        found[(where, name)] = (param, file, parts)
    return found


def _parameter_schema(place: Place) -> Place | None:
    param, file, parts = place
    if isinstance(param.get("schema"), dict):
        return param["schema"], file, (*parts, "schema")
    for media_type, media in _mapping(param.get("content")).items():
        if isinstance(media, dict) and isinstance(media.get("schema"), dict):
            return media["schema"], file, (*parts, "content", str(media_type), "schema")
    return None


def _body(bundle: SpecBundle, site: OperationSite) -> Place | None:
    body = site.operation.get("requestBody")
    if body is None:
        return None
    found = deref_place(bundle, (body, site.file, (*site.parts, "requestBody")))
    return found if found and isinstance(found[0], dict) else None


def _requirements(document: Any, operation: dict) -> list[dict[str, frozenset[str]]]:
    """The operation's security alternatives (its own, else the document's), each as scheme
    -> scopes; an empty alternative means "no credentials"."""
    written = operation.get("security")
    if written is None and isinstance(document, dict):
        written = document.get("security")
    alternatives = []
    for entry in written if isinstance(written, list) else ():
        if isinstance(entry, dict):
            alternatives.append(
                {
                    str(k): frozenset(map(str, v if isinstance(v, list) else ()))
                    for k, v in entry.items()
                }
            )
    return alternatives or [{}]


def _within(choice: dict[str, frozenset[str]], alternative: dict[str, frozenset[str]]) -> bool:
    """A client that meets `alternative` also meets `choice`."""
    return all(
        name in alternative and scopes <= alternative[name] for name, scopes in choice.items()
    )


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}
