"""URL slugs: readable, stable, unique within their folder."""

from __future__ import annotations

import re
import unicodedata

RESERVED = frozenset({"index"})


def slugify(text: str) -> str:
    """`listRuns` -> `list-runs`, `GET /runs/{id}` -> `get-runs-id`; non-ASCII letters kept."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    text = re.sub(r"[^\w]+|_+", "-", text.lower())
    return text.strip("-")


class SlugAllocator:
    """Hands out slugs unique within one folder: a second `list-runs` becomes `list-runs-2`."""

    def __init__(self) -> None:
        self._taken: set[str] = set(RESERVED)

    def reserve(self, slug: str) -> None:
        """Mark a slug as taken (an existing file, say)."""
        self._taken.add(slug)

    def allocate(self, text: str, fallback: str = "item") -> str:
        base = slugify(text) or fallback
        slug, number = base, 2
        while slug in self._taken:
            slug, number = f"{base}-{number}", number + 1
        self._taken.add(slug)
        return slug
