"""A `SchemaNode` tree as one raw HTML block: an element per property, its children inside it.

Each property is a `<div class="runs-api-prop" data-property="NAME">` (a public hook) holding
its head line (name, type, badges), its description (and an array's items', after `Items:`), its
facts (an array's items' start with `Items:`), and, for an object or an array of objects, its
properties in a `<details>` that is closed by default: the first level of a tree is
shown, deeper levels open on demand (no JavaScript needed; `runs-api.js` adds "Expand all").
`oneOf`/`anyOf` alternatives are `runs-api-variant` elements, each a full tree. Every property
and variant has an id built from its place (`property_ids`) and, after its name, a link to it
(`<a class="runs-api-prop__link">`, its mark drawn by `runs-api.css`).

Descriptions are converted to HTML here, by a `markdown.Markdown` with the site's own extensions
(`DescriptionHtml`), inside their own element: a list or a second paragraph in a description
can no longer swallow the properties after it, as it could in the nested Markdown list. The whole
tree is one raw HTML block, which Python-Markdown stores and passes through instead of parsing
nested lists (the costliest thing it did on big pages), and a description repeated on many pages
is converted once. In a `mkdocs build` the block is not even in the Markdown: the page gets a
marker, and the plugin puts the tree in after conversion (`deferred`). A component's subtree is
rendered once per build, as the model shares it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import markdown as python_markdown

from ..model.types import SchemaNode
from .markdown import REMEMBERED_TEXTS, HtmlMode, html_text, labelled, literal, md_block
from .property_ids import Place, element_id, inside, placed_children, root_place
from .schema_list import VARIANT_TITLES
from .schema_row_text import badges, schema_facts

SKIPPED_EXTENSIONS = {"toc", "markdown.extensions.toc"}
"""Site extensions not used for descriptions: headings in a description are not page sections
(and would get permalinks and ids that collide across properties)."""
PLURALS = {"item": "items", "property": "properties"}
Printer = Callable[[SchemaNode], str]
"""Prints a node: a site's `facts` macro, or its rows."""


class DescriptionHtml:
    """Spec Markdown as HTML, converted with the site's Markdown extensions, each text once."""

    def __init__(
        self, extensions: Iterable[Any], configs: dict[str, dict], html_mode: HtmlMode
    ) -> None:
        self._extensions = [e for e in extensions if e not in SKIPPED_EXTENSIONS]
        self._configs = {k: v for k, v in configs.items() if k in self._extensions}
        self._html_mode = html_mode
        self._converter: python_markdown.Markdown | None = None
        self._converted: dict[str, str] = {}

    def forget(self) -> None:
        """Drop the converted texts."""
        self._converted.clear()

    def __call__(self, text: str, label: str = "") -> str:
        """Untrusted spec text: its HTML as `html_mode` says (`markdown.HTML_MODES`); after a
        bold `label` if one is given."""
        markdown = md_block(text, self._html_mode)
        return self.trusted(labelled(markdown, label) if label else markdown)

    def trusted(self, text: str) -> str:
        """Markdown our templates wrote (spec parts in it already escaped)."""
        found = self._converted.get(text)
        if found is None:
            if len(self._converted) >= REMEMBERED_TEXTS:
                self._converted.clear()
            if self._converter is None:  # built at first use: forked workers build their own
                self._converter = python_markdown.Markdown(
                    extensions=self._extensions, extension_configs=self._configs
                )
            found = self._converted[text] = self._converter.reset().convert(text)
        return found


def schema_facts_html(node: SchemaNode) -> list[str]:
    """The facts of `schema_facts_text` as HTML, one string per fact."""
    return schema_facts(node, _code, html_text, _anchor_link)


def _code(value: Any) -> str:
    return f"<code>{html_text(literal(value))}</code>"


def _anchor_link(name: str, anchor: str) -> str:
    return f'<a href="#{anchor}">{html_text(name)}</a>'


