"""Synthesized strings keep to the schema's `pattern` and length limits (LGTM's 40-character
hex analysis id got `string`, which the API refuses), or give up cleanly."""

from __future__ import annotations

import re

import pytest

from mkdocs_runs_api.model.pattern_example import pattern_example


@pytest.mark.parametrize(
    ("pattern", "min_length", "max_length"),
    [
        ("[a-f0-9]+", 40, 40),
        (r"^[A-Z]{2}-\d{4}$", 0, None),
        ("^pet_", 0, 40),
        ("^(foo|bar)+$", 5, None),
        (r"^[^@]+@[^@]+\.[a-z]{2,}$", 0, None),
        (r"^\w+$", 3, 10),
        (r"^[\w.-]+$", 0, None),
        (r"^v\d+(\.\d+){2}(-[a-z]+)?$", 0, None),
    ],
)
def test_the_string_matches_the_pattern_within_the_lengths(pattern, min_length, max_length):
    text = pattern_example(pattern, min_length, max_length)
    assert text is not None and re.search(pattern, text)
    assert min_length <= len(text) <= (max_length if max_length is not None else len(text))


@pytest.mark.parametrize("pattern", ["(?=x)a", r"\p{L}", r"(a)\1", "/^[a-z]+$/", "[z-a]"])
def test_a_pattern_the_walk_cannot_satisfy_gives_none(pattern):
    assert pattern_example(pattern) is None
