"""The keyword-by-keyword completeness check (`check.completeness`): it finds nothing missing
on the example site, Trigger.dev's specs, the golden specs and a handful of @readme/oas-examples
documents (among them those the renderer once lost something of), it reports the keywords the
trees have no place for, and it catches a renderer that drops a constraint or its items' facts,
merges two variants or drops a nested level."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import assert_built, find_shared_specs, mkdocs_build, write_site

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.check.build_checks import completeness_shown
from mkdocs_runs_api.check.completeness import Miss, check_completeness, format_misses
from mkdocs_runs_api.check.page_blocks import page_schemas, site_page_schemas
from mkdocs_runs_api.check.tree_html import parse_root_line, parse_tree
from mkdocs_runs_api.errors import SpecError
from mkdocs_runs_api.render import RenderOptions, schema_row_text, schema_tree
from mkdocs_runs_api.samples.render import SampleOptions

ROOT = Path(__file__).parent.parent
QUICK_GOLDEN = {
    "circular_schema",
    "composition_refs",
    "hidden_components",
    "polymorphism",
    "webhooks_callbacks_links",
}
"""The golden cases richest in schemas (the others in the full tier: the quick one is near 60 s)."""
GOLDEN_SPECS = [
    pytest.param(spec, marks=() if spec.parent.name in QUICK_GOLDEN else pytest.mark.slow)
    for spec in sorted((ROOT / "tests" / "golden").glob("*/spec.yaml"))
]
CORPUS = ROOT / "tests" / "node_modules" / "@readme" / "oas-examples"
QUICK_DOCUMENTS = ["3.0/json/callbacks.json"]
OAI_SPECS = [
    "api-with-examples.yaml",
    "callback-example.yaml",
    "link-example.yaml",
    "non-oauth-scopes.yaml",
    "petstore-expanded.yaml",
    "petstore.yaml",
    "uspto.yaml",
    "webhook-example.yaml",
]
DOCUMENTS = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/json/*.json"))
"""The whole corpus (66 documents, ~14 s: the full tier but for `QUICK_DOCUMENTS`). Once lost:
train-travel's `unevaluatedProperties: false`, schema-deprecated's link's own `deprecated` and
description, readme's items' `additionalProperties: false` (46 arrays), and complex-nesting's
"see" links (an array component took its items' name and anchor)."""


def render(spec: Path, **render_options):
    options = ReferenceOptions(
        samples=SampleOptions(languages=()), parallel=False, render=RenderOptions(**render_options)
    )
    return generate_reference(spec, options)


def write_spec(tmp_path: Path, text: str) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(text), encoding="utf-8")
    return spec


def test_example_site_loses_nothing():
    """Including the description of RunEvent, the items' component of `events`: it is shown
    as the items' own, apart from the array's."""
    report = check_completeness(render(ROOT / "example-site" / "openapi.yaml"))
    assert format_misses(report.misses) == []
    assert report.checked > 100


@pytest.mark.slow
def test_deferred_blocks_are_read_too():
    spec = ROOT / "example-site" / "openapi.yaml"
    inline, deferred = (
        check_completeness(render(spec)),
        check_completeness(render(spec, defer_blocks=True)),
    )
    assert deferred.misses == inline.misses and deferred.checked == inline.checked


@pytest.mark.parametrize("spec", GOLDEN_SPECS, ids=lambda p: p.parent.name)
def test_golden_specs_lose_nothing(spec):
    misses = check_completeness(render(spec)).misses
    assert format_misses(sorted(misses)) == []


@pytest.mark.slow
def test_webhooks_and_callbacks_are_compared():
    report = check_completeness(render(ROOT / "tests/golden/webhooks_callbacks_links/spec.yaml"))
    assert any("callback " in place for place in report.places)
    webhooks = check_completeness(render(CORPUS / "3.1/json/webhooks.json"))
    assert webhooks.places and webhooks.misses == []


