"""Small pure functions: slugs, Markdown safety filters, nav insertion, loading quirks."""

from __future__ import annotations

import datetime
import html
import json
import re

import markdown
import pytest
from conftest import needs_specs

from mkdocs_runs_api.errors import SpecError
from mkdocs_runs_api.layout.nav import insert_reference_nav
from mkdocs_runs_api.layout.slugs import SlugAllocator, slugify
from mkdocs_runs_api.render import RenderOptions, make_environment
from mkdocs_runs_api.render import _tidy as tidy
from mkdocs_runs_api.render.markdown import code, fence, md_block, md_cell
from mkdocs_runs_api.render.pretty_json import pretty_json
from mkdocs_runs_api.render.template_cache import bytecode_cache
from mkdocs_runs_api.spec.load import decode_text, locate, parse_text
from mkdocs_runs_api.spec.texts import SourceTexts


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("listRuns", "list-runs"),
        ("create_schedule_v1", "create-schedule-v1"),
        ("GET /runs/{runId}", "get-runs-run-id"),
        ("find pet by id", "find-pet-by-id"),
        ("Añadir etiquetas", "añadir-etiquetas"),
        ("🚀", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slug_allocator_keeps_slugs_unique_and_avoids_index():
    slugs = SlugAllocator()
    assert [slugs.allocate(t) for t in ("listRuns", "list_runs", "index", "🚀")] == [
        "list-runs",
        "list-runs-2",
        "index-2",
        "item",
    ]


def test_md_cell_keeps_one_table_row():
    cell = md_cell("a | b\n\nsecond <b>para</b> `x|y`")
    assert "\n" not in cell
    assert cell == "a \\| b<br><br>second &lt;b>para&lt;/b> `x|y`"


@pytest.mark.parametrize(
    ("cells", "shown"),
    [
        (
            [code("item|id"), "x `c|d` and | bare"],
            ["<code>item|id</code>", "x <code>c|d</code> and | bare"],
        ),
        (["a ` b", "c ` d | e"], ["a ` b", "c ` d | e"]),
        (["\\`` odd", code("^(x|y)$")], ["`` odd", "<code>^(x|y)$</code>"]),
        (["``two` one", "`x|y`"], ["``two` one", "<code>x|y</code>"]),
        (["\\| kept", "`a\\|b` \\\\| c"], ["| kept", "<code>a\\|b</code> \\| c"]),
    ],
)
def test_md_cell_shows_a_pipe_in_code_without_a_backslash(cells, shown):
    """As Python-Markdown's `tables` (MkDocs's) converts a row: a pipe in a code span is shown
    bare, one outside code splits no cell, and a backtick that opens no code span in its cell
    does not pair with one of the next cell (which kept that cell's pipes from splitting)."""
    row = " | ".join(md_cell(cell) for cell in cells)
    table = f"| a | b |\n| --- | --- |\n| {row} |\n"
    converted = markdown.markdown(table, extensions=["tables"])
    assert [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", converted)] == shown


def test_md_block_escapes_html_outside_code_only():
    text = "<script>x</script> `<kept>` <https://example.com>\n```\n<div>\n```\n{: .cls}"
    assert md_block(text) == (
        "&lt;script>x&lt;/script> `<kept>` <https://example.com>\n"
        "```\n<div>\n```\n&#123;: .cls&#125;"
    )
    assert md_block("<b>trusted</b>", "trust") == "<b>trusted</b>"
    assert md_block("<b>trusted</b>", True) == "<b>trusted</b>", "the old allow_html=True"


def test_code_and_fence_survive_backticks():
    assert code("a`b") == "``a`b``"
    assert code("`edge`") == "`` `edge` ``"
    assert fence("x\n```\ny", "json") == "````json\nx\n```\ny\n````"


def test_yaml_dates_stay_strings_and_utf16_with_bom_decodes():
    assert parse_text("d: 2024-01-01\n", "x.yaml") == {"d": "2024-01-01"}
    assert parse_text("e: [on, no, yes, true]\n", "x.yaml") == {"e": ["on", "no", "yes", True]}
    assert decode_text("openapi: 3.1.0".encode("utf-16"), "x.yaml") == "openapi: 3.1.0"
    with pytest.raises(SpecError, match="not valid UTF-8"):
        decode_text(b"a: \xff\n", "x.yaml")


def test_locate_finds_lines_of_pointers():
    text = "a:\n  b:\n    - x\n    - y: 1\n"
    assert locate(text, "#/a/b/1/y") == (4, 7)
    assert locate(text, "#/a/missing") == (1, 1)


REFERENCE = ["api/index.md", {"runs": ["api/runs/index.md"]}]


def test_nav_entry_naming_the_prefix_is_replaced_in_place():
    nav = ["index.md", {"Guides": ["a.md", {"API": "api/"}]}, "z.md"]
    assert insert_reference_nav(nav, [], REFERENCE, "api", "API reference") == [
        "index.md",
        {"Guides": ["a.md", {"API": REFERENCE}]},
        "z.md",
    ]


def test_nav_without_entry_gets_section_appended_and_no_nav_keeps_auto_layout():
    assert insert_reference_nav(["index.md"], [], REFERENCE, "api", "Ref") == [
        "index.md",
        {"Ref": REFERENCE},
    ]
    auto = insert_reference_nav(None, ["index.md", "guide/a.md"], REFERENCE, "api", "Ref")
    assert auto[0] == "index.md" and auto[-1] == {"Ref": REFERENCE}
    assert {"Guide": ["guide/a.md"]} in auto


def test_swagger2_conversion_moves_what_pages_need():
    from mkdocs_runs_api.spec.swagger2 import convert_swagger2

    converted = convert_swagger2(
        {
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "host": "api.example.com",
            "basePath": "/v2",
            "schemes": ["https"],
            "consumes": ["application/json"],
            "securityDefinitions": {
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "basic": {"type": "basic"},
            },
            "paths": {
                "/pets": {
                    "post": {
                        "parameters": [
                            {
                                "in": "body",
                                "name": "pet",
                                "required": True,
                                "schema": {"$ref": "#/definitions/Pet"},
                            },
                            {
                                "in": "query",
                                "name": "tags",
                                "type": "array",
                                "items": {"type": "string"},
                                "collectionFormat": "pipes",
                            },
                        ],
                        "responses": {
                            "200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}
                        },
                    }
                },
                "/upload": {
                    "post": {
                        "consumes": ["multipart/form-data"],
                        "parameters": [
                            {"in": "formData", "name": "file", "type": "file", "required": True}
                        ],
                        "responses": {"204": {"description": "done"}},
                    }
                },
            },
            "definitions": {"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}},
        }
    )
    assert converted["openapi"] == "3.0.3"
    assert converted["servers"] == [{"url": "https://api.example.com/v2"}]
    post = converted["paths"]["/pets"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Pet"
    }
    assert post["parameters"] == [
        {
            "in": "query",
            "name": "tags",
            "style": "pipeDelimited",
            "explode": False,
            "schema": {"type": "array", "items": {"type": "string"}},
        }
    ]
    assert post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == (
        "#/components/schemas/Pet"
    )
    upload = converted["paths"]["/upload"]["post"]["requestBody"]["content"]
    assert upload["multipart/form-data"]["schema"]["properties"]["file"] == {
        "type": "string",
        "format": "binary",
    }
    schemes = converted["components"]["securitySchemes"]
    assert schemes["basic"] == {"type": "http", "scheme": "basic"}
    assert schemes["key"] == {"type": "apiKey", "in": "header", "name": "X-Key"}


def test_component_anchors_are_unique_and_independent_of_page_order(tmp_path):
    """`Foo` and `foo` slug alike: each gets its own anchor, the same on every page."""
    import re

    from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference

    both = {
        "properties": {
            "a": {"$ref": "#/components/schemas/Foo"},
            "b": {"$ref": "#/components/schemas/foo"},
        }
    }
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            f"/{name}": {
                "get": {
                    "operationId": name,
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": schema}},
                        }
                    },
                }
            }
            for name, schema in (("first", {"$ref": "#/components/schemas/foo"}), ("second", both))
        },
        "components": {"schemas": {"Foo": {"type": "object"}, "foo": {"type": "string"}}},
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    pages = {
        p.src_uri: p.markdown
        for p in generate_reference(tmp_path / "spec.json", ReferenceOptions()).pages
    }
    ids = {uri: re.findall(r'id="([^"]+)"', text) for uri, text in pages.items()}
    assert ids["api/second/second.md"] == [
        "schema-200-application-json-foo",
        "schema-200-application-json-foo-2",
    ]
    assert ids["api/first/first.md"] == ["schema-200-application-json-foo-2"]


