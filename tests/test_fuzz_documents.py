"""Fuzzed whole documents through the public pipeline (`generate_reference`): paths with
operations, parameters, request bodies and responses with schemas, with nonsense mixed in. A
document either fails with a `SpecError` (nothing else may escape) or gives exactly one page per
operation that is not hidden."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import Phase, event, example, given, settings
from hypothesis import strategies as st

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.errors import SpecError

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""The operations a path item may hold (OpenAPI 3.0 and 3.1)."""
QUICK_EXAMPLES = 12
"""Documents in the quick run (`-m "not slow"`): about 4 s."""
FULL_EXAMPLES = 300
"""Documents in the full run: about a minute (more when it finds something and shrinks it)."""


def _sometimes_nonsense(strategy):
    """`strategy` three times in four, else a value of the wrong kind."""
    return st.one_of(strategy, strategy, strategy, NONSENSE)


NONSENSE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
    st.lists(st.integers(), max_size=2),
    st.sampled_from(["#/nope", "other.yaml#/x", "#", "{id}", "<script>", "`", "|", "---"]),
)
TEXT = st.text(max_size=20)
NAMES = st.one_of(st.sampled_from(["id", "runId", "page[after]", "a b", "ünï", "x-y"]), TEXT)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
REFS = st.sampled_from(
    [
        "#/components/schemas/Pet",
        "#/components/schemas/Node",
        "#/components/schemas/Missing",
        "#/components/schemas/Pet/properties/name",
        "other.yaml#/Pet",
    ]
)
SCALAR_SCHEMAS = st.fixed_dictionaries(
    {"type": st.sampled_from(["string", "integer", "number", "boolean", "null", "object", "x"])},
    optional={
        "format": st.sampled_from(["date-time", "uuid", "int64", "binary", "nonsense"]),
        "enum": _sometimes_nonsense(st.lists(JSON_VALUES, max_size=3)),
        "nullable": _sometimes_nonsense(st.booleans()),
        "description": _sometimes_nonsense(TEXT),
        "example": JSON_VALUES,
        "default": JSON_VALUES,
        "readOnly": st.booleans(),
        "writeOnly": st.booleans(),
        "minimum": _sometimes_nonsense(st.integers()),
        "maxLength": _sometimes_nonsense(st.integers(min_value=0)),
    },
)
SCHEMAS = st.recursive(
    st.one_of(SCALAR_SCHEMAS, st.builds(lambda ref: {"$ref": ref}, REFS), NONSENSE),
    lambda children: st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("object"), "properties": st.dictionaries(NAMES, children, max_size=3)},
            optional={
                "required": _sometimes_nonsense(st.lists(NAMES, max_size=2)),
                "additionalProperties": st.one_of(st.booleans(), children),
            },
        ),
        st.fixed_dictionaries({"type": st.just("array"), "items": children}),
        st.builds(
            lambda keyword, parts: {keyword: parts},
            st.sampled_from(["oneOf", "anyOf", "allOf"]),
            st.lists(children, max_size=3),
        ),
    ),
    max_leaves=10,
)
PARAMETERS = st.fixed_dictionaries(
    {
        "name": NAMES,
        "in": st.sampled_from(["query", "query", "path", "header", "cookie", "body", "nowhere"]),
    },
    optional={
        "required": _sometimes_nonsense(st.booleans()),
        "schema": SCHEMAS,
        "description": _sometimes_nonsense(TEXT),
        "style": st.sampled_from(["form", "simple", "deepObject", "pipeDelimited", "odd"]),
        "explode": _sometimes_nonsense(st.booleans()),
        "example": JSON_VALUES,
        "deprecated": st.booleans(),
    },
)
MEDIA_TYPES = st.dictionaries(
    st.sampled_from(
        ["application/json", "text/plain", "multipart/form-data", "application/xml", "*/*"]
        + ["application/x-www-form-urlencoded", "not a type"]
    ),
    _sometimes_nonsense(
        st.fixed_dictionaries(
            {},
            optional={
                "schema": SCHEMAS,
                "example": JSON_VALUES,
                "examples": st.dictionaries(
                    st.text(min_size=1, max_size=5),
                    _sometimes_nonsense(st.fixed_dictionaries({"value": JSON_VALUES})),
                    max_size=2,
                ),
            },
        )
    ),
    max_size=2,
)
REQUEST_BODIES = st.fixed_dictionaries(
    {"content": MEDIA_TYPES},
    optional={"required": st.booleans(), "description": _sometimes_nonsense(TEXT)},
)
RESPONSES = st.dictionaries(
    st.sampled_from(["200", "201", "204", "400", "404", "default", "2XX", "999", "ok"]),
    _sometimes_nonsense(
        st.fixed_dictionaries(
            {"description": _sometimes_nonsense(TEXT)},
            optional={
                "content": MEDIA_TYPES,
                "headers": st.dictionaries(
                    NAMES,
                    _sometimes_nonsense(st.fixed_dictionaries({"schema": SCHEMAS})),
                    max_size=2,
                ),
            },
        )
    ),
    max_size=3,
)
TAGS = st.sampled_from(["runs", "Runs", "pets", "ünï", "a/b", ""])
OPERATIONS = st.fixed_dictionaries(
    {"responses": _sometimes_nonsense(RESPONSES)},
    optional={
        "operationId": _sometimes_nonsense(NAMES),
        "summary": _sometimes_nonsense(TEXT),
        "description": _sometimes_nonsense(TEXT),
        "tags": _sometimes_nonsense(st.lists(TAGS, max_size=2)),
        "parameters": _sometimes_nonsense(st.lists(_sometimes_nonsense(PARAMETERS), max_size=3)),
        "requestBody": _sometimes_nonsense(REQUEST_BODIES),
        "deprecated": st.booleans(),
        "x-hidden": st.booleans(),
        "security": _sometimes_nonsense(st.lists(st.just({"key": []}), max_size=1)),
    },
)
PATH_ITEMS = st.builds(
    lambda operations, extra: {**operations, **extra},
    st.dictionaries(st.sampled_from(METHODS), OPERATIONS, min_size=1, max_size=3),
    st.fixed_dictionaries(
        {}, optional={"parameters": st.lists(PARAMETERS, max_size=2), "summary": TEXT}
    ),
)
PATH_NAMES = st.builds(
    lambda parts: "/" + "/".join(parts),
    st.lists(
        st.sampled_from(["runs", "{id}", "{runId}", "a b", "ünï", "x.y", "", "%20"]), max_size=3
    ),
)
DOCUMENTS = st.fixed_dictionaries(
    {
        "openapi": st.sampled_from(["3.0.3", "3.1.0"]),
        "info": st.fixed_dictionaries({"title": TEXT, "version": st.just("1")}),
        "paths": st.dictionaries(PATH_NAMES, PATH_ITEMS, min_size=1, max_size=4),
        "components": st.fixed_dictionaries(
            {
                "schemas": st.fixed_dictionaries(
                    {
                        "Pet": SCHEMAS,
                        "Node": st.fixed_dictionaries(
                            {
                                "type": st.just("object"),
                                "properties": st.fixed_dictionaries(
                                    {"child": st.just({"$ref": "#/components/schemas/Node"})},
                                    optional={"value": SCHEMAS},
                                ),
                            }
                        ),
                    }
                ),
                "securitySchemes": st.just(
                    {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}
                ),
            }
        ),
    },
    optional={
        "tags": _sometimes_nonsense(
            st.lists(st.fixed_dictionaries({"name": TAGS}, optional={"description": TEXT}))
        ),
        "servers": _sometimes_nonsense(st.lists(st.fixed_dictionaries({"url": TEXT}), max_size=2)),
        "security": _sometimes_nonsense(st.just([{"key": []}])),
    },
)