@pytest.mark.parametrize(
    "name",
    [
        name if name in QUICK_DOCUMENTS else pytest.param(name, marks=pytest.mark.slow)
        for name in DOCUMENTS
    ],
)
def test_oas_examples_lose_nothing(name):
    misses = check_completeness(render(CORPUS / name)).misses
    assert format_misses(sorted(misses), 1000) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", OAI_SPECS)
def test_oai_examples_lose_nothing(shared_specs, name):
    misses = check_completeness(render(shared_specs / "oai" / name)).misses
    assert format_misses(sorted(misses)) == []


@pytest.mark.slow
@pytest.mark.parametrize("name, nodes", [("v3-openapi.yaml", 1000), ("openapi.yml", 40)])
def test_trigger_dev_loses_nothing(name, nodes):
    """Trigger.dev's specs, where a link dropped the description beside its `$ref`
    (`relatedRuns.parent`, `POST /api/v1/events` `context`) and an array its items' ("A session
    row.")."""
    report = check_completeness(render(find_shared_specs() / "trigger" / "docs" / name))
    assert format_misses(sorted(report.misses)) == []
    assert report.checked > nodes


LOSSES = """\
    openapi: 3.0.3
    info: {title: losses, version: "1"}
    paths:
      /p:
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [a]
                  properties:
                    a:
                      type: array
                      minItems: 1
                      items: {type: string, default: x, maxLength: 5, enum: [q, r]}
                    c:
                      type: array
                      items: {$ref: '#/components/schemas/Uuid'}
                    d: {$ref: '#/components/schemas/Thing'}
                    e:
                      allOf: [{$ref: '#/components/schemas/Thing'}]
                      deprecated: true
                    g:
                      allOf:
                        - {type: string, maxLength: 3}
                        - {type: string, maxLength: 4}
                    h:
                      type: array
                      items:
                        type: object
                        additionalProperties: false
                        properties: {x: {type: string}}
                    i:
                      type: array
                      items:
                        oneOf: [{$ref: '#/components/schemas/Uuid'}, {type: integer}]
                        discriminator: {propertyName: kind}
          responses:
            "204": {description: done}
    components:
      schemas:
        Uuid: {type: string, format: uuid}
        Thing:
          type: object
          properties:
            id: {type: integer, readOnly: true}
            next: {$ref: '#/components/schemas/Thing'}
"""


def test_what_the_renderer_lost_is_shown(tmp_path):
    """An item's default, a named item's format, a linked use's own `deprecated`, an item's
    `additionalProperties: false` and its discriminator, once lost, are shown; the readOnly
    property is listed as left out on purpose."""
    report = check_completeness(render(write_spec(tmp_path, LOSSES)))
    assert format_misses(report.misses) == []
    assert report.omitted == [Miss("POST /p", "request application/json: d.id", "readOnly", "true")]


def drop_items_facts(monkeypatch, module) -> None:
    """Make the `schema_facts` of `module` (`schema_tree`: the trees', `schema_row_text`: the
    root lines') leave out what arrays show of their items (`Items: ...`)."""
    real = module.schema_facts

    def without_items(node, *printers):
        return [fact for fact in real(node, *printers) if not fact.startswith("Items:")]

    monkeypatch.setattr(module, "schema_facts", without_items)


def test_dropped_items_facts_are_misses(tmp_path, monkeypatch):
    drop_items_facts(monkeypatch, schema_tree)
    assert format_misses(check_completeness(render(write_spec(tmp_path, LOSSES))).misses) == [
        "POST /p: request application/json: a: items default x",
        "POST /p: request application/json: c: format uuid",
        "POST /p: request application/json: h: items additionalProperties false",
        "POST /p: request application/json: i: items discriminator kind",
    ]


