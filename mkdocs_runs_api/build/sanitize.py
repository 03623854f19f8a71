"""Sanitize the HTML of generated pages with `nh3` (Ammonia): spec text may be hostile.

Markdown from the spec is already escaped at the source (`render.markdown`); this is the second
wall, on the HTML MkDocs made: no `<script>`, `<iframe>`, `<object>`, no event handlers, no
`javascript:` or `data:` URLs. What Python-Markdown, pymdownx and Pygments write is kept.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

import nh3

Target = TypeVar("Target")

TAGS = {
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
GENERIC_ATTRIBUTES = {"class", "id", "title", "name", "lang", "dir"}
ATTRIBUTES = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href"},
    "aside": {"data-runs-api-aside"},
    "img": {"src", "alt", "width", "height", "loading"},
    "p": {"data-operation", "data-webhook"},
    "div": {"data-operation", "tabindex", "data-property", "data-variants", "data-runs-api-block"},
    "section": {"data-search-exclude"},
    "td": {"align", "style", "colspan", "rowspan"},
    "th": {"align", "style", "colspan", "rowspan"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "details": {"open"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """`html` without anything that runs script; relative and fragment links are kept."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


class BackgroundSanitizer(Generic[Target]):
    """Sanitizes HTML on a second thread while the caller goes on (MkDocs: converting the next
    pages' Markdown). `nh3` releases the GIL, so this uses another core: for GitHub's API,
    sanitizing is ~12 s of a ~120 s build, and this way it costs next to no wall time.

    One thread is enough: sanitizing a page takes a tenth of what converting it does."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[tuple[Target, Future[str]]] = []

    def submit(self, target: Target, html: str) -> None:
        """Start sanitizing `html`; `collect` gives it back with `target`."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runs-api-sanitize")
        self._pending.append((target, self._pool.submit(sanitize_html, html)))

    def collect(self) -> list[tuple[Target, str]]:
        """Every submitted target with its sanitized HTML, in submission order (waits for the
        rest); the thread ends until the next `submit`."""
        pending, self._pending = self._pending, []
        try:
            return [(target, future.result()) for target, future in pending]
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Drop what is still waiting (a failed build) and end the thread."""
        self._pending = []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
