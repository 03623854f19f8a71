"""Where the reference may live in the site: the `prefix` option, checked before anything runs."""

from __future__ import annotations


def prefix_problem(prefix: str) -> str | None:
    """Why `prefix` cannot hold the generated pages (None if it can).

    The pages must stay inside the site (no `..`; slashes around it are dropped) and be built
    at all: MkDocs' default `exclude_docs` leaves out every path with a part starting with a
    dot, and `templates/` folders, without a word."""
    if "\\" in prefix:
        return f"{prefix!r} has a backslash; write the URL folder with '/' (e.g. 'api/v1')"
    parts = [part for part in prefix.strip("/").split("/") if part]
    if ".." in parts:
        return f"{prefix!r} leads outside the site; use a folder inside it (e.g. 'api')"
    hidden = [part for part in parts if part.startswith(".")]
    if hidden:
        return f"MkDocs does not build pages under {hidden[0]!r} (a name starting with '.')"
    if parts and parts[0] == "templates":
        return "MkDocs does not build pages under 'templates/' (its default exclude_docs)"
    return None
