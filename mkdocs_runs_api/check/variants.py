"""Pair the `oneOf`/`anyOf` variants a spec gives a node with those its page shows."""

from __future__ import annotations

from .misses import NodeCheck, Where
from .schema_facets import Level, schema_levels
from .tree_html import ShownNode


def paired_variants(
    check: NodeCheck, levels: list[Level], shown: ShownNode, where: Where
) -> list[tuple[Where, list[Level], ShownNode]]:
    """Each variant of the spec's `levels` (`oneOf` first, as pages list them) with its place
    and the variant `shown` in its place. A page that shows another number of variants, or
    lists them under another kind (or both kinds under one), misses that."""
    expected = [variant for level in levels for variant in level.variants]
    if not expected and not shown.variants:
        return []
    expected.sort(key=lambda variant: variant[0] != "oneOf")
    kinds = sorted({kind for kind, _ in expected}, reverse=True)
    if len(expected) != len(shown.variants):
        check.miss(where, "/".join(kinds) or "variants", f"{len(expected)} variants")
    if len(kinds) == 1 and shown.variant_kinds and set(shown.variant_kinds) != set(kinds):
        check.miss(where, "variant kind", kinds[0])
    if len(kinds) > 1 and len(set(shown.variant_kinds)) < 2:
        check.miss(where, "anyOf", "listed apart from oneOf")
    pairs, counts = [], {}
    for (kind, use), variant in zip(expected, shown.variants, strict=False):  # counted above
        counts[kind] = counts.get(kind, 0) + 1
        at = where.below(f"{kind}[{counts[kind]}]")
        pairs.append((at, schema_levels(check.bundle, [use]), variant))
    return pairs
