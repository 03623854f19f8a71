"""OpenAPI 3.2 tag hierarchy: which tags form nav groups, and how groups nest by `parent`.

A tag with no `kind`, or `kind: nav`, is a group; other kinds (`badge`, `audience`, ...) only
label the operations that use them (their page shows them as badges). A group's `parent` is a
declared group tag; the child is listed inside its parent's section. A parent no operation uses
still gets a group (its page links its children); a loop of parents is cut where it closes.
"""

from __future__ import annotations

from ..model.types import NAV_KINDS, ApiModel


def is_nav_tag(api: ApiModel, name: str) -> bool:
    """Whether the tag `name` forms a group (an undeclared tag does)."""
    return api.tag(name).kind in NAV_KINDS


def tag_parents(api: ApiModel) -> dict[str, str]:
    """Each nav tag's parent nav tag, by name; loops and unknown parents are left out."""
    declared = {tag.name for tag in api.tags if tag.kind in NAV_KINDS}
    parents = {t.name: t.parent for t in api.tags if t.parent in declared and t.name in declared}
    for name in list(parents):
        seen, current = {name}, parents.get(name)
        while current is not None:
            if current in seen:
                parents.pop(name, None)
                break
            seen.add(current)
            current = parents.get(current)
    return parents


def nest_groups(order: list[str], parents: dict[str, str]) -> tuple[list[str], dict[str, list]]:
    """The group keys depth first (each parent before its children, ancestors no operation
    uses added), and each key's child keys."""
    wanted = list(order)
    for key in order:
        current = parents.get(key)
        while current is not None and current not in wanted:
            wanted.append(current)
            current = parents.get(current)
    children: dict[str, list[str]] = {key: [] for key in wanted}
    for key in _first_use_order(wanted, order, parents):
        if key in parents:
            children[parents[key]].append(key)
    result: list[str] = []

    def visit(key: str) -> None:
        result.append(key)
        for child in children[key]:
            visit(child)

    for key in _first_use_order(wanted, order, parents):
        if key not in parents:
            visit(key)
    return result, children


def _first_use_order(wanted: list[str], order: list[str], parents: dict[str, str]) -> list[str]:
    """`wanted` with each added ancestor placed just before its first descendant in `order`."""
    placed: list[str] = []
    for key in order:
        chain = [key]
        while chain[-1] in parents:
            chain.append(parents[chain[-1]])
        for name in reversed(chain):
            if name not in placed:
                placed.append(name)
    return placed + [key for key in wanted if key not in placed]
