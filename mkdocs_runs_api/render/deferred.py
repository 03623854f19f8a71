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
"""

from __future__ import annotations

import html as html_lib
import re

MARKER = '<div data-runs-api-block="{}"></div>'
MARKER_IN_HTML = re.compile(r'<div data-runs-api-block="(\d+)"></div>')
MARKER_IN_PARAGRAPH = re.compile(r'<p>(<div data-runs-api-block="\d+"></div>)</p>')
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


class DeferredBlocks:
    """Collects the blocks of the page being rendered, when `active`."""

    def __init__(self, active: bool) -> None:
        self.active = active
        self._blocks: list[str] = []

    def hold(self, html: str) -> str:
        """What the page's Markdown gets for `html`: a marker when active, else `html`."""
        if not self.active or not html:
            return html
        self._blocks.append(html)
        return "\n" + MARKER.format(len(self._blocks) - 1) + "\n\n"  # a paragraph of its own

    def take(self) -> list[str]:
        """The blocks held since the last `take`, in marker order."""
        blocks, self._blocks = self._blocks, []
        return blocks


def put_blocks(html: str, blocks: list[str]) -> str:
    """`html` with each block in place of its marker (a marker without a block stays)."""
    if not blocks:
        return html

    def block(match: re.Match) -> str:
        index = int(match.group(1))
        return blocks[index] if index < len(blocks) else match.group(0)

    return MARKER_IN_HTML.sub(block, html)


def unwrap_markers(html: str) -> str:
    """`html` with markers that Markdown made paragraphs of (indented: in a content tab, a list
    item) taken out of their `<p>`, before anything repairs the `<div>` in a `<p>`."""
    return MARKER_IN_PARAGRAPH.sub(r"\1", html)


def block_anchor_ids(blocks: list[str]) -> set[str]:
    """The `id`s the blocks define (for MkDocs' check of links to anchors)."""
    return {html_lib.unescape(found) for block in blocks for found in ANCHOR_ID.findall(block)}
