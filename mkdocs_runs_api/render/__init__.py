"""Render pages from Jinja templates: user `custom_templates` first, then the built-in ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from ..layout.plan import GroupPage, Layout, OperationPage, relative_link
from ..model.types import ApiModel
from . import markdown
from .deferred import DeferredBlocks
from .schema_list import SchemaRowsMarkdown, schema_rows
from .schema_row_text import RowText
from .schema_tree import DescriptionHtml, SchemaTreeHtml
from .template_cache import bytecode_cache
from .template_loop import LoopCheckingEnvironment

if TYPE_CHECKING:
    from ..changelog import Badge, Changelog

STATUS_TEXT = {
    "200": "OK",
    "201": "Created",
    "202": "Accepted",
    "204": "No Content",
    "301": "Moved Permanently",
    "302": "Found",
    "304": "Not Modified",
    "400": "Bad Request",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "Not Found",
    "405": "Method Not Allowed",
    "409": "Conflict",
    "410": "Gone",
    "412": "Precondition Failed",
    "413": "Payload Too Large",
    "415": "Unsupported Media Type",
    "422": "Unprocessable Entity",
    "429": "Too Many Requests",
    "500": "Internal Server Error",
    "502": "Bad Gateway",
    "503": "Service Unavailable",
    "504": "Gateway Timeout",
    "default": "Any other status",
}


@dataclass(frozen=True)
class RenderOptions:
    """Options that change what the templates write."""

    html: str = markdown.SANITIZE
    """What becomes of HTML in spec text: `sanitize`, `escape` or `trust` (`HTML_MODES`)."""
    tabs: bool = True
    """The site has Material content tabs (pymdownx.superfences + pymdownx.tabbed)."""
    markdown_extensions: tuple[Any, ...] = ("tables", "fenced_code")
    """The site's Markdown extensions (`markdown_extensions` of mkdocs.yml): schema trees are
    HTML, and the descriptions in them are converted with these."""
    mdx_configs: dict[str, dict] = field(default_factory=dict)
    """The site's `mdx_configs`: the extensions' options."""
    search_schema_trees: bool = False
    """Leave schema trees in the search index (else they carry `data-search-exclude`)."""
    defer_blocks: bool = False
    """Hold schema trees' HTML out of the page's Markdown, for the plugin to put in after
    conversion (`deferred`); only for pages MkDocs converts with the plugin."""
    defer_code: bool = False
    """With `defer_blocks`, hold the code blocks (`fence`) back too: the plugin converts them
    apart from the page, on another process (`build.code_html`)."""


def builtin_templates_dir() -> Path:
    """The shipped templates: inside the wheel, or the repo's top-level `templates/` when
    installed in editable mode (where `templates/` is not inside the package)."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


