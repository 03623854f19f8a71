"""Where every page goes: groups (by tag, by path, or none) and stable, unique URLs.

Operations are grouped in the order of the spec's `tags` list, then in order of appearance;
`x-tagGroups` sections group the tag groups; a 3.2 tag's `parent` nests its group in its
parent's (`tag_tree`), and only `nav` tags (or tags with no `kind`) are groups. Plain data
only: `nav` and `render` read it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from ..model.types import ApiModel, Operation
from .slugs import SlugAllocator, slugify
from .tag_tree import is_nav_tag, nest_groups, tag_parents

UNTAGGED = "Other"
WEBHOOKS = "\0webhooks"
"""The group key of webhooks (a name no tag can have)."""
PATH_PREFIXES = {"api", "apis", "rest"}
"""Leading path segments that say where an API is mounted, not what a path is about."""
VERSION_SEGMENT = re.compile(
    r"v\d+([._-]?\d+)*([._-]?(alpha|beta|rc|preview)\d*)?"  # v1, v2.1, v1beta1, v2-preview
    r"|\d+(\.\d+)*"  # 1, 2.0, 1.1
    r"|\d{4}-\d{2}-\d{2}",  # 2020-01-01 (date-versioned APIs)
    re.IGNORECASE,
)


@dataclass
class OperationPage:
    operation: Operation
    src_uri: str
    group_key: str | None


@dataclass
class GroupPage:
    """A tag (or path segment) with its own index page listing its operations."""

    key: str
    title: str
    description: str
    src_uri: str
    operations: list[OperationPage] = field(default_factory=list)
    """Pages that live in this group's folder."""
    also_listed: list[OperationPage] = field(default_factory=list)
    """Operations tagged with this group but living under their first tag."""
    children: list[str] = field(default_factory=list)
    """Keys of the groups nested in this one (3.2 tags whose `parent` it is), in nav order."""
    parent: str | None = None
    """The key of the group this one is nested in."""


@dataclass
class Section:
    """An `x-tagGroups` entry: a titled set of groups (title None: no section)."""

    title: str | None
    group_keys: list[str]


@dataclass
class Layout:
    prefix: str
    overview_uri: str
    groups: list[GroupPage]
    sections: list[Section]
    pages: list[OperationPage]
    """Operation pages in nav order."""

    def group(self, key: str) -> GroupPage:
        return next(g for g in self.groups if g.key == key)

    @property
    def changelog_uri(self) -> str:
        """Where the changelog page goes: `changelog.md` in the prefix, unless a page of the
        reference is there already."""
        taken = {
            self.overview_uri,
            *(g.src_uri for g in self.groups),
            *(p.src_uri for p in self.pages),
        }
        name, number = "changelog", 1
        while _join(self.prefix, f"{name}.md") in taken:
            name, number = f"api-changelog-{number}", number + 1
        return _join(self.prefix, f"{name}.md")


def plan_layout(api: ApiModel, operations: list[Operation], prefix: str, group_by: str) -> Layout:
    """Assign every operation a page and a group; `group_by` is `tag`, `path` or `none`."""
    prefix = prefix.strip("/")
    group_by = _effective_grouping(api, operations, group_by)
    keys = {id(op): _group_keys(api, op, group_by) for op in operations}
    for op in operations:
        if op.is_webhook:
            keys[id(op)] = [WEBHOOKS]
    order = _ordered_group_keys(api, operations, keys, group_by)
    parents = tag_parents(api) if group_by == "tag" else {}
    order, children = nest_groups(order, parents)
    if WEBHOOKS in order:
        order = [key for key in order if key != WEBHOOKS] + [WEBHOOKS]
    folder_slugs = SlugAllocator()
    groups = {key: _group_page(api, key, group_by, prefix, folder_slugs) for key in order}
    for key, group in groups.items():
        group.children, group.parent = children[key], parents.get(key)
    page_slugs: dict[str | None, SlugAllocator] = {}
    pages = []
    for operation in operations:
        op_keys = keys[id(operation)]
        home = op_keys[0] if op_keys else None
        folder = posixpath.dirname(groups[home].src_uri) if home is not None else prefix
        slug = page_slugs.setdefault(home, SlugAllocator()).allocate(
            operation.operation_id or "", fallback=slugify(f"{operation.method} {operation.path}")
        )
        page = OperationPage(operation, _join(folder, f"{slug}.md"), home)
        pages.append(page)
        for key in op_keys:
            target = groups[key].operations if key == home else groups[key].also_listed
            target.append(page)
    ordered_groups = [groups[key] for key in order]
    nav_pages = [p for g in ordered_groups for p in g.operations] + [
        p for p in pages if not p.group_key
    ]
    return Layout(
        prefix=prefix,
        overview_uri=_join(prefix, "index.md"),
        groups=ordered_groups,
        sections=_sections(api, [key for key in order if key not in parents])
        if group_by == "tag"
        else [Section(None, order)],
        pages=nav_pages,
    )


