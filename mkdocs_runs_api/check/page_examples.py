"""Find the examples an operation page shows, with their labels, descriptions and values.

The request body's examples are under `## Request body examples`, the responses' under
`## Response examples`, in a content tab per status (`=== "200"`) or after a bold status line;
a callback's follow each of its media types, after a bold `Example(s)` line. An example is an
optional label (its summary or name in bold, its media type, whether it was generated), an
optional description, then its value in a code block (or `See URL.`), until the next label.
The Markdown is read as the shipped templates write it; in the built HTML the same parts are
found as MkDocs wrote them (tabs as `tabbed-set` labels and blocks, code blocks as `<pre>`).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

import markdown as python_markdown

from ..render.deferred import put_blocks
from .page_blocks import HEADING, MEDIA_LINE, TREE_START, Position, markdown_line

FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})")
TAB = re.compile(r'^=== "(.*)"\s*$')
TAB_LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)
STATUS = re.compile(r"^([1-5][0-9X]{2}|default)$", re.I)
STRONG = re.compile(r"^<strong>(.*?)</strong>", re.S)
LABEL = re.compile(
    r"^(?:<strong>(.*?)</strong>)?(?:(?:^| · )<code>([^<]*)</code>)?"
    r"(?:(?:^| · )<em>([Gg]enerated from the schema)</em>)?$",
    re.S,
)
CODE = re.compile(r"<code>(.*?)</code>", re.S)
LINK = re.compile(r'^See (?:<a href="[^"]*">)?<code>(.*?)</code>|^See <a href="([^"]*)"', re.S)
"""`See URL.`: as code (a link's, or a relative URL's), or as an autolink (an older template's)."""
TAG = re.compile(r"<[^>]+>")
CODE_BLOCK = re.compile(r'^(<pre|<div class="[^"]*\bhighlight\b)')
CALLBACK_EXAMPLES = {"Example", "Examples"}

Key = tuple[str, str]
"""`(callback, where)`: "" or `NAME: METHOD`, and `request` or a response status."""


@dataclass
class ShownExample:
    """One example as the page shows it."""

    label: str = ""
    """The bold part of its label (the example's summary, else its name), as text."""
    media: str = ""
    """The media type its label names, if it names one."""
    generated: bool = False
    """Its label says it was generated from the schema (not one of the spec's)."""
    described: bool = False
    values: list[str] = field(default_factory=list)
    """Its code block's text, or the URL of `See URL.` (and any code block of its
    description: every block until the next label is taken as one of its values)."""


@dataclass
class _Place:
    key: Key | None = None
    """Where examples read now go (None: nowhere)."""
    entry: ShownExample | None = None
    """The example being read (until the next label)."""


def page_examples(markdown: str, held: list[str] | None = None) -> dict[Key, list[ShownExample]]:
    """The examples of a generated page, by place."""
    return _Reader(html=False).read(put_blocks(markdown, held or []))


def site_page_examples(html: str) -> dict[Key, list[ShownExample]]:
    """The examples of a page as `mkdocs build` wrote it."""
    return _Reader(html=True).read(html)


def text_of(html: str) -> str:
    """What some HTML reads as: tags dropped, entities read, spaces squeezed."""
    return " ".join(html_lib.unescape(TAG.sub("", html)).split())


class _Reader:
    def __init__(self, html: bool) -> None:
        self.html = html
        self.found: dict[Key, list[ShownExample]] = {}
        self.position = Position()
        self.section = ""
        """`request`, `responses` (the aside's sections) or ""."""
        self.place = _Place()
        self.tabs: list[str] = []
        self.tabbed = False
        self.indent = 0
        self.value: list[str] | None = None
        self.fence = ""
        self.in_tree = False

    def read(self, text: str) -> dict[Key, list[ShownExample]]:
        for line in text.split("\n"):  # not splitlines: names may hold \r, \x85, \u2028
            self.line(line)
        return self.found

    def line(self, line: str) -> None:
        if self.value is not None:
            self._value_line(line)
            return
        if self.in_tree:
            self.in_tree = line.strip() != "</section>"
            return
        if self.indent and line[: self.indent].strip() == "":
            line = line[self.indent :]
        if line.startswith(TREE_START):
            self.in_tree = True
        elif heading := HEADING.match(markdown_line(line) if self.html else line):
            self._heading(len(heading.group(1)), heading.group(2))
        elif self.html:
            self._html_line(line)
        else:
            self._markdown_line(line)

    def _heading(self, level: int, text: str) -> None:
        self.position.heading(level, text)
        self.indent, self.place = 0, _Place()
        if level == 2:
            self.section = {"Request body examples": "request", "Response examples": "responses"}
            self.section = self.section.get(text, "")
            self.tabbed = False
            if self.section == "request":
                self.place.key = ("", "request")

    def _markdown_line(self, line: str) -> None:
        fence = FENCE_OPEN.match(line)
        tab = TAB.match(line)
        if fence:
            self.fence, self.value = fence.group(1), []
        elif tab and self.section == "responses":
            self.tabbed, self.indent = True, 4
            self._go(("", tab.group(1)))
        elif MEDIA_LINE.match(line):
            self._paragraph(line)
        elif line.strip() and not line.startswith("<") and self._listening(line):
            self._paragraph(python_markdown.markdown(line.strip()))

    def _listening(self, line: str) -> bool:
        """Whether a Markdown paragraph line may matter (most of a page does not)."""
        if self.place.key is not None:
            return True
        if self.section == "responses" and not self.tabbed:
            return line.startswith("**")
        return self.position.in_callbacks and line.startswith("**Example")

    def _html_line(self, line: str) -> None:
        if "tabbed-labels" in line and self.section == "responses":
            self.tabs = [text_of(label) for label in TAB_LABEL.findall(line)]
            self.tabbed = True
        elif 'class="tabbed-block"' in line and self.tabs:
            self._go(("", self.tabs.pop(0)))
        elif CODE_BLOCK.match(line):
            self.value = []
            self._value_line(line)
        elif line.startswith("<p>"):
            self._paragraph(markdown_line(line) if "Media type" in line else line)

    def _go(self, key: Key) -> None:
        self.place = _Place(key)

    def _paragraph(self, html: str) -> None:
        """A paragraph between code blocks: a status, a label, a description or a link."""
        if MEDIA_LINE.match(html):  # a callback's next media type: its examples come later
            self.place = _Place()
            return
        inner = html.removeprefix("<p>").removesuffix("</p>")
        strong = STRONG.match(inner)
        bold = text_of(strong.group(1)) if strong and strong.end() == len(inner) else ""
        if self.section == "responses" and not self.tabbed and STATUS.match(bold):
            self._go(("", bold))
        elif self.position.in_callbacks and self.position.where and bold in CALLBACK_EXAMPLES:
            self._go((self.position.callback, self.position.where))
        elif self.place.key is None:
            return
        elif link := LINK.match(inner):
            self._example().values.append(text_of(link.group(1) or link.group(2)))
        elif label := _label(inner):
            self._example(label)
        else:
            self._example().described = True

    def _example(self, new: ShownExample | None = None) -> ShownExample:
        """The example being read (`new` starts one), listed at the current place."""
        assert self.place.key is not None
        if new is not None or self.place.entry is None:
            self.place.entry = new or ShownExample()
            self.found.setdefault(self.place.key, []).append(self.place.entry)
        return self.place.entry

    def _value_line(self, line: str) -> None:
        assert self.value is not None
        if self.html:
            self.value.append(line)
            if "</pre>" not in line:
                return
            text = html_lib.unescape(TAG.sub("", "\n".join(self.value)))
        else:
            if self.indent and line[: self.indent].strip() == "":
                line = line[self.indent :]
            stripped = line.strip()
            if not (stripped.startswith(self.fence) and stripped.strip(self.fence[0]) == ""):
                self.value.append(line)
                return
            text = "\n".join(self.value)
        self.value = None
        if self.place.key is not None:
            self._example().values.append(text)


def _label(inner: str) -> ShownExample | None:
    """An example's label (`<strong>summary</strong> · <code>media</code> · <em>generated
    from the schema</em>`, any part of it), or None for another paragraph."""
    found = LABEL.match(inner)
    if found is None or not any(found.groups()):
        return None
    return ShownExample(
        label=text_of(found.group(1) or ""),
        media=text_of(found.group(2) or ""),
        generated=found.group(3) is not None,
    )
