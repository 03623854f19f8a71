"""Nothing lost, keyword by keyword: compare each schema tree on the generated pages with the
spec, node by node.

For every media type schema of every request body and response (of `paths`, webhooks and
callbacks) the spec is walked raw (`schema_facets`, `$ref`s followed, cycles stopped) beside
the tree the page shows (`tree_html`, found by `page_blocks`). At each node: its properties,
required, nullable, readOnly, writeOnly, deprecated, type (`array of X`), format, the component
it names, enum values, const, default, every constraint keyword, `additionalProperties: false`
(or `unevaluatedProperties: false`), the discriminator (its property and mapping keys), and its
`oneOf`/`anyOf` variants (how many, each compared in turn); that a property or a variant whose
spec has a description shows one; and that keywords without a place of their own (`not`,
`contains`, `if`, `unevaluatedProperties` with a schema... `schema_facets.UNSHOWN`) are named in
a fact. An array's node shows its items too: their properties, variants, enum and constraints
as its own, their description and their other facts as its items' (`Items: ...`). A node that
links to where its component is shown ("see", "Same schema as"), or whose items do, is satisfied
when the link leads to a node of the page that shows that component, and what the use says
beside its `$ref` is shown. readOnly properties left out of requests and writeOnly ones left out
of responses are listed as `omitted`, not as misses.

The rest of each operation's page is compared by `extras`: its parameters' and response
headers' table rows (`parameter_facts`), and its examples (`example_facts`).
"""

from __future__ import annotations

import html as html_lib
import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build.pipeline import Reference
from ..render.markdown import md_inline
from ..spec.resolve import SpecBundle
from ..spec.walk import (
    OperationSite,
    http_method,
    item_operations,
    iter_operations,
    media_schema_key,
)
from .extras import ShownExtras, check_extras
from .misses import CompletenessReport, Miss, Where, format_misses
from .page_blocks import PageSchemas, page_schemas, site_page_schemas
from .schema_facets import Level, schema_levels
from .tree_html import ShownNode, parse_root_line, parse_tree, walk
from .variants import paired_variants

__all__ = ["CompletenessReport", "Miss", "check_completeness", "format_misses"]


def check_completeness(
    reference: Reference, site_dir: Path | None = None, *, trees: bool = True
) -> CompletenessReport:
    """Compare every operation page of `reference` with its spec: the generated Markdown, or
    with `site_dir`, the HTML that `mkdocs build` made of it there. Without `trees` the schema
    trees are not compared (a site's own row template writes them as Markdown lists, which this
    cannot read: `build_checks.unreadable_trees`), its parameters, headers and examples are."""
    report = CompletenessReport()
    pages = {p.operation_key: p for p in reference.pages if p.operation_key}
    bundle = reference.bundle
    for site in iter_operations(bundle):
        page = pages.get(site.key)
        if page is None:
            continue  # hidden or excluded: no page by design
        if site_dir is None:
            shown = _read_page(page_schemas(page.markdown, page.blocks))
            extras = ShownExtras.of_markdown(page.markdown, page.blocks)
        else:
            built = _built_page(site_dir, page.src_uri)
            if built is None:
                report.misses.append(Miss(site.key, page.src_uri, "page", "not in the site"))
                continue
            html = built.read_text(encoding="utf-8")
            shown = _read_page(site_page_schemas(html))
            extras = ShownExtras.of_html(html)
        for heading, operation in [("", site), *_callbacks(bundle, site)]:
            check = _Operation(bundle, report, shown, site.key)
            if trees:
                check.check(operation, heading)
            check_extras(check, extras, operation, heading)
    return report


