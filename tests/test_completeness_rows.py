"""The completeness check beyond schema trees: parameters, response headers and examples. It
finds nothing missing where the page shows everything, reports what the renderer loses today,
catches a page that drops a row, a fact, a label or a value, and reads the built HTML as it
reads the Markdown."""

from __future__ import annotations

import textwrap

import markdown as python_markdown
import pytest
from test_completeness_html import render, write_spec

from mkdocs_runs_api.check.completeness import Miss, check_completeness, format_misses
from mkdocs_runs_api.check.extras import ShownExtras
from mkdocs_runs_api.check.page_examples import page_examples
from mkdocs_runs_api.check.page_tables import page_tables
from mkdocs_runs_api.check.parameter_facts import split_facts, split_variants

SHOWN = """\
    openapi: 3.1.0
    info: {title: rows, version: "1"}
    paths:
      /runs/{id}:
        parameters:
          - {name: id, in: path, required: true, description: The run., schema: {type: string}}
        get:
          parameters:
            - name: limit
              in: query
              deprecated: true
              schema: {type: integer, minimum: 1, maximum: 100, default: 20}
              examples:
                small: {summary: A small page, value: 5}
                big: {value: 100}
            - name: filter
              in: query
              style: deepObject
              explode: true
              allowReserved: true
              schema:
                type: object
                properties: {status: {type: string}, tag: {type: string}}
            - {name: X-Trace, in: header, example: abc, schema: {type: string, enum: [abc, de]}}
            - {name: tag, in: query, explode: true, schema: {type: array, items: {type: string}}}
            - name: ref
              in: query
              schema:
                anyOf:
                  - {type: string, pattern: "^[a-f0-9]{24}$", description: An ID.}
                  - {$ref: '#/components/schemas/Slug'}
          responses:
            "200":
              description: ok
              headers:
                X-Rate-Limit: {description: Calls per hour, required: true, schema: {type: integer}}
                X-Retry:
                  deprecated: true
                  schema: {type: integer, maximum: 60}
                  examples: {soon: {summary: Soon, value: 5}}
              content:
                application/json:
                  schema: {type: object, properties: {a: {type: string}}}
                  examples:
                    one: {summary: The first, value: {a: x}}
                    two: {description: The second one., value: {a: y}}
                    far: {summary: Far away, externalValue: "https://example.com/far.json"}
                text/plain:
                  schema: {type: string}
                  example: hello
    components:
      schemas:
        Slug: {type: string, maxLength: 40}
    """


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    """SHOWN's reference, rendered once for the module (tests put its page back)."""
    return render(write_spec(tmp_path_factory.mktemp("shown"), SHOWN))


def mutated(reference, old: str, new: str) -> list[Miss]:
    """The misses of SHOWN's page with `old` replaced by `new` in its Markdown."""
    (page,) = [page for page in reference.pages if page.operation_key]
    original = page.markdown
    assert old in original
    page.markdown = original.replace(old, new)
    try:
        return check_completeness(reference).misses
    finally:
        page.markdown = original


def test_a_page_that_shows_everything_misses_nothing(shown):
    report = check_completeness(shown)
    assert report.misses == []
    assert report.omitted == [
        Miss("GET /runs/{id}", "parameter query filter: (root)", "properties", "facts not shown"),
        Miss("GET /runs/{id}", "parameter query tag: (root)", "explode", "true (default)"),
    ]


