"""Coverage (`--docs DIR`): does every operation have exactly one page, reachable from the nav?

DIR is a Mintlify tree (`docs.json` + pages whose front matter says
`openapi: "<spec-name> METHOD /path"`) or an MkDocs site whose `mkdocs.yml` uses this plugin,
once or more (each instance's generated pages count as documented).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from ..errors import SpecError
from ..json_text import shown
from ..mintlify.read import (
    PAGE_SUFFIXES,
    PageRef,
    nav_page_entries,
    openapi_pages,
    page_id,
    parse_openapi_value,
)
from ..spec.load import read_file
from ..spec.resolve import SpecBundle
from .registry import Hit, declare
from .walk import SpecWalk

declare("operation-undocumented", "error", "An operation has no page.", "coverage")
declare("operation-duplicate-pages", "warning", "Two pages document one operation.", "coverage")
declare(
    "page-not-in-nav", "warning", "An operation's page is not reachable from the nav.", "coverage"
)
declare(
    "page-unknown-operation", "error", "A page points at an operation the spec lacks.", "coverage"
)
declare("page-unknown-spec", "error", "A page names a spec file that does not exist.", "coverage")
declare(
    "nav-missing-page", "error", "A nav entry points at a page that does not exist.", "coverage"
)


def coverage_hits(bundles: list[SpecBundle], docs: Path, positions) -> list[tuple[Hit, str]]:
    if (docs / "docs.json").is_file():
        return MintlifyCoverage(bundles, docs, positions).hits()
    if (docs / "mkdocs.yml").is_file():
        return mkdocs_coverage(bundles, docs)
    raise SpecError(
        "not a docs tree: no docs.json (Mintlify) or mkdocs.yml (MkDocs)", file=str(docs)
    )


def spec_name(bundle: SpecBundle) -> str:
    return Path(bundle.root).stem


class MintlifyCoverage:
    def __init__(self, bundles: list[SpecBundle], docs: Path, positions) -> None:
        self.bundles = bundles
        self.docs = docs
        self.positions = positions
        self.config_file = str((docs / "docs.json").resolve())
        self.config, text = read_file(docs / "docs.json")
        positions.add_text(self.config_file, text, self.config)
        self.by_name = {spec_name(b): b for b in bundles}
        self.operations = {b.root: SpecWalk(b).operations for b in bundles}
        """Each spec's operations, walked once (every page reference is checked against them)."""
        self.found: list[tuple[Hit, str]] = []

    def hits(self) -> list[tuple[Hit, str]]:
        pages = self._pages()
        nav_pages, nav_refs = self._nav()
        documented: dict[tuple[str, str], list[PageRef]] = defaultdict(list)
        for ref in pages + nav_refs:
            bundle = self._bundle_for(ref)
            if bundle is not None:
                documented[(bundle.root, ref.key)].append(ref)
        for bundle in self.bundles:
            for op in self.operations[bundle.root]:
                if op.node.get("x-hidden") or op.node.get("x-excluded"):
                    continue
                refs = documented.get((bundle.root, op.key), [])
                if not refs:
                    self._add(
                        "operation-undocumented",
                        Hit(
                            op.file,
                            op.parts,
                            f"{op.key} has no page (no front matter "
                            f'`openapi: "{spec_name(bundle)} {op.key}"` and no nav entry)',
                            op.key,
                        ),
                    )
                page_refs = sorted(  # the page in the nav is the real one, the other the copy
                    (r for r in refs if r.file != self.config_file),
                    key=lambda r: page_id(r.file, self.docs) not in nav_pages,
                )
                for extra in page_refs[1:]:
                    self._add(
                        "operation-duplicate-pages",
                        Hit(
                            extra.file,
                            (),
                            f"{op.key} is also documented by "
                            f"{_relative(page_refs[0].file, self.docs)}",
                            op.key,
                            extra.line,
                        ),
                    )
                for ref in page_refs:
                    if page_id(ref.file, self.docs) not in nav_pages:
                        self._add(
                            "page-not-in-nav",
                            Hit(
                                ref.file,
                                (),
                                f"the page for {op.key} is not in docs.json's navigation",
                                op.key,
                                1,
                            ),
                        )
        return self.found

    def _add(self, rule: str, hit: Hit) -> None:
        self.found.append((hit, rule))

    def _bundle_for(self, ref: PageRef) -> SpecBundle | None:
        if ref.spec is None:
            bundle = self.bundles[0] if len(self.bundles) == 1 else None
        else:
            bundle = self.by_name.get(Path(ref.spec.lstrip("/")).stem)
        if bundle is None:
            if ref.spec and not self._spec_exists(ref.spec):
                self._add(
                    "page-unknown-spec",
                    Hit(
                        ref.file,
                        (),
                        f"spec {shown(ref.spec)} does not exist in the docs tree",
                        None,
                        ref.line,
                    ),
                )
            return None
        keys = {op.key for op in self.operations[bundle.root]}
        if ref.key not in keys:
            self._add(
                "page-unknown-operation",
                Hit(
                    ref.file,
                    (),
                    f"{ref.key} is not an operation of {spec_name(bundle)}",
                    ref.key,
                    ref.line,
                ),
            )
            return None
        return bundle

    def _spec_exists(self, name: str) -> bool:
        stem = Path(name.lstrip("/")).stem
        listed = (
            self.config.get("api", {}).get("openapi", [])
            if isinstance(self.config.get("api"), dict)
            else []
        )
        listed = [listed] if isinstance(listed, str) else listed
        return any(Path(str(item)).stem == stem for item in listed) or any(
            (self.docs / f"{stem}{suffix}").is_file() for suffix in (".yaml", ".yml", ".json")
        )

    def _pages(self) -> list[PageRef]:
        return openapi_pages(self.docs)

    def _nav(self) -> tuple[set[str], list[PageRef]]:
        """Page ids in the navigation, and nav entries that name an operation directly."""
        pages: set[str] = set()
        refs: list[PageRef] = []
        for entry, parts in nav_page_entries(self.config):
            self._nav_entry(entry, parts, pages, refs)
        return pages, refs

    def _nav_entry(self, entry: str, parts, pages: set[str], refs: list[PageRef]) -> None:
        parsed = parse_openapi_value(entry)
        if parsed:
            refs.append(PageRef(self.config_file, 0, *parsed))
            return
        page_id = entry.strip("/")
        pages.add(page_id)
        if not any((self.docs / f"{page_id}{suffix}").is_file() for suffix in PAGE_SUFFIXES):
            self._add(
                "nav-missing-page",
                Hit(
                    self.config_file, parts, f"nav entry {shown(entry)} has no {page_id}.mdx or .md"
                ),
            )