def _operations(document: dict) -> tuple[set[str], set[str]]:
    """`(shown, hidden)`: the keys (`GET /path`) of the document's operations."""
    shown, hidden = set(), set()
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                is_hidden = operation.get("x-hidden") or operation.get("x-internal")
                (hidden if is_hidden else shown).add(f"{method.upper()} {path}")
    return shown, hidden


def _document(operation: dict) -> dict:
    """A document with `operation` as `POST /x`."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"post": {"responses": {}, **operation}}},
    }


def _response_schema(schema: dict) -> dict:
    media = {"application/json": {"schema": schema}}
    return {"responses": {"200": {"description": "ok", "content": media}}}


def _query_parameter(schema: dict, example) -> dict:
    return {"parameters": [{"name": "q", "in": "query", "schema": schema, "example": example}]}


FOUND = [  # documents this test found, run first every time; each with what it did then
    _document({"requestBody": {"content": {}}}),  # IndexError in samples/request.py
    _document({"tags": [""]}),  # two pages, both api/post-x.md
    _document(_response_schema({"allOf": [{"required": 5}, {"type": "object"}]})),  # TypeError
    _document(_response_schema({"enum": 5})),  # TypeError
    _document(_query_parameter({"oneOf": [2.5]}, 1)),  # AttributeError in jsonschema
    _document(_query_parameter({"type": "object", "required": 5}, {})),  # TypeError, jsonschema
    _document(_query_parameter({"type": "x"}, 1)),  # jsonschema's UnknownType
    {  # a `%` in the path: jsonschema's PointerToNowhere for the parameter's schema
        **_document({}),
        "paths": {"/a%20b": {"get": {"responses": {}, **_query_parameter({}, "a")}}},
    },
    _document(_response_schema({"properties": {"x-y": {"$ref": "#/components/schemas/No"}}})),
    # (a property named `x-...`: its unresolved $ref was skipped as an extension, then KeyError)
    {  # a tag declared twice: its group, and so its operations' pages, listed twice
        **_document({"tags": ["runs"]}),
        "tags": [{"name": "runs"}, {"name": "runs", "description": "again"}],
    },
]


def _with_examples(documents: list[dict]):
    """`@example(document)` for each of `documents`."""

    def decorate(check):
        for document in documents:
            check = example(document)(check)
        return check

    return decorate


@pytest.mark.parametrize(
    "documents, phases",
    [
        # no shrinking in the quick run: at ~0.2 s a document it can take minutes
        pytest.param(QUICK_EXAMPLES, (Phase.explicit, Phase.reuse, Phase.generate), id="quick"),
        pytest.param(FULL_EXAMPLES, tuple(Phase), id="full", marks=pytest.mark.slow),
    ],
)
def test_fuzzed_documents_raise_only_spec_errors_and_get_one_page_per_operation(
    tmp_path, documents, phases
):
    outcomes: Counter[str] = Counter()
    spec = tmp_path / "fuzz.json"

    @_with_examples(FOUND)
    @settings(max_examples=documents, phases=phases, deadline=None, report_multiple_bugs=False)
    @given(DOCUMENTS)
    def check(document: dict) -> None:
        shown, hidden = _operations(document)
        outcomes["documents"] += 1
        outcomes["with operations"] += bool(shown or hidden)
        count = len(shown | hidden)
        event(f"operations: {count if count < 5 else '5+'}")
        spec.write_text(json.dumps(document))
        try:
            reference = generate_reference(spec, ReferenceOptions())
        except SpecError as error:
            event(f"SpecError: {error.problem[:40]}")
            return
        outcomes["generated"] += 1
        pages = Counter(p.operation_key for p in reference.pages if p.kind == "operation")
        assert pages == Counter(shown), (sorted(pages), sorted(shown))
        assert {operation.key for operation, _ in reference.omitted} == hidden
        uris = [page.src_uri for page in reference.pages]
        assert len(set(uris)) == len(uris), uris

    check()
    # what the test is worth: most documents have operations, and most get their pages
    assert outcomes["documents"] >= documents
    assert outcomes["with operations"] >= 0.9 * outcomes["documents"], outcomes
    assert outcomes["generated"] >= 0.5 * outcomes["documents"], outcomes
