"""Issue 19's false positives and misses, each pinned by a small spec: the rule is quiet where
the spec is right and still speaks where it is not."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mkdocs_runs_api.check.run import run_check


def findings(tmp_path: Path, text: str) -> list:
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(text), encoding="utf-8")
    return run_check([spec])


def pointers(found, rule: str) -> set[str]:
    return {f.pointer for f in found if f.rule == rule}


HEAD = """\
openapi: 3.0.3
info: {title: t, version: "1"}
"""
SCHEMAS_ONLY = (
    HEAD
    + """
paths: {}
components:
  schemas:
"""
)
"""A spec with no operations: the test adds its component schemas."""


def test_components_used_by_named_examples_default_responses_and_x_webhooks(tmp_path):
    found = findings(
        tmp_path,
        HEAD
        + """
paths:
  /a:
    get:
      operationId: a
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object}
              examples:
                default: {$ref: "#/components/examples/Sample"}
        default: {$ref: "#/components/responses/Error"}
x-webhooks:
  ping:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Ping"}
      responses:
        "200": {description: ok}
components:
  examples:
    Sample: {value: {}}
  responses:
    Error: {description: error}
  schemas:
    Ping: {type: object}
    Unused: {type: object}
""",
    )
    assert pointers(found, "component-unused") == {"#/components/schemas/Unused"}


def test_validator_crash_on_a_paths_extension_is_not_spec_invalid(tmp_path):
    found = findings(
        tmp_path,
        HEAD
        + """
paths:
  x-internal:
    get: {description: notes of the team, not an operation}
    parameters: [{name: a}]
  /a:
    get:
      operationId: a
      responses:
        "200": {description: ok}
""",
    )
    assert not [f for f in found if f.rule in ("spec-invalid", "spec-validator-stopped")]


def test_ecma_pattern_with_unicode_property_is_valid_and_checked(tmp_path):
    found = findings(
        tmp_path,
        HEAD
        + r"""
paths:
  /a:
    get:
      operationId: a
      parameters:
        - name: q
          in: query
          schema: {type: string, pattern: '^\p{L}+$', default: abc}
          example: abc1
      responses:
        "200": {description: ok}
""",
    )
    assert not pointers(found, "spec-invalid")
    invalid = [f for f in found if f.rule == "example-invalid"]
    assert [f.pointer for f in invalid] == ["#/paths/~1a/get/parameters/0/example"]
    assert '"abc1" does not match "^\\\\p{L}+$"' in invalid[0].message


def test_required_in_a_branch_may_name_the_parents_property(tmp_path):
    found = findings(
        tmp_path,
        SCHEMAS_ONLY
        + """\
    Contact:
      type: object
      properties:
        email: {type: string, minLength: 3, maxLength: 99}
        phone: {type: string, minLength: 3, maxLength: 99}
      oneOf:
        - required: [email]
        - $ref: "#/components/schemas/NeedsPhone"
        - required: [fax]
    NeedsPhone:
      required: [phone]
""",
    )
    assert pointers(found, "required-property-undefined") == {
        "#/components/schemas/Contact/oneOf/2/required/0"
    }


def test_string_bounded_above_only_and_what_excludes_the_empty_string(tmp_path):
    found = findings(
        tmp_path,
        SCHEMAS_ONLY
        + """\
    RunTag: {type: string, maxLength: 128}
    RunTags:
      oneOf:
        - $ref: "#/components/schemas/RunTag"
        - {type: array, maxItems: 10, items: {$ref: "#/components/schemas/RunTag"}}
    Form:
      type: object
      required: [slug, email, anything, code]
      properties:
        slug: {type: string, maxLength: 9, pattern: "^[a-z]+$"}
        email: {type: string, maxLength: 99, format: email}
        anything: {type: string, maxLength: 9, pattern: "^[a-z]*$"}
        code: {type: string, maxLength: 9, minLength: 2}
