"""Spec Markdown made plain for the twins: kept as written, but no HTML tag survives."""

from __future__ import annotations

import re
from typing import Any

from ..render.markdown import escape_outside_code, map_prose

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
"""A `<` that starts an HTML tag, comment or declaration (`a < b` is left alone)."""
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def plain_block(text: Any) -> str:
    """Spec Markdown for a block: `<br>` becomes a line break, any other tag is escaped
    (`&lt;div>`) outside code spans and fences, so a reader sees the text, never markup."""
    return map_prose(str(text or ""), lambda line: escape_outside_code(line, _escape_tags))


def plain_line(text: Any) -> str:
    """`plain_block` squeezed onto one line (list heads, llms.txt entries)."""
    return " ".join(plain_block(text).split())


def first_sentence(text: Any, limit: int = 160) -> str:
    """The first sentence of `text` on one line, cut at `limit` characters."""
    line = plain_line(str(text or "").split("\n\n", 1)[0])
    match = re.match(r"(.+?[.!?])(\s|$)", line)
    sentence = match.group(1) if match else line
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _escape_tags(text: str) -> str:
    return _TAG_START.sub("&lt;", _LINE_BREAK.sub("  \n", text))