def test_collector_is_paused_only_while_generating(tmp_path):
    import gc

    from mkdocs_runs_api.build.pipeline import (
        ReferenceOptions,
        collector_paused,
        generate_reference,
    )

    seen = []
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    generate_reference(tmp_path / "spec.json", ReferenceOptions())
    assert gc.isenabled() and gc.get_freeze_count() == 0
    try:
        generate_reference(tmp_path / "spec.json", ReferenceOptions(), one_shot=True)
        assert gc.isenabled() and gc.get_freeze_count() > 0  # left out of later collections
    finally:
        gc.unfreeze()


def test_moving_rows_deeper_indents_exactly_the_lines_with_text():
    from hypothesis import given
    from hypothesis import strategies as st

    from mkdocs_runs_api.render.schema_list import _indent_lines

    lines = st.lists(st.sampled_from(["", "- a", "    <br>b c", "```", "  x"]), max_size=12)

    @given(lines, st.booleans(), st.integers(min_value=0, max_value=4))
    def check(rows, trailing_newline, depth):
        text = "\n".join(rows) + ("\n" if trailing_newline else "")
        pad = "    " * depth
        expected = "\n".join(pad + line if line.strip() else line for line in text.split("\n"))
        assert _indent_lines(text, depth) == expected

    check()


