"""Material's navigation rendered once per folder of pages, not once per page.

With the full nav, Material renders every nav entry into every page: its `nav-item.html` macro
runs once per entry per page, and on a big API that is most of the build (GitHub's spec: 1,500
entries in each of 1,542 pages). Yet a nav entry that holds neither the page being built nor a
link into that page's folder renders the same for every page whose folder has the same parent
(the pages of one tag, say): it is not active, and each of its links, made relative by MkDocs'
`url` filter, is `../` and then the same path (`mkdocs.utils.get_relative_url`: once the target
is not below the page's folder, the relative path depends only on that folder's parent).

So the theme's own `partials/nav-item.html` is compiled with its `render` macro renamed and a
`render` of ours in its place, which every call (the recursive ones too) goes through: it returns
the remembered HTML for such an entry and calls Material's macro otherwise. The HTML is Material's,
byte for byte; nothing is installed when the site has its own `partials/nav-item.html`, when the
theme is not Material, or when Material's template no longer has the macro this expects.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BaseLoader, Environment, TemplateNotFound, Undefined

NAV_ITEM = "partials/nav-item.html"
GLOBAL = "runs_api_nav_item"
RENDER = re.compile(
    r"\{%-?\s*macro\s+render\(\s*nav_item\s*,\s*path\s*,\s*level\s*,\s*parent\s*\)\s*-?%\}"
)
RENAMED = "{% macro _runs_api_material_render(nav_item, path, level, parent) %}"
WRAPPER = (
    "{% macro render(nav_item, path, level, parent) %}"
    f"{{{{ {GLOBAL}(_runs_api_material_render, nav_item, path, level, parent, page) }}}}"
    "{% endmacro %}"
)
FOLDERS_KEPT = 4
"""Pages are built folder by folder, so the entries of a few folders are enough to keep."""


def install_nav_cache(env: Environment) -> NavCache | None:
    """Make `env` render Material's nav entries through a `NavCache` and return it; None (and
    `env` untouched) where that is not known to give Material's HTML, or where another
    instance of the plugin already did it for this build."""
    if GLOBAL in env.globals:
        return None
    try:
        source, filename, uptodate = env.loader.get_source(env, NAV_ITEM)
    except TemplateNotFound:
        return None
    if not _is_materials(filename) or len(RENDER.findall(source)) != 1:
        return None
    patched = RENDER.sub(RENAMED, source) + WRAPPER
    env.loader = _PatchedLoader(env.loader, patched, filename, uptodate)
    cache = env.globals[GLOBAL] = NavCache()
    return cache


def _is_materials(filename: str | None) -> bool:
    """Whether the template is Material's own, not a site's override."""
    try:
        import material
    except ImportError:
        return False
    if filename is None:
        return False
    return Path(filename).resolve().is_relative_to(Path(material.__file__).resolve().parent)


class _PatchedLoader(BaseLoader):
    """The theme's loader, but for `partials/nav-item.html`."""

    def __init__(self, inner: BaseLoader, source: str, filename: str, uptodate) -> None:  # noqa: ANN001
        self.inner, self.source, self.filename, self.uptodate = inner, source, filename, uptodate

    def get_source(self, environment: Environment, template: str):  # noqa: ANN201
        if template == NAV_ITEM:
            return self.source, self.filename, self.uptodate
        return self.inner.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class NavCache:
    """Remembers each nav entry's HTML per folder of pages (see the module's docstring)."""

    def __init__(self) -> None:
        self._folders: OrderedDict[tuple[str, ...], dict] = OrderedDict()
        self._below: dict[int, frozenset[tuple[str, ...]]] = {}
        self._inside = 0
        self.hits = self.renders = 0

    def __call__(self, render, nav_item, path, level, parent, page):  # noqa: ANN001, ANN204
        folder = self._folder_if_same(nav_item, page)
        if folder is None:
            return render(nav_item, path, level, parent)
        entries = self._entries(folder)
        parent_active = not isinstance(parent, Undefined) and bool(getattr(parent, "active", 0))
        key = (id(nav_item), path, level, parent_active)
        html = entries.get(key)
        if html is not None:
            self.hits += 1
            return html
        self._inside += 1  # what this entry holds is rendered once, inside it
        try:
            html = entries[key] = render(nav_item, path, level, parent)
        finally:
            self._inside -= 1
        self.renders += 1
        return html

    def _folder_if_same(self, nav_item, page) -> tuple[str, ...] | None:  # noqa: ANN001
        """The parent of `page`'s folder when `nav_item` renders the same for every page of that
        folder: it is not active and holds no link to a page below it; None otherwise."""
        if self._inside or page is None or isinstance(page, Undefined):
            return None
        if getattr(nav_item, "active", False) or getattr(nav_item, "pages", None):
            return None  # Material's blog puts archive pages in `pages`
        folder = _page_folder(page.url)
        if not folder or folder in self._links_below(nav_item):
            return None
        return folder[:-1]

    def _entries(self, folder: tuple[str, ...]) -> dict:
        entries = self._folders.get(folder)
        if entries is None:
            entries = self._folders[folder] = {}
            while len(self._folders) > FOLDERS_KEPT:
                self._folders.popitem(last=False)
        else:
            self._folders.move_to_end(folder)
        return entries

    def _links_below(self, nav_item) -> frozenset[tuple[str, ...]]:  # noqa: ANN001
        """Every folder (as path parts) that a relative link in `nav_item` goes into."""
        found = self._below.get(id(nav_item))
        if found is None:
            prefixes = set()
            for url in _relative_urls(nav_item):
                parts = _parts(url)
                prefixes.update(parts[:n] for n in range(1, len(parts) + 1))
            found = self._below[id(nav_item)] = frozenset(prefixes)
        return found


def _relative_urls(nav_item) -> list[str]:  # noqa: ANN001
    """The URLs in `nav_item` and below that MkDocs' `url` filter makes page-relative."""
    urls, stack = [], [nav_item]
    while stack:
        item = stack.pop()
        stack.extend(getattr(item, "children", None) or ())
        url = getattr(item, "url", None)
        if not isinstance(url, str) or url.startswith(("/", "#")):
            continue
        split = urlsplit(url)
        if not split.scheme and not split.netloc:
            urls.append(url)
    return urls


@functools.lru_cache(maxsize=4096)  # asked for each nav entry a page renders
def _page_folder(url: str) -> tuple[str, ...]:
    """The folder MkDocs makes links relative to: the URL without a last part that has a dot."""
    folder, _, last = url.rpartition("/")
    return _parts(folder if "." in last else url)


def _parts(url: str) -> tuple[str, ...]:
    """A slash-separated path as parts, `.` dropped and `..` applied, as MkDocs reads it."""
    parts: list[str] = []
    for part in url.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return tuple(parts)
