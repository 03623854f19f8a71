"""Links in spec text that were written for another renderer, or lead nowhere on this site.

Spec text links `#operation/<operationId>`, `#tag/<name>` and `#tag/<name>/operation/<id>`
(Redoc's anchors), and relative files (`assets/shot.png`). On a generated page:

- a Redoc anchor leads to the generated page of that operation or tag;
- a relative link or image is kept when it names a documentation file relative to the page (as
  MkDocs reads it; in HTML, which MkDocs does not resolve, it becomes that file's URL), else
  relative to the spec file's folder (when the spec is in `docs_dir`), else relative to
  `docs_dir` itself; it is rewritten to lead there from the page;
- a target found none of these ways is shown as text (a link as its text, an image as its alt
  text) and reported once per build, at the level of `validation.links.not_found` (a WARNING
  by default, as MkDocs reports a missing link target), naming the spec file, line and JSON
  pointer where it is written, instead of MkDocs' warning about a generated page.

Links with a scheme or a host (`https://...`), absolute paths and other `#anchors` are not
touched. Markdown links are rewritten in the page's Markdown (before MkDocs resolves them; the
target is a path from the page's `src_uri`), HTML `href`/`src` both there and in the schema trees'
HTML (a URL from the page's URL, as nothing else resolves raw HTML).
"""

from __future__ import annotations

import html as html_lib
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from ..render.markdown import CODE_SPAN, fenced_lines
from ..spec.load import join_pointer

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from ..layout.plan import Layout
    from ..spec.resolve import SpecBundle

log = get_plugin_logger(__name__)

REDOC_ANCHOR = re.compile(r"#(?:tag/([^/]+)(?:/operation/(.+))?|operation/(.+))$")
OURS = r"""(?!#(?!operation/|tag/)|[A-Za-z][A-Za-z0-9+.-]*:|/|\\)"""
"""Not a target this module changes: the page's own `#anchor`, a URL with a scheme, an absolute
path (checked ahead, so that the many links our templates write cost no more than a look)."""
MD_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*"
    + OURS
    + r"([^\s()<>]+)(\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
