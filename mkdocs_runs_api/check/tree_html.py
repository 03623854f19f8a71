"""Read a rendered schema tree back: the HTML of `render.schema_tree` as nested `ShownNode`s.

Only what a reader sees is kept: each property's (or variant's) name, type label, component
name, badges, "see" link, facts (one per paragraph, with the text of its `<code>` values), and
what is nested inside it; for an array, what it shows of its items (their description, their
facts: those that start with `Items: `). Descriptions are skipped whole, whatever HTML they hold.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as python_markdown

ROOT_ANCHORS = re.compile(r'(?:<a id="[^"]+"></a>)+')
ANCHOR_ID = re.compile(r'<a id="([^"]+)"></a>')
ITEMS_FACT = "Items: "
"""How a fact of an array's items starts (`Items: Default: x`)."""
VOID_TAGS = frozenset({"br", "img", "hr", "input", "wbr", "source", "meta", "link", "area"})


@dataclass
class Fact:
    """One fact paragraph: `Constraints: maxItems: 10, ...`."""

    text: str = ""
    codes: list[str] = field(default_factory=list)
    """The text of each `<code>` in it (a value: `maxItems: 10`, an enum member)."""
    links: list[str] = field(default_factory=list)
    """The id each link in it leads to (`allOf Node: ↻ recursive, see Node`)."""


@dataclass
class ShownNode:
    """A property, a variant or a tree's root, as the page shows it."""

    name: str = ""
    id: str = ""
    type: str = ""
    ref: str = ""
    """The component name shown before the type (`<span class="runs-api-ref">`, or bold)."""
    badges: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    """Its other ids: those of an array component's items components, expanded here too."""
    see_name: str = ""
    see_anchor: str = ""
    """Set when the node links to where its component is shown instead of repeating it."""
    see_items: bool = False
    """The link is an array's items', not the node's own (the array itself is shown here)."""
    described: bool = False
    """It has a description (its text is not compared)."""
    facts: list[Fact] = field(default_factory=list)
    items: ShownNode | None = None
    """What an array's node shows of its items: their description and facts."""
    children: list[ShownNode] = field(default_factory=list)
    variant_kinds: list[str] = field(default_factory=list)
    variants: list[ShownNode] = field(default_factory=list)

    def codes(self, label: str) -> list[str]:
        """The values of the facts that start with `label` (`Constraints`, `Default`...)."""
        return [c for fact in self.facts if fact.text.startswith(label) for c in fact.codes]

    def item_levels(self, count: int) -> list[ShownNode]:
        """The node, its items, their items...: `count` levels (empty ones where it shows
        nothing of them)."""
        levels = [self]
        while len(levels) < count:
            levels.append(levels[-1].items or ShownNode())
        return levels


ROLES = {
    "runs-api-prop": "prop",
    "runs-api-variant": "variant",
    "runs-api-variants": "variants",
    "runs-api-prop__description": "description",
    "runs-api-prop__facts": "facts",
    "runs-api-type": "type",
    "runs-api-ref": "ref",
    "runs-api-badge": "badge",
    "runs-api-see": "see",
    "runs-api-variant__name": "variant-name",
}
ITEMS_DESCRIPTION = "runs-api-prop__description--items"
SEE_ITEMS = "runs-api-see--items"


class _TreeParser(HTMLParser):
    def __init__(self, root: ShownNode) -> None:
        super().__init__(convert_charrefs=True)
        self.root = root
        self.stack: list[tuple[str, str, ShownNode | None]] = []
        """Open elements: tag, role, and the node they open (props and variants)."""

    def _node(self) -> ShownNode:
        return next((n for _, _, n in reversed(self.stack) if n is not None), self.root)

    def _roles(self) -> set[str]:
        return {role for _, role, _ in self.stack}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        role = next((ROLES[c] for c in classes if c in ROLES), "")
        if "description" in self._roles():
            role = ""  # a description's own HTML says nothing about the tree
        node = None
        parent = self._node()
        if role == "prop":
            node = ShownNode(name=found.get("data-property") or "", id=found.get("id") or "")
            parent.children.append(node)
        elif role == "variant":
            node = ShownNode(id=found.get("id") or "")
            parent.variants.append(node)
        elif role == "variants":
            parent.variant_kinds.append(found.get("data-variants") or "")
        elif role == "description":
            (_items_of(parent) if ITEMS_DESCRIPTION in classes else parent).described = True
        elif role == "see":
            parent.see_items = SEE_ITEMS in classes
        elif tag == "p" and "facts" in self._roles():
            parent.facts.append(Fact())
        elif tag == "code" and "facts" in self._roles() and parent.facts:
            parent.facts[-1].codes.append("")
        elif tag == "a" and "facts" in self._roles() and parent.facts:
            parent.facts[-1].links.append((found.get("href") or "").removeprefix("#"))
        elif tag == "a" and "see" in self._roles():
            parent.see_anchor = (found.get("href") or "").removeprefix("#")
        elif tag == "a" and found.get("id") and "description" not in self._roles():
            parent.anchors.append(found.get("id") or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, role, node))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        roles = self._roles()
        if "description" in roles:
            return
        node = self._node()
        innermost = next((role for _, role, _ in reversed(self.stack) if role), "")
        if innermost == "type":
            node.type += data
        elif innermost == "ref":
            node.ref += data
        elif innermost == "badge":
            node.badges.append(data.strip())
        elif innermost == "variant-name":
            node.name += data
        elif innermost == "see" and self.stack[-1][0] == "a":
            node.see_name += data
        elif innermost == "facts" and node.facts:
            node.facts[-1].text += data
            if self.stack[-1][0] == "code" and node.facts[-1].codes:
                node.facts[-1].codes[-1] += data