GITHUB = """\
    openapi: 3.0.3
    info: {title: github, version: "1"}
    paths:
      /octocat:
        get:
          responses:
            "200":
              description: ASCII art
              content:
                application/octocat-stream:
                  schema: {type: string}
                  example: "  .~~MM~~.\\n ~~~~MM:~MM~~~~\\n## Not a heading\\n"
      /stats:
        get:
          responses:
            "200":
              description: Weekly counts
              content:
                application/json:
                  schema:
                    type: array
                    items: {$ref: '#/components/schemas/Week'}
    components:
      schemas:
        Week:
          type: array
          items: {type: integer, format: int64}
"""
"""What the check once reported missing on GitHub's spec, shown all along: a media type after
an example whose ASCII art has lines of tildes (`GET /octocat`), and the item type of an array
of a named array, in what the array shows of its items (`stats/code_frequency`)."""


def test_what_github_showed_is_found(tmp_path, monkeypatch):
    spec = write_spec(tmp_path, GITHUB)
    assert format_misses(check_completeness(render(spec)).misses) == []
    drop_items_facts(monkeypatch, schema_row_text)
    assert format_misses(check_completeness(render(spec)).misses) == [
        "GET /stats: response 200 application/json: (root): type items integer",
        "GET /stats: response 200 application/json: (root): format int64",
    ]


UNSHOWN = """\
    openapi: 3.1.0
    info: {title: unshown, version: "1"}
    paths:
      /p:
        post:
          responses: {"204": {description: done}}
          requestBody:
            content:
              application/json:
                schema:
                  properties:
                    id: {type: string, readOnly: true}
                    tags: {type: array, items: {type: string}, contains: {const: urgent}}
                    note: {type: string, contentMediaType: text/plain}
                    extra: {type: object, unevaluatedProperties: {type: string}}
"""
"""Keywords the trees have no place for (`schema_facets.UNSHOWN`): each is a miss."""


MUTATED = """\
    openapi: 3.1.0
    info: {title: mutations, version: "1"}
    paths:
      /p:
        get:
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      tags:
                        type: array
                        maxItems: 10
                        items: {type: string}
                      value:
                        oneOf:
                          - {type: string, maxLength: 3}
                          - {type: object, properties: {amount: {type: integer}}}
                      owner:
                        type: object
                        properties:
                          address:
                            type: object
                            properties:
                              city: {type: string}
"""


def test_mutations_pass_unmutated(tmp_path):
    assert check_completeness(render(write_spec(tmp_path, MUTATED))).misses == []


def test_a_dropped_constraint_is_a_miss(tmp_path, monkeypatch):
    real = schema_tree.schema_facts

    def without_max_items(node, *printers):
        kept = [c for c in node.constraints if not c.startswith("maxItems")]
        return real(dataclasses.replace(node, constraints=kept), *printers)

    monkeypatch.setattr(schema_tree, "schema_facts", without_max_items)
    misses = check_completeness(render(write_spec(tmp_path, MUTATED))).misses
    assert misses == [Miss("GET /p", "response 200 application/json: tags", "maxItems", "10")]


def test_merged_variants_are_a_miss(tmp_path, monkeypatch):
    real = schema_tree.placed_children

    def merged(node, place):
        children, variants = real(node, place)
        if len(variants) > 1:
            (first, at), (second, _) = variants[:2]
            both = dataclasses.replace(first, children=first.children + second.children)
            variants = [(both, at)]
        return children, variants

    monkeypatch.setattr(schema_tree, "placed_children", merged)
    misses = check_completeness(render(write_spec(tmp_path, MUTATED))).misses
    assert Miss("GET /p", "response 200 application/json: value", "oneOf", "2 variants") in misses


def test_a_dropped_nested_level_is_a_miss(tmp_path, monkeypatch):
    real = schema_tree.SchemaTreeHtml._nested

    def first_level_only(self, node, place):
        return "" if "." in place.path else real(self, node, place)

    monkeypatch.setattr(schema_tree.SchemaTreeHtml, "_nested", first_level_only)
    misses = check_completeness(render(write_spec(tmp_path, MUTATED))).misses
    assert misses == [
        Miss("GET /p", "response 200 application/json: owner.address", "property", "city")
    ]