@pytest.mark.parametrize(
    "old, new, miss",
    [
        ("| `limit`", "| `other`", ("parameter query limit: (root)", "parameter", "query limit")),
        ("`maximum: 100`", "", ("parameter query limit: (root)", "maximum", "100")),
        (
            '`limit` <span class="runs-api-badge runs-api-badge--deprecated">deprecated</span>',
            "`limit`",
            ("parameter query limit: (root)", "deprecated", "true"),
        ),
        (
            "| required | The run.",
            "| optional | The run.",
            ("parameter path id: (root)", "required", "true"),
        ),
        ("| The run. |", "|  |", ("parameter path id: (root)", "description", "The run.")),
        ("<br>Example `big`: `100`", "", ("parameter query limit: examples.big", "example", "big")),
        (
            "(A small page)",
            "",
            ("parameter query limit: examples.small", "example summary", "A small page"),
        ),
        (
            "Example: `abc`",
            "Example: `abd`",
            ("parameter header X-Trace: (root)", "example", "abc"),
        ),
        ("`tag`<br>", "`tags`<br>", ("parameter query filter: (root)", "property", "tag")),
        ("`deepObject`", "`form`", ("parameter query filter: (root)", "style", "deepObject")),
        (
            "explode: `true`",
            "explode: `false`",
            ("parameter query filter: (root)", "explode", "true"),
        ),
        (
            "<br>Reserved characters allowed unencoded",
            "",
            ("parameter query filter: (root)", "allowReserved", "true"),
        ),
        (
            "| `X-Rate-Limit` (required)",
            "| `X-Other` (required)",
            ("response 200 header X-Rate-Limit: (root)", "header", "X-Rate-Limit"),
        ),
        (" (required) |", " |", ("response 200 header X-Rate-Limit: (root)", "required", "true")),
        (
            "**The first**",
            "**The 1st**",
            ("response 200 application/json: examples.one", "example", "The first"),
        ),
        (
            '"a": "y"',
            '"a": "z"',
            ("response 200 application/json: examples.two", "example value", '{ "a": "y" }'),
        ),
        (
            "The second one.\n",
            "",
            (
                "response 200 application/json: examples.two",
                "example description",
                "The second one.",
            ),
        ),
        ("hello", "goodbye", ("response 200 text/plain: (root)", "example", "hello")),
        (" — An ID.", "", ("parameter query ref: anyOf[1]", "description", "An ID.")),
        (
            "`pattern: ^[a-f0-9]{24}$`",
            "",
            ("parameter query ref: anyOf[1]", "pattern", "^[a-f0-9]{24}$"),
        ),
        ("2. **Slug** · string", "2. string", ("parameter query ref: anyOf[2]", "$ref", "Slug")),
        (
            "<br>2. **Slug** · string",
            "",
            ("parameter query ref: (root)", "anyOf", "2 variants"),
        ),
        ("Any of:", "One of:", ("parameter query ref: (root)", "variant kind", "anyOf")),
        (
            '`X-Retry` <span class="runs-api-badge runs-api-badge--deprecated">deprecated</span>',
            "`X-Retry`",
            ("response 200 header X-Retry: (root)", "deprecated", "true"),
        ),
        ("`maximum: 60`", "", ("response 200 header X-Retry: (root)", "maximum", "60")),
        (
            "<br>Example `soon` (Soon): `5`",
            "",
            ("response 200 header X-Retry: examples.soon", "example", "soon"),
        ),
        (
            "far.json",
            "near.json",
            (
                "response 200 application/json: examples.far",
                "example externalValue",
                "https://example.com/far.json",
            ),
        ),
    ],
)
def test_a_dropped_row_fact_label_or_value_is_a_miss(shown, old, new, miss):
    assert mutated(shown, old, new) == [Miss("GET /runs/{id}", *miss)]


def test_a_description_cell_is_split_into_description_and_facts():
    assert split_facts(
        "Text.<br><br>More.<br>Default: <code>1</code><br>Example: <code>2</code>"
    ) == (
        "Text.<br><br>More.",
        ["Default: <code>1</code>", "Example: <code>2</code>"],
    )
    assert split_facts("Default: x in prose.<br>Next.") == ("Default: x in prose.<br>Next.", [])
    assert split_facts("Steps:<br><br>1. Ask.<br>Default: <code>1</code>") == (
        "Steps:<br><br>1. Ask.",
        ["Default: <code>1</code>"],
    )


def test_a_rows_variants_are_read_from_their_numbered_lines():
    """Each variant's line (label, type, ` — ` description) and the facts after it; a
    variant's own variants (`2.1.`) under it."""
    facts = [
        "Default: <code>x</code>",
        "Any of:",
        "1. string — An <em>ID</em>.",
        "Constraints: <code>maxLength: 3</code>",
        "2. <strong>Range</strong> · object",
        "Properties: <code>from</code>",
        "One of:",
        "2.1. integer",
    ]
    own, holder = split_variants(facts)
    assert own == ["Default: <code>x</code>"]
    assert holder.variant_kinds == ["anyOf"]
    first, second = holder.variants
    assert (first.type, first.described, first.codes("Constraints")) == (
        "string",
        True,
        ["maxLength: 3"],
    )
    assert (second.type, second.described, second.codes("Properties")) == (
        "Range · object",
        False,
        ["from"],
    )
    assert second.variant_kinds == ["oneOf"] and [v.type for v in second.variants] == ["integer"]


def test_a_tilde_line_of_an_example_opens_no_fence_before_the_tables():
    """GitHub's `GET /octocat` example is ASCII art with lines of `~~~~MM~~`: each toggled a
    fence, and the parameter table after it was read as code (its parameter missed)."""
    markdown = textwrap.dedent(
        """\
        ```
           ~~~~MM:~MM~~~
          ~~~~~~==~==~~~
        ```

        ## Parameters

        ### Query parameters

        | Name | Type | Required | Description |
        | --- | --- | --- | --- |
        | `s` | string | optional | The words. |
        """
    )
    assert list(page_tables(markdown).parameters) == [("", "query", "s")]


