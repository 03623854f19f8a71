"""Find each media type's schema on a generated operation page (its Markdown, trees inline).

A page shows, under `## Request body` and under `### STATUS` of `## Responses` (one level
deeper under a callback's `### NAME: METHOD` in `## Callbacks`), a `Media type: ...` line per
media type, then either "Same schema as [...](#anchor)" or the root's line (type and facts)
and its tree. This reads that layout as the shipped templates write it.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from ..render.deferred import put_blocks

HEADING = re.compile(r"^(#{2,6}) (.*?)\s*$")
MEDIA_LINE = re.compile(r'^(?:<a id="([^"]+)"></a>)?Media types?: (.*)$')
CODE_SPAN = re.compile(r"(`+)(.*?)\1")
SAME_SCHEMA = re.compile(r"^Same schema as \[.*\]\(#([^)\s]+)\)")
ID = re.compile(r'\sid="([^"]+)"')
FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
PRE = re.compile(r"<pre[\s>]")
TREE_START = '<section class="runs-api-tree"'
HTML_HEADING = re.compile(r'^<h([2-6])[^>]*>(.*?)(?:<a class="headerlink".*)?</h\1>$')
HTML_PARAGRAPH = re.compile(r"^<p>(.*)</p>$")
HTML_CODE = re.compile(r"<code>(.*?)</code>")
HTML_SAME_SCHEMA = re.compile(r'^Same schema as <a href="#([^"]+)"')

Place = tuple[str, str, str]
"""`(callback, where, media type)`: callback is "" for the operation itself or `NAME: METHOD`
(its heading's text, HTML entities read); where is `request` or a response status."""


@dataclass
class SchemaBlock:
    """What a page shows for one media type's schema."""

    anchor: str = ""
    same_as: str = ""
    """The anchor of the media type whose schema this one shares ("Same schema as")."""
    root_line: str = ""
    tree: str = ""
    """The tree's HTML, `<section>` to `</section>`."""


@dataclass
class PageSchemas:
    """Every media type block of one page, and every id on it."""

    blocks: dict[Place, SchemaBlock] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)


def page_schemas(markdown: str, held: list[str] | None = None) -> PageSchemas:
    """The media type blocks of an operation page; `held` are its deferred blocks, if any."""
    markdown = put_blocks(markdown, held or [])
    found = PageSchemas(ids={html_lib.unescape(i) for i in ID.findall(markdown)})
    reader = _Reader(found, Fences())
    for line in markdown.split("\n"):  # not splitlines: names may hold \r, \x85, \u2028
        reader.line(line)
    return found


def site_page_schemas(html: str) -> PageSchemas:
    """The media type blocks of an operation page as `mkdocs build` wrote it (HTML): its
    headings, media type lines, "Same schema as" and root lines read as their Markdown."""
    found = PageSchemas(ids={html_lib.unescape(i) for i in ID.findall(html)})
    reader = _Reader(found, PreBlocks())
    for line in html.split("\n"):
        reader.line(line if reader.in_tree else markdown_line(line))
    return found


def markdown_line(line: str) -> str:
    """A line of a built page in the Markdown form `_Reader` reads (others unchanged)."""
    heading = HTML_HEADING.match(line)
    if heading:
        return f"{'#' * int(heading.group(1))} {_text(heading.group(2))}"
    paragraph = HTML_PARAGRAPH.match(line)
    if paragraph is None:
        return line
    inner = paragraph.group(1)
    if "Media type" in inner:
        return HTML_CODE.sub(lambda m: f"`{html_lib.unescape(m.group(1))}`", inner)
    same = HTML_SAME_SCHEMA.match(inner)
    if same:
        return f"Same schema as [](#{same.group(1)})"
    return line


def _text(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()


class Fences:
    """Which Markdown lines are code: a fence opens with 3+ backticks or tildes and closes
    only on a line of nothing but at least as many of its character (CommonMark), so
    `~~~~MM~~~` in an ASCII-art example closes nothing."""

    def __init__(self) -> None:
        self.fence = ""

    def skips(self, line: str) -> bool:
        if self.fence:
            run = line.strip()
            if len(run) >= len(self.fence) and run == self.fence[0] * len(run):
                self.fence = ""
            return True
        opener = FENCE.match(line)
        if opener is None or (opener.group(1)[0] == "`" and "`" in opener.group(2)):
            return False
        self.fence = opener.group(1)
        return True


class PreBlocks:
    """Which lines of a built page are code: those of a `<pre>` (its text is escaped, but
    its lines may look like Markdown: `## Title`, a fence)."""

    def __init__(self) -> None:
        self.open = False

    def skips(self, line: str) -> bool:
        opened = max((m.start() for m in PRE.finditer(line)), default=-1)
        closed = line.rfind("</pre>")
        if not self.open and opened < 0:
            return False
        self.open = opened > closed if opened >= 0 else closed < 0
        return True


class Position:
    """Where a line of an operation page is, from the headings above it: under which callback
    (`NAME: METHOD` in `## Callbacks`), and under the request body or which response status."""

    def __init__(self) -> None:
        self.callback = ""
        self.in_callbacks = False
        self.where = ""
        """`request`, a response status, or "" (elsewhere)."""
        self.where_level = 0
        self.responses_level = 0

    def heading(self, level: int, text: str) -> None:
        if level == 2:
            self.in_callbacks = text == "Callbacks"
            self.callback = ""
        if self.in_callbacks and level == 3:
            self.callback, self.where, self.responses_level = html_lib.unescape(text), "", 0
        elif text == "Request body":
            self.where, self.where_level, self.responses_level = "request", level, 0
        elif text == "Responses":
            self.where, self.responses_level = "", level
        elif self.responses_level and level == self.responses_level + 1:
            self.where, self.where_level = text.split()[0], level
        elif level <= max(self.where_level, self.responses_level):
            self.where, self.where_level, self.responses_level = "", 0, 0


class _Reader:
    def __init__(self, found: PageSchemas, code: Fences | PreBlocks) -> None:
        self.found = found
        self.position = Position()
        self.current: list[SchemaBlock] = []
        self.code = code
        self.in_tree = False

    def line(self, line: str) -> None:
        if self.in_tree:
            for block in self.current:
                block.tree += line + "\n"
            self.in_tree = line.strip() != "</section>"
            return
        if self.code.skips(line):
            return
        heading = HEADING.match(line)
        if heading:
            self.current = []
            self.position.heading(len(heading.group(1)), heading.group(2))
            return
        media = MEDIA_LINE.match(line)
        where = self.position.where
        if media and where:
            names = [code_text(m.group(2)) for m in CODE_SPAN.finditer(media.group(2))]
            self.current = [SchemaBlock(anchor=media.group(1) or "") for _ in names]
            for name, block in zip(names, self.current, strict=True):
                self.found.blocks.setdefault((self.position.callback, where, name), block)
            return
        if not self.current:
            return
        same = SAME_SCHEMA.match(line)
        if same:
            for block in self.current:
                block.same_as = same.group(1)
            self.current = []
        elif line.startswith(TREE_START):
            self.in_tree = True
            for block in self.current:
                block.tree = line + "\n"
        elif 'class="runs-api-type"' in line and not self.current[0].root_line:
            for block in self.current:
                block.root_line = line


def code_text(text: str) -> str:
    """A code span's text: one space each side is padding when both are there."""
    if len(text) > 1 and text.startswith(" ") and text.endswith(" ") and text.strip():
        return text[1:-1]
    return text
