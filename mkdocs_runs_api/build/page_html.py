"""A generated page's HTML, from Markdown conversion to the theme: the plugin calls one method
per MkDocs event, in this order.

1. `converted` (`on_page_content`): the panes are joined (`panes`), the schema trees' links to
   docs pages are made relative to the page (`tree_links`), their anchor ids are added to those
   MkDocs checks links against, and sanitizing starts on another thread (`sanitize`), for the
   page and, apart, for its deferred blocks (`render.deferred`).
2. `collect` (`on_env`): the sanitized HTML is put in place.
3. `show_search_view` / `finish` (`on_page_context`, around the search plugin's): the search
   plugin reads the page's search view (`search_view`); then the page is put back and its
   deferred blocks go in. Until then a page holds markers, not its trees, which keeps the
   HTML of a big API's converted pages out of memory until each is written.

With `search_schema_trees`, the blocks go in at step 1, so that search indexes them.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import get_plugin_logger

from ..render.deferred import block_anchor_ids, put_blocks, unwrap_markers
from .panes import join_panes
from .sanitize import BackgroundSanitizer
from .search_view import SearchView
from .tree_links import resolve_tree_links

log = get_plugin_logger(__name__)


class GeneratedPagesHtml:
    """The HTML of one build's generated pages (MkDocs `Page`s, keyed by `src_uri`)."""

    def __init__(self) -> None:
        self._blocks: dict[str, list[str]] = {}
        self._sanitizer: BackgroundSanitizer = BackgroundSanitizer()
        self._search_view = SearchView()
        self._sanitize = True
        self._trees_searchable = False

    def start(self, blocks: dict[str, list[str]], sanitize: bool, trees_searchable: bool) -> None:
        """A new build: the generated pages' deferred blocks by `src_uri`."""
        self._blocks = dict(blocks)
        self._sanitize = sanitize
        self._trees_searchable = trees_searchable

    def converted(self, html: str, page, files, not_found: int = logging.WARNING) -> str:  # noqa: ANN001
        """What MkDocs keeps of a page it has converted: "" while it is being sanitized."""
        uri = page.file.src_uri
        blocks = [resolve_tree_links(b, page, files, not_found) for b in self._blocks.get(uri, ())]
        if blocks and page.present_anchor_ids is not None:
            page.present_anchor_ids |= block_anchor_ids(blocks)
        html = join_panes(unwrap_markers(resolve_tree_links(html, page, files, not_found)))
        if self._trees_searchable:
            html, blocks = put_blocks(html, blocks), []
        self._blocks[uri] = blocks
        if not self._sanitize:
            return html
        self._sanitizer.submit((page, None), html)
        for index, block in enumerate(blocks):
            self._sanitizer.submit((page, index), block)
        return ""

    def collect(self) -> None:
        """Put every page's sanitized HTML and blocks in place (waits for the rest)."""
        for (page, index), html in self._sanitizer.collect():
            if index is None:
                page.content = html
            else:
                self._blocks[page.file.src_uri][index] = html

    def cancel(self) -> None:
        self._sanitizer.cancel()

    def show_search_view(self, page) -> None:  # noqa: ANN001
        self._search_view.show(page)

    def finish(self, page) -> None:  # noqa: ANN001
        """The page back from its search view, with its deferred blocks in."""
        if not self._search_view.restore(page):
            log.warning(
                "A plugin changed %s in on_page_context; its change is dropped, because "
                "runs-api had shown that plugin the page's search view. Change generated "
                "pages in on_page_content instead.",
                page.file.src_uri,
            )
            self._search_view.restore(page, force=True)
        blocks = self._blocks.pop(page.file.src_uri, None)
        if blocks and page.content:
            page.content = put_blocks(page.content, blocks)
