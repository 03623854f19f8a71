"""The operation page's panes in a generated page: no plugin joins them after conversion
(`build.panes`), so where the site enables `md_in_html` the markers become the panes'
elements, with a `markdown` attribute that has their content converted as Markdown."""

from __future__ import annotations

from ..build.panes import ASIDE_CLOSE, PANES_CLOSE, PANES_OPEN, join_panes

IN_MARKDOWN = {
    PANES_OPEN: '<div class="runs-api-panes" markdown>\n'
    '<aside class="runs-api-aside" data-runs-api-aside markdown>',
    ASIDE_CLOSE: '</aside>\n<div class="runs-api-main" markdown>',
    PANES_CLOSE: "</div>\n</div>",
}


def inline_panes(markdown: str, md_in_html: bool) -> str:
    """`markdown` with its pane markers as `md_in_html` elements (unchanged without the
    extension, or when a template override left the markers out: one column then)."""
    if not md_in_html or join_panes(markdown) == markdown:
        return markdown
    for marker, element in IN_MARKDOWN.items():
        markdown = markdown.replace(marker, element)
    return markdown