""",
    )
    assert pointers(found, "string-min-length-missing") == {
        "#/components/schemas/RunTag",
        "#/components/schemas/Form/properties/anything",
    }
    assert pointers(found, "required-string-min-length") == {
        "#/components/schemas/Form/properties/anything"
    }


def test_duplicated_enum_values_overlapping_one_of_and_renamed_paths(tmp_path):
    """Three misses of issue 19: a value an enum lists twice (Stripe: 97), a `oneOf` whose
    bare `type: string` branch swallows a `format: date-time` one (Trigger.dev's
    `RescheduleRunRequestBody.delay`), and two paths that differ only in a parameter's name."""
    found = findings(
        tmp_path,
        HEAD
        + """
paths:
  /runs/{id}:
    get: {operationId: a, responses: {"200": {description: ok}}}
  /runs/{runId}:
    delete: {operationId: b, responses: {"204": {description: gone}}}
  /runs/{runId}/tags:
    get: {operationId: c, responses: {"200": {description: ok}}}
components:
  schemas:
    Status: {type: string, enum: [queued, done, queued]}
    Mixed: {enum: [1, "1", 1.5]}
    Delay:
      oneOf:
        - type: string
          description: A duration such as 1h
        - {type: string, format: date-time}
    Amount:
      oneOf: [{type: number}, {type: integer, minimum: 1}]
    Either:
      oneOf: [{type: string}, {type: integer}, {type: string, nullable: true}]
""",
    )
    schemas = "#/components/schemas"
    assert pointers(found, "enum-duplicate") == {f"{schemas}/Status/enum/2"}
    assert pointers(found, "oneof-branches-overlap") == {
        f"{schemas}/Delay/oneOf/0",
        f"{schemas}/Amount/oneOf/0",
        f"{schemas}/Either/oneOf/0",
    }
    assert pointers(found, "path-template-duplicate") == {"#/paths/~1runs~1{runId}"}


def test_code_samples_are_held_against_their_operation(tmp_path):
    """`x-codeSamples` that call another path, send another method or body fields the body does
    not define are found; SDK calls, URLs inside a body and earlier calls of a many-step
    sample are not taken for the request."""
    found = findings(
        tmp_path,
        HEAD
        + """
servers: [{url: "https://api.example.com/v1"}]
paths:
  /runs/{id}/tags:
    post:
      operationId: tag
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {tags: {type: array, items: {type: string}}}
      responses: {"200": {description: ok}}
      x-codeSamples:
        - lang: curl
          source: |
            curl -X POST https://api.example.com/v1/runs/run_1/tags \\
              -H 'Content-Type: application/json' \\
              -d '{"tags": ["a"], "tagz": ["b"]}'
        - lang: curl
          source: |
            curl -X GET "https://api.example.com/v1/runs/run_1/tags"
        - lang: curl
          source: curl -X POST https://api.example.com/v1/runs/run_1/labels
        - lang: curl
          source: |
            curl -X POST https://api.example.com/v1/uploads -d '{"name": "x"}'
            curl -X POST https://api.example.com/v1/runs/{id}/tags \\
              -d '{"tags": ["see https://example.com/docs/tags"]}'
        - lang: javascript
          source: |
            await fetch("https://api.example.com/v1/runs/run_1/tags", {method: "PUT"})
        - lang: typescript
          source: await runs.addTags("run_1", ["a"])
""",
    )
    messages = sorted(
        (f.pointer.rsplit("/", 2)[-2], f.message) for f in found if f.rule == "code-sample-mismatch"
    )
    assert messages == [
        ("0", 'the sample\'s body sends "tagz", which the request body does not define'),
        ("1", "the sample sends GET, but the operation is POST /runs/{id}/tags"),
        (
            "2",
            "the sample calls /v1/runs/run_1/labels, which is not /runs/{id}/tags: is it "
            "another operation's?",
        ),
        ("4", "the sample sends PUT, but the operation is POST /runs/{id}/tags"),
    ]