def test_additional_properties_of_several_allof_parts_are_one_child(tmp_path):
    """Each part's `additionalProperties` is a use of the one `{key}` child (as a property
    several parts define is), not a child of its own compared with the same node (which
    expected no variants of the second use: found by the generated schemas of test_hostile)."""
    spec = write_spec(
        tmp_path,
        """\
        openapi: 3.1.0
        info: {title: parts, version: "1"}
        paths:
          /p:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        allOf:
                          - type: object
                            additionalProperties: {oneOf: [{type: string}, {type: integer}]}
                          - {type: object, additionalProperties: {description: Any value.}}
        """,
    )
    report = check_completeness(render(spec))
    assert report.misses == [] and report.checked == 4


def test_tree_html_is_read_back():
    html = (
        '<section class="runs-api-tree">\n'
        '<div class="runs-api-prop" data-property="a&amp;b" id="x--a">'
        '<div class="runs-api-prop__head"><code class="runs-api-prop__name">a&amp;b</code>'
        ' <span class="runs-api-ref">Run</span> · <span class="runs-api-type">object</span>'
        ' <span class="runs-api-badge runs-api-badge--required">required</span></div>\n'
        '<div class="runs-api-prop__description"><p>Has <code>code</code> and'
        ' <span class="runs-api-type">fake</span></p><div><p>x</p></div></div>\n'
        '<div class="runs-api-prop__facts"><p>Constraints: <code>maxItems: 10</code></p></div>\n'
        '<details class="runs-api-nested"><summary>1 property</summary>\n'
        '<div class="runs-api-prop" data-property="next" id="x--a.next">'
        '<div class="runs-api-prop__head"><span class="runs-api-type">Run</span>'
        ' <span class="runs-api-see">↻ recursive, see <a href="#x--a">Run</a></span></div>'
        "</div>\n</details>\n</div>\n</section>\n"
    )
    (prop,) = parse_tree(html).children
    assert (prop.name, prop.ref, prop.type, prop.badges) == ("a&b", "Run", "object", ["required"])
    assert prop.codes("Constraints") == ["maxItems: 10"]
    (child,) = prop.children
    assert (child.name, child.see_name, child.see_anchor) == ("next", "Run", "x--a")


def test_items_are_read_back():
    """What an array shows of its items: their component's anchor, their link (not the array's
    own), their description and their facts."""
    html = (
        '<div class="runs-api-prop" data-property="cards" id="x-cards">'
        '<div class="runs-api-prop__head"><a id="x-card"></a>'
        '<code class="runs-api-prop__name">cards</code> <span class="runs-api-type">array of'
        ' Card</span> <span class="runs-api-see runs-api-see--items">see <a href="#y">Card</a>'
        "</span></div>\n"
        '<div class="runs-api-prop__description"><p>Own</p></div>\n'
        '<div class="runs-api-prop__description runs-api-prop__description--items">'
        "<p><strong>Items:</strong> A <a id='z'>card</a>.</p></div>\n"
        '<div class="runs-api-prop__facts"><p>Constraints: <code>maxItems: 3</code></p>'
        "<p>Items: Default: <code>x</code></p><p>Items: Items: No other properties allowed</p>"
        "</div>\n</div>\n"
    )
    (prop,) = parse_tree(html).children
    assert (prop.id, prop.anchors) == ("x-cards", ["x-card"])
    assert (prop.see_anchor, prop.see_items) == ("y", True)
    assert prop.described and prop.codes("Constraints") == ["maxItems: 3"] and len(prop.facts) == 1
    assert prop.items.described and prop.items.codes("Default") == ["x"]
    assert [fact.text for fact in prop.items.items.facts] == ["No other properties allowed"]
    root = parse_root_line(
        '<a id="s-a"></a><a id="s-b"></a>**A** · <span class="runs-api-type">array of B</span>'
        " (see [B](#s-b))<br>Items: Default: `1`"
    )
    assert (root.id, root.anchors, root.see_name, root.see_items) == ("s-a", ["s-b"], "B", True)
    assert root.items.codes("Default") == ["1"] and not root.facts


