"""Deferred blocks: a marker in the Markdown, the block in the converted HTML."""

from __future__ import annotations

import markdown

from mkdocs_runs_api.render.deferred import (
    DeferredBlocks,
    block_anchor_ids,
    put_blocks,
    unwrap_markers,
)

TREE = '<section class="runs-api-tree"><div id="a&amp;b" data-property="x">x</div></section>\n'
EXTENSIONS = ["pymdownx.superfences", "pymdownx.tabbed", "admonition"]


def test_inactive_blocks_stay_inline():
    blocks = DeferredBlocks(active=False)
    assert blocks.hold(TREE) == TREE
    assert blocks.take() == []


def test_blocks_come_back_where_markdown_put_their_markers():
    """At the top level, in a content tab, a list item and an admonition."""
    blocks = DeferredBlocks(active=True)
    page = "\n".join(
        [
            "Top:",
            blocks.hold(TREE),
            '=== "Tab"',
            "",
            "    Text in the tab" + blocks.hold(TREE).replace("\n", "\n    "),
            "- item",
            "",
            "    " + blocks.hold(TREE).strip(),
            "",
            '!!! note "Note"',
            "    " + blocks.hold(TREE).strip(),
        ]
    )
    held = blocks.take()
    assert len(held) == 4 and blocks.take() == []
    html = put_blocks(unwrap_markers(markdown.markdown(page, extensions=EXTENSIONS)), held)
    assert html.count(TREE.strip()) == 4
    assert "data-runs-api-block" not in html and "<p><section" not in html


def test_a_marker_without_its_block_stays():
    assert put_blocks('<div data-runs-api-block="3"></div>', ["x"]) == (
        '<div data-runs-api-block="3"></div>'
    )


def test_block_ids_are_read_unescaped():
    assert block_anchor_ids([TREE]) == {"a&b"}
