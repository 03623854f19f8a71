"""From a resolved `SpecBundle` to an `ApiModel` of plain dataclasses.

Two named steps: `build_api_model` (the API and its operations, enough for layout and nav) and
`build_details` (one operation's parameters, bodies, responses and callbacks, for its page),
which shares work across operations through the pipeline's `SharedWork`.
"""

from __future__ import annotations

from ..spec.resolve import SpecBundle
from ..spec.walk import CONVERTED_KEY
from .memo import SharedWork
from .operations import build_details, build_operations
from .security import build_requirements, build_security_schemes, build_servers
from .types import ApiModel, Operation, Tag, TagGroup

__all__ = ["build_api_model", "build_details", "ApiModel", "Operation", "SharedWork"]


def build_api_model(bundle: SpecBundle) -> ApiModel:
    """The whole API: info, servers, auth, tags and every operation with its security/servers."""
    doc = bundle.document
    info = doc.get("info") if isinstance(doc.get("info"), dict) else {}
    schemes = build_security_schemes(bundle)
    root_security = build_requirements(doc.get("security"), schemes)
    root_servers = build_servers(doc.get("servers"))
    operations = build_operations(bundle)
    for operation in operations:
        item, raw = operation.site.item, operation.site.operation
        own = build_requirements(raw.get("security"), schemes)
        operation.security = own if own is not None else root_security
        operation.servers = (
            build_servers(raw.get("servers")) or build_servers(item.get("servers")) or root_servers
        )
    return ApiModel(
        title=str(info.get("title") or "API reference"),
        version=str(info.get("version") or ""),
        description=str(info.get("description") or ""),
        openapi_version=str(doc.get("openapi") or ""),
        info=info,
        servers=root_servers,
        # `components` is unordered by meaning: sorting keeps output independent of key order
        security_schemes=sorted(schemes.values(), key=lambda scheme: scheme.name),
        tags=_tags(doc.get("tags")),
        tag_groups=_tag_groups(doc.get("x-tagGroups")),
        operations=operations,
        external_docs=doc.get("externalDocs")
        if isinstance(doc.get("externalDocs"), dict)
        else None,
        converted_from=str(doc.get(CONVERTED_KEY) or ""),
    )


def _tags(raw) -> list[Tag]:
    tags = []
    for entry in raw if isinstance(raw, list) else ():
        if isinstance(entry, dict) and entry.get("name") is not None:
            name, summary = str(entry["name"]), str(entry.get("summary") or "").strip()
            parent = entry.get("parent")
            tags.append(
                Tag(
                    name=name,
                    description=str(entry.get("description") or ""),
                    display_name=str(entry.get("x-displayName") or summary or name),
                    external_docs=entry.get("externalDocs"),
                    summary=summary,
                    parent=str(parent) if parent is not None else None,
                    kind=str(entry.get("kind") or "").strip(),
                )
            )
    return tags


def _tag_groups(raw) -> list[TagGroup]:
    groups = []
    for entry in raw if isinstance(raw, list) else ():
        if isinstance(entry, dict) and entry.get("name") is not None:
            groups.append(TagGroup(str(entry["name"]), [str(t) for t in entry.get("tags") or []]))
    return groups