def _relative(file: str, docs: Path) -> str:
    return Path(file).relative_to(docs.resolve()).as_posix()


def mkdocs_coverage(bundles: list[SpecBundle], site: Path) -> list[tuple[Hit, str]]:
    """Operations of `bundles` that no runs-api plugin instance of the site gives a page: a
    site may have several instances, on several specs or on parts (tags) of one."""
    configs = _plugin_configs(site / "mkdocs.yml")
    found = []
    for bundle in bundles:
        mine = [c for c in configs if str((site / str(c.get("spec", ""))).resolve()) == bundle.root]
        walk_ops = SpecWalk(bundle).operations
        if not mine:
            found += [
                (
                    Hit(
                        op.file,
                        op.parts,
                        f"{op.key} has no page: {site}/mkdocs.yml "
                        "has no runs-api plugin for this spec",
                        op.key,
                    ),
                    "operation-undocumented",
                )
                for op in walk_ops
            ]
            continue
        locations = {op.key: op for op in walk_ops}
        for key, reason in _omitted_by_all(bundle, mine):
            op = locations[key]
            found.append(
                (
                    Hit(op.file, op.parts, f"{op.key} has no page: {reason}", op.key),
                    "operation-undocumented",
                )
            )
    return found


def _omitted_by_all(bundle: SpecBundle, configs: list[dict]) -> list[tuple[str, str]]:
    """`(operation key, reason)` of the operations that every one of `configs` (the instances
    on this spec) leaves out, with the first instance's reason; hidden ones are not counted."""
    from ..layout.select import Selection, select_operations
    from ..model import build_api_model

    try:
        api = build_api_model(bundle)
    except (SpecError, KeyError, TypeError, AttributeError):
        return []  # the lint rules report what is broken
    omitted_by: list[dict[str, str]] = []
    for config in configs:
        selection = Selection(
            include_tags=tuple(config.get("include_tags") or ()),
            exclude_tags=tuple(config.get("exclude_tags") or ()),
            exclude_operations=tuple(config.get("exclude_operations") or ()),
            show_hidden=bool(config.get("show_hidden")),
        )
        _, omitted = select_operations(api.operations, selection)
        omitted_by.append({operation.key: reason for operation, reason in omitted})
    first = omitted_by[0]
    return [
        (key, reason)
        for key, reason in first.items()
        if "x-hidden" not in reason and all(key in other for other in omitted_by[1:])
    ]


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use `!!python/name:` and `!ENV` tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_configs(path: Path) -> list[dict]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise SpecError(f"cannot read mkdocs.yml: {exc}", file=str(path)) from None
    configs = []
    for entry in (data or {}).get("plugins") or []:
        config = entry.get("runs-api") if isinstance(entry, dict) else None
        if isinstance(config, dict) and config.get("enabled", True) is not False:
            configs.append(config)
    return configs
