"""Reading a Mintlify docs tree: pages that say which operation they document, and docs.json.

A page documents an operation with front matter `openapi: "<spec-name> METHOD /path"` (the
spec's file name without extension, as Mintlify resolves it; the name may be left out when the
site has one spec). Used by `check --docs` and `export-mintlify`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

OPENAPI_VALUE = re.compile(
    r"^(?:(?P<spec>\S+)\s+)?(?P<method>get|put|post|delete|options|head|patch|trace)\s+"
    r"(?P<path>/\S*)$",
    re.IGNORECASE,
)
PAGE_SUFFIXES = (".mdx", ".md")
FRONT_MATTER_KEYS = ("openapi", "runs-api-operation")
"""`openapi` for pages Mintlify renders; `runs-api-operation` for our full MDX pages."""


@dataclass(frozen=True)
class PageRef:
    """A page (or nav entry) that documents `key` (`METHOD /path`) of the spec named `spec`."""

    file: str
    line: int
    spec: str | None
    key: str


def parse_openapi_value(value: str) -> tuple[str | None, str] | None:
    """`"v3-openapi POST /runs"` -> `("v3-openapi", "POST /runs")`; None if it is not one."""
    match = OPENAPI_VALUE.match(value.strip())
    if not match:
        return None
    return match["spec"], f"{match['method'].upper()} {match['path']}"


def iter_pages(docs: Path) -> Iterator[Path]:
    """Every `.mdx`/`.md` page of a docs tree, sorted, skipping dot folders and node_modules."""
    for page in sorted(docs.rglob("*")):
        relative = page.relative_to(docs).parts
        if page.suffix in PAGE_SUFFIXES and not any(
            part.startswith(".") or part == "node_modules" for part in relative
        ):
            yield page


def openapi_pages(docs: Path) -> list[PageRef]:
    """Every page of the tree whose front matter names an operation."""
    refs = []
    for page in iter_pages(docs):
        found = front_matter_openapi(page)
        if found:
            value, line = found
            parsed = parse_openapi_value(value)
            if parsed:
                refs.append(PageRef(str(page.resolve()), line, *parsed))
    return refs


def front_matter_openapi(page: Path) -> tuple[str, int] | None:
    """The `openapi:` front matter value of a page and its line, if it has one."""
    try:
        text = page.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end < 0:
        return None
    try:
        data = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    key = next((k for k in FRONT_MATTER_KEYS if isinstance(data.get(k), str)), None)
    if key is None:
        return None
    rows = text[:end].splitlines()
    line = next((i for i, row in enumerate(rows, 1) if row.startswith(f"{key}:")), 1)
    return data[key], line


def page_id(file: str | Path, docs: Path) -> str:
    """`/abs/docs/management/runs/list.mdx` -> `management/runs/list` (as docs.json names it)."""
    return Path(file).resolve().relative_to(docs.resolve()).with_suffix("").as_posix()


def nav_page_entries(config: Any) -> Iterator[tuple[str, tuple[str, ...]]]:
    """`(entry, pointer parts)` for every string in a `pages` list of docs.json's navigation."""
    stack = [
        (config.get("navigation") if isinstance(config, dict) else None, ("navigation",), False)
    ]
    while stack:
        node, parts, in_pages = stack.pop()
        if isinstance(node, dict):
            for key, value in reversed(list(node.items())):
                stack.append((value, parts + (str(key),), key == "pages"))
        elif isinstance(node, list):
            stack.extend(
                (value, parts + (str(i),), in_pages) for i, value in reversed(list(enumerate(node)))
            )
        elif isinstance(node, str) and in_pages:
            yield node, parts