def _built_page(site_dir: Path, src_uri: str) -> Path | None:
    """Where `mkdocs build` wrote the page of `src_uri` (with or without directory URLs)."""
    stem = src_uri.removesuffix(".md")
    for candidate in (site_dir / stem / "index.html", site_dir / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    return None


@dataclass
class _Page:
    """One page's media type blocks, their trees read back, and every node by its id."""

    schemas: PageSchemas
    roots: dict[int, ShownNode]
    """The root of each block's tree, by the block's `id()` (media types may share one)."""
    by_id: dict[str, ShownNode]


def _read_page(schemas: PageSchemas) -> _Page:
    page = _Page(schemas, {}, {})
    for block in schemas.blocks.values():
        if block.same_as or id(block) in page.roots:
            continue
        root = parse_root_line(block.root_line) if block.root_line else ShownNode()
        page.roots[id(block)] = parse_tree(block.tree, root)
        for node in walk(root):
            for shown_id in [node.id, *node.anchors] if node.id else node.anchors:
                page.by_id.setdefault(shown_id, node)
    return page


def _callbacks(bundle: SpecBundle, site: OperationSite) -> Iterator[tuple[str, OperationSite]]:
    """Each callback operation of `site`, with the heading its page shows it under."""
    callbacks, file, parts = bundle.deref_at(
        site.operation.get("callbacks"), site.file, (*site.parts, "callbacks")
    )
    for name, callback in callbacks.items() if isinstance(callbacks, dict) else ():
        callback, callback_file, callback_parts = bundle.deref_at(
            callback, file, (*parts, str(name))
        )
        for expression, item in callback.items() if isinstance(callback, dict) else ():
            item_parts = (*callback_parts, str(expression))
            for found in item_operations(
                bundle, "callbacks", str(expression), item, callback_file, item_parts
            ):
                yield f"{html_lib.unescape(md_inline(name))}: {http_method(found.method)}", found


class _Operation:
    """Compares the bodies and responses of one operation (or callback) with its page."""

    def __init__(
        self, bundle: SpecBundle, report: CompletenessReport, shown: _Page, page: str
    ) -> None:
        self.bundle = bundle
        self.report = report
        self.shown = shown
        self.page = page
        self.direction = "request"

    def check(self, site: OperationSite, callback: str) -> None:
        prefix = f"callback {callback}, " if callback else ""
        op = site.operation
        body, body_file, _ = self.bundle.deref(op.get("requestBody"), site.file)
        if isinstance(body, dict):
            self.direction = "request"
            self._content(body.get("content"), body_file, (callback, "request"), f"{prefix}request")
        responses = op.get("responses")
        self.direction = "response"
        for status, response in responses.items() if isinstance(responses, dict) else ():
            if str(status).startswith("x-"):
                continue
            response, file, _ = self.bundle.deref(response, site.file)
            if isinstance(response, dict):
                where = (callback, str(status))
                self._content(response.get("content"), file, where, f"{prefix}response {status}")

    def _content(self, content: Any, file: str, where: tuple[str, str], label: str) -> None:
        for name, media in content.items() if isinstance(content, dict) else ():
            media, media_file, _ = self.bundle.deref(media, file)
            if not isinstance(media, dict) or media.get(media_schema_key(media)) is None:
                continue
            place = f"{label} {name}"
            block = self.shown.schemas.blocks.get((*where, str(name)))
            if block is None:
                self._miss(place, "media type", str(name))
                continue
            if block.same_as:
                if block.same_as not in self.shown.schemas.ids:
                    self._miss(place, "same schema as", f"#{block.same_as}")
                continue
            self.report.places.append(f"{self.page}: {place}")
            root = self.shown.roots[id(block)]
            levels = schema_levels(self.bundle, [(media[media_schema_key(media)], media_file)])
            self._node(levels, root, Where(place), None)

    def _miss(self, where: Where | str, keyword: str, expected: Any) -> None:
        self.report.misses.append(Miss(self.page, str(where), keyword, str(expected)))

    miss = _miss

    def schema_facts(self, levels: list[Level], shown: ShownNode, where: Where) -> None:
        """A table row's schema (a parameter's, a header's): as a node of a tree is compared,
        but for its badges, children and variants, which a row does not show."""
        self.report.checked += 1
        own = shown.item_levels(len(levels))
        self._labels(levels, own, where)
        self._values(levels, own, where)

    def _node(self, levels: list[Level], shown: ShownNode, where: Where, required: bool | None):
        """Compare one node; `required` is None for a root or a variant (no badge)."""
        self.report.checked += 1
        if shown.see_anchor and not shown.see_items:
            self._link(levels, shown, shown, where, required)
            return
        if required is not None:
            self._badges(levels[0], shown, where, required)
        depth = _shown_depth(levels, shown)
        own = shown.item_levels(len(levels))
        if where.path:  # a root's description is Markdown outside the tree
            self._description(levels[: min(depth, 2)], own, where)
        self._labels(levels[:depth], own, where)
        self._values(levels[:depth], own, where)
        self._children(levels[:depth], shown, where)
        self._variants(levels[:depth], shown, where)
        if depth < len(levels):
            self._link(levels[depth:], shown, own[depth], where, None)

    def _link(
        self,
        levels: list[Level],
        shown: ShownNode,
        own: ShownNode,
        where: Where,
        required: bool | None,
    ):
        """A node that links to where its component is shown (or whose items do): the link
        must name it and lead somewhere on the page, and what the use itself says (its `$ref`
        siblings) is shown, on the node (`own`, the node or what it shows of its items)."""
        names = [name for level in levels for name in level.names[:1]]
        if names and shown.see_name not in names:
            self._miss(where, "$ref", names[0])
        target = self.shown.by_id.get(shown.see_anchor)
        if target is None:
            self._miss(where, "see", f"#{shown.see_anchor}")
        elif not _word(shown.see_name, " ".join((target.ref, target.type, target.name))):
            self._miss(where, "see", f"#{shown.see_anchor} showing {shown.see_name}")
        use = schema_levels(self.bundle, [(levels[0].at_use, "")])[0]
        if required is not None:
            self._badges(use, shown, where, required)
        if where.path:
            self._description([use], [own], where)

    def _description(self, levels: list[Level], own: list[ShownNode], where: Where) -> None:
        """A description in the spec gives the node one; its items' one of theirs."""
        for depth, level in enumerate(levels):
            if level.description and not own[depth].described:
                keyword = "items description" if depth else "description"
                self._miss(where, keyword, _short(level.description))

    def _badges(self, own: Level, shown: ShownNode, where: Where, required: bool) -> None:
        if required != ("required" in shown.badges):
            self._miss(where, "required", str(required).lower())
        for keyword, on, badge in (
            ("nullable", own.nullable, "nullable"),
            ("readOnly", own.read_only, "read-only"),
            ("writeOnly", own.write_only, "write-only"),
            ("deprecated", own.deprecated, "deprecated"),
        ):
            if on and badge not in shown.badges and not (badge == "nullable" and _null(shown)):
                self._miss(where, keyword, "true")

    def _labels(self, levels: list[Level], own: list[ShownNode], where: Where) -> None:
        """Type, format and component names: in the head line (or what `allOf` disagrees on);
        an item's type and format may be in what the array shows of its items, or of theirs:
        `Items: string (uuid)`, or `Items: array of integer` for an array of a named array."""
        shown = own[0]
        head = " ".join([shown.ref, shown.type, shown.name, *shown.codes("allOf parts disagree")])
        for depth, level in enumerate(levels):
            named = any(_word(name, head) for name in level.names)
            for name in level.names[:1]:
                if not _word(name, head):
                    self._miss(where, "$ref", name)
            said = " ".join(
                [head, *(fact.text for items in own[1 : depth + 1] for fact in items.facts)]
            )
            for kind in level.types:
                if not named and not _word(kind, said):
                    self._miss(where, "type", kind if not depth else f"items {kind}")
            for fmt in level.formats:
                if f"({fmt})" not in said and f'"{fmt}"' not in said:
                    self._miss(where, "format", fmt)
            if depth == 0 and level.nullable and not (_null(shown) or "nullable" in shown.badges):
                self._miss(where, "nullable", "true")

    def _values(self, levels: list[Level], own: list[ShownNode], where: Where) -> None:
        """Enum members, const, default and constraints: among the node's facts, or, for its
        items, among the facts it shows of them (their enum and constraints may be the array's:
        `items maxLength: 5`)."""
        constraints = [_flat(c) for c in own[0].codes("Constraints")]
        for depth, level in enumerate(levels):
            items = "items " * depth
            shown = own[depth]
            disagree = [_flat(c) for n in (own[0], shown) for c in n.codes("allOf parts disagree")]
            for keyword, label, values in (
                ("enum", "Allowed values", level.enum),
                ("const", "Constant", level.consts),
                ("default", "Default", level.defaults),
            ):
                codes = {_flat(c) for c in shown.codes(label)}
                if keyword == "enum":
                    codes |= {_flat(c) for c in own[0].codes(label)}
                for value in values:
                    if _flat(_literal(value)) not in codes and not _disagrees(
                        keyword, value, disagree
                    ):
                        self._miss(where, items + keyword, _literal(value))
            if level.closed and not any(
                fact.text.startswith("No other properties allowed") for fact in shown.facts
            ):
                self._miss(where, items + level.closed, "false")
            for keyword, value in level.others:
                label = "Must not be" if keyword == "not" else keyword
                if not any(label in fact.text for fact in shown.facts):
                    self._miss(where, items + keyword, _short(_literal(value)))
            chosen = {_flat(c) for c in shown.codes("Discriminator")}
            for name, keys in level.discriminators:
                for value in [name, *keys]:
                    if _flat(value) not in chosen:
                        self._miss(where, items + "discriminator", value)
            for keyword, value in level.constraints:
                text = _flat(f"{keyword}: {_literal(value)}")
                if not any(re.fullmatch(f"(items )*{re.escape(text)}", c) for c in constraints):
                    if not _disagrees(keyword, value, disagree):
                        self._miss(where, items + keyword, _literal(value))

    def _children(self, levels: list[Level], shown: ShownNode, where: Where) -> None:
        found: dict[str, ShownNode] = {}
        for child in shown.children:
            found.setdefault(child.name, child)
        linked = self._linked_back(shown, where)
        for level in levels:
            expected = [
                (name, uses, name in level.required) for name, uses in level.properties.items()
            ]
            expected += [(name, uses, False) for name, uses in level.extra_children.items()]
            for name, uses, required in expected:
                child_levels = schema_levels(self.bundle, uses)
                child = found.get(name)
                if child is not None:
                    self._node(child_levels, child, where.below(name), required)
                elif name in linked:
                    continue  # a circular `allOf` part's: shown where its link leads
                elif hidden := self._hidden(child_levels[0]):
                    self.report.omitted.append(
                        Miss(self.page, str(where.below(name)), hidden, "true")
                    )
                else:
                    self._miss(where, "property", name)

    def _linked_back(self, shown: ShownNode, where: Where) -> set[str]:
        """The properties shown where the node's circular `allOf` parts (or its items') link
        back to (`allOf Node: ↻ recursive, see Node`); a link that leads nowhere is a miss."""
        names: set[str] = set()
        node: ShownNode | None = shown
        while node is not None:
            for fact in node.facts:
                if not (fact.text.startswith("allOf ") and "recursive" in fact.text):
                    continue
                for anchor in fact.links:
                    target = self.shown.by_id.get(anchor)
                    if target is None:
                        self._miss(where, "see", f"#{anchor}")
                    else:
                        names.update(child.name for child in target.children)
            node = node.items
        return names

    def _variants(self, levels: list[Level], shown: ShownNode, where: Where) -> None:
        for at, variant_levels, variant in paired_variants(self, levels, shown, where):
            self._node(variant_levels, variant, at, None)

    def _hidden(self, level: Level) -> str:
        if self.direction == "request" and level.read_only:
            return "readOnly"
        if self.direction == "response" and level.write_only:
            return "writeOnly"
        return ""


def _shown_depth(levels: list[Level], shown: ShownNode) -> int:
    """How many of a use's levels its node shows: all, or, when it links to where its items'
    component is shown, those above the first level of that component."""
    if not shown.see_items:
        return len(levels)
    for depth in range(1, len(levels)):
        if shown.see_name in levels[depth].names[:1]:
            return depth
    return min(1, len(levels))  # not found: the link's check reports it


def _null(shown: ShownNode) -> bool:
    return _word("null", shown.type)


def _word(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _literal(value: Any) -> str:
    """A value as a page shows it: strings bare, everything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _short(text: str) -> str:
    return textwrap.shorten(text, 40, placeholder="...")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _disagrees(keyword: str, value: Any, disagree: list[str]) -> bool:
    """Whether `value` is named where the page says `allOf` parts disagree on `keyword`."""
    shown = _flat(json.dumps(value, ensure_ascii=False, default=str))
    return any(c.startswith(f"{keyword}: ") and shown in c for c in disagree)