def test_root_line_is_read_back():
    root = parse_root_line(
        '<a id="s-run"></a>**Run** · <span class="runs-api-type">object</span>'
        "<br>Default: `{}`<br>Constraints: `minProperties: 1`"
    )
    assert (root.ref, root.type) == ("Run", "object")
    assert root.codes("Default") == ["{}"] and root.codes("Constraints") == ["minProperties: 1"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "check", "--completeness", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_cli_prints_misses_and_fails(tmp_path):
    spec = "tests/golden/polymorphism/spec.yaml"
    clean = run_cli(spec, "--prefix", "reference")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.startswith(f"{spec}: 0 missing, ")
    lossy = run_cli(str(write_spec(tmp_path, UNSHOWN)), "--show", "2")
    assert lossy.returncode == 1, lossy.stderr
    assert lossy.stdout.splitlines()[:3] == [
        'POST /p: request application/json: tags: contains {"const": "urgent"}',
        "POST /p: request application/json: note: contentMediaType text/plain",
        "... and 1 more",
    ]
    assert "3 missing" in lossy.stdout and "1 left out on purpose (1 readOnly)" in lossy.stdout
    assert run_cli("missing.yaml").returncode == 2


@pytest.mark.slow
def test_cli_says_why_it_does_not_compare_trees_of_templates_with_their_own_rows(tmp_path):
    """The example site's pages with a copy of the shipped row template: 58 misses without the
    trees left out (every property), none with them left out and the reason said once."""
    (tmp_path / "partials").mkdir()
    shutil.copy(ROOT / "templates/partials/schema_row.md.jinja", tmp_path / "partials")
    result = run_cli("example-site/openapi.yaml", "--templates", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.count("cannot read") == 1 and "(no --templates)" in result.stderr
    assert ": 0 missing, " in result.stdout


@pytest.mark.slow
def test_a_built_site_is_read_like_the_markdown(tmp_path):
    shutil.copy(ROOT / "example-site" / "openapi.yaml", tmp_path)
    shutil.copytree(ROOT / "example-site" / "schemas", tmp_path / "schemas")
    spec = tmp_path / "openapi.yaml"
    write_site(tmp_path, spec, plugin_options={"code_samples": ["curl"]})
    assert_built(mkdocs_build(tmp_path))
    markdown, site = (
        check_completeness(render(spec)),
        check_completeness(render(spec), tmp_path / "site"),
    )
    assert site.misses == markdown.misses == []
    assert site.checked == markdown.checked and site.places == markdown.places
    gone = tmp_path / "gone"
    gone.mkdir()
    assert {m.keyword for m in check_completeness(render(spec), gone).misses} == {"page"}


BUILT = """\
    openapi: 3.1.0
    info: {title: Built, version: "1", description: A small API.}
    servers: [{url: "https://api.example.com"}]
    tags: [{name: runs, description: Runs.}]
    paths:
      /runs:
        get:
          operationId: listRuns
          summary: List runs
          description: Lists the runs.
          tags: [runs]
          parameters:
            - name: limit
              in: query
              description: How many runs.
              schema: {type: integer, minimum: 1, maximum: 100}
          responses:
            "200":
              description: The runs.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      id: {type: string, maxLength: 9, description: The run's id.}
                      secret: {type: string, maxLength: 9, description: Kept out of sight.}
            "400": {description: A bad request.}
    """
HIDING_TEMPLATES = {
    # A site's own schema partial that leaves out a property it calls internal, and its own
    # parameter row that leaves out the facts (its schema's constraints).
    "partials/schema.md.jinja": (
        "{% for node in schema.children | selectattr('name', 'equalto', 'secret') | list %}"
        "{% if schema.children.remove(node) %}{% endif %}{% endfor %}\n"
        + (ROOT / "templates/partials/schema.md.jinja").read_text(encoding="utf-8")
    ),
    "partials/parameter_row.md.jinja": (
        "{% macro parameter_row(parameter) %}| {{ parameter.name | code }} | "
        "{{ parameter.schema.type }} | {{ 'required' if parameter.required else 'optional' }}"
        " | {{ parameter.description }} |{% endmacro %}\n"
    ),
}


@pytest.mark.slow
def test_the_build_fails_naming_what_a_custom_template_dropped(tmp_path):
    """`checks: {completeness: true}` compares the built pages with the spec: clean with the
    shipped templates, and with templates that drop a property and a parameter's constraints
    each miss is a warning (so `--strict` fails), then one line that counts them."""
    spec = write_spec(tmp_path, BUILT)
    options = {"checks": {"completeness": True}, "code_samples": ["curl"]}
    write_site(tmp_path, spec, plugin_options=options)
    clean = mkdocs_build(tmp_path)
    assert_built(clean)
    assert "completeness of the built pages: 0 missing" in clean.stderr
    for name, text in HIDING_TEMPLATES.items():
        (tmp_path / "overrides" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "overrides" / name).write_text(text, encoding="utf-8")
    options["custom_templates"] = str(tmp_path / "overrides")
    write_site(tmp_path, spec, plugin_options=options)
    lossy = mkdocs_build(tmp_path)
    assert lossy.returncode == 1
    warnings = [line for line in lossy.stderr.splitlines() if line.startswith("WARNING")]
    assert [line.split(" -  ", 1)[1] for line in warnings] == [
        "mkdocs_runs_api: GET /runs: response 200 application/json: (root): property secret",
        "mkdocs_runs_api: GET /runs: parameter query limit: (root): minimum 1",
        "mkdocs_runs_api: GET /runs: parameter query limit: (root): maximum 100",
        "mkdocs_runs_api: completeness of the built pages: 3 missing, 3 nodes of 1 schemas "
        "compared, 0 left out on purpose",
    ]


def test_the_completeness_option_says_how_many_misses_to_show():
    assert [completeness_shown(o) for o in ({}, {"completeness": True}, {"completeness": 5})] == [
        0,
        20,
        5,
    ]
    with pytest.raises(SpecError, match="checks.completeness must be true, false, or how many"):
        completeness_shown({"completeness": "yes"})


def test_built_page_lines_are_read():
    html = "\n".join(
        [
            '<h2 id="responses">Responses<a class="headerlink" href="#responses">¶</a></h2>',
            '<h3 id="200-ok">200 OK<a class="headerlink" href="#200-ok">¶</a></h3>',
            "<p>Media types: <code>application/json</code>, <code>text/x&amp;y</code></p>",
            '<p><a id="s-run"></a><strong>Run</strong> · '
            '<span class="runs-api-type">object</span>'
            "<br>Constraints: <code>minProperties: 1</code></p>",
            '<section class="runs-api-tree">',
            '<div class="runs-api-prop" data-property="id" id="s-run--id"></div>',
            "</section>",
            '<h3 id="404">404<a class="headerlink" href="#404">¶</a></h3>',
            "<p>Media type: <code>application/json</code></p>",
            '<p>Same schema as <a href="#s-200">200 <code>application/json</code></a>.</p>',
        ]
    )
    blocks = site_page_schemas(html).blocks
    assert sorted(blocks) == [
        ("", "200", "application/json"),
        ("", "200", "text/x&y"),
        ("", "404", "application/json"),
    ]
    shown = blocks[("", "200", "text/x&y")]
    root = parse_tree(shown.tree, parse_root_line(shown.root_line))
    assert (root.id, root.ref, root.type) == ("s-run", "Run", "object")
    assert root.codes("Constraints") == ["minProperties: 1"] and root.children[0].id == "s-run--id"
    assert blocks[("", "404", "application/json")].same_as == "s-200"


def test_code_is_not_read_as_layout():
    """Lines of a code block say nothing of the page, even when they look like a fence (a
    tilde run with more after it closes none) or a heading; in a built page, a `<pre>`'s."""
    markdown = "\n".join(
        [
            "## Response examples",
            '=== "200"',
            "    ```",
            "     ~~~~MM:~MM~~~~",
            "    ## Not a heading",
            "    ```",
            "## Responses",
            "### 200 OK",
            "Media type: `text/plain`",
            '<span class="runs-api-type">string</span>',
        ]
    )
    html = "\n".join(
        [
            '<h2 id="response-examples">Response examples</h2>',
            '<div class="highlight"><pre><span></span><code> ~~~~MM:~MM~~~~',
            "~~~~~~",
            "## Not a heading",
            "</code></pre></div>",
            '<h2 id="responses">Responses<a class="headerlink" href="#responses">¶</a></h2>',
            '<h3 id="200-ok">200 OK<a class="headerlink" href="#200-ok">¶</a></h3>',
            "<p>Media type: <code>text/plain</code></p>",
            '<p><span class="runs-api-type">string</span></p>',
        ]
    )
    for found in page_schemas(markdown), site_page_schemas(html):
        assert list(found.blocks) == [("", "200", "text/plain")]
        assert "string" in found.blocks[("", "200", "text/plain")].root_line


def test_odd_property_names_are_found(tmp_path):
    """Names with line separators, leading spaces or markup are read back from the tree."""
    names = ["a\u2028b", "c\x85d", "e\rf", " lead", "\xa0", "<b>&amp;", 'q"uote']
    schema = {"type": "object", "properties": {name: {"type": "string"} for name in names}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "odd", "version": "1"},
        "paths": {
            "/p": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": schema}},
                        }
                    }
                }
            }
        },
    }
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    report = check_completeness(render(spec))
    assert report.misses == [] and report.checked == 1 + len(names)


