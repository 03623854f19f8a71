"""HTML blocks kept out of a page's Markdown, and put into the page's HTML after conversion.

A schema tree is HTML already (`schema_tree`). Written into the Markdown, it is parsed three
times for nothing: by MkDocs looking for anchor ids in raw HTML, by Python-Markdown storing raw
HTML blocks, and by the search plugin, which then skips it. In a `mkdocs build` the plugin asks
for it to be held back instead (`RenderOptions.defer_blocks`): the page's Markdown gets an empty
marker element, and `put_blocks` replaces the marker by the block in the converted HTML. A
marker is a line of its own, so it works anywhere Markdown puts a block: at the top level, in a
content tab, in a list item or an admonition (indented, it becomes a paragraph: `<p>` is
dropped with it). Markdown written for other tools (the CLI's `render`, `export-mintlify`) keeps
the blocks inline.

Code blocks can be held back too (`RenderOptions.defer_code`): a `CodeBlock` holds the fenced
block's Markdown, and the plugin converts it apart from the page, on another process
(`build.code_html`), then puts the HTML in like a tree's.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import NamedTuple

MARKER = '<div data-runs-api-block="{}"></div>'
MARKER_IN_HTML = re.compile(r'<div data-runs-api-block="(\d+)"></div>')
MARKER_IN_PARAGRAPH = re.compile(r'<p>(<div data-runs-api-block="\d+"></div>)</p>')
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


class CodeBlock(NamedTuple):
    """A fenced code block held out of the page's Markdown, as Markdown (`fence`): the site's
    own Markdown extensions make its HTML (`build.code_html`)."""

    markdown: str


Block = str | CodeBlock
"""A deferred block: a tree's HTML, or a code block still to convert."""


class DeferredBlocks:
    """Collects the blocks of the page being rendered, when `active`."""

    def __init__(self, active: bool) -> None:
        self.active = active
        self._blocks: list[Block] = []

    def hold(self, html: str) -> str:
        """What the page's Markdown gets for `html`: a marker when active, else `html`."""
        if not self.active or not html:
            return html
        return self._marker(html)

    def hold_code(self, fenced: str) -> str:
        """What the page's Markdown gets for a fenced code block: a marker when active."""
        if not self.active:
            return fenced
        return self._marker(CodeBlock(fenced)).rstrip("\n")  # as the fence: no line after

    def _marker(self, block: Block) -> str:
        self._blocks.append(block)
        return "\n" + MARKER.format(len(self._blocks) - 1) + "\n\n"  # a paragraph of its own

    def take(self) -> list[Block]:
        """The blocks held since the last `take`, in marker order."""
        blocks, self._blocks = self._blocks, []
        return blocks


def put_blocks(html: str, blocks: list) -> str:
    """`html` with each block in place of its marker (a marker without a block, or whose block
    is not HTML (`None`, a `CodeBlock` not converted yet), stays)."""
    if not blocks:
        return html

    def block(match: re.Match) -> str:
        index = int(match.group(1))
        found = blocks[index] if index < len(blocks) else None
        return found if isinstance(found, str) else match.group(0)

    return MARKER_IN_HTML.sub(block, html)


def unwrap_markers(html: str) -> str:
    """`html` with markers that Markdown made paragraphs of (indented: in a content tab, a list
    item) taken out of their `<p>`, before anything repairs the `<div>` in a `<p>`."""
    return MARKER_IN_PARAGRAPH.sub(r"\1", html)


def block_anchor_ids(blocks: list) -> set[str]:
    """The `id`s the trees define (for MkDocs' check of links to anchors)."""
    return {
        html_lib.unescape(found)
        for block in blocks
        if isinstance(block, str)
        for found in ANCHOR_ID.findall(block)
    }
