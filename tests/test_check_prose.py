"""Prose against schema: limits a description states in words, read (`prose_limits`) and held
against the schema (`prose-contradicts-schema`, `prose-limit-missing`), from Trigger.dev's
`RunTag` and the shapes around it."""

from __future__ import annotations

import pytest
from test_check_precision import SCHEMAS_ONLY, findings

from mkdocs_runs_api.check.prose_limits import Stated, stated_limits


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("Must be less than 128 characters.", [("maxLength", 127, True)]),
        ("A tag must be between 1 and 128 characters.", [("minLength", 1), ("maxLength", 128)]),
        ("Runs can have a maximum of 10 tags.", [("maxItems", 10)]),
        (
            "You can set up to 10 tags, each under 128 characters.",
            [("maxLength", 127, True), ("maxItems", 10)],
        ),
        ("100 characters or fewer", [("maxLength", 100)]),
        ("At least 3 characters; up to 1,000 ids.", [("minLength", 3), ("maxItems", 1000)]),
        ("Batches run for up to 30 seconds, up to 1KB, every 5 minutes.", []),
        ("A run can have 10 tags.", []),
    ],
)
def test_stated_limits_read_plain_phrasings_only(text, limits):
    found = [
        (s.keyword, s.value, True) if s.exclusive else (s.keyword, s.value)
        for s in stated_limits(text)
    ]
    assert sorted(found) == sorted(limits)


def test_the_words_are_kept_for_the_message():
    assert stated_limits("Must be less than 128 characters.") == [
        Stated("maxLength", 127, "less than 128 characters", exclusive=True)
    ]


SPEC = (
    SCHEMAS_ONLY
    + """
    RunTag:
      type: string
      maxLength: 128
      description: A single run tag. Must be less than 128 characters.
    RunTags:
      oneOf:
        - $ref: "#/components/schemas/RunTag"
        - type: array
          items: {$ref: "#/components/schemas/RunTag"}
          maxItems: 10
      description: Runs can have a maximum of 10 tags.
    Body:
      type: object
      properties:
        tags:
          allOf: [{$ref: "#/components/schemas/RunTags"}]
          description: You can set up to 10 tags per run, each must be less than 128 characters.
        labels:
          type: array
          items:
            type: string
            description: A label must be between 1 and 128 characters, up to 10 labels a run.
        waitpoints:
          oneOf:
            - type: string
            - type: array
              items: {type: string}
          description: You can set up to 5 waitpoints, each under 64 characters.
        name:
          type: string
          minLength: 1
          maxLength: 64
          description: Between 1 and 64 characters. Renamed at most 3 times a day.
        ttl:
          type: integer
          description: Up to 30 seconds.
"""
)


def test_contradictions_and_missing_limits_are_found_where_the_words_are(tmp_path):
    found = findings(tmp_path, SPEC)
    by_rule = {}
    for f in found:
        if f.rule.startswith("prose-"):
            by_rule.setdefault(f.rule, []).append((f.pointer, f.message))
    schemas = "#/components/schemas"
    contradictions = by_rule["prose-contradicts-schema"]
    assert [p for p, _ in contradictions] == [
        f"{schemas}/RunTag/description",
        f"{schemas}/Body/properties/tags/description",
    ]
    assert contradictions[1][1] == (
        'the description says "less than 128 characters", but maxLength: 128 (the schema at '
        f'{schemas}/RunTag) allows 128: write "at most 128", or set maxLength: 127'
    )
    missing = sorted(by_rule["prose-limit-missing"])
    assert [p for p, _ in missing] == [
        f"{schemas}/Body/properties/labels/items/description",
        f"{schemas}/Body/properties/waitpoints/description",
        f"{schemas}/Body/properties/waitpoints/description",
    ]
    assert missing[0][1] == (
        'the description says "between 1 and 128 characters", but the schema has no minLength '
        "or maxLength: add minLength: 1, maxLength: 128 so that clients and validators know it"
    )
    waitpoints = {m for p, m in missing[1:]}
    assert any('"up to 5 waitpoints"' in m and "maxItems: 5" in m for m in waitpoints)
    assert any('"under 64 characters"' in m and "maxLength: 63" in m for m in waitpoints)
