"""What the search plugin reads of a generated page: the same text, with far fewer tags.

MkDocs' and Material's search plugins index a page by feeding its whole HTML to Python's
`html.parser`, tag by tag. On an operation page most tags index nothing: the schema trees are
excluded from search (`data-search-exclude`) but still parsed, and every token of a highlighted
code sample is a `<span>`. On GitHub's spec the articles hold 8.0 M tags, 5.5 M of them in code
blocks and 2.1 M in schema trees, and indexing took more than half of the build.

`search_view` gives the search plugin the page without the excluded trees, with the code
blocks' spans taken out (their text, entities and `<code>` kept) and the attributes no search
plugin reads taken off the other tags (`<span class="runs-api-badge ...">` is `<span>`: on
GitHub's pages that is two thirds of the view's bytes, a third of the parsing), so the index
holds the same sections and text; `SearchView` shows it to the search plugin only, for the
length of its `on_page_context`, and puts the page back after.

One thing the view leaves out on purpose: of the content tabs after a `FIRST_TAB_ONLY` marker
(the request samples), the tabs after the first that hold nothing but a code block. Ten
languages of the same request were 5.7 of GitHub's 17 MB of indexed text; the first stays
searchable. The marker is taken out of the page when it is put back.
"""

from __future__ import annotations

import re

EXCLUDED_TREE = re.compile(
    r'<section class="runs-api-tree" data-search-exclude>.*?</section>', re.S
)
"""A schema tree left out of search, up to the first `</section>`, where Material's search
stops excluding too (a description's own section, when the site allows raw HTML, ends it)."""
PRE_BLOCK = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
TAG_BUT_CODE = re.compile(r"<(?!/?code\b)[^>]*>")
LINE_NUMBERS = "linenodiv"
"""Pygments' line number column: search skips it, so its `<pre>` must stay as it is."""
FIRST_TAB_ONLY = '<div data-runs-api-search="first-tab"></div>'
_CODE_TAB = (
    r'\s*<div class="tabbed-block">\s*<div class="[^"]*highlight">'
    r"<pre>(?:[^<]+|</?code>)*</pre></div>\s*</div>"
)
"""A tab that holds a code block only (in the view: no tag in `<pre>` but `<code>`)."""
CODE_TABS = re.compile(
    rf'(\s*<div class="tabbed-set.*?<div class="tabbed-content">{_CODE_TAB})((?:{_CODE_TAB})+)',
    re.S,
)
"""A tab set, from its start to the end of its first block, then the code-only blocks after it."""
BARE_TAG = re.compile(
    r"<(a|code|details|div|em|label|li|ol|p|pre|span|strong|summary|table|tbody|td|th|thead|tr"
    r"|ul)\s(?![^>]*(?:data-search-|headerlink|linenodiv))[^>]*>"
)
"""An opening tag whose attributes no search plugin reads: Material's reads a heading's `id`,
`data-search-*` (exclude, boost), and the classes `headerlink` and `linenodiv`; MkDocs' a
heading's `id`."""
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
"""The attributes Material's search plugin removes from the page once it has indexed it."""


def search_view(html: str) -> str:
    """`html` as the search plugin needs it: excluded trees out, code blocks without spans."""
    html = EXCLUDED_TREE.sub("", html)
    if LINE_NUMBERS in html:
        return html
    return BARE_TAG.sub(r"<\1>", _first_tabs_only(PRE_BLOCK.sub(_plain_code, html)))


def _first_tabs_only(html: str) -> str:
    """`html` without the code-only tabs after the first of the tab set after each marker."""
    parts = html.split(FIRST_TAB_ONLY)
    return parts[0] + "".join(_first_tab(part) for part in parts[1:])


def _first_tab(html: str) -> str:
    """`html` (from a marker on) without the code-only tabs after the first of the tab set that
    starts it; unchanged if no such tab set starts it."""
    found = CODE_TABS.match(html)
    return html if found is None else found.group(1) + html[found.end() :]


def _plain_code(match: re.Match) -> str:
    start, code, end = match.groups()
    return f"{start}{TAG_BUT_CODE.sub('', code)}{end}"


class SearchView:
    """Swaps generated pages' content for their search view around the search plugin's
    `on_page_context`, and back, keeping what the search plugin does to the page."""

    def __init__(self) -> None:
        self._shown: dict[int, tuple[str, str]] = {}
        """id(page) -> (the page's content, the view shown in its place)."""

    def show(self, page) -> None:  # noqa: ANN001 - a MkDocs page
        if not page.content:
            return
        view = search_view(page.content)
        self._shown[id(page)] = (page.content, view)
        page.content = view

    def restore(self, page, force: bool = False) -> bool:  # noqa: ANN001
        """Put the page's content back; False (and nothing done) when a plugin between the two
        changed the view in a way other than the search plugin's, unless `force`."""
        content, view = self._shown.get(id(page), (None, None))
        if content is None:
            return True
        if page.content == view or force:
            page.content = content.replace(FIRST_TAB_ONLY, "")
        elif page.content == SEARCH_ATTRIBUTES.sub("", view):
            page.content = SEARCH_ATTRIBUTES.sub("", content).replace(FIRST_TAB_ONLY, "")
        else:
            return False
        del self._shown[id(page)]
        return True
