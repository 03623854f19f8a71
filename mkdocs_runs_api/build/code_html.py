"""The generated pages' code blocks, converted by the site's own Markdown on another process.

Code samples and examples are most of an operation page's Markdown (GitHub's spec: ~11 KB a
page, ten languages of each request), and highlighting them with Pygments was two thirds of
the time MkDocs spent converting the pages. Highlighting depends on nothing but the block and
the site's Markdown settings, so the plugin holds the blocks out of the page
(`render.deferred.CodeBlock`) and a spawned worker converts them with a `markdown.Markdown`
made from the site's `markdown_extensions` and `mdx_configs`, while MkDocs converts the rest
of the pages. Their HTML is sanitized like the rest of the page (unless `allow_html`) and goes
into the page before the search plugin reads it, so the page and the search index are what they
were with the blocks in the Markdown.

A page's blocks are converted as one document, in page order, so that extensions numbering
their blocks (pymdownx.highlight's line ids, `__span-N-1`) number ours apart from the page's
own code blocks: from `FIRST_BLOCK_NUMBER` on.

The worker is spawned (not forked: a fresh process holds only what it converts) when there is
enough to convert and the settings can be sent to it; otherwise, or if it fails, the blocks are
converted here, page by page, when the page needs them.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import zlib
from collections.abc import Sequence
from typing import Any

import markdown

from .sanitize import sanitize_html

log = logging.getLogger(__name__)

SEPARATOR = "<!-- runs-api-code-block -->"
"""Between two blocks of a page's document; Markdown passes an HTML comment through as is."""
FIRST_BLOCK_NUMBER = 1000
"""Where pymdownx.highlight's block counter starts on a page's held-back blocks."""
MIN_BLOCKS = 1500
"""Below this many blocks, spawning a worker (~0.5 s to start) is not worth it."""

Fences = dict[str, list[str]]
"""Each page's held-back blocks (their Markdown), by the page's `src_uri`."""


class SiteMarkdown:
    """A `markdown.Markdown` with the site's extensions, converting a page's blocks (their
    HTML sanitized when `sanitize`)."""

    def __init__(self, extensions: Sequence[Any], configs: dict[str, Any], sanitize: bool) -> None:
        self._md = markdown.Markdown(extensions=list(extensions), extension_configs=configs)
        self._sanitize = sanitize

    def convert(self, fences: list[str]) -> list[str]:
        """The HTML of each of `fences` (one page's blocks, in order)."""
        self._md.reset()
        _number_blocks_from(self._md, FIRST_BLOCK_NUMBER)
        html = self._md.convert(f"\n\n{SEPARATOR}\n\n".join(fences))
        parts = [part.strip("\n") for part in html.split(SEPARATOR)]
        if len(parts) != len(fences):  # an extension ate a separator: one block at a time
            parts = [self._md.reset().convert(fence) for fence in fences]
        return [sanitize_html(part) for part in parts] if self._sanitize else parts


def _number_blocks_from(md: markdown.Markdown, first: int) -> None:
    """Start pymdownx.highlight's block counter (its line ids) at `first` (it restarts at 0 on
    every reset): ids apart from those of the page's own code blocks."""
    for extension in md.registeredExtensions:
        if hasattr(extension, "pygments_code_block"):
            extension.pygments_code_block = first - 1


class CodeHtml:
    """The converted code blocks of one build's generated pages."""

    def __init__(self) -> None:
        self._fences: Fences = {}
        self._done: dict[str, bytes] = {}
        self._settings: tuple[Sequence[Any], dict[str, Any], bool] = ((), {}, True)
        self._local: SiteMarkdown | None = None
        self._worker = None
        self._receiver = None

    def start(
        self,
        fences: Fences,
        extensions: Sequence[Any] = (),
        configs: dict[str, Any] | None = None,
        sanitize: bool = True,
    ) -> None:
        """A new build: convert `fences` (on a worker when worth it) with the site's settings."""
        self.cancel()
        self._fences = {uri: blocks for uri, blocks in fences.items() if blocks}
        self._done = {}
        self._settings = (list(extensions), dict(configs or {}), sanitize)
        self._local = None
        if sum(len(blocks) for blocks in self._fences.values()) >= MIN_BLOCKS:
            self._spawn()

    def html(self, uri: str) -> list[str]:
        """The HTML of the page's held-back blocks, in order ([] if it has none)."""
        if self._receiver is not None:
            self._receive()
        packed = self._done.pop(uri, None)
        if packed is not None:
            self._fences.pop(uri, None)
            return pickle.loads(zlib.decompress(packed))  # noqa: S301 - our worker's bytes
        fences = self._fences.pop(uri, None)
        if not fences:
            return []
        if self._local is None:
            self._local = SiteMarkdown(*self._settings)
        return self._local.convert(fences)

    def cancel(self) -> None:
        """Stop the worker (a failed build, or a new one)."""
        if self._worker is not None:
            self._worker.terminate()
            self._worker.join()
        self._close()

    def _spawn(self) -> None:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(
            target=convert_all,
            args=(self._settings, self._fences, sender),
            daemon=True,
            name="runs-api-code",
        )
        try:
            worker.start()  # pickles the settings: an extension object may refuse
        except Exception as exc:  # noqa: BLE001 - any failure: convert here instead
            log.debug("runs-api: code blocks converted in this process (%s)", exc)
            receiver.close()
            return
        finally:
            sender.close()
        self._worker, self._receiver = worker, receiver

    def _receive(self) -> None:
        """The worker's results (waiting for them); nothing if it failed: then the pages'
        blocks are converted here."""
        try:
            self._done = self._receiver.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            log.debug("runs-api: the code block worker failed; converting in this process")
            self._done = {}
        self._close()

    def _close(self) -> None:
        if self._receiver is not None:
            self._receiver.close()
        if self._worker is not None:
            self._worker.join()
        self._worker = self._receiver = None


def convert_all(settings: tuple, fences: Fences, sender) -> None:  # noqa: ANN001
    """The worker: every page's blocks converted, each page's HTML compressed, sent at once.
    If anything fails, it sends nothing: the build converts the blocks itself, and reports
    what fails there."""
    try:
        site = SiteMarkdown(*settings)
        done = {
            uri: zlib.compress(pickle.dumps(site.convert(blocks), pickle.HIGHEST_PROTOCOL), 1)
            for uri, blocks in fences.items()
        }
        sender.send(done)
    except Exception:  # noqa: BLE001, S110 - the build converts them instead
        pass
    finally:
        sender.close()
