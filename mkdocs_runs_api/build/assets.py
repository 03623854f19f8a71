"""The stylesheet and the script every generated page uses: one copy per site, however many
references (plugin instances) it has."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..render import builtin_templates_dir

CSS_URI = "assets/runs-api/runs-api.css"
JS_URI = "assets/runs-api/runs-api.js"
TRY_IT_JS_URI = "assets/runs-api/try-it.js"
"""The try-it console, loaded by `runs-api.js` only when a reader opens it (with its CSS)."""
TRY_IT_CSS_URI = "assets/runs-api/try-it.css"
OAUTH2_REDIRECT_URI = "assets/runs-api/oauth2-redirect.html"
"""Where an OAuth 2 provider sends the reader back to the console (authorization code flow)."""
ASSET_URIS = (CSS_URI, JS_URI, TRY_IT_JS_URI, TRY_IT_CSS_URI, OAUTH2_REDIRECT_URI)


@dataclass
class AssetSource:
    """Where one asset comes from, and the site's other copies of it that are not used."""

    uri: str
    path: Path
    unused: list[tuple[str, Path]] = field(default_factory=list)
    """`(instance name, file)`: a later instance's own copy, whose text differs from `path`'s."""


def asset_sources(custom_folders: list[tuple[str, str | None]]) -> list[AssetSource]:
    """Each asset from the first instance's `custom_templates` folder that has it, else the
    built-in one. `custom_folders`: `(instance name, custom_templates)` in plugin order."""
    sources = []
    for uri in ASSET_URIS:
        name = uri.rsplit("/", 1)[-1]
        own = [
            (who, Path(f) / name) for who, f in custom_folders if f and (Path(f) / name).is_file()
        ]
        path = own[0][1] if own else builtin_templates_dir() / name
        unused = [(who, p) for who, p in own[1:] if p.read_bytes() != path.read_bytes()]
        sources.append(AssetSource(uri, path, unused))
    return sources
