"""Jinja filters that make spec text safe inside generated Markdown.

Spec text is Markdown, passed through; its raw HTML sanitized, escaped or trusted (the `html`
modes: `HTML_MODES`), table
cells stay on one row, code spans and fences are long enough for the backticks they hold, and
`{` is escaped so `attr_list` never reads spec text as attributes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from .pretty_json import pretty_json
from .spec_html import sanitize_paragraph, split_apply

REMEMBERED_TEXTS = 1 << 16
"""How many distinct texts each escaping function remembers (a build repeats many)."""
FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]+>")
SANITIZE, ESCAPE, TRUST = "sanitize", "escape", "trust"
HTML_MODES = (SANITIZE, ESCAPE, TRUST)
"""What becomes of HTML in spec text: sanitized and rendered (`spec_html`), shown as text, or
passed through as written."""
HtmlMode = str | bool
"""One of `HTML_MODES`; a bool is the old `allow_html` (True: `trust`, False: `escape`)."""
BLOCK_START = re.compile(r"\s|[-+*](\s|$)|\d+[.)](\s|$)|[>#|<]|```|~~~|$")
"""How Markdown that is not a plain paragraph may start (a list, a heading, code...)."""


def md_block(text: Any, html: HtmlMode = ESCAPE, mdx: bool = False) -> str:
    """Spec Markdown for a block position: its HTML as `html` says (outside code), braces
    neutralized.

    For MDX (`mdx=True`) raw HTML is always escaped and autolinks become links: in MDX a `<`
    starts JSX and a `{` an expression, so spec text must carry neither.
    """
    return _md_block(str(text or ""), ESCAPE if mdx else html_mode(html), mdx)


def html_mode(html: HtmlMode) -> str:
    """`html` as one of `HTML_MODES`."""
    if isinstance(html, bool):
        return TRUST if html else ESCAPE
    return html


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _md_block(text: str, html: str, mdx: bool) -> str:
    """`md_block` of a string, remembered: big APIs repeat descriptions on hundreds of pages."""
    escape_prose = _escape_mdx_prose if mdx else _escape_prose
    lines: list[str] = []
    paragraph: list[str] = []
    text = closed_fences(text.replace("\r\n", "\n").strip("\n"))
    for line, in_fence in setext_as_atx(fenced_lines(text)):
        if not in_fence:
            line = HEADING.sub(_demoted, line)
        if html == SANITIZE and not in_fence and line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            lines.append(sanitize_paragraph("\n".join(paragraph), CODE_SPAN, escape_prose))
            paragraph = []
        if in_fence or html == TRUST:
            lines.append(line)
        else:
            lines.append(_escape_outside(line, CODE_SPAN, escape_prose))
    if paragraph:
        lines.append(sanitize_paragraph("\n".join(paragraph), CODE_SPAN, escape_prose))
    return "\n".join(lines)


HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
"""An ATX heading's start (`# Title`)."""
HEADING_SHIFT = 2
"""How many levels a heading in spec text goes down: a `#` in a description is a `###` on the
page, below the page's title (`#`) and its sections (`##`), never a second `<h1>`."""


SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
"""The line under a setext heading (`Title` over `=====` is an `<h1>`, over `-----` an `<h2>`)."""
PARAGRAPH_START = re.compile(r"^ {0,3}(?![-*+>#|]|\d+[.)]|[ \t]*$)\S")
"""A line that can only start a paragraph: not a list item, quote, heading, table row or blank."""


