"""Find the parameter and response header tables on an operation page, row by row.

A page shows its parameters under `## Parameters`, one table per location (`### Path
parameters`...: Name, Type, Required, Description), and each response's headers in a table
under its `### STATUS` heading (Header, Type, Description); a callback's, two levels deeper.
In Markdown a table's rows are converted with Python-Markdown's `tables` (as MkDocs converts
them), so a row is read as the same HTML in both forms: the inner HTML of each cell.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

import markdown as python_markdown

from ..render.deferred import put_blocks
from .page_blocks import HEADING, TREE_START, Fences, Position, PreBlocks, markdown_line

PARAMETER_HEAD = ["Name", "Type", "Required", "Description"]
HEADER_HEAD = ["Header", "Type", "Description"]
LOCATIONS = {
    "Path parameters": "path",
    "Query parameters": "query",
    "Query string": "querystring",
    "Header parameters": "header",
    "Cookie parameters": "cookie",
}
ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
CELL = re.compile(r"<t([dh])[^>]*>(.*?)</t\1>", re.S)
CODE = re.compile(r"<code>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]+>")


@dataclass
class PageTables:
    """The rows of one page's parameter and header tables, each its cells' inner HTML."""

    parameters: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    """By `(callback, location, name)`; callback is "" for the operation itself."""
    headers: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    """By `(callback, status, name)`."""


def page_tables(markdown: str, held: list[str] | None = None) -> PageTables:
    """The tables of a generated page (its Markdown, with its deferred blocks if any)."""
    return _Reader(html=False).read(put_blocks(markdown, held or []))


def site_page_tables(html: str) -> PageTables:
    """The tables of a page as `mkdocs build` wrote it."""
    return _Reader(html=True).read(html)


def cell_text(html: str) -> str:
    """What a cell's HTML reads as: tags dropped, entities read, spaces squeezed."""
    return " ".join(html_lib.unescape(TAG.sub("", html)).split())


def first_code(html: str) -> str:
    """The text of the first `<code>` in `html` (a name), or ""."""
    found = CODE.search(html)
    return html_lib.unescape(TAG.sub("", found.group(1))).strip() if found else ""


class _Reader:
    def __init__(self, html: bool) -> None:
        self.html = html
        self.found = PageTables()
        self.position = Position()
        self.location = ""
        self.parameters_level = 0
        """The level of the `Parameters` heading the reader is under (0: none)."""
        self.table: list[str] | None = None
        self.code = PreBlocks() if html else Fences()
        """Which lines are code (a `|` or a heading there is none of the page's)."""
        self.in_tree = False

    def read(self, text: str) -> PageTables:
        for line in text.split("\n"):  # not splitlines: names may hold \r, \x85, \u2028
            self.line(line)
        if self.table is not None:  # a table that ends the page
            self._table_line("")
        return self.found

    def line(self, line: str) -> None:
        if self.table is not None:
            self._table_line(line)
        elif self.in_tree:
            self.in_tree = line.strip() != "</section>"
        elif self.code.skips(line):
            return
        elif line.startswith(TREE_START):
            self.in_tree = True
        elif line.startswith("<table" if self.html else "|"):
            self.table = []
            self._table_line(line)
        elif heading := HEADING.match(markdown_line(line) if self.html else line):
            self._heading(len(heading.group(1)), heading.group(2))

    def _heading(self, level: int, text: str) -> None:
        """`## Parameters` (a callback's `#### Parameters`), and a location's heading below it."""
        self.position.heading(level, text)
        if text == "Parameters" or level <= self.parameters_level:
            self.parameters_level = level if text == "Parameters" else 0
            self.location = ""
        elif self.parameters_level and level == self.parameters_level + 1:
            self.location = LOCATIONS.get(text, "")

    def _table_line(self, line: str) -> None:
        assert self.table is not None
        ended = "</table>" in line if self.html else not line.startswith("|")
        if not ended or self.html:
            self.table.append(line)
        if ended:
            lines, self.table = self.table, None
            self._rows(lines)
            if not self.html:
                self.line(line)

    def _rows(self, lines: list[str]) -> None:
        text = "\n".join(lines)
        html = text if self.html else python_markdown.markdown(text, extensions=["tables"])
        rows = [[cell for _, cell in CELL.findall(row)] for row in ROW.findall(html)]
        if not rows:
            return
        head = [cell_text(cell) for cell in rows[0]]
        callback, where = self.position.callback, self.position.where
        if head == PARAMETER_HEAD and self.location:
            for row in rows[1:]:
                key = (callback, self.location, first_code(row[0]))
                self.found.parameters.setdefault(key, row)
        elif head == HEADER_HEAD and where and where != "request":
            for row in rows[1:]:
                self.found.headers.setdefault((callback, where, first_code(row[0])), row)
