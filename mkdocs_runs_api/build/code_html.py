"""The generated pages' code blocks, converted by the site's own Markdown on another process.

Code samples and examples are most of an operation page's Markdown (GitHub's spec: ~11 KB a
page, ten languages of each request), and highlighting them with Pygments was two thirds of
the time MkDocs spent converting the pages. Highlighting depends on nothing but the block and
the site's Markdown settings, so the plugin holds the blocks out of the page
(`render.deferred.CodeBlock`) and a worker process converts them with a `markdown.Markdown`
made from the site's `markdown_extensions` and `mdx_configs`, while MkDocs converts the rest
of the pages. Their HTML is sanitized like the rest of the page (unless `html: trust`) and goes
into the page before the search plugin reads it, so the page and the search index are what they
were with the blocks in the Markdown.

A page's blocks are converted as one document, in page order, so that extensions numbering
their blocks (pymdownx.highlight's line ids, `__span-N-1`) number ours apart from the page's
own code blocks: from `FIRST_BLOCK_NUMBER` on.

The worker is a new Python process running this module (`python -m`, not a fork: it holds only
what it converts; not `multiprocessing`'s spawn either, which runs the parent's `__main__`
again, a whole second build for a script that calls MkDocs without a `__main__` guard). It
starts when there is enough to convert and the settings can be pickled; otherwise, or if it
fails, the blocks are converted here, page by page, when the page needs them.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import markdown

from .orphans import die_with_parent
from .sanitize import sanitize_html

log = logging.getLogger(__name__)

SEPARATOR = "<!-- runs-api-code-block -->"
"""Between two blocks of a page's document; Markdown passes an HTML comment through as is."""
FIRST_BLOCK_NUMBER = 1000
"""Where pymdownx.highlight's block counter starts on a page's held-back blocks."""
MIN_BLOCKS = 1500
"""Below this many blocks, spawning a worker (~0.3 s to start) is not worth it."""

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
        html = self._convert(f"\n\n{SEPARATOR}\n\n".join(fences), FIRST_BLOCK_NUMBER)
        parts = html.split(SEPARATOR)
        if len(parts) != len(fences):  # an extension ate a separator: one block at a time
            parts = [self._convert(fence, FIRST_BLOCK_NUMBER + i) for i, fence in enumerate(fences)]
        parts = [part.strip("\n") for part in parts]
        return [sanitize_html(part) for part in parts] if self._sanitize else parts

    def _convert(self, text: str, first_block: int) -> str:
        """`text` converted as a document of its own, its first code block numbered
        `first_block` by pymdownx.highlight (its line ids; the counter restarts at 0 on every
        reset): ids apart from those of the page's own code blocks."""
        self._md.reset()
        for extension in self._md.registeredExtensions:
            if hasattr(extension, "pygments_code_block"):
                extension.pygments_code_block = first_block - 1
        return self._md.convert(text)


class CodeHtml:
    """The converted code blocks of one build's generated pages."""

    def __init__(self) -> None:
        self._fences: Fences = {}
        self._done: dict[str, bytes] = {}
        self._settings: tuple[Sequence[Any], dict[str, Any], bool] = ((), {}, True)
        self._local: SiteMarkdown | None = None
        self._worker: subprocess.Popen | None = None

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
        if self._worker is not None:
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
            self._worker.kill()
            self._close()

    def _spawn(self) -> None:
        """Start the worker and send it the work; on any failure (settings that cannot be
        pickled, no Python to start) the blocks are converted here instead."""
        try:
            payload = pickle.dumps((self._settings, self._fences), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an extension object may refuse
            log.debug("runs-api: code blocks converted in this process (%s)", exc)
            return
        try:
            worker = subprocess.Popen(  # noqa: S603 - this Python, this module
                [sys.executable, "-m", __name__, str(os.getpid())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": _import_path()},
            )
        except OSError as exc:
            log.debug("runs-api: code blocks converted in this process (%s)", exc)
            return
        self._worker = worker
        try:
            worker.stdin.write(payload)
            worker.stdin.close()
        except OSError:  # it died at once: `_receive` finds out
            pass

    def _receive(self) -> None:
        """The worker's results (waiting for them); nothing if it failed: then the pages'
        blocks are converted here."""
        try:
            output = self._worker.stdout.read()
            failed = self._worker.wait() != 0
            self._done = {} if failed else pickle.loads(output)  # noqa: S301 - our worker's
        except (OSError, EOFError, pickle.UnpicklingError):
            failed = True
        if failed:
            log.debug("runs-api: the code block worker failed; converting in this process")
            self._done = {}
        self._close()

    def _close(self) -> None:
        if self._worker is not None:
            self._worker.stdout.close()
            self._worker.wait()
        self._worker = None


def _import_path() -> str:
    """The worker's `PYTHONPATH`: where this package is found first, then the user's."""
    package_parent = str(Path(__file__).resolve().parent.parent.parent)
    return os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))


def convert_all(settings: tuple, fences: Fences) -> dict[str, bytes]:
    """The worker's work: every page's blocks converted, each page's HTML compressed."""
    site = SiteMarkdown(*settings)
    return {
        uri: zlib.compress(pickle.dumps(site.convert(blocks), pickle.HIGHEST_PROTOCOL), 1)
        for uri, blocks in fences.items()
    }


def main() -> None:
    """The worker process: the work from stdin, the results to stdout, both pickled. A
    failure exits non-zero and the build converts the blocks itself (and reports what fails
    there). The argument is the build's process id: the worker dies with it."""
    die_with_parent(int(sys.argv[1]))
    settings, fences = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from the build
    sys.stdout.buffer.write(pickle.dumps(convert_all(settings, fences), pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
