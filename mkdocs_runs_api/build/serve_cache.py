"""Re-render only what changed: operation pages from the previous build, keyed by everything
that shapes them.

`mkdocs serve` keeps one plugin object across rebuilds, and with it one `RenderCache`. An
operation page's key hashes its path item with every component it reaches through `$ref`s
(transitively, cycles included once), the document-level parts a page shows (servers, security,
security schemes), the page's URL, the templates' text and the options.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..spec.load import join_pointer
from ..spec.resolve import SpecBundle, iter_refs


class RenderCache:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, list[str], list[str], list[str]]] = {}
        """Key -> an operation page's Markdown, its deferred blocks, what it left out on
        purpose, and where the size budget shortened its examples."""
        self.last_rendered = 0
        """How many operation pages the last build rendered (the rest came from the cache)."""

    def start_build(self) -> None:
        self.last_rendered = 0


class Fingerprints:
    """Content hashes of path items with everything they reference, for one loaded spec."""

    def __init__(self, bundle: SpecBundle, salt: str) -> None:
        self.bundle = bundle
        doc = bundle.document
        components = doc.get("components") if isinstance(doc.get("components"), dict) else {}
        shared = {
            "servers": doc.get("servers"),
            "security": doc.get("security"),
            "schemes": components.get("securitySchemes"),
            "salt": salt,
        }
        self._shared = _digest(shared)
        self._own: dict[tuple[str, str], str] = {}
        self._edges: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def path_item(self, section: str, path: str) -> str:
        """The key of the path item at `path` of `section` (`paths`, `webhooks`): an edit
        anywhere it reaches changes it."""
        start = (self.bundle.root, join_pointer((section, path)))
        seen = {start}
        pending = [start]
        hashes = []
        while pending:
            key = pending.pop()
            hashes.append(self._own_hash(key))
            for target in self._targets(key):
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        return _digest([self._shared, sorted(hashes)])

    def _node(self, key: tuple[str, str]) -> Any:
        return self.bundle.target(key[1], key[0]).value

    def _own_hash(self, key: tuple[str, str]) -> str:
        if key not in self._own:
            self._own[key] = _digest([key, self._node(key)])
        return self._own[key]

    def _targets(self, key: tuple[str, str]) -> list[tuple[str, str]]:
        if key not in self._edges:
            file = key[0]
            targets = []
            for _, ref in iter_refs(self._node(key)):
                try:
                    targets.append(self.bundle.target(ref, file).key)
                except KeyError:
                    continue
            self._edges[key] = targets
        return self._edges[key]


def templates_fingerprint(folders: list[Path]) -> str:
    """A hash of every template's text in the search path (a template edit re-renders all)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
