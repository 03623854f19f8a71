"""HTML written in spec text, made safe where it stands (the `html: sanitize` mode).

A description's Markdown keeps its HTML tags, each paragraph (text up to a blank line, as a
CommonMark HTML block ends there) parsed and re-serialized by `nh3` (Ammonia's HTML5 parser):
only `SPEC_TAGS` with `SPEC_ATTRIBUTES` are kept, links and images only with `SPEC_URL_SCHEMES`
or relative URLs, `DROPPED_TAGS` (`<script>`, `<style>`...) go with their content, other tags
are shown as text, an element the paragraph
opens is closed at its end, and an end tag that closes nothing it opened is dropped. So a
description's `<div>` or `<table>` cannot swallow what follows it on the page, and no `class`
or `id` can pose as one of the page's own elements. The text between tags and code spans are
held out of the parser (as placeholders) and escaped as in the `escape` mode; Markdown in them
is converted as usual, but not inside a block-level element (Python-Markdown's rule without
`md_in_html`: an HTML block is raw).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3

SPEC_TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details"),
    *("div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins"),
    *("kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong"),
    *("sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"),
    "var",
}
"""Tags spec text may use: text formatting, lists, tables, images, links. Not `section` (a
schema tree is one) nor `input`, `label`, `aside` (the page's own widgets)."""
SPEC_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
}
"""No `class`, `id` or `style`: spec text must not restyle the page or pose as its parts."""
DROPPED_TAGS = {
    *("script", "style", "iframe", "object", "embed", "applet", "svg", "math", "noscript"),
    *("template", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"),
}
"""Tags dropped with their content (it is script, styles or a frame's). Any other tag that is not
in `SPEC_TAGS` (`<token>`, `<YOUR_KEY>`, `<body onload=...>`) is shown as text, as `escape`
shows it: in API docs such a "tag" is usually a placeholder the reader is meant to see."""
SPEC_URL_SCHEMES = {"http", "https", "mailto"}
HTML_TOKEN = re.compile(r"<!--.*?-->|</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>", re.S)
"""A tag or a comment (an autolink `<https://...>` is neither: its name ends at `:`)."""
_HELD = re.compile("\ue000(\\d+)\ue001")


def has_html(text: str) -> bool:
    return HTML_TOKEN.search(text) is not None


def sanitize_paragraph(text: str, code: re.Pattern, escape: Callable[[str], str]) -> str:
    """One paragraph of spec Markdown with its tags sanitized and balanced; `code` matches its
    code spans (kept as they are), `escape` escapes the prose between tags."""
    if "<" not in text:
        return split_apply(text, code, lambda part: part, escape)
    text = text.replace("\ue000", "").replace("\ue001", "")  # our placeholders' marks
    held: list[str] = []

    def hold(part: str) -> str:
        if not part.strip():
            return part
        held.append(part)
        return f"\ue000{len(held) - 1}\ue001"

    def tag(token: str) -> str:
        name = HTML_TOKEN.match(token).group(1)
        if name is None or name.lower() in SPEC_TAGS or name.lower() in DROPPED_TAGS:
            return token
        return hold(escape(token))

    def prose(part: str) -> str:
        return split_apply(part, HTML_TOKEN, tag, lambda t: hold(escape(t)))

    marked = split_apply(text, code, hold, prose)
    cleaned = nh3.clean(
        marked,
        tags=SPEC_TAGS,
        attributes=SPEC_ATTRIBUTES,
        url_schemes=SPEC_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        clean_content_tags=DROPPED_TAGS,
    )
    return _HELD.sub(lambda match: held[int(match.group(1))], cleaned)


def split_apply(
    text: str, pattern: re.Pattern, matched: Callable[[str], str], other: Callable[[str], str]
) -> str:
    """`text` with `matched` applied to what `pattern` matches and `other` to the rest."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [other(text[last : match.start()]), matched(match.group(0))]
        last = match.end()
    parts.append(other(text[last:]))
    return "".join(parts)
