"""A JSON text's positions are found by a token scan (`spec.json_positions`), not by composing
it as YAML: the two must give every value the same line and column."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_runs_api.spec import load
from mkdocs_runs_api.spec.json_positions import NotJson, json_offsets
from mkdocs_runs_api.spec.load import PositionIndex

EXAMPLES = Path(__file__).parent / "node_modules" / "@readme" / "oas-examples" / "3.0" / "json"


def yaml_positions(text: str) -> dict:
    """What `PositionIndex` gave before the JSON scan: the YAML composer's marks."""
    index = PositionIndex.__new__(PositionIndex)
    index._positions, index._offsets, index._line_starts = {}, {}, []
    root = yaml.compose(text, Loader=load._BaseLoader)
    index._index(root, (), (root.start_mark.line + 1, root.start_mark.column + 1))
    return index._positions


def scanned_positions(text: str) -> dict:
    index = PositionIndex(text)
    assert index._line_starts, "the JSON scan was not used"
    return {parts: index.position(parts) for parts in index._offsets}


texts = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), max_codepoint=0xFFFF), max_size=8
)
"""YAML refuses control characters and escaped surrogate pairs, and counts U+2028/U+2029 as
line breaks (JSON does not): the scan is compared where both read the text."""
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([None, 2]), st.booleans())
def test_scan_gives_the_yaml_composers_positions(value, indent, ascii_only):
    text = json.dumps({"root": value}, indent=indent, ensure_ascii=ascii_only)
    assert scanned_positions(text) == yaml_positions(text)


@pytest.mark.parametrize(
    "name", ["callbacks.json", "circular-paths.json", "readme-extensions.json"]
)
def test_real_documents(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert scanned_positions(text) == yaml_positions(text)


@pytest.mark.parametrize("text", ["{a: 1}", '{"a": 1} {"b": 2}', '{"a": [1, 2}', '{"a": 1'])
def test_what_is_not_plain_json_is_composed_as_yaml(text):
    with pytest.raises(NotJson):
        json_offsets(text)
    assert PositionIndex('{a: 1, "b": [2]}').position(("b", "0")) == (1, 14)


@settings(max_examples=150, deadline=None)
@given(values, st.sampled_from([None, 2]), st.data())
def test_one_lookup_in_json_scans_and_gives_the_composers_position(value, indent, data):
    """`locate` (an error message's line) on a JSON text scans for that one value: composing
    the whole document as YAML for each message took GitHub's 13 MB spec build from 442 to
    544 MB and a second a lookup. A pointer that is not there gets its nearest ancestor."""
    text = json.dumps({"root": value}, indent=indent)
    positions = yaml_positions(text)
    parts = data.draw(st.sampled_from(sorted(positions)))
    missing = data.draw(st.booleans())
    if missing:
        parts = (*parts, "no such key")
    with mock.patch.object(yaml, "compose", _no_compose):
        found = load.locate(text, load.join_pointer(parts))
    assert found == positions[parts[:-1] if missing else parts]


def _no_compose(*args, **kwargs):
    raise AssertionError("a JSON text was composed as YAML")