def test_examples_missing_or_misnaming_their_discriminator(tmp_path):
    found = findings(
        tmp_path,
        SCHEMAS_ONLY
        + """
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator: {propertyName: petType}
    Base:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind, mapping: {c: "#/components/schemas/Cat"}}
    Cat:
      allOf: [{$ref: "#/components/schemas/Base"}]
      type: object
      properties: {petType: {type: string}, kind: {type: string}, name: {type: string}}
      example: {kind: c, petType: Cat, name: Tom}
    Dog:
      type: object
      properties: {petType: {type: string}, bark: {type: boolean}}
    Shelter:
      type: object
      properties:
        pets: {type: array, items: {$ref: "#/components/schemas/Pet"}}
      examples:
        - pets: [{petType: Dog, bark: true}, {bark: false}, {petType: Bird}]
""",
    )
    messages = sorted(f.message for f in found if f.rule == "example-discriminator-missing")
    assert messages == [
        'example at $.pets[1]: no "petType", the discriminator\'s property: add it',
        'example at $.pets[2]: "petType" is "Bird", which the discriminator does not map '
        '(it maps "Cat", "Dog")',
    ]


def test_examples_and_defaults_that_break_their_format_or_type(tmp_path):
    found = findings(
        tmp_path,
        HEAD
        + """
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {type: integer, default: "x"}}
      responses:
        "200": {description: ok}
components:
  schemas:
    Run:
      type: object
      properties:
        created: {type: string, format: date-time, example: "yesterday"}
        day: {type: string, format: date, example: "2025-10-15T13:53:41Z"}
        home: {type: string, format: uri, example: "developer.github.com", default: ""}
        count: {type: integer, format: int32, example: 3000000000}
        fine: {type: string, format: date-time, example: "2025-10-15T13:53:41Z"}
        pattern: {type: string, format: regex, example: "\\\\p{L}+"}
        vendor: {type: string, format: x-thing, example: "anything"}
        nothing: {type: string, format: uri, nullable: true, default: null}
""",
    )
    examples = {f.pointer.split("/")[-2]: f.message for f in found if f.rule == "example-invalid"}
    assert examples == {
        "created": 'example does not match its schema at $: "yesterday" is not a "date-time"',
        "day": 'example does not match its schema at $: "2025-10-15T13:53:41Z" is not a "date"',
        "home": 'example does not match its schema at $: "developer.github.com" is not a "uri"',
        "count": 'example does not match its schema at $: 3000000000 is not a "int32"',
    }
    defaults = {(f.pointer, f.line, f.message) for f in found if f.rule == "default-invalid"}
    assert defaults == {
        (
            "#/paths/~1a/get/parameters/0/schema/default",
            8,
            'default does not match its schema at $: "x" is not of type "integer"',
        ),
        (
            "#/components/schemas/Run/properties/home/default",
            18,
            'default does not match its schema at $: "" is not a "uri"',
        ),
    }
    assert pointers(found, "spec-invalid") == set()  # the validator's unlocated copies


def test_what_the_openapi_schema_leaves_out_is_found_with_its_place(tmp_path):
    (tmp_path / "run.yaml").write_text("type: object\nproperties:\n  id: {type: integr}\n")
    found = findings(
        tmp_path,
        """\
openapi: 3.1.0
info: {title: t, version: "1"}
tags: [{name: runs}, {name: runs}]
paths:
  /a:
    parameters:
      - {name: q, in: query, schema: {type: string}}
      - {name: q, in: query, schema: {type: string}}
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: number, minimum: "1"}}}
components:
  schemas:
    Run: {$ref: "run.yaml"}
""",
    )
    invalid = {(f.pointer, f.message) for f in found if f.rule == "spec-invalid"}
    assert invalid == {
        ("#/tags/1", 'duplicate tag name "runs"'),
        ("#/paths/~1a/parameters/1", 'duplicate parameter "q" (in: query)'),
        (
            "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/n/minimum",
            '"1" is not of type "number"',
        ),
        (
            "#/properties/id/type",
            '"integr" is not valid under any of the given schemas',
        ),  # run.yaml
    }
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec.read_text().replace("openapi: 3.1.0", "openapi: 3.0.3"))
    invalid = {(f.file, f.pointer) for f in run_check([spec]) if f.rule == "spec-invalid"}
    assert (str(tmp_path / "run.yaml"), "#/properties/id/type") in {
        (str(tmp_path / Path(file).name), pointer) for file, pointer in invalid
    }
