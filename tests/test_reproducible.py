"""The same site built twice gives the same files, byte for byte, whatever Python's hash seed:
a deploy that diffs the site, or a `--dirty` rebuild, sees only what changed. (The try-it
console's data once took its schemas' keys in the order of a frozenset, so each build shuffled
them.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import assert_built, mkdocs_build

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # two builds of the example site; the quick run's golden tests pin the text
def test_two_builds_with_different_hash_seeds_write_the_same_files(tmp_path):
    sites = []
    for seed in ("1", "2"):
        root = shutil.copytree(REPO / "example-site", tmp_path / seed, ignore=_not_sources)
        assert_built(mkdocs_build(root, env={"PYTHONHASHSEED": seed}))
        site = root / "site"
        sites.append(
            {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        )
    first, second = sites
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == [], f"{len(differ)} files differ between the builds: {differ[:5]}"


def _not_sources(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name in ("screenshots", "site")]