def parse_tree(html: str, root: ShownNode | None = None) -> ShownNode:
    """The properties and variants of a `<section class="runs-api-tree">`, under `root`."""
    root = root or ShownNode()
    parser = _TreeParser(root)
    parser.feed(html)
    parser.close()
    for node in walk(root):
        node.ref, node.type, node.see_name = (
            node.ref.strip(),
            node.type.strip(),
            node.see_name.strip(),
        )
        _items_facts(node)
    for node in root.variants + [v for n in walk(root) for v in n.variants]:
        node.name = node.name.strip()  # a label's text (a property's name is its attribute)
    return root


def _items_of(node: ShownNode) -> ShownNode:
    if node.items is None:
        node.items = ShownNode()
    return node.items


def _items_facts(node: ShownNode) -> None:
    """Move the facts of an array's items (`Items: ...`) to its `items`, and theirs to theirs."""
    while any(fact.text.startswith(ITEMS_FACT) for fact in node.facts):
        items = _items_of(node)
        for fact in node.facts:
            if fact.text.startswith(ITEMS_FACT):
                items.facts.append(Fact(fact.text.removeprefix(ITEMS_FACT), fact.codes, fact.links))
        node.facts = [fact for fact in node.facts if not fact.text.startswith(ITEMS_FACT)]
        node = items


def parse_root_line(line: str) -> ShownNode:
    """A tree root's line, as `partials/schema.md.jinja` writes it in Markdown: its anchors,
    its component name in bold, its type, a "see" link (its items': a root is never a link
    itself), then its facts, each after a `<br>`."""
    html = python_markdown.markdown(line)
    anchors = ROOT_ANCHORS.match(line.removeprefix("<p>"))
    ids = [html_lib.unescape(i) for i in ANCHOR_ID.findall(anchors.group(0))] if anchors else []
    root = ShownNode(id=ids[0] if ids else "", anchors=ids[1:])
    head, *facts = html.replace("<br />", "<br>").split("<br>")
    strong = head.find("<strong>")
    type_at = head.find("runs-api-type")
    see = ""
    if "(see " in head:
        head, see = head.split("(see ", 1)
    ref = head[strong : head.find("</strong>")] if -1 < strong < type_at else ""
    sections = [
        f'<span class="runs-api-ref">{ref.removeprefix("<strong>")}</span>',
        head[head.find("<span") :] if type_at > -1 else "",
        f'<span class="runs-api-see {SEE_ITEMS}">{see}</span>' if see else "",
    ]
    return _parse_head(root, sections, [fact.removesuffix("</p>") for fact in facts])


def parse_cell(type_html: str, facts: list[str]) -> ShownNode:
    """A table row's schema (a parameter's, a header's): the HTML of its type cell, and each
    fact of its description cell (`Default: <code>20</code>`)."""
    return _parse_head(ShownNode(), [f'<span class="runs-api-type">{type_html}</span>'], facts)


def _parse_head(node: ShownNode, sections: list[str], facts: list[str]) -> ShownNode:
    """`node` with its head line (`sections`: type, component, link) and `facts` read."""
    facts_html = "".join(f"<p>{fact}</p>" for fact in facts)
    parser = _TreeParser(node)
    parser.stack.append(("div", "prop", node))
    parser.feed("".join(sections) + f'<div class="runs-api-prop__facts">{facts_html}</div>')
    parser.close()
    node.ref, node.type, node.see_name = node.ref.strip(), node.type.strip(), node.see_name.strip()
    _items_facts(node)
    return node


def walk(node: ShownNode) -> Iterator[ShownNode]:
    """`node` and everything under it."""
    yield node
    for child in node.children + node.variants:
        yield from walk(child)