INDENTED_FENCE = re.compile(r"^ *(`{3,}|~{3,})")


def _tidy_line_by_line(text: str) -> str:
    """What `_tidy` means, one line at a time: outside fences, whitespace-only lines are emptied
    and runs of blank lines become one; fenced lines (at any indent: in a tab too) stay as they
    are."""
    out, fence, blank_before = [], None, False
    for line in text.split("\n"):
        opener = INDENTED_FENCE.match(line)
        if fence is not None:
            fence = None if opener and opener.group(1).startswith(fence) else fence
            out.append(line)
            blank_before = False
        elif opener:
            fence = opener.group(1)
            out.append(line)
            blank_before = False
        elif not line.strip():
            if not blank_before:
                out.append("")
            blank_before = True
        else:
            out.append(line)
            blank_before = False
    return "\n".join(out).strip("\n") + "\n"


def test_tidying_a_page_keeps_fences_and_collapses_blank_lines_only():
    from hypothesis import given
    from hypothesis import strategies as st

    from mkdocs_runs_api.render import _tidy

    pieces = ["\n", "\n\n\n", " ", "   ", "    ", "\t", "\u3000", "\x1c", "`", "```", "````"]
    pieces += ["~~~", "~~~~", "a", "b c", " \n", "x```", "\r", "\n```", "\n   ~~~", "\n    ```"]

    @given(st.lists(st.sampled_from(pieces), max_size=40))
    def check(parts):
        text = "".join(parts)
        assert _tidy(text) == _tidy_line_by_line(text)

    check()


OPENAPI_30_SCHEMAS = [
    # (OpenAPI 3.0 schema, the JSON Schema 2020-12 schema it means)
    ({"type": "string", "nullable": True}, {"type": ["string", "null"]}),
    (
        {"type": "string", "nullable": True, "enum": ["a", "b"]},
        {"type": ["string", "null"], "enum": ["a", "b", None]},
    ),
    ({"type": "string", "nullable": False, "enum": ["a"]}, {"type": "string", "enum": ["a"]}),
    ({"type": ["string", "null"], "nullable": True}, {"type": ["string", "null"]}),
    ({"type": "number", "minimum": 1, "exclusiveMinimum": True}, {"exclusiveMinimum": 1}),
    ({"type": "number", "minimum": 1, "exclusiveMinimum": False}, {"minimum": 1}),
    ({"type": "number", "maximum": 5, "exclusiveMaximum": True}, {"exclusiveMaximum": 5}),
    ({"type": "number", "exclusiveMaximum": True}, {"type": "number"}),
    (
        {"type": "number", "exclusiveMinimum": 2, "maximum": 3},
        {"exclusiveMinimum": 2, "maximum": 3},
    ),
]
INSTANCES = [None, "a", "c", 0, 1, 1.5, 2, 3, 5, 6, True, [], {}]


