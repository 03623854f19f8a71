"""Sanitize the HTML of generated pages with `nh3` (Ammonia): spec text may be hostile.

Markdown from the spec is already escaped at the source (`render.markdown`); this is the second
wall, on the HTML MkDocs made: no `<script>`, `<iframe>`, `<object>`, no event handlers, no
`javascript:` or `data:` URLs. What Python-Markdown, pymdownx and Pygments write is kept.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "button",
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
    "div": {
        "data-operation",
        "tabindex",
        "data-property",
        "data-variants",
        "data-runs-api-block",
        "data-runs-api-search",
        "data-try-it-panel",
        "data-search-exclude",
    },
    "section": {"data-search-exclude"},
    "span": {"data-runs-api-change"},
    "button": {"type", "hidden", "data-try-it"},
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
