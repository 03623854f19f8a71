"""`$ref`s: unresolved, siblings OpenAPI 3.0 ignores, components nobody uses."""

from __future__ import annotations

from ...json_text import shown
from ...spec.load import split_pointer
from ..registry import CheckContext, Hit, rule

COMPONENT_SECTIONS = (
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
    "pathItems",
)


@rule("ref-unresolved", "error", "A `$ref` points at nothing.")
def ref_unresolved(ctx: CheckContext):
    for site in ctx.bundle.refs:
        if site.problem is None:
            continue
        message = site.problem.problem + (f". {site.problem.hint}" if site.problem.hint else "")
        yield Hit(site.file, tuple(split_pointer(site.pointer))[:-1], message)


@rule("ref-siblings-ignored", "warning", "Keys beside a `$ref` are ignored in OpenAPI 3.0.")
def ref_siblings_ignored(ctx: CheckContext):
    if not ctx.openapi_version.startswith("3.0"):
        return
    for site in ctx.bundle.refs:
        parts = tuple(split_pointer(site.pointer))[:-1]
        node = _at(ctx.bundle.documents[site.file], parts)
        siblings = sorted(k for k in node if k != "$ref" and not str(k).startswith("x-"))
        if siblings:
            yield Hit(
                site.file,
                parts,
                f"OpenAPI 3.0 ignores {', '.join(siblings)} beside $ref {shown(site.ref)}: "
                "move them into the target or wrap the $ref in allOf",
            )


@rule("component-unused", "warning", "A component is defined but never referenced.")
def component_unused(ctx: CheckContext):
    doc = ctx.bundle.document
    components = doc.get("components") if isinstance(doc, dict) else None
    if not isinstance(components, dict):
        return
    targets = {site.target for site in ctx.bundle.refs if site.target}
    referenced = {(file, tuple(split_pointer(pointer))[:3]) for file, pointer in targets}
    root = ctx.bundle.root
    for section in COMPONENT_SECTIONS:
        for name in components.get(section) or {}:
            parts = ("components", section, str(name))
            if (root, parts) not in referenced:
                yield Hit(root, parts, f"components/{section}/{name} is never referenced")
    used_schemes = {
        str(name)
        for requirements in _security_lists(ctx)
        for requirement in requirements
        if isinstance(requirement, dict)
        for name in requirement
    }
    for name in components.get("securitySchemes") or {}:
        if str(name) not in used_schemes:
            yield Hit(
                root,
                ("components", "securitySchemes", str(name)),
                f"security scheme {shown(name)} is not used by any security requirement",
            )


def _security_lists(ctx: CheckContext):
    doc = ctx.bundle.document
    yield doc.get("security") or []
    for operation in ctx.walk.operations:
        yield operation.node.get("security") or []


def _at(doc, parts):
    node = doc
    for part in parts:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node
