"""Nothing lost: check that each operation, parameter, response status, media type and schema
property of the spec appears in the generated Markdown (a property as its `data-property` hook).

The spec is walked here independently of the model (raw documents, `$ref`s followed, cycles
stopped), so a property the model dropped is caught too. Deliberate omissions are not reported:
hidden/excluded operations (they have no page), `readOnly` properties in request bodies and
`writeOnly` ones in responses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs_runs_api.build.pipeline import Reference
from mkdocs_runs_api.render.markdown import code, html_text, md_cell
from mkdocs_runs_api.spec.resolve import SpecBundle
from mkdocs_runs_api.spec.walk import iter_operations


def missing_from_pages(reference: Reference) -> list[str]:
    """`METHOD /path: what` for everything of the spec that is not on its operation's page."""
    pages = {p.operation_key: p.markdown for p in reference.pages if p.operation_key}
    problems = []
    for key, kind, name in spec_items(reference.bundle):
        if key not in pages:
            continue  # hidden or excluded: logged by the plugin, no page by design
        if kind == "response":
            needles = [f"### {name}"]
        elif kind == "property":  # its element's hook in the schema tree
            needles = [f'data-property="{html_text(name)}"']
        else:
            needles = [code(name), md_cell(code(name))]
        if not any(needle in pages[key] for needle in needles):
            problems.append(f"{key}: {kind} {name!r} is not on the page")
    return problems


def spec_items(bundle: SpecBundle) -> Iterator[tuple[str, str, str]]:
    """`(operation key, kind, name)` for every item of every operation in the spec."""
    for site in iter_operations(bundle):
        key, op, op_file = site.key, site.operation, site.file
        yield from _parameters(bundle, key, site.item, site.item_file, op, op_file)
        body, body_file, _ = bundle.deref(op.get("requestBody"), op_file)
        if isinstance(body, dict):
            yield from _content(bundle, key, body.get("content"), body_file, "request")
        for status, response in (op.get("responses") or {}).items():
            if str(status).startswith("x-"):
                continue
            yield key, "response", str(status)
            response, response_file, _ = bundle.deref(response, op_file)
            if isinstance(response, dict):
                yield from _content(bundle, key, response.get("content"), response_file, "response")


def _parameters(bundle, key, item, item_file, op, op_file) -> Iterator[tuple[str, str, str]]:
    for param, _ in bundle.operation_parameters(item, item_file, op, op_file):
        yield key, "parameter", str(param["name"])


def _content(bundle, key, content, file, direction) -> Iterator[tuple[str, str, str]]:
    for media_name, media in (content or {}).items():
        yield key, "media type", str(media_name)
        media, media_file, _ = bundle.deref(media, file)
        if isinstance(media, dict) and "schema" in media:
            for name in sorted(_property_names(bundle, media["schema"], media_file, direction)):
                yield key, "property", name


def _property_names(bundle: SpecBundle, schema: Any, file: str, direction: str) -> set[str]:
    names: set[str] = set()
    seen: set[tuple[str, str]] = set()
    stack = [(schema, file)]
    while stack:
        node, node_file = stack.pop()
        node, node_file, target = bundle.deref(node, node_file)
        if target is not None:
            if target.key in seen:
                continue
            seen.add(target.key)
        if not isinstance(node, dict):
            continue
        for name, prop in (node.get("properties") or {}).items():
            resolved, _, _ = bundle.deref(prop, node_file)
            hidden = isinstance(resolved, dict) and (
                (direction == "request" and resolved.get("readOnly"))
                or (direction == "response" and resolved.get("writeOnly"))
            )
            if not hidden:
                names.add(str(name))
                stack.append((prop, node_file))
        for keyword in ("allOf", "oneOf", "anyOf"):
            stack.extend((part, node_file) for part in node.get(keyword) or [])
        for keyword in ("items", "additionalProperties"):
            if isinstance(node.get(keyword), dict):
                stack.append((node[keyword], node_file))
    return names
