"""The operation page's two panes, put together after Markdown has been converted.

The page's Markdown marks where the aside (request samples, response examples) and the main pane
(parameters, body, responses) start and end with empty marker elements, so Python-Markdown
converts their content as ordinary Markdown: wrapping it in `<div markdown>` instead needs
`md_in_html`, which made conversion of GitHub's pages about 60% slower (measured: 32 -> 52 ms
a page). `join_panes` turns the markers into the wrapping elements `runs-api.css` lays out.
"""

from __future__ import annotations

PANES_OPEN = '<div data-runs-api-panes="open"></div>'
ASIDE_CLOSE = '<div data-runs-api-panes="aside-end"></div>'
PANES_CLOSE = '<div data-runs-api-panes="close"></div>'
WRAPPERS = (
    (PANES_OPEN, '<div class="runs-api-panes"><aside class="runs-api-aside" data-runs-api-aside>'),
    (ASIDE_CLOSE, '</aside><div class="runs-api-main">'),
    (PANES_CLOSE, "</div></div>"),
)


def join_panes(html: str) -> str:
    """`html` with its pane markers replaced by the panes' elements; unchanged unless each
    marker is there exactly once and in order (a template override may leave them out)."""
    positions = [html.find(marker) for marker, _ in WRAPPERS]
    if -1 in positions or positions != sorted(positions):
        return html
    if any(html.count(marker) != 1 for marker, _ in WRAPPERS):
        return html
    for marker, element in WRAPPERS:
        html = html.replace(marker, element)
    return html
