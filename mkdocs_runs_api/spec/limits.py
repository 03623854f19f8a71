"""How far a spec may reach and how big it may get: `$ref` confinement and resource limits.

Docs are built in CI from pull requests, so a spec is input someone else may have written. The
defaults are generous enough for Microsoft Graph's spec (47 MB, 22,361 operations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SpecError


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 256 * 1024 * 1024
    """Largest spec file (or `$ref`ed file) read."""
    max_expanded_nodes: int = 20_000_000
    """Most values a YAML document may hold once its aliases are expanded ("billion laughs")."""
    max_operations: int = 100_000
    """Most operations a spec may have."""
    max_example_depth: int = 12
    """How deep a synthesized example goes before it stops (cycles stop it earlier)."""
    max_example_bytes: int = 8 * 1024
    """About how much JSON a synthesized example holds before it leaves out optional
    properties (required ones are always written, so the example stays valid)."""


@dataclass(frozen=True)
class LoadOptions:
    """Where `$ref`s may lead and what may be read."""

    ref_roots: tuple[Path, ...] = ()
    """Folders relative-file `$ref`s may reach (symlinks resolved). Empty: the spec's folder."""
    allow_remote: bool = False
    """Allow `http(s)://` refs (fetched with a timeout and a size cap)."""
    display_root: Path | None = None
    """Paths in messages are shown relative to this folder."""
    limits: Limits = field(default_factory=Limits)


_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+", re.MULTILINE)


def may_have_aliases(text: str) -> bool:
    """Cheap test before the expansion count: does the YAML text define any anchor?"""
    return bool(_ANCHOR.search(text))


def check_expansion(data: Any, file: str, limit: int) -> None:
    """Refuse data whose aliases expand to more than `limit` values (counted without expanding).

    Each distinct container is counted once with the expanded size of its children, so the
    count is linear in the document however the aliases nest.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, (dict, list)) or (id(node) in sizes and not children_done):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if isinstance(child, (dict, list)))
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        sizes[id(node)] = total
        if total > limit:
            raise SpecError(
                f"YAML aliases expand to more than {limit:,} values (an alias bomb?)",
                file=file,
                hint="Remove the repeated aliases, or raise limits.max_expanded_nodes if the "
                "document is really that large",
            )
