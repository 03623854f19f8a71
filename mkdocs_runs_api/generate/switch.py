"""Plugin mode on a site where `generate` wrote the reference: the plugin's pages take the
place of the marked files, and the generated nav entry and links give way to the plugin's."""

from __future__ import annotations

from pathlib import Path

from .owned import is_owned
from .run import ASSETS


def owned_uris(files: list[tuple[str, str | None]], prefix: str) -> list[str]:
    """The `src_uri`s, among `(src_uri, abs_src_path)`, of files under `prefix` that
    `generate` wrote."""
    folder = prefix.strip("/") + "/"
    return [uri for uri, path in files if uri.startswith(folder) and path and is_owned(Path(path))]


def owned_links(links: list, docs_dir: str, prefix: str) -> list:
    """`links` (`extra_css` or `extra_javascript`) without those to a generated stylesheet or
    script (the plugin links its own)."""
    ours = {f"{prefix.strip('/')}/{name}" for name, _ in ASSETS}
    return [link for link in links if str(link) in ours and is_owned(Path(docs_dir) / str(link))]


def collapse_generated_nav(nav: list | None, prefix: str) -> list | None:
    """`nav` with the entry `generate` wrote (a section whose first page is the overview,
    `<prefix>/index.md`) turned back into `- Title: <prefix>/`, which the plugin replaces."""
    if nav is None:
        return None
    overview = prefix.strip("/") + "/index.md"
    result = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list) and value and value[0] == overview:
                item = {title: prefix.strip("/") + "/"}
            elif isinstance(value, list):
                item = {title: collapse_generated_nav(value, prefix)}
        result.append(item)
    return result
