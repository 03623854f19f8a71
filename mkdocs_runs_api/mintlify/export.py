"""`export-mintlify`: write the `.mdx` pages and docs.json entries a Mintlify site lacks.

Existing pages are found by their `openapi` front matter, whatever their file name, and are
never touched: only operations with no page get one, named from their summary, in the folder
where their tag's pages already live, and added to the nav group their tag's pages sit in (else
a new group, placed in spec tag order). A second run finds nothing to do.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SpecError
from ..layout.slugs import SlugAllocator, slugify
from ..model import SharedWork, build_api_model, build_details
from ..model.types import ApiModel, Operation
from ..spec.input import read_spec
from ..spec.limits import LoadOptions
from .docs_json import DocsJsonText
from .mdx import render_full_page, render_stub_page
from .read import iter_pages, nav_page_entries, openapi_pages, page_id


@dataclass
class NewPage:
    operation: Operation
    page_id: str
    """`management/runs/list-project-runs` (the file is that plus `.mdx`)."""
    content: str
    tag: str


@dataclass
class ExportPlan:
    docs: Path
    pages: list[NewPage] = field(default_factory=list)
    nav_changes: list[str] = field(default_factory=list)
    """One line per docs.json change, for people."""
    docs_json_text: str | None = None
    """The new docs.json text, or None when it does not change."""

    @property
    def changes(self) -> bool:
        return bool(self.pages or self.docs_json_text is not None)

    def describe(self) -> list[str]:
        lines = [f"create {p.page_id}.mdx ({p.operation.key})" for p in self.pages]
        return lines + [f"docs.json: {change}" for change in self.nav_changes]


def plan_export(
    spec: Path, docs: Path, *, folder: str | None = None, group_by: str = "tag", mode: str = "stub"
) -> ExportPlan:
    """What `export-mintlify` would write; nothing is written here."""
    docs_json_path = docs / "docs.json"
    if not docs_json_path.is_file():
        raise SpecError("no docs.json here: not a Mintlify docs tree", file=str(docs))
    options = LoadOptions(ref_roots=(docs.resolve(), spec.resolve().parent))
    bundle = read_spec(spec, options).bundle
    api = build_api_model(bundle)
    name = spec.stem
    documented = _documented(docs, name)
    plan = ExportPlan(docs)
    operations = [op for op in api.operations if not op.hidden]
    tag_order = _tag_order(api, operations)
    tag_of = {op.key: (op.tags[0] if op.tags and group_by == "tag" else "") for op in operations}
    pages_by_tag: dict[str, list[str]] = defaultdict(list)
    for op in operations:
        pages_by_tag[tag_of[op.key]] += documented.get(op.key, [])
    taken = {page_id(p, docs) for p in iter_pages(docs)}
    allocators: dict[str, SlugAllocator] = {}
    shared: SharedWork | None = None
    for op in operations:
        if op.key in documented:
            continue
        tag = tag_of[op.key]
        target = folder or _folder_for(tag, pages_by_tag, documented)
        allocator = allocators.setdefault(target, _allocator(taken, target))
        slug = allocator.allocate(
            op.summary or op.operation_id or "", fallback=slugify(f"{op.method} {op.path}")
        )
        new_id = posixpath.join(target, slug) if target else slug
        if mode == "full":
            shared = shared or SharedWork.for_bundle(bundle)
            content = render_full_page(api, build_details(op, shared), name)
        else:
            content = render_stub_page(api, op, name)
        plan.pages.append(NewPage(op, new_id, content, tag))
    if plan.pages:
        _plan_nav(plan, docs_json_path, api, tag_order, pages_by_tag)
    return plan


def apply_export(plan: ExportPlan) -> None:
    """Write the planned pages (never over an existing file) and docs.json."""
    for page in plan.pages:
        path = plan.docs / f"{page.page_id}.mdx"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(page.content)
    if plan.docs_json_text is not None:
        (plan.docs / "docs.json").write_text(plan.docs_json_text, encoding="utf-8")


def _documented(docs: Path, name: str) -> dict[str, list[str]]:
    """Operation key -> page ids of pages (of this spec) that document it."""
    result: dict[str, list[str]] = defaultdict(list)
    for ref in openapi_pages(docs):
        if ref.spec is None or Path(ref.spec.lstrip("/")).stem == name:
            result[ref.key].append(page_id(ref.file, docs))
    return result


def _tag_order(api: ApiModel, operations: list[Operation]) -> list[str]:
    used = list(dict.fromkeys(op.tags[0] if op.tags else "" for op in operations))
    declared = [t.name for t in api.tags if t.name in used]
    return declared + [t for t in used if t not in declared]


def _folder_for(tag: str, pages_by_tag: dict[str, list[str]], documented) -> str:
    """Where the tag's pages live; else beside the other tags' folders; else `api-reference`."""
    if pages_by_tag.get(tag):
        return posixpath.dirname(pages_by_tag[tag][0])
    folders = [posixpath.dirname(p) for pages in documented.values() for p in pages]
    parents = {posixpath.dirname(f) for f in folders if f}
    base = parents.pop() if len(parents) == 1 else "api-reference"
    return posixpath.join(base, slugify(tag) or "endpoints")


def _allocator(taken: set[str], folder: str) -> SlugAllocator:
    allocator = SlugAllocator()
    prefix = f"{folder}/" if folder else ""
    for existing in taken:
        if existing.startswith(prefix) and "/" not in existing[len(prefix) :]:
            allocator.reserve(existing[len(prefix) :])
    return allocator


def _plan_nav(
    plan: ExportPlan,
    path: Path,
    api: ApiModel,
    tag_order: list[str],
    pages_by_tag: dict[str, list[str]],
) -> None:
    original = path.read_text(encoding="utf-8")
    docs_json = DocsJsonText(original, str(path))
    where = {entry: parts for entry, parts in nav_page_entries(docs_json.data)}
    new_groups: dict[str, tuple[str, ...]] = {}
    for page in plan.pages:
        group_parts = _group_of(page.tag, pages_by_tag, where) or new_groups.get(page.tag)
        if group_parts is None:
            group_parts = _add_group(docs_json, plan, api, page.tag, tag_order, pages_by_tag, where)
            new_groups[page.tag] = group_parts
        pages = docs_json.get(group_parts + ("pages",))
        siblings = [i for i, entry in enumerate(pages) if entry in pages_by_tag[page.tag]]
        index = siblings[-1] + 1 if siblings else len(pages)
        docs_json.insert(group_parts + ("pages",), index, page.page_id)
        pages_by_tag[page.tag].append(page.page_id)
        where = {entry: parts for entry, parts in nav_page_entries(docs_json.data)}
        group = docs_json.get(group_parts).get("group", "")
        plan.nav_changes.append(f"add {page.page_id} to group {group!r}")
    plan.docs_json_text = docs_json.text if docs_json.text != original else None


def _group_of(tag: str, pages_by_tag, where) -> tuple[str, ...] | None:
    """The nav group (pointer parts of its object) holding a page of this tag."""
    for existing in pages_by_tag.get(tag, []):
        if existing in where:
            return where[existing][:-2]
    return None


def _add_group(
    docs_json: DocsJsonText,
    plan: ExportPlan,
    api: ApiModel,
    tag: str,
    tag_order: list[str],
    pages_by_tag,
    where,
) -> tuple[str, ...]:
    """A new group for `tag` beside this spec's other groups, in spec tag order."""
    groups_of_tags = {t: _group_of(t, pages_by_tag, where) for t in tag_order}
    located = {t: g for t, g in groups_of_tags.items() if g is not None}
    if located:
        sample = next(iter(located.values()))
        container, _ = sample[:-1], int(sample[-1])
    else:
        container = _first_groups_list(docs_json.data)
    position = tag_order.index(tag)
    before = [
        int(g[-1])
        for t, g in located.items()
        if tag_order.index(t) < position and g[:-1] == container
    ]
    after = [
        int(g[-1])
        for t, g in located.items()
        if tag_order.index(t) > position and g[:-1] == container
    ]
    siblings = docs_json.get(container)
    index = max(before) + 1 if before else (min(after) if after else len(siblings))
    title = _group_title(api, tag, [docs_json.get(g).get("group", "") for g in located.values()])
    docs_json.insert(container, index, {"group": title, "pages": []})
    plan.nav_changes.append(f"new group {title!r}")
    return container + (str(index),)


def _first_groups_list(data) -> tuple[str, ...]:
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


def _group_title(api: ApiModel, tag: str, sibling_titles: list[str]) -> str:
    """The tag's display name, humanized; with " API" when every sibling group says so."""
    name = api.tag(tag).display_name if tag else api.title
    if name == name.lower():
        name = name.replace("-", " ").replace("_", " ").capitalize()
    if sibling_titles and all(t.endswith(" API") for t in sibling_titles):
        name += " API"
    return name


__all__ = ["plan_export", "apply_export", "ExportPlan"]
