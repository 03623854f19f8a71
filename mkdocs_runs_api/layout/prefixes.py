"""Several references in one site (several plugin instances): their URL folders must not overlap."""

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
