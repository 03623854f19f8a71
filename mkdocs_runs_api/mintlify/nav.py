"""Where new pages go in docs.json: beside their tag's pages, or in a new group for the tag
placed next to the group of its nearest tag in spec order (the tag before it, else after it).

A new group is written whole, `pages` and all, so it takes the file's style in one insertion.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..errors import SpecError
from .docs_json import DocsJsonText
from .read import nav_page_entries

Parts = tuple[str, ...]


@dataclass
class NavRequest:
    """What the nav needs to know about the export: plain data."""

    new_pages: list[tuple[str, str]]
    """(page id, tag) of each new page, in spec order."""
    pages_by_tag: dict[str, list[str]]
    """Tag -> ids of the pages (of this spec) already in the tree."""
    tag_order: list[str]
    group_titles: dict[str, str]
    """Tag -> title for a new group of that tag."""


def plan_nav(docs_json: DocsJsonText, request: NavRequest) -> list[str]:
    """Insert the new pages into `docs_json`; one line per change, for people."""
    pages_by_tag = defaultdict(list, {t: list(p) for t, p in request.pages_by_tag.items()})
    changes = []
    homeless: dict[str, list[str]] = defaultdict(list)
    for page, tag in request.new_pages:
        group = _group_of(pages_by_tag[tag], _where(docs_json))
        if group is None:
            homeless[tag].append(page)
            continue
        pages = docs_json.get(group + ("pages",))
        siblings = [i for i, entry in enumerate(pages) if entry in pages_by_tag[tag]]
        docs_json.insert(group + ("pages",), siblings[-1] + 1 if siblings else len(pages), page)
        pages_by_tag[tag].append(page)
        changes.append(f"add {page} to group {docs_json.get(group).get('group', '')!r}")
    for tag, pages in homeless.items():
        title = request.group_titles[tag]
        container, index = _new_group_place(docs_json, tag, request.tag_order, pages_by_tag)
        docs_json.insert(container, index, {"group": title, "pages": pages})
        pages_by_tag[tag] += pages
        changes.append(f"new group {title!r} with {', '.join(pages)}")
    return changes


def _where(docs_json: DocsJsonText) -> dict[str, Parts]:
    return {entry: parts for entry, parts in nav_page_entries(docs_json.data)}


def _group_of(pages: list[str], where: dict[str, Parts]) -> Parts | None:
    """The nav group (pointer parts of its object) holding one of `pages`."""
    return next((where[p][:-2] for p in pages if p in where), None)


def _new_group_place(docs_json, tag: str, tag_order: list[str], pages_by_tag) -> tuple[Parts, int]:
    """(groups list, index) for a new group: after the nearest earlier tag's, else before the
    nearest later tag's, else at the end of the navigation's first groups list."""
    where = _where(docs_json)
    position = tag_order.index(tag)
    earlier = reversed(tag_order[:position])
    for neighbour in earlier:
        group = _group_of(pages_by_tag[neighbour], where)
        if group is not None:
            return group[:-1], int(group[-1]) + 1
    for neighbour in tag_order[position + 1 :]:
        group = _group_of(pages_by_tag[neighbour], where)
        if group is not None:
            return group[:-1], int(group[-1])
    container = _first_groups_list(docs_json.data)
    return container, len(docs_json.get(container))


def group_title(display_name: str, sibling_titles: list[str]) -> str:
    """The tag's display name, humanized; with " API" when every sibling group says so."""
    name = display_name
    if name == name.lower():
        name = name.replace("-", " ").replace("_", " ").capitalize()
    if sibling_titles and all(t.endswith(" API") for t in sibling_titles):
        name += " API"
    return name


def group_titles_of(docs_json: DocsJsonText, pages_by_tag: dict[str, list[str]]) -> list[str]:
    """Titles of the groups that hold this spec's pages."""
    where = _where(docs_json)
    groups = {_group_of(pages, where) for pages in pages_by_tag.values()} - {None}
    return [docs_json.get(g).get("group", "") for g in sorted(groups)]


def _first_groups_list(data) -> Parts:
    """The first `groups` list in the navigation (breadth first), or the navigation's own."""
    queue = [(data.get("navigation", {}), ("navigation",))]
    while queue:
        node, parts = queue.pop(0)
        if isinstance(node, dict):
            if isinstance(node.get("groups"), list):
                return parts + ("groups",)
            queue += [(v, parts + (k,)) for k, v in node.items() if isinstance(v, (dict, list))]
        elif isinstance(node, list):
            queue += [(v, parts + (str(i),)) for i, v in enumerate(node)]
    raise SpecError(
        "docs.json has no navigation groups to add pages to",
        file="docs.json",
        hint='Add "navigation": {"groups": []} and run again',
    )
