"""`export-mintlify`: write the `.mdx` pages and docs.json entries a Mintlify site lacks.

Existing pages are found by their `openapi` front matter, whatever their file name, and are
never touched: only operations with no page get one, named as the folder's pages are (`names`),
in the folder where their tag's pages already live, and added to the nav group their tag's pages
sit in, else a new group beside its neighbour tag's (`nav`). A second run finds nothing to do.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SpecError
from ..layout.slugs import RESERVED, slugify
from ..model import SharedWork, build_api_model, build_details
from ..model.types import ApiModel, Operation
from ..spec.input import read_spec
from ..spec.limits import LoadOptions
from . import names
from .docs_json import DocsJsonText
from .mdx import render_full_page, render_stub_page
from .nav import NavRequest, group_title, group_titles_of, plan_nav
from .read import iter_pages, openapi_pages, page_id


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
    spec: Path,
    docs: Path,
    *,
    folder: str | None = None,
    group_by: str = "tag",
    mode: str = "stub",
    copy_description: bool = False,
) -> ExportPlan:
    """What `export-mintlify` would write; nothing is written here.

    `copy_description` copies the operation's description into a stub page's front matter
    (Mintlify reads it from the spec, and a copy goes stale); full pages always have it.
    """
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
    tag_of = {op.key: (op.tags[0] if op.tags and group_by == "tag" else "") for op in operations}
    pages_by_tag: dict[str, list[str]] = defaultdict(list)
    for op in operations:
        pages_by_tag[tag_of[op.key]] += documented.get(op.key, [])
    missing = [op for op in operations if op.key not in documented]
    targets = {
        op.key: folder or _folder_for(tag_of[op.key], pages_by_tag, documented) for op in missing
    }
    taken = {page_id(p, docs) for p in iter_pages(docs)}
    ids = new_page_ids(operations, documented, targets, tag_of, taken)
    shared: SharedWork | None = None
    for op in missing:
        if mode == "full":
            shared = shared or SharedWork.for_bundle(bundle)
            content = render_full_page(api, build_details(op, shared), name)
        else:
            content = render_stub_page(api, op, name, description=copy_description)
        plan.pages.append(NewPage(op, ids[op.key], content, tag_of[op.key]))
    if plan.pages:
        _plan_nav(plan, docs_json_path, api, _tag_order(api, operations), pages_by_tag)
    return plan


def new_page_ids(
    operations: list[Operation],
    documented: dict[str, list[str]],
    targets: dict[str, str],
    tag_of: dict[str, str],
    taken: set[str],
) -> dict[str, str]:
    """Operation key -> new page id, short as the folder's own names are (see `names`).

    `documented`: operation key -> its existing page ids; `targets`: key -> folder of each new
    page; `taken`: every page id of the tree. Verbs and resource words are learned from
    `documented`.
    """
    words = {op.key: names.operation_words(op.operation_id, op.summary) for op in operations}
    taken = set(taken)
    verbs = names.learn_verbs(
        (words[key][0], posixpath.basename(page).split("-")[0])
        for key, pages in documented.items()
        if words.get(key)
        for page in pages
    )
    in_folder: dict[str, list[str]] = defaultdict(list)
    for key, pages in documented.items():
        for page in pages:
            in_folder[posixpath.dirname(page)].append(key)
    for key, target in targets.items():
        in_folder[target].append(key)
    summary = {op.key: op.summary or slugify(f"{op.method} {op.path}") for op in operations}
    ids = {}
    for key, target in targets.items():
        resource = names.resource_words(
            tag_of[key], [words[k] for k in in_folder[target] if k in words]
        )
        tried = names.name_candidates(words[key], resource, verbs) + [slugify(summary[key])]
        ids[key] = _free_id(target, tried, taken)
        taken.add(ids[key])
    return ids


def _free_id(folder: str, slugs: list[str], taken: set[str]) -> str:
    """The first of `slugs` not taken in `folder`, else the last one numbered (`-2`, `-3`...)."""
    join = (lambda slug: posixpath.join(folder, slug)) if folder else (lambda slug: slug)
    slugs = [s for s in slugs if s and s not in RESERVED] or ["endpoint"]
    for slug in slugs:
        if join(slug) not in taken:
            return join(slug)
    number = 2
    while join(f"{slugs[-1]}-{number}") in taken:
        number += 1
    return join(f"{slugs[-1]}-{number}")


def apply_export(plan: ExportPlan) -> None:
    """Write the planned pages (never over an existing file) and docs.json."""
    for page in plan.pages:
        path = plan.docs / f"{page.page_id}.mdx"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(page.content)
    if plan.docs_json_text is not None:
        (plan.docs / "docs.json").write_text(plan.docs_json_text, encoding="utf-8", newline="")


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


def _plan_nav(
    plan: ExportPlan,
    path: Path,
    api: ApiModel,
    tag_order: list[str],
    pages_by_tag: dict[str, list[str]],
) -> None:
    original = path.read_bytes().decode("utf-8")  # keeps CRLF line ends as they are
    docs_json = DocsJsonText(original, str(path))
    siblings = group_titles_of(docs_json, pages_by_tag)
    titles = {
        tag: group_title(api.tag(tag).display_name if tag else api.title, siblings)
        for tag in tag_order
    }
    request = NavRequest(
        [(page.page_id, page.tag) for page in plan.pages], pages_by_tag, tag_order, titles
    )
    plan.nav_changes = plan_nav(docs_json, request)
    plan.docs_json_text = docs_json.text if docs_json.text != original else None


__all__ = ["plan_export", "apply_export", "ExportPlan"]