def make_environment(custom_templates: Path | None, options: RenderOptions) -> jinja2.Environment:
    """A Jinja environment with our filters; `custom_templates` overrides per file, and a
    template that loads itself is a `SpecError` (see `template_loop`)."""
    custom = Path(custom_templates) if custom_templates else None
    search = [str(custom)] if custom else []
    env = LoopCheckingEnvironment(
        custom_templates=custom,
        loader=jinja2.FileSystemLoader(search + [str(builtin_templates_dir())]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,  # compiled once per build: no stat() per include
        cache_size=-1,  # a plain dict: an LRU cache locks on every include, ~50,000 per build
        bytecode_cache=bytecode_cache(),
    )
    html_mode = options.html
    env.deferred_blocks = blocks = DeferredBlocks(options.defer_blocks)
    rows = RowText(env, html_mode, builtin_templates_dir())
    env.globals.update(schema_row_text=rows.row_text, schema_facts_text=rows.facts_text)
    env.filters.update(
        md_block=lambda text: markdown.md_block(text, html_mode),
        md_inline=lambda text: markdown.md_inline(text, html_mode),
        md_cell=lambda text: markdown.md_cell(text, html_mode),
        code=markdown.code,
        url_link=markdown.url_link,
        fence=_fence_filter(blocks, options.defer_code),
        literal=markdown.literal,
        to_json=markdown.SharedJson(),
        yaml_string=markdown.yaml_string,
        html=markdown.html_text,
        md_text=markdown.md_text,
        indent_block=markdown.indent_block,
        labelled=markdown.labelled,
        trim_br=lambda text: str(text).removeprefix("<br>"),
        schema_rows=schema_rows,
        schema_tree=SchemaTreeHtml(
            DescriptionHtml(options.markdown_extensions, options.mdx_configs, html_mode),
            lambda: _site_schema_templates(rows),
            searchable=options.search_schema_trees,
            hold=blocks.hold,
        ),
        status_text=lambda status: STATUS_TEXT.get(str(status), ""),
    )
    return env


def _fence_filter(blocks: DeferredBlocks, defer: bool):  # noqa: ANN202
    """The `fence` filter: a fenced block, or its marker when code blocks are held back."""
    if not defer:
        return markdown.fence
    return lambda text, language="": blocks.hold_code(markdown.fence(text, language))


def compile_templates(env: jinja2.Environment, names: list[str]) -> None:
    """Compile templates ahead of their first use, so that a forked worker inherits them
    compiled instead of compiling them again (about 0.2 s for the operation page's). A template
    that fails to load is left for its first use to report, as it would be without this."""
    for name in names:
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue


def operation_template_names(env: jinja2.Environment, languages: tuple[str, ...]) -> list[str]:
    """The operation page template and its base, its partials and the samples' templates for
    `languages`."""
    wanted = {f"samples/{key}.jinja" for key in languages}
    return ["operation.md.jinja", "_base/operation.md.jinja"] + [
        name
        for name in env.list_templates(extensions=["jinja"])
        if name.startswith("partials/")
        or name in wanted
        or (name.startswith("samples/_") and wanted)
    ]


def _site_schema_templates(rows: RowText) -> tuple:
    """What prints a site's own rows (as the Markdown list, with its `schema_row` macro) and
    its own `facts` macro: None for each the site does not have."""
    own_rows, own_facts = rows.site_own()
    return (SchemaRowsMarkdown(rows.row_printer) if own_rows else None), own_facts


REMEMBERING_FILTERS = ("schema_tree", "to_json")
"""Filters that remember what they wrote, for reuse across the pages of one build."""


def forget_shared_renders(env: jinja2.Environment) -> None:
    """Drop what the filters remember. A Jinja environment is cyclic garbage, freed only by a
    full collection, so without this its memos (tens of MB for a big API) could stay for the
    rest of the MkDocs build."""
    for name in REMEMBERING_FILTERS:
        env.filters[name].forget()


class PageRenderer:
    """Renders the overview, group and operation pages of one layout."""

    def __init__(
        self, env: jinja2.Environment, api: ApiModel, layout: Layout, tabs: bool = True
    ) -> None:
        self.env = env
        self.api = api
        self.layout = layout
        self.tabs = tabs

    def overview(self) -> str:
        return self._render("overview.md.jinja", self.layout.overview_uri)

    def group(self, group: GroupPage) -> str:
        return self._render("group.md.jinja", group.src_uri, group=group)

    def changelog(self, changelog: Changelog) -> str:
        return self._render("changelog.md.jinja", self.layout.changelog_uri, changelog=changelog)

    def operation(
        self,
        page: OperationPage,
        samples: list | None = None,
        try_it: dict | None = None,
        change: Badge | None = None,
    ) -> str:
        """The page's Markdown; `try_it` (`{"href": link to the console's data}`) gives it a
        try-it console, `change` a badge that says how it changed since the changelog's base."""
        return self._render(
            "operation.md.jinja",
            page.src_uri,
            page=page,
            operation=page.operation,
            samples=samples or [],
            try_it=try_it,
            change=change,
        )

    def _render(self, template: str, src_uri: str, **context: Any) -> str:
        def link(target_uri: str) -> str:
            return relative_link(src_uri, target_uri)

        text = self.env.get_template(template).render(
            api=self.api, layout=self.layout, link=link, tabs=self.tabs, **context
        )
        return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines the templates leave (not inside code fences), and empty
    whitespace-only lines. Works on whole spans between fences: pages run to megabytes."""
    parts, last, fence = [], 0, None
    for start, end, marker in _fence_lines(text):
        if fence is None:
            parts.append(_tidy_prose(text[last:start]))
            last, fence = start, marker
        elif marker.startswith(fence):
            parts.append(text[last:end])  # the fenced block, as it is
            last, fence = end, None
    parts.append(text[last:] if fence else _tidy_prose(text[last:]))
    return "".join(parts).strip("\n") + "\n"


_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n)+")
"""A line end and the blank or whitespace-only lines after it (a plain paragraph break too:
one pattern, one scan; replacing it by itself costs little)."""


def _fence_lines(text: str):
    """`(start, end, marker)` of each line that may open or close a fence: spaces, then 3+
    backticks or tildes (end: after its newline), in text order. Any indent: a fence in a
    content tab or a list item is indented 4 spaces or more (and taking an indented line with
    backticks for a fence only leaves blank lines as they are). Found with `str.find`, which
    skips the megabytes between fences far faster than a regular expression stopping at every
    line."""
    lines = []
    for marker in ("```", "~~~"):
        at = text.find(marker)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            if text.startswith(" " * (at - start), start):
                run_end = at + 3
                while run_end < len(text) and text[run_end] == marker[0]:
                    run_end += 1
                end = text.find("\n", run_end) + 1 or len(text)
                lines.append((start, end, text[at:run_end]))
                at = text.find(marker, end)
            else:
                at = text.find(marker, at + 3)
    lines.sort()
    return lines


def _tidy_prose(span: str) -> str:
    """A span between fences (starting at a line start), with at most one blank line in a row
    and whitespace-only lines emptied."""
    span = _BLANK_RUN.sub("\n\n", "\n" + span)[1:]  # the newline ending the line before
    last_line = span[span.rfind("\n") + 1 :]
    if last_line and last_line.isspace():  # at the end of the span, with no newline after it
        span = span[: len(span) - len(last_line)]
    return span