CALLBACK = """\
    openapi: 3.0.3
    info: {title: callbacks, version: "1"}
    paths:
      /s:
        post:
          callbacks:
            on_event <x> & *y*:
              '{$request.body#/url}':
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {a_b: {type: string, maxLength: 3}}}
                  responses:
                    "200": {description: ok}
          responses:
            "200": {description: ok}
"""


def test_a_callback_is_found_under_its_heading(tmp_path):
    report = check_completeness(render(write_spec(tmp_path, CALLBACK)))
    assert report.places == ["POST /s: callback on_event <x> & *y*: POST, request application/json"]
    assert report.misses == [] and report.checked == 2


@pytest.mark.slow
def test_a_site_with_its_own_row_template_is_told_once_why_its_trees_are_not_compared(tmp_path):
    """A site's own `partials/schema_row.md.jinja` makes every tree a Markdown list, which the
    check cannot read: one warning names the template, says why and what to do, instead of a
    miss for every property; its parameters, headers and examples are still compared."""
    spec = write_spec(tmp_path, BUILT)
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    shutil.copy(ROOT / "templates/partials/schema_row.md.jinja", overrides)
    (overrides / "parameter_row.md.jinja").write_text(
        HIDING_TEMPLATES["partials/parameter_row.md.jinja"], encoding="utf-8"
    )
    options = {"checks": {"completeness": True}, "custom_templates": str(tmp_path / "overrides")}
    write_site(tmp_path, spec, plugin_options=options)
    built = mkdocs_build(tmp_path)
    warnings = [line.split(" -  ", 1)[1] for line in built.stderr.splitlines() if "WARNING" in line]
    own = tmp_path / "overrides" / "partials" / "schema_row.md.jinja"
    assert warnings[0].startswith(f"mkdocs_runs_api: runs-api checks.completeness: {own} (your ")
    assert "Markdown lists, which the completeness check cannot read" in warnings[0]
    assert "remove that override" in warnings[0]
    assert warnings[1:] == [
        "mkdocs_runs_api: GET /runs: parameter query limit: (root): minimum 1",
        "mkdocs_runs_api: GET /runs: parameter query limit: (root): maximum 100",
        "mkdocs_runs_api: completeness of the built pages: 2 missing, 1 nodes of 0 schemas "
        "compared, 0 left out on purpose",
    ]
