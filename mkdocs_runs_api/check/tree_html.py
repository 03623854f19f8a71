"""Read a rendered schema tree back: the HTML of `render.schema_tree` as nested `ShownNode`s.

Only what a reader sees is kept: each property's (or variant's) name, type label, component
name, badges, "see" link, facts (one per paragraph, with the text of its `<code>` values), and
what is nested inside it. Descriptions are skipped whole, whatever HTML they hold.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as python_markdown

ROOT_ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
VOID_TAGS = frozenset({"br", "img", "hr", "input", "wbr", "source", "meta", "link", "area"})


@dataclass
class Fact:
    """One fact paragraph: `Constraints: maxItems: 10, ...`."""

    text: str = ""
    codes: list[str] = field(default_factory=list)
    """The text of each `<code>` in it (a value: `maxItems: 10`, an enum member)."""


@dataclass
class ShownNode:
    """A property, a variant or a tree's root, as the page shows it."""

    name: str = ""
    id: str = ""
    type: str = ""
    ref: str = ""
    """The component name shown before the type (`<span class="runs-api-ref">`, or bold)."""
    badges: list[str] = field(default_factory=list)
    see_name: str = ""
    see_anchor: str = ""
    """Set when the node links to where its component is shown instead of repeating it."""
    described: bool = False
    """It has a description (its text is not compared)."""
    facts: list[Fact] = field(default_factory=list)
    children: list[ShownNode] = field(default_factory=list)
    variant_kinds: list[str] = field(default_factory=list)
    variants: list[ShownNode] = field(default_factory=list)

    def codes(self, label: str) -> list[str]:
        """The values of the facts that start with `label` (`Constraints`, `Default`...)."""
        return [c for fact in self.facts if fact.text.startswith(label) for c in fact.codes]


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
            parent.described = True
        elif tag == "p" and "facts" in self._roles():
            parent.facts.append(Fact())
        elif tag == "code" and "facts" in self._roles() and parent.facts:
            parent.facts[-1].codes.append("")
        elif tag == "a" and "see" in self._roles():
            parent.see_anchor = (found.get("href") or "").removeprefix("#")
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
    for node in root.variants + [v for n in walk(root) for v in n.variants]:
        node.name = node.name.strip()  # a label's text (a property's name is its attribute)
    return root


def parse_root_line(line: str) -> ShownNode:
    """A tree root's line, as `partials/schema.md.jinja` writes it in Markdown: its component
    name in bold, its type, a "see" link, then its facts, each after a `<br>`."""
    html = python_markdown.markdown(line)
    anchor = ROOT_ANCHOR.match(line.removeprefix("<p>"))
    root = ShownNode(id=html_lib.unescape(anchor.group(1)) if anchor else "")
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
        f'<span class="runs-api-see">{see}</span>' if see else "",
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
    return node


def walk(node: ShownNode) -> Iterator[ShownNode]:
    """`node` and everything under it."""
    yield node
    for child in node.children + node.variants:
        yield from walk(child)