@pytest.mark.parametrize("openapi, meant", OPENAPI_30_SCHEMAS)
def test_openapi_30_keywords_validate_as_the_2020_12_schema_they_mean(openapi, meant):
    """Same verdicts and the same messages as the equivalent 2020-12 schema, for every value."""
    from jsonschema import Draft202012Validator

    from mkdocs_runs_api.model.instances import OpenApiValidator

    meant = {"type": openapi["type"], **meant} if "type" not in meant else meant

    def errors(validator, instance):
        return sorted((e.validator, e.message) for e in validator.iter_errors(instance))

    for instance in INSTANCES:
        expected = errors(Draft202012Validator(meant), instance)
        assert errors(OpenApiValidator(openapi), instance) == expected, instance


@pytest.mark.parametrize(
    "spec",
    ["example-site/openapi.yaml", pytest.param("trigger/docs/v3-openapi.yaml", marks=needs_specs)],
)
def test_a_reference_is_freed_by_reference_counting_alone(spec):
    """No reference cycle keeps the loaded spec alive: `mkdocs build` freezes the heap after
    generating (`one_shot`), so memory in a cycle would never be freed."""
    import gc
    import weakref

    from conftest import REPO, find_shared_specs

    from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference

    path = REPO / spec if spec.startswith("example-site") else find_shared_specs() / spec
    reference = generate_reference(path, ReferenceOptions())
    assert reference.bundle._targets, "the bundle remembers the $ref targets it followed"
    bundle = weakref.ref(reference.bundle)
    gc.disable()
    try:
        del reference
        assert bundle() is None
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, None, True], "é": {"nested": []}, "empty": {}},
        {1: "int key", 2.5: "float key", False: "bool key"},
        [2**70, "beyond 64 bits"],
        {"nan": float("nan"), "inf": float("inf")},
        {"when": datetime.date(2024, 5, 1), "at": datetime.datetime(2024, 5, 1, 12, 30)},
        "a string",
        [],
        {"unicode": '\u2028 \x00 \U0001f600 \\ "'},
    ],
)
def test_pretty_json_writes_what_json_writes(value):
    expected = json.dumps(value, indent=2, ensure_ascii=False, default=str)
    assert pretty_json(value) == expected


def test_compiled_templates_are_kept_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    custom = tmp_path / "templates"
    custom.mkdir()
    (custom / "x.md.jinja").write_text("one", encoding="utf-8")
    assert make_environment(custom, RenderOptions()).get_template("x.md.jinja").render() == "one"
    assert list((tmp_path / "cache" / "mkdocs-runs-api").glob("jinja-*/*.cache"))
    (custom / "x.md.jinja").write_text("two", encoding="utf-8")  # edited: compiled again
    assert make_environment(custom, RenderOptions()).get_template("x.md.jinja").render() == "two"


def test_no_cache_where_the_folder_cannot_be_made(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert bytecode_cache() is None
    assert make_environment(None, RenderOptions()).bytecode_cache is None


def test_source_texts_keep_utf8_and_give_back_the_text():
    texts = SourceTexts()
    texts["a.yaml"], texts["b.yaml"] = "emoji \U0001f600 and a lone \ud800", "plain"
    texts.forget_decoded()
    assert texts["a.yaml"] == "emoji \U0001f600 and a lone \ud800"
    assert dict(texts) == {"a.yaml": "emoji \U0001f600 and a lone \ud800", "b.yaml": "plain"}
    assert texts.get("missing", "") == "" and len(texts) == 2


def test_blank_lines_in_a_fence_inside_a_tab_are_kept():
    """A `text/plain` example `a\\n\\n\\n\\nb` in a content tab (its fence indented 4 spaces)."""
    page = '=== "200"\n\n    ```\n    a\n\n\n\n    b\n    ```\n\n\n\nAfter.\n'
    assert tidy(page) == '=== "200"\n\n    ```\n    a\n\n\n\n    b\n    ```\n\nAfter.\n'