def setext_as_atx(lines: Iterable[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    """`(line, in_fence)` pairs with each setext heading written as an ATX heading (`#`/`##`),
    so that headings in spec text go down a level like the others. Like Python-Markdown, the
    heading is the one line above the underline."""
    held: tuple[str, bool] | None = None
    for line, in_fence in lines:
        if held is not None:
            if not in_fence and SETEXT_UNDERLINE.match(line):
                level = "#" if line.strip()[0] == "=" else "##"
                yield f"{level} {held[0].strip()}", False
                held = None
                continue
            yield held
            held = None
        if not in_fence and PARAGRAPH_START.match(line):
            held = (line, in_fence)
            continue
        yield line, in_fence
    if held is not None:
        yield held


def _demoted(match: re.Match) -> str:
    return match.group(1) + "#" * min(6, len(match.group(2)) + HEADING_SHIFT)


def closed_fences(text: str) -> str:
    """`text` with a code fence it leaves open closed at its end: an unclosed fence in a
    description would otherwise swallow the rest of the page."""
    states = [open_after for _, _, open_after in _fence_walk(text)]
    return f"{text}\n{states[-1]}" if states and states[-1] else text


def fenced_lines(text: str) -> Iterator[tuple[str, bool]]:
    """Each line of `text`, and whether it belongs to a fenced code block (its fences too)."""
    return ((line, in_fence) for line, in_fence, _ in _fence_walk(text))


def _fence_walk(text: str) -> Iterator[tuple[str, bool, str | None]]:
    """Each line of `text`, whether it belongs to a fenced code block (its fences too), and
    the fence still open after it (None outside one)."""
    fence = None
    for line in text.split("\n"):
        opener = FENCE_OPEN.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            yield line, True, fence
        elif opener:
            fence = opener.group(1)
            yield line, True, fence
        else:
            yield line, False, None


def map_prose(text: str, prose: Callable[[str], str]) -> str:
    """`text` (Markdown) with `prose` applied to each line outside fenced code blocks; code
    spans are the caller's to keep (`escape_outside_code`)."""
    lines = fenced_lines(text.replace("\r\n", "\n").strip("\n"))
    return "\n".join(line if in_fence else prose(line) for line, in_fence in lines)


def escape_outside_code(line: str, escape: Callable[[str], str]) -> str:
    """A line of prose with `escape` applied outside its code spans."""
    return _escape_outside(line, CODE_SPAN, escape)


def md_inline(text: Any, html: HtmlMode = ESCAPE) -> str:
    """Spec Markdown squeezed onto one line (for headings and list heads)."""
    return " ".join(md_block(text, html).split())


def md_cell(text: Any, html: HtmlMode = ESCAPE) -> str:
    """Spec Markdown for a table cell: one line, paragraphs as `<br>`, pipes kept in their cell
    (`cell_pipes`)."""
    return _md_cell(str(text or ""), html_mode(html))


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _md_cell(text: str, html: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", md_block(text, html))]
    return cell_pipes("<br><br>".join(p for p in paragraphs if p))


_ROW_TOKENS = re.compile(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")
"""What Python-Markdown's `tables` looks for in a row (its `RE_CODE_PIPES`): an escaped
backslash, a backtick run (escaped or not), an escaped pipe, a pipe."""


def cell_pipes(text: str) -> str:
    """One line of Markdown made safe for a table cell as Python-Markdown's `tables` (MkDocs's)
    splits a row: a pipe outside code is escaped; one inside a code span is left as it is (the
    splitter does not split there, and a backslash would be shown inside code). A backtick run
    that closes no code span in the cell is written as entities: it would pair with one of a
    later cell, and the pipes between them (the cells' own) would no longer split the row."""
    if "|" not in text and "`" not in text:
        return text
    tokens = list(_ROW_TOKENS.finditer(text))
    spans, unpaired = _code_spans(tokens)
    parts, last = [], 0
    for token in tokens:
        start = token.start()
        if token.group(5) and not any(a <= start < b for a, b in spans):
            parts += [text[last:start], "\\|"]
        elif start in unpaired:
            escape = "\\`" if token.group(2) else ""
            ticks = len(token.group(0)) - len(escape)
            parts += [text[last:start], escape, "&#96;" * ticks]
        else:
            continue
        last = token.end()
    parts.append(text[last:])
    return "".join(parts)


def _code_spans(tokens: list[re.Match]) -> tuple[list[tuple[int, int]], set[int]]:
    """The code spans of a row as `tables` pairs its backtick runs (an opening run with the
    next run of as many backticks; an escaped run opens with one backtick less), and the runs
    that could open one but pair with none (where they start)."""
    runs = [t for t in tokens if t.group(2) or t.group(3)]
    counts = [len(t.group(2)) - 1 if t.group(2) else len(t.group(3)) for t in runs]
    spans, unpaired, at = [], set(), 0
    while at < len(runs):
        size = counts[at] - (1 if runs[at].group(2) else 0)
        close = next((i for i in range(at + 1, len(runs)) if counts[i] == size), None)
        if size and close is not None:
            spans.append((runs[at].start(), runs[close].end()))
            at = close + 1
            continue
        if size:
            unpaired.add(runs[at].start())
        at += 1
    return spans, unpaired


def code(value: Any) -> str:
    """An inline code span that survives any backticks in `value`."""
    return _code(value) if isinstance(value, str) else _code(literal(value))


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _code(value: str) -> str:
    text = " ".join(value.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def url_link(url: Any) -> str:
    """A URL from the spec as a link that shows it as code. Only an absolute `http(s)` URL links
    (a relative one would resolve against the docs page, not the API; a `javascript:` one must
    not run); any other is shown as code. Characters that could end the link or start HTML or
    attributes (spaces, `<>()[]{}`, backticks, backslashes, `"`, `|`) are percent-encoded."""
    text = " ".join(str(url or "").split())
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed `[` of an IPv6 host
        return code(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return code(text)
    target = quote(text, safe=_URL_SAFE)
    return f"[`{target}`]({target})"


_URL_SAFE = ":/?#@!$&'*+,;=%-._~"
"""What `url_link` leaves as it is: URL syntax that cannot end a Markdown link or code span."""


def fence(text: Any, language: str = "") -> str:
    """A fenced code block that survives any backtick runs in `text`."""
    body = str(text).rstrip("\n")
    runs = re.findall(r"^\s*(`{3,})", body, re.M) if "```" in body else ()  # a fast first look
    longest = max((len(run) for run in runs), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{body}\n{ticks}"


def literal(value: Any) -> str:
    """A value as a reader types it: strings bare, everything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def to_json(value: Any) -> str:
    """Pretty JSON for example blocks (non-JSON YAML values become strings)."""
    if isinstance(value, str):
        return value
    return pretty_json(value)


class SharedJson:
    """`to_json` that writes each list or object once per build: synthesized examples share
    their parts (read-only), and a big API shows the same example on many pages."""

    def __init__(self) -> None:
        self._written: dict[int, tuple[str, Any]] = {}
        """By id; the value is kept too, so its id stays unique while this lives."""

    def forget(self) -> None:
        """Drop the remembered JSON (at the end of a build)."""
        self._written.clear()

    def __call__(self, value: Any) -> str:
        if not isinstance(value, (dict, list)):
            return to_json(value)
        found = self._written.get(id(value))
        if found is None:
            found = self._written[id(value)] = (to_json(value), value)
        return found[0]


def yaml_string(value: Any) -> str:
    """A double-quoted YAML scalar (JSON string syntax), safe for front matter."""
    return json.dumps(str(value), ensure_ascii=False)


def html_text(value: Any) -> str:
    """Escape for HTML text or attribute values written by our templates."""
    return html.escape(str(value), quote=True)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]])")


def md_text(value: Any) -> str:
    """Our own plain text (not the spec's Markdown) inside Markdown: HTML escaped, and the
    characters that start code, emphasis or links backslash-escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html_text(value))


def labelled(markdown: str, label: str) -> str:
    """Markdown that `md_block` made, after a bold `label`: at the start of its first paragraph,
    or in a paragraph of its own above a text that starts with another block (a list...)."""
    between = "\n\n" if BLOCK_START.match(markdown) else " "
    return f"**{label}**{between}{markdown}"


def indent_block(text: str, width: int) -> str:
    """Indent every non-blank line after the first by `width` spaces (list continuation)."""
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _escape_prose(text: str) -> str:
    """Escape prose (outside code spans), leaving autolinks as they are."""
    return _escape_outside(text, _AUTOLINK, _escape_chars)


def _escape_mdx_prose(text: str) -> str:
    """Like `_escape_prose`, but autolinks (which MDX does not have) become `[url](url)`."""
    parts, last = [], 0
    for match in _AUTOLINK.finditer(text):
        url = match.group(0)[1:-1]
        parts.append(_escape_chars(text[last : match.start()]))
        parts.append(f"[{url}]({url})" if "(" not in url and ")" not in url else _escape_chars(url))
        last = match.end()
    parts.append(_escape_chars(text[last:]))
    return "".join(parts)


def _neutralize_links(text: str) -> str:
    return _UNSAFE_LINK.sub(r"\1#unsafe-link-removed:", text)


def _escape_outside(text: str, keep: re.Pattern, escape: Callable[[str], str]) -> str:
    """Apply `escape` to the parts of `text` that `keep` does not match."""
    return split_apply(text, keep, lambda kept: kept, escape)


_UNSAFE_LINK = re.compile(
    r"(\]\(\s*<?|^\s*\[[^\]]*\]:\s*<?)\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE
)
"""A Markdown link (inline or reference definition) whose target runs script."""


def _escape_chars(text: str) -> str:
    text = _neutralize_links(text)
    return text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")
