"""The reference's navigation as MkDocs `nav` data, and its insertion into the user's nav."""

from __future__ import annotations

import html
from typing import Any

from .plan import Layout, OperationPage

NavItem = Any  # str | dict[str, str | list[NavItem]]

NAV_TITLE_WIDTH = 80
"""Longer operation titles are shortened in the nav (the page keeps the full title)."""


def build_reference_nav(layout: Layout, operations: bool = True) -> list[NavItem]:
    """The section's children: overview page, then groups (inside `x-tagGroups` sections).

    With `operations=False` the nav lists tag pages only; each tag page links its operations.
    """
    items: list[NavItem] = [layout.overview_uri]
    if operations or not layout.groups:
        items.extend(_page_entries([page for page in layout.pages if page.group_key is None]))
    for section in layout.sections:
        group_items = [_group_nav(layout, key, operations) for key in section.group_keys]
        if section.title:
            items.append({nav_title(section.title): group_items})
        else:
            items.extend(group_items)
    return items


def _group_nav(layout: Layout, key: str, operations: bool) -> NavItem:
    group = layout.group(key)
    nested = [_group_nav(layout, child, operations) for child in group.children]
    if not operations and not nested:
        return {nav_title(group.title): group.src_uri}
    pages = _page_entries(group.operations) if operations else []
    return {nav_title(group.title): [group.src_uri] + pages + nested}


def _page_entries(pages: list[OperationPage]) -> list[NavItem]:
    titles = operation_nav_titles(pages)
    return [{nav_title(title): page.src_uri} for title, page in zip(titles, pages, strict=True)]


def operation_nav_titles(pages: list[OperationPage]) -> list[str]:
    """The nav titles of one nav list: each summary shortened, and titles that come out the
    same told apart by their path (or method and path, when the paths are the same too)."""
    titles = [shorten(page.operation.title) for page in pages]
    for title in set(titles):
        same = [i for i, t in enumerate(titles) if t == title]
        if len(same) < 2:
            continue
        by_path = len({pages[i].operation.path for i in same}) == len(same)
        for i in same:
            op = pages[i].operation
            titles[i] = f"{title} ({op.path if by_path else f'{op.method.upper()} {op.path}'})"
    return titles


def shorten(text: str, width: int = NAV_TITLE_WIDTH) -> str:
    """`text` on one line, cut after a whole word to at most `width` characters with an
    ellipsis (mid-word only when its first word alone is longer)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if text[width - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.-") + "…"


def nav_title(text: str) -> str:
    """A title from the spec as MkDocs themes need it: they insert nav titles as HTML."""
    return html.escape(text, quote=False)


def insert_reference_nav(
    user_nav: list[NavItem] | None,
    other_pages: list[str],
    reference: list[NavItem],
    prefix: str,
    title: str,
) -> list[NavItem]:
    """The site nav with the reference in it.

    With no user nav, the other pages keep MkDocs' automatic layout and the reference is
    appended. With one, an entry pointing at the prefix (`- API: api/`) is replaced by the
    reference (keeping its title); otherwise the reference is appended under `title`.
    """
    if user_nav is None:
        from mkdocs.utils import nest_paths

        return list(nest_paths(other_pages)) + [{title: reference}]
    targets = {prefix.strip("/"), prefix.strip("/") + "/", prefix.strip("/") + "/index.md"}
    new_nav, replaced = _replace_entry(user_nav, targets, reference, title)
    return new_nav if replaced else list(user_nav) + [{title: reference}]


def _replace_entry(nav: list[NavItem], targets: set[str], reference, title) -> tuple[list, bool]:
    result, replaced = [], False
    for item in nav:
        if not replaced and isinstance(item, str) and item.lstrip("/") in targets:
            result.append({title: reference})
            replaced = True
        elif not replaced and isinstance(item, dict) and len(item) == 1:
            ((key, value),) = item.items()
            if isinstance(value, str) and value.lstrip("/") in targets:
                result.append({key: reference})
                replaced = True
            elif isinstance(value, list):
                children, replaced = _replace_entry(value, targets, reference, title)
                result.append({key: children})
            else:
                result.append(item)
        else:
            result.append(item)
    return result, replaced
