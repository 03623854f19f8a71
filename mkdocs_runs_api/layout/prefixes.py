"""Where a reference may live in the site (its `prefix`, checked before anything runs), and,
with several references in one site (several plugin instances), that their folders do not
overlap."""

from __future__ import annotations


def folder(prefix: str) -> str:
    """A prefix as the folder its pages go in: `/api/` and `api` are the same folder `api`."""
    return prefix.strip("/")


def overlaps(one: str, other: str) -> bool:
    """Whether the pages under the two prefixes can collide: the same folder, one inside the
    other, or an empty prefix (the site's root holds every folder)."""
    a, b = folder(one), folder(other)
    return not a or not b or a == b or b.startswith(a + "/") or a.startswith(b + "/")


def prefix_collision(name: str, prefix: str, earlier: list[tuple[str, str]]) -> str | None:
    """The one-line error for the instance `name` whose `prefix` overlaps that of an `earlier`
    `(instance name, prefix)`, or None when it overlaps none."""
    for other_name, other_prefix in earlier:
        if not overlaps(prefix, other_prefix):
            continue
        if folder(prefix) == folder(other_prefix):
            how = f"both have prefix {prefix!r}"
        else:
            how = f"have prefixes {other_prefix!r} and {prefix!r}, one inside the other"
        return (
            f"mkdocs.yml: plugins '{other_name}' and '{name}' {how}, so their pages would "
            "collide: give each runs-api instance a folder of its own (e.g. "
            "`prefix: management` for a second spec)"
        )
    return None


def prefix_problem(prefix: str) -> str | None:
    """Why `prefix` cannot hold the generated pages (None if it can).

    The pages must stay inside the site (no `..`; slashes around it are dropped) and be built
    at all: MkDocs' default `exclude_docs` leaves out every path with a part starting with a
    dot, and `templates/` folders, without a word."""
    if "\\" in prefix:
        return f"{prefix!r} has a backslash; write the URL folder with '/' (e.g. 'api/v1')"
    parts = [part for part in folder(prefix).split("/") if part]
    if ".." in parts:
        return f"{prefix!r} leads outside the site; use a folder inside it (e.g. 'api')"
    hidden = [part for part in parts if part.startswith(".")]
    if hidden:
        return f"MkDocs does not build pages under {hidden[0]!r} (a name starting with '.')"
    if parts and parts[0] == "templates":
        return "MkDocs does not build pages under 'templates/' (its default exclude_docs)"
    return None