"""An inline Markdown link or image: `!`, its text, its target, its title."""
_LINKED = r"""\s*=\s*["']?""" + OURS
HTML_ELEMENT = re.compile(
    rf"<a\b(?=[^>]*\bhref{_LINKED})([^>]*)>(.*?)</a\s*>|<img\b(?=[^>]*\bsrc{_LINKED})([^>]*)>",
    re.S | re.I,
)
"""A link or an image whose target may be one to change."""
ATTRIBUTE = re.compile(r"""\b(href|src|alt)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", re.I)
MISSING = "\0missing"
"""What `SpecLinks.resolve` gives for a target that is not there (show the text instead)."""
KEEP = "\0keep"
"""A target to leave as it is written."""


@dataclass
class LinkTargets:
    """What spec text can link to, as plain data."""

    operations: dict[str, str] = field(default_factory=dict)
    """operationId -> the `src_uri` of its page."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tag name (as `tag_key` reads it) -> the `src_uri` of its page."""
    spec_dir: str | None = None
    """The spec file's folder relative to `docs_dir`, when it is inside it."""


def tag_key(name: str) -> str:
    """A tag name as Redoc anchors are compared: unquoted, case, spaces and dashes ignored."""
    return re.sub(r"[\s_-]+", "-", unquote(name).strip().lower())


class SpecLinks:
    """Resolves spec text's links on one build's generated pages and reports each miss once."""

    def __init__(
        self,
        targets: LinkTargets,
        exists: Callable[[str], Any],
        report: Callable[[str], None],
        locate: Callable[[str], str | None] = lambda url: None,
    ) -> None:
        """`exists(src_uri)` gives the site's file (with a `url`) or None; `report(message)`
        logs a miss; `locate(url)` names where in the spec a target is written."""
        self._targets = targets
        self._exists = exists
        self._report = report
        self._locate = locate
        self._reported: set[str] = set()

    def page_markdown(self, markdown: str, src_uri: str, url: str) -> str:
        """A generated page's Markdown with its spec links resolved (outside code)."""
        if "](" not in markdown and "<" not in markdown:
            return markdown
        if "```" not in markdown and "~~~" not in markdown:
            return self._prose(markdown, src_uri, url)
        lines, prose = [], []
        for line, in_fence in fenced_lines(markdown):
            if in_fence:
                lines += [self._prose("\n".join(prose), src_uri, url)] if prose else []
                lines.append(line)
                prose = []
            else:
                prose.append(line)
        if prose:
            lines.append(self._prose("\n".join(prose), src_uri, url))
        return "\n".join(lines)

    def _prose(self, text: str, src_uri: str, url: str) -> str:
        parts, last = [], 0
        for match in CODE_SPAN.finditer(text):
            parts += [self._links(text[last : match.start()], src_uri, url), match.group(0)]
            last = match.end()
        parts.append(self._links(text[last:], src_uri, url))
        return "".join(parts)

    def _links(self, text: str, src_uri: str, url: str) -> str:
        if "](" in text:
            text = MD_LINK.sub(lambda match: self._md_link(match, src_uri), text)
        return self.html(text, src_uri, url) if "<" in text else text

    def _md_link(self, match: re.Match, src_uri: str) -> str:
        image, text, target, title = match.groups()
        new = self.resolve(target, src_uri, None)
        if new is None:
            return match.group(0)
        if new is MISSING:
            return text
        return f"{image}[{text}]({new}{title or ''})"

    def html(self, html: str, src_uri: str, url: str) -> str:
        """HTML (a schema tree's, or raw HTML in a page's Markdown) of the page at `src_uri`
        (`url`) with its links and images resolved."""
        return HTML_ELEMENT.sub(lambda match: self._element(match, src_uri, url), html)

    def _element(self, match: re.Match, src_uri: str, url: str) -> str:
        attributes = match.group(1) if match.group(1) is not None else match.group(3)
        found = {m.group(1).lower(): m for m in ATTRIBUTE.finditer(attributes)}
        link = found.get("href") if match.group(1) is not None else found.get("src")
        if link is None:
            return match.group(0)
        new = self.resolve(html_lib.unescape(link.group(2).strip("\"'")), src_uri, url)
        if new is None:
            return match.group(0)
        if new is MISSING:
            alt = found.get("alt")
            text = html_lib.escape(html_lib.unescape(alt.group(2).strip("\"'"))) if alt else ""
            return match.group(2) if match.group(1) is not None else text
        start, end = link.span(2)
        quoted = f'"{html_lib.escape(new, quote=True)}"'
        at = match.start(1) if match.group(1) is not None else match.start(3)
        whole = match.group(0)
        offset = at - match.start()
        return whole[: offset + start] + quoted + whole[offset + end :]

    def resolve(self, target: str, src_uri: str, url: str | None) -> str | None:
        """Where `target` (written on the page `src_uri`) leads: a path from the page's
        `src_uri` (`url` None: for MkDocs to resolve) or a URL from its `url`; None to keep it
        as it is; `MISSING` when it leads nowhere (reported)."""
        scheme, netloc, path, _, anchor = urlsplit(target)
        if scheme or netloc or target.startswith(("/", "\\")):
            return None
        if not path and not REDOC_ANCHOR.match(target):
            return None  # the page's own anchor: MkDocs checks those
        found = self._target_uri(target, path, src_uri, url is None)
        if found is KEEP:
            return None
        if found is None:
            self._miss(target)
            return MISSING
        if url is None:
            new = posixpath.relpath(found, posixpath.dirname(src_uri) or ".")
        else:
            new = get_relative_url(self._exists(found).url, url)
        return f"{new}#{anchor}" if anchor and path else new

    def _target_uri(self, target: str, path: str, src_uri: str, markdown: bool) -> str | None:
        """The `src_uri` of the file `target` leads to, None if none, or `KEEP`: a file found as
        MkDocs reads the link, where MkDocs resolves it (Markdown) or `tree_links` does (`.md`
        links in HTML); other HTML links to it are rewritten, as nothing else resolves them."""
        if not path:
            return self._redoc_target(target)
        near = _join(posixpath.dirname(src_uri), path)
        if self._exists(near) is None:
            return self._file_target(path)
        return KEEP if markdown or path.endswith(".md") else near

    def _redoc_target(self, target: str) -> str | None:
        tag, tagged_operation, operation = REDOC_ANCHOR.match(target).groups()
        operation = tagged_operation or operation
        if operation is not None:
            return self._targets.operations.get(unquote(operation))
        return self._targets.tags.get(tag_key(tag))

    def _file_target(self, path: str) -> str | None:
        """The `src_uri` a relative file path names, from the spec's folder or `docs_dir`."""
        roots = [self._targets.spec_dir] if self._targets.spec_dir is not None else []
        for root in [*roots, ""]:
            uri = _join(root, path)
            if uri and self._exists(uri) is not None:
                return uri
        return None

    def _miss(self, target: str) -> None:
        if target in self._reported:
            return
        self._reported.add(target)
        kind = "leads to no operation or tag" if target.startswith("#") else "is not found"
        where = self._locate(target)
        shown = f"{where}: " if where else ""
        self._report(
            f"{shown}spec text links '{target}', which {kind} on this site; it is shown as "
            "text. Link a documentation file (relative to the spec file or docs_dir), an "
            "operationId or a tag, or an absolute URL."
        )


def _join(root: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(root, unquote(path))).lstrip("/")


def texts_with(
    documents: dict[str, Any], pattern: re.Pattern
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """`(file, pointer parts)` of each string in the loaded spec files that `pattern` finds."""
    for file, document in documents.items():
        stack: list[tuple[Any, tuple[str, ...]]] = [(document, ())]
        while stack:
            value, parts = stack.pop()
            if isinstance(value, str):
                if pattern.search(value):
                    yield file, parts
            elif isinstance(value, dict):
                stack += [(v, (*parts, str(k))) for k, v in reversed(value.items())]
            elif isinstance(value, list):
                stack += [(v, (*parts, str(i))) for i, v in reversed(list(enumerate(value)))]


def build_spec_links(
    layout: Layout, bundle: SpecBundle, files: Files, docs_dir: str, level: int
) -> SpecLinks:
    """The `SpecLinks` of one build: `layout` and `bundle` from the reference, `files` the
    site's, misses logged at `level` (`validation.links.not_found`)."""
    tags = {tag_key(group.key): group.src_uri for group in layout.groups}
    operations = {
        page.operation.operation_id: page.src_uri
        for page in layout.pages
        if page.operation.operation_id
    }
    spec = os.path.relpath(os.path.realpath(bundle.root), os.path.realpath(docs_dir))
    spec_dir = None if spec.startswith("..") else posixpath.dirname(Path(spec).as_posix())
    return SpecLinks(
        LinkTargets(operations, tags, spec_dir),
        files.get_file_from_path,
        lambda message: log.log(level, message),
        lambda target: spec_location(bundle, target),
    )


def spec_location(bundle: SpecBundle, target: str) -> str | None:
    """`file:line:column (at pointer)` of the first string in the spec that links `target`
    (in a Markdown link or an HTML attribute)."""
    pattern = re.compile(
        rf"""(?:\]\(\s*|(?:href|src)\s*=\s*["']?){re.escape(target)}(?:[\s)"'>#?]|$)"""
    )
    for file, parts in texts_with(bundle.documents, pattern):
        error = bundle.error("", file, join_pointer(parts))
        return f"{error.location} (at {error.pointer})"
    return None