class SchemaTreeHtml:
    """The properties and variants under a tree's root as one HTML block."""

    def __init__(
        self,
        describe: DescriptionHtml,
        site_templates: Callable[[], tuple[Printer | None, Printer | None]],
        searchable: bool = False,
        hold: Callable[[str], str] = str,
    ) -> None:
        self._describe = describe
        self._load_site_templates = site_templates
        """Gives what prints a site's own rows (the Markdown list of its `schema_row` macro)
        and its own `facts` macro, None for each it has not; looked up at first use."""
        self._site_rows: Printer | None = None
        self._site_facts: Printer | None = None
        self._loaded = False
        self._searchable = searchable
        self._hold = hold
        """Gives what the page's Markdown gets for a tree's HTML (`deferred`: a marker)."""
        self._rendered: dict[tuple[int, int, str], tuple[str, SchemaNode]] = {}
        """HTML under a component node, keyed by its shared child lists and its anchor, which
        its ids start with (the node is kept too, so those lists stay alive and their ids
        unique)."""

    def forget(self) -> None:
        """Drop the remembered subtrees and descriptions (at the end of a build)."""
        self._rendered.clear()
        self._describe.forget()
        if self._site_rows is not None:
            self._site_rows.forget()

    def __call__(self, root: SchemaNode) -> str:
        if not self._loaded:
            self._site_rows, self._site_facts = self._load_site_templates()
            self._loaded = True
        if self._site_rows is not None:
            return self._site_rows(root)
        if not root.children and not root.variants:
            return ""
        # A <section>, not a <div>: Material's search stops excluding at the first end tag
        # of the excluded element's tag name (it compares elements by tag), and a tree is
        # made of divs; nothing in it writes a section.
        search = "" if self._searchable else " data-search-exclude"
        under = self._under(root, root_place(root))
        tree = f'<section class="runs-api-tree"{search}>\n{under}</section>\n'
        return self._hold(tree)

    def _under(self, node: SchemaNode, place: Place) -> str:
        """The properties and variants under `node`, which is at `place`."""
        if node.anchor is None:  # not a component: its subtree is not shared
            return self._render_under(node, place)
        key = (id(node.children), id(node.variants) if node.variants else 0, node.anchor)
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = (self._render_under(node, inside(node, place)), node)
        return found[0]

    def _render_under(self, node: SchemaNode, place: Place) -> str:
        children, variants = placed_children(node, place)
        parts = [self._property(child, at) for child, at in children]
        if node.variants:
            kind = node.variant_kind or "oneOf"
            parts.append(
                f'<div class="runs-api-variants" data-variants="{kind}">\n'
                f'<div class="runs-api-variants__title">{VARIANT_TITLES.get(kind, "One of")}:'
                "</div>\n"
            )
            parts += [self._variant(variant, at) for variant, at in variants]
            parts.append("</div>\n")
        return "".join(parts)

    def _property(self, node: SchemaNode, place: Place) -> str:
        name = html_text(node.name)
        own_id = element_id(node, place)
        head = f'<code class="runs-api-prop__name">{name}</code>{_link(own_id)}'
        return (
            f'<div class="runs-api-prop" data-property="{name}" id="{own_id}">\n'
            f"{self._head(node, head)}{self._nested(node, place)}</div>\n"
        )

    def _variant(self, node: SchemaNode, place: Place) -> str:
        own_id = element_id(node, place)
        name = html_text(node.name)
        head = f'<strong class="runs-api-variant__name">{name}</strong>{_link(own_id)}'
        tree = ""
        if node.children or node.variants:
            tree = f'<div class="runs-api-props">\n{self._under(node, place)}</div>\n'
        return (
            f'<div class="runs-api-variant" id="{own_id}">\n{self._head(node, head)}{tree}</div>\n'
        )

    def _head(self, node: SchemaNode, name: str) -> str:
        """The head line, the description and the facts of a property or a variant (and the
        anchors of its items' components, when they are not its own)."""
        anchors = "".join(f'<a id="{anchor}"></a>' for anchor in node.head_anchors)
        parts = [f'<div class="runs-api-prop__head">{anchors}{name}', _badges(node), "</div>\n"]
        if node.description:
            html = self._describe(node.description)
            parts.append(f'<div class="runs-api-prop__description">\n{html}\n</div>\n')
        if node.items is not None and node.items.description:
            html = self._describe(node.items.description, "Items:")
            parts.append(
                '<div class="runs-api-prop__description runs-api-prop__description--items">\n'
                f"{html}\n</div>\n"
            )
        if self._site_facts is not None:
            facts = self._site_facts(node).removeprefix("<br>")
            facts = [self._describe.trusted(facts)] if facts.strip() else []
        else:
            facts = [f"<p>{fact}</p>" for fact in schema_facts_html(node)]
        if facts:
            parts.append(f'<div class="runs-api-prop__facts">{"".join(facts)}</div>\n')
        return "".join(parts)

    def _nested(self, node: SchemaNode, place: Place) -> str:
        """The properties/variants under a property, collapsed."""
        if not node.children and not node.variants:
            return ""
        count = len(node.children)
        noun = "item" if node.children and node.children[0].name.startswith("[") else "property"
        label = f"{count} {noun if count == 1 else PLURALS[noun]}" if count else ""
        if node.variants:
            variants = f"{len(node.variants)} variants"
            label = f"{label}, {variants}" if label else variants
        return (
            f'<details class="runs-api-nested"><summary>{label}</summary>\n'
            f"{self._under(node, place)}</details>\n"
        )


def _component(node: SchemaNode) -> str:
    """The name of the component a node expands, unless its type, its label or its link back
    says it already (`array of Run`, a variant named `Run`, "see Run")."""
    name, label = node.ref_name, node.name or ""
    if not name or name in node.type or node.see_anchor or label == name:
        return ""
    if label.endswith(f": {name}"):  # a variant labelled with its discriminator value
        return ""
    return f' <span class="runs-api-ref">{html_text(name)}</span> ·'


def _link(own_id: str) -> str:
    """The link to a property (its mark is CSS: no text for search or copying to pick up)."""
    return f' <a class="runs-api-prop__link" href="#{own_id}" title="Permanent link"></a>'


def _badges(node: SchemaNode) -> str:
    parts = [_component(node), f' <span class="runs-api-type">{html_text(node.type)}</span>']
    parts.append(badges(node, nullable=True))
    link = node.link
    if link is not None:
        recursive = "↻ recursive, " if link.recursive else ""
        kind = "runs-api-see" if link is node else "runs-api-see runs-api-see--items"
        parts.append(
            f' <span class="{kind}">{recursive}see '
            f'<a href="#{link.see_anchor}">{html_text(link.ref_name)}</a></span>'
        )
    return "".join(parts)