def _effective_grouping(api: ApiModel, operations: list[Operation], group_by: str) -> str:
    """`tag` for an API without (nav) tags means `path` (EC2: 1,188 operations would be one
    flat list), or `none` when the paths have only one first segment (one group is no
    grouping)."""
    requests = [op for op in operations if not op.is_webhook]
    if group_by != "tag" or any(_nav_tags(api, op) for op in requests):
        return group_by
    return "path" if len({path_group(op.path) for op in requests}) > 1 else "none"


def _group_page(api: ApiModel, key: str, group_by: str, prefix: str, slugs) -> GroupPage:
    if key == WEBHOOKS:
        title, description = "Webhooks", "Requests the API sends to your endpoints."
    elif group_by == "tag":
        title, description = api.tag(key).display_name, api.tag(key).description
    else:
        title, description = key, ""
    slug = slugs.allocate("webhooks" if key == WEBHOOKS else key, "group")
    return GroupPage(
        key=key, title=title, description=description, src_uri=_join(prefix, slug, "index.md")
    )


def relative_link(from_uri: str, to_uri: str) -> str:
    """A Markdown link target from one page's `src_uri` to another's."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _nav_tags(api: ApiModel, operation: Operation) -> list[str]:
    return [name for name in dict.fromkeys(operation.tags) if is_nav_tag(api, name)]


def _group_keys(api: ApiModel, operation: Operation, group_by: str) -> list[str]:
    if group_by == "tag":
        return _nav_tags(api, operation) or [UNTAGGED]
    if group_by == "path":
        return [path_group(operation.path)]
    return []


def path_group(path: str) -> str:
    """The first path segment that names a resource: `/api/v1/runs/{id}` -> `runs`.

    Mount points (`api`, `rest`), versions (`v1`, `2.0`, `2020-01-01`) and path parameters
    are skipped; a path made only of those is in the group `/`."""
    for segment in path.strip("/").split("/"):
        if not segment or "{" in segment or segment.lower() in PATH_PREFIXES:
            continue
        if not VERSION_SEGMENT.fullmatch(segment):
            return segment
    return "/"


def _ordered_group_keys(api: ApiModel, operations, keys, group_by: str) -> list[str]:
    used = list(dict.fromkeys(key for op in operations for key in keys[id(op)]))
    if group_by != "tag":
        return used
    declared = list(dict.fromkeys(tag.name for tag in api.tags if tag.name in used))  # once each
    rest = [key for key in used if key not in declared and key != UNTAGGED]
    return declared + rest + ([UNTAGGED] if UNTAGGED in used and UNTAGGED not in declared else [])


def _sections(api: ApiModel, order: list[str]) -> list[Section]:
    if not api.tag_groups:
        return [Section(None, order)]
    sections, placed = [], set()
    for tag_group in api.tag_groups:
        keys = [key for key in tag_group.tags if key in order and key not in placed]
        placed.update(keys)
        if keys:
            sections.append(Section(tag_group.name, keys))
    leftover = [key for key in order if key not in placed]
    if leftover:
        sections.append(Section(None, leftover))
    return sections


def _join(*parts: str) -> str:
    return posixpath.join(*[p for p in parts if p])
