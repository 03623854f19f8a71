"""A generated page's HTML, from Markdown conversion to the theme: the plugin calls one method
per MkDocs event, in this order.

1. `converted` (`on_page_content`): the panes are joined (`panes`), the schema trees' links to
   docs pages are made relative to the page (`tree_links`) and their anchor ids added to those
   MkDocs checks links against. Then, on another thread, the page and its deferred blocks
   (`render.deferred`) are sanitized (`sanitize`: spec text is untrusted) unless `html: trust`,
   and packed: compressed, until the page is built. MkDocs converts every page before it builds
   the first one, and a big API's converted pages are hundreds of MB (GitHub's: ~140 MB of
   HTML, ~15 MB packed). Until step 3 the page's `content` is empty.
2. `collect` (`on_env`): waits for the thread (and raises what failed in it).
3. `show_search_view` (`on_page_context`, before the search plugin's): the page is unpacked,
   its code blocks put in (converted apart, on another process: `code_html`), and the search
   plugin reads its search view (`search_view`) in place of the page;
   `finish` (after every plugin's `on_page_context`) puts the page back and its blocks in.
4. `written` (`on_post_page`): the page's HTML is in the theme's output, about to be written;
   the page lets go of it (`page.content = None`).

With `search_schema_trees`, the blocks go in at step 1, so that search indexes them.
"""

from __future__ import annotations

import logging
import pickle
import zlib
from concurrent.futures import Future, ThreadPoolExecutor

from mkdocs.plugins import get_plugin_logger

from ..render.deferred import CodeBlock, block_anchor_ids, put_blocks, unwrap_markers
from .code_html import CodeHtml
from .panes import join_panes
from .sanitize import sanitize_html
from .search_view import SearchView
from .spec_links import SpecLinks
from .tree_links import resolve_tree_links

log = get_plugin_logger(__name__)

Packed = bytes
"""A page's HTML and its blocks, compressed (`pack`)."""


def pack(parts: list[str], sanitize: bool) -> Packed:
    """`parts` (the page's HTML, then its blocks), sanitized when `sanitize`, compressed.
    `nh3` and `zlib` release the GIL: on a second thread this costs next to no wall time."""
    if sanitize:
        parts = [part and sanitize_html(part) for part in parts]
    return zlib.compress(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: Packed) -> list[str]:
    return pickle.loads(zlib.decompress(packed))  # noqa: S301 - our own bytes, from `pack`


class GeneratedPagesHtml:
    """The HTML of one build's generated pages (MkDocs `Page`s, keyed by `src_uri`)."""

    def __init__(self) -> None:
        self._blocks: dict[str, list[str | None]] = {}
        """Each page's trees; `None` where a code block's marker is (see `_code`)."""
        self._code_at: dict[str, list[int]] = {}
        """Each page's code blocks' marker numbers."""
        self._code = CodeHtml()
        self._packed: dict[str, Future[Packed] | Packed] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._search_view = SearchView()
        self._sanitize = True
        self._trees_searchable = False
        self._links: SpecLinks | None = None

    def start(
        self,
        blocks: dict[str, list],
        sanitize: bool,
        trees_searchable: bool,
        site_markdown: tuple = ((), {}),
        links: SpecLinks | None = None,
    ) -> None:
        """A new build: the generated pages' deferred blocks by `src_uri`; `site_markdown` (the
        site's `markdown_extensions` and `mdx_configs`) converts their code blocks; `links`
        resolves spec text's links in the schema trees (`spec_links`)."""
        self.cancel()
        self._blocks, self._code_at, fences = {}, {}, {}
        for uri, held in blocks.items():
            self._blocks[uri] = [None if isinstance(b, CodeBlock) else b for b in held]
            self._code_at[uri] = [i for i, b in enumerate(held) if isinstance(b, CodeBlock)]
            fences[uri] = [b.markdown for b in held if isinstance(b, CodeBlock)]
        self._code.start(fences, *site_markdown, sanitize=sanitize)
        self._packed = {}
        self._sanitize = sanitize
        self._trees_searchable = trees_searchable
        self._links = links

    def converted(self, html: str, page, files, not_found: int = logging.WARNING) -> str:  # noqa: ANN001
        """What MkDocs keeps of a page it has converted: "" until `show_search_view`."""
        uri = page.file.src_uri
        blocks = self._blocks.pop(uri, [])
        if self._links is not None:
            blocks = [b and self._links.html(b, uri, page.url) for b in blocks]
        blocks = [b and resolve_tree_links(b, page, files, not_found) for b in blocks]
        if blocks and page.present_anchor_ids is not None:
            page.present_anchor_ids |= block_anchor_ids(blocks)
        html = join_panes(unwrap_markers(resolve_tree_links(html, page, files, not_found)))
        if self._trees_searchable:
            html, blocks = put_blocks(html, blocks), []
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runs-api-pack")
        self._packed[uri] = self._pool.submit(pack, [html, *blocks], self._sanitize)
        return ""

    def collect(self) -> None:
        """Wait for every page's packing (its error, if one failed, is raised here)."""
        try:
            for uri, packed in self._packed.items():
                if isinstance(packed, Future):
                    self._packed[uri] = packed.result()
        finally:
            self._end_pool()

    def cancel(self) -> None:
        """End the thread and the code block worker (dropping what still waits: a failed
        build)."""
        self._code.cancel()
        self._end_pool()

    def _end_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def show_search_view(self, page) -> None:  # noqa: ANN001
        """The page unpacked, and shown to the search plugin as its search view."""
        packed = self._packed.pop(page.file.src_uri, None)
        if isinstance(packed, Future):  # built before `collect`: not by MkDocs' build
            packed = packed.result()
        if packed is not None:
            page.content, *self._blocks[page.file.src_uri] = unpack(packed)
        self._put_code(page)
        self._search_view.show(page)

    def _put_code(self, page) -> None:  # noqa: ANN001
        """The page's code blocks in place of their markers."""
        at = self._code_at.pop(page.file.src_uri, None)
        if not at or not page.content:
            return
        code: list[str | None] = [None] * (max(at) + 1)
        for index, html in zip(at, self._code.html(page.file.src_uri), strict=True):
            code[index] = html
        page.content = put_blocks(page.content, code)

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

    def written(self, page) -> None:  # noqa: ANN001
        page.content = None
