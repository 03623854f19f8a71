"""One schema, one tree per page: media types of an operation that share a schema.

Two media types have the same schema when it is a `$ref` to the same target, or the same inline
schema written twice in one file (equal as JSON, property order included), and they are of the
same direction (a request's tree hides readOnly properties, a response's writeOnly ones). Of
such media types, the first shows the tree; later ones of the same body or response with the
same encoding join its block (`also`), and the others (of a later response, mostly) link to it
(`same_as`) when the tree is more than a type line (a link to `string` helps nobody). The page
is one operation's: a callback's operations share among themselves (their own section).
"""

from __future__ import annotations

import json

from ..spec.resolve import SpecBundle
from ..spec.walk import media_schema_key
from .types import MediaType, RequestBody, Response, SchemaNode, SchemaPlace

Identity = tuple
"""`(direction, "ref", target key)` or `(direction, "inline", file, schema as JSON)`."""


def share_schemas(bundle: SpecBundle, body: RequestBody | None, responses: list[Response]) -> None:
    """Mark the media types of one operation whose schema an earlier one shows (in place)."""
    blocks = [("", "request", body.media_types)] if body else []
    blocks += [(response.status, "response", response.media_types) for response in responses]
    candidates = [
        (index, status, direction, media)
        for index, (status, direction, media_types) in enumerate(blocks)
        for media in media_types
        if media.schema is not None
    ]
    if len(candidates) < 2:
        return
    first: dict[Identity, tuple[str, MediaType]] = {}
    leads: dict[tuple[Identity, int], list[MediaType]] = {}
    for index, status, direction, media in candidates:
        identity = schema_identity(bundle, media, direction)
        if identity is None:
            continue
        block_leads = leads.setdefault((identity, index), [])
        lead = next((m for m in block_leads if m.encoding == media.encoding), None)
        if lead is not None:
            _join(lead, media)
            continue
        block_leads.append(media)
        if identity not in first:
            first[identity] = (status, media)
        elif _is_tree(media.schema):
            _link(media, *first[identity])


def schema_identity(bundle: SpecBundle, media: MediaType, direction: str) -> Identity | None:
    """What makes two media types' schemas the same, or None when it cannot be told."""
    if media.source is None:
        return None
    file, parts = media.source
    try:
        media_object = bundle.node_at(file, parts)
        key = media_schema_key(media_object) if isinstance(media_object, dict) else "schema"
        schema = bundle.node_at(file, (*parts, key))
    except KeyError:
        return None
    if isinstance(schema, dict) and list(schema) == ["$ref"]:
        _, _, target = bundle.deref(schema, file)
        if target is not None:
            return (direction, "ref", target.key)
    try:
        return (direction, "inline", file, json.dumps(schema, default=str))
    except (TypeError, ValueError):  # keys JSON cannot write, or a cycle of YAML aliases
        return None


def _join(lead: MediaType, media: MediaType) -> None:
    """Show `media` in `lead`'s block; a synthesized example of it would be the lead's again."""
    lead.also.append(media)
    media.shown_with = lead.name
    media.examples = [example for example in media.examples if not example.synthesized]


def _link(media: MediaType, status: str, first: MediaType) -> None:
    first.anchor = first.anchor_prefix
    media.same_as = SchemaPlace(status, first.name, first.anchor)


def _is_tree(schema: SchemaNode | None) -> bool:
    return schema is not None and bool(schema.children or schema.variants)