def test_an_example_is_its_label_description_and_value():
    """A bold paragraph that is not all label is a description; an example is read until the
    next label (its description's code blocks are among its values, a missing value is none)."""
    markdown = textwrap.dedent(
        """\
        ## Request body examples

        **One** · `application/json`

        **Note**: read this, with a code block.

        ```
        0
        ```

        ```json
        1
        ```

        **Two**

        See <relative.json>.

        **Three**

        ```
        3
        ```
        """
    )
    examples = page_examples(markdown)[("", "request")]
    assert [(e.label, e.media, e.described, e.values) for e in examples] == [
        ("One", "application/json", True, ["0", "1"]),
        ("Two", "", True, []),
        ("Three", "", False, ["3"]),
    ]


LOSSES = """\
    openapi: 3.1.0
    info: {title: losses, version: "1"}
    paths:
      /p:
        get:
          parameters:
            - {name: a, in: query, schema: {type: array, items: {type: string, default: x}}}
            - {name: b, in: query, schema: {$ref: '#/components/schemas/Filter'}}
            - {name: c, in: query, schema: {type: string, description: Said by the schema.}}
            - {name: d, in: query, schema: {type: string, pattern: "a|b"}}
            - name: e
              in: query
              schema: {type: string}
              examples: {only: {summary: One, value: x}}
            - name: f
              in: query
              schema: {oneOf: [{type: string, maxLength: 3}, {type: integer}]}
          requestBody:
            content:
              application/json:
                schema: {type: object}
                examples:
                  rel: {summary: Relative, externalValue: examples/b.json}
                  next: {summary: Next, value: {a: 1}}
          responses:
            "200":
              description: ok
              headers:
                H:
                  deprecated: true
                  example: 5
                  schema: {type: integer, maximum: 9}
    components:
      schemas:
        Filter: {type: object, properties: {s: {type: string}}}
    """


def test_what_the_renderer_once_lost_in_rows_is_shown(tmp_path):
    """A parameter schema's component name and its own description, a `|` in a code span of a
    table cell (it was shown as `\\|`), a parameter's only named example (it was shown as its
    `example`), a variant's constraints; a header's constraints, `deprecated` and examples; a
    relative `externalValue` (`See <examples/b.json>.` was read as an HTML tag: now code). An
    array parameter's items default is shown (`Items: Default: x`)."""
    assert format_misses(check_completeness(render(write_spec(tmp_path, LOSSES))).misses) == []


CALLBACK = """\
    openapi: 3.0.3
    info: {title: callbacks, version: "1"}
    paths:
      /s:
        post:
          callbacks:
            done:
              '{$request.body#/url}':
                post:
                  parameters:
                    - {name: X-Sig, in: header, schema: {type: string}}
                  requestBody:
                    content:
                      application/json:
                        schema: {type: string}
                        examples: {ok: {summary: All done, value: done}}
                  responses:
                    "200":
                      description: ok
                      headers: {X-Id: {schema: {type: string}}}
          responses:
            "200": {description: ok}
    """


def test_a_callbacks_parameters_examples_and_headers_are_read(tmp_path):
    """A callback's section shows its parameters (under `#### Parameters`), its body's examples
    and its responses' headers."""
    reference = render(write_spec(tmp_path, CALLBACK))
    assert format_misses(check_completeness(reference).misses) == []
    (page,) = [page for page in reference.pages if page.operation_key]
    assert "#### Parameters\n\n##### Header parameters" in page.markdown


@pytest.mark.parametrize("spec", [SHOWN, CALLBACK, LOSSES], ids=["shown", "callback", "losses"])
@pytest.mark.parametrize("tabs", [True, False], ids=["tabs", "no-tabs"])
def test_html_is_read_like_the_markdown(tmp_path, spec, tabs):
    """Each page converted as MkDocs converts it (tables, code blocks, content tabs) reads back
    as the same rows and examples."""
    extensions = ["tables", "pymdownx.superfences"]
    configs = {}
    if tabs:
        extensions.append("pymdownx.tabbed")
        configs["pymdownx.tabbed"] = {"alternate_style": True}
    reference = render(write_spec(tmp_path, spec), tabs=tabs)
    for page in (page for page in reference.pages if page.operation_key):
        html = python_markdown.markdown(
            page.markdown, extensions=extensions, extension_configs=configs
        )
        markdown = ShownExtras.of_markdown(page.markdown, page.blocks)
        built = ShownExtras.of_html(html)
        assert built.tables == markdown.tables
        assert _examples(built) == _examples(markdown)
        assert markdown.tables.parameters or markdown.examples or markdown.tables.headers


def _examples(shown: ShownExtras) -> dict:
    """The examples read, their values' white space squeezed (the HTML's code ends in one)."""
    return {
        key: [
            (e.label, e.media, e.described, [" ".join(v.split()) for v in e.values]) for e in found
        ]
        for key, found in shown.examples.items()
    }
