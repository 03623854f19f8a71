"""Links to docs pages inside schema trees, rewritten as MkDocs rewrites the rest of the page's.

A schema tree is one raw HTML block whose descriptions `render.schema_tree` converted itself, so
MkDocs' link rewriting (`_RelativePathTreeprocessor` in `mkdocs/structure/pages.py`), which walks
the elements Python-Markdown parsed, never sees the links in it: `[guide](../guide.md)` works in
a parameter's description and stays a dead `.md` link in a property's. `resolve_tree_links` does
what MkDocs does to such links, on the converted page: a relative link to a `.md` file is resolved
against the page's `src_uri`, looked up among the site's files and written as the target's URL
relative to the page's; a target that is not there is logged as MkDocs logs it (a WARNING by
default, which fails `--strict`) and the link is left as it is. Links with a scheme or a host,
absolute paths, `#anchors` and links to other kinds of files are not touched.
"""

from __future__ import annotations

import html as html_lib
import logging
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

TREE_OPEN = '<section class="runs-api-tree"'
SECTION_TAG = re.compile(r"<(/?)section\b", re.IGNORECASE)
LINK_HREF = re.compile(r"""(<a\s[^>]*?\bhref=)("[^"]*"|'[^']*')""", re.IGNORECASE)


def resolve_tree_links(
    html: str, page: Page, files: Files, not_found: int = logging.WARNING
) -> str:
    """`html` of `page` (an MkDocs `Page`) with its schema trees' links to docs pages made
    relative to the page, as MkDocs makes its other links; `files` is the site's `Files`,
    `not_found` the level of a missing target (`config.validation.links.not_found`).

    Links to an anchor are registered in `page.links_to_anchors`, so that MkDocs checks the
    anchor as it checks the page's other links (`validation.anchors`)."""
    if ".md" not in html:  # no link to a docs page: our HTML writes `.md` as it is
        return html
    return rewrite_tree_links(html, lambda url: _doc_url(url, page, files, not_found))


def _doc_url(url: str, page: Page, files: Files, not_found: int) -> str | None:
    """The URL of the docs page `url` links to, relative to `page`, as MkDocs'
    `_RelativePathTreeprocessor.path_to_url` writes it; None for other links and missing pages."""
    source = page.file
    target_uri = doc_link_target(url, source.src_uri)
    if target_uri is None:
        return None
    target = files.get_file_from_path(target_uri)
    if target is None:
        shown = f" '{target_uri}'" if target_uri != url else ""
        level = min(logging.INFO, not_found) if source.inclusion.is_excluded() else not_found
        log.log(
            level,
            f"Doc file '{source.src_uri}' contains a link '{url}', but the target{shown} "
            "is not found among documentation files.",
        )
        return None
    _, _, _, query, anchor = urlsplit(url)
    if anchor and page.links_to_anchors is not None:
        page.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
    if target.inclusion.is_excluded() and not source.inclusion.is_excluded():
        log.log(
            min(logging.INFO, not_found),
            f"Doc file '{source.src_uri}' contains a link to '{target_uri}' which is "
            "excluded from the built site.",
        )
    return urlunsplit(("", "", get_relative_url(target.url, source.url), query, anchor))


def doc_link_target(url: str, src_uri: str) -> str | None:
    """The `src_uri` a relative link to a `.md` file on the page `src_uri` names (normalized as
    MkDocs does: `../guide.md` from `api/runs/get.md` is `api/guide.md`), None for any other
    link."""
    scheme, netloc, path, _, _ = urlsplit(url)
    if scheme or netloc or not path or url.startswith(("/", "\\")) or not path.endswith(".md"):
        return None
    joined = posixpath.join(posixpath.dirname(src_uri), unquote(path))
    return posixpath.normpath(joined.lstrip("/"))


def rewrite_tree_links(html: str, rewrite: Callable[[str], str | None]) -> str:
    """`html` with the `href` of each link inside a schema tree replaced by `rewrite(href)`
    (given and giving the URL itself, not HTML-escaped); None keeps the link as it is."""
    if TREE_OPEN not in html:
        return html

    def replace(match: re.Match) -> str:
        url = html_lib.unescape(match.group(2)[1:-1])
        new = rewrite(url)
        if new is None or new == url:
            return match.group(0)
        return f'{match.group(1)}"{html_lib.escape(new, quote=True)}"'

    parts, done = [], 0
    for start, end in _tree_spans(html):
        parts += [html[done:start], LINK_HREF.sub(replace, html[start:end])]
        done = end
    return "".join(parts) + html[done:]


def _tree_spans(html: str) -> Iterator[tuple[int, int]]:
    """Where each schema tree starts and ends (descriptions may hold sections of their own
    when the site allows raw HTML: they are counted)."""
    position = 0
    while (start := html.find(TREE_OPEN, position)) != -1:
        depth, end = 0, len(html)
        for tag in SECTION_TAG.finditer(html, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        yield start, end
        position = end
