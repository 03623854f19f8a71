"""Custom templates, end to end: a site's page template extends `_base/...` and replaces one
block, which changes that section of the built page and nothing else; a template that loads
itself is refused with one clear line; a site's own schema row template still builds."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jinja2
import pytest
from conftest import REPO, assert_built, mkdocs_build, write_site

from mkdocs_runs_api.render import builtin_templates_dir

SPEC = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Pet API, version: "2.1", description: All about pets.}
    servers: [{url: "https://pets.example.com/v2"}]
    tags: [{name: pets, description: Everything about pets.}]
    components:
      securitySchemes:
        key: {type: apiKey, in: header, name: X-Key}
    paths:
      /pets/{id}:
        get:
          operationId: getPet
          summary: Get a pet
          description: One pet, by id.
          tags: [pets]
          security: [{key: []}]
          parameters:
            - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
          responses:
            "200":
              description: The pet.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      name: {type: string, description: The pet's name.}
                      status: {type: string, enum: [available, sold], default: available}
    """
)

CUSTOM = {
    "operation.md.jinja": """\
        {% extends "_base/operation.md.jinja" %}
        {% block security %}
        ## Who may call this

        Anyone with a key for {{ operation.path }}.
        {% endblock %}
        """,
    "overview.md.jinja": """\
        {% extends "_base/overview.md.jinja" %}
        {% block servers %}
        ## Where it runs

        Ask us for the address.
        {% endblock %}
        """,
    "group.md.jinja": """\
        {% extends "_base/group.md.jinja" %}
        {% block description %}
        A custom word about {{ group.title }}.
        {% endblock %}
        """,
}
"""One page template of each kind, each replacing one block."""

CLI = str(Path(sys.executable).parent / "mkdocs-runs-api")
OPERATION_PAGE = Path("api/pets/get-pet/index.html")
GROUP_PAGE = Path("api/pets/index.html")
OVERVIEW_PAGE = Path("api/index.html")


def _site(root: Path, templates: dict[str, str] | None = None) -> Path:
    """A small site on SPEC, with `templates` (name -> text) as its custom templates."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    options = {}
    if templates is not None:
        _write_templates(root / "overrides", templates)
        options["custom_templates"] = str(root / "overrides")
    write_site(root, "openapi.yaml", plugin_options=options)
    return root


def _write_templates(folder: Path, templates: dict[str, str]) -> Path:
    for name, text in templates.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def _article(site: Path, page: Path) -> str:
    """The page's content (Material's article), without the theme around it."""
    html = (site / "site" / page).read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>", 1
    )[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The site built with the shipped templates, and with CUSTOM."""
    root = tmp_path_factory.mktemp("templates")
    default, custom = _site(root / "default"), _site(root / "custom", CUSTOM)
    assert_built(mkdocs_build(default))
    assert_built(mkdocs_build(custom))
    return default, custom


def _assert_only_changed(default: str, custom: str, start: str, end: str, new_text: str) -> None:
    """`custom` is `default` with the part from `start` to `end` (each found once in `default`)
    replaced by a part that says `new_text`."""
    assert default.count(start) == 1 and default.count(end) == 1, (start, end)
    before, rest = default.split(start)
    old_part, after = rest.split(end)
    assert custom.startswith(before), "what comes before the block changed"
    assert custom.endswith(end + after), "what comes after the block changed"
    new_part = custom[len(before) : len(custom) - len(end + after)]
    assert new_text in new_part and new_text not in default
    assert start + old_part not in custom


def test_an_operation_block_replaces_exactly_its_section(built):
    default, custom = (_article(site, OPERATION_PAGE) for site in built)
    _assert_only_changed(
        default, custom, '<h2 id="authorization">', '<h2 id="request">', "Anyone with a key"
    )
    assert "Anyone with a key for /pets/{id}." in custom, "the block sees the page's context"


def test_an_overview_block_replaces_exactly_its_section(built):
    default, custom = (_article(site, OVERVIEW_PAGE) for site in built)
    _assert_only_changed(
        default, custom, '<h2 id="servers">', '<h2 id="authentication">', "Ask us for the address"
    )


def test_a_group_block_replaces_exactly_its_section(built):
    default, custom = (_article(site, GROUP_PAGE) for site in built)
    _assert_only_changed(
        default, custom, "<p>Everything about pets.</p>", "<table>", "A custom word about pets."
    )


def test_the_shipped_page_templates_only_extend_their_base():
    """A custom page template can extend `_base/<name>`, because that is where the shipped page
    is: the top-level one only extends it (and its blocks are the page's sections)."""
    env = jinja2.Environment()
    for name in CUSTOM:
        source = (builtin_templates_dir() / name).read_text(encoding="utf-8")
        extends = list(env.parse(source).find_all(jinja2.nodes.Extends))
        assert [node.template.value for node in extends] == [f"_base/{name}"]
        base = (builtin_templates_dir() / "_base" / name).read_text(encoding="utf-8")
        assert len(list(env.parse(base).find_all(jinja2.nodes.Block))) >= 4


def test_every_block_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Templates", 1)[1].split("\n### ", 1)[0]
    env = jinja2.Environment()
    for base in sorted((builtin_templates_dir() / "_base").glob("*.jinja")):
        blocks = env.parse(base.read_text(encoding="utf-8")).find_all(jinja2.nodes.Block)
        for block in blocks:
            assert f"`{block.name}`" in section, f"README does not name {base.name}'s {block.name}"


def test_every_page_template_opens_with_its_context():
    """A comment first: the context the template sees, or, for a file of one macro, the macro's
    signature (`schema_row(row): ...`)."""
    folder = builtin_templates_dir()
    paths = [*folder.glob("*.md.jinja"), *folder.glob("_base/*.jinja"), *folder.glob("partials/*")]
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("{#"), path
        opening = text.split("#}", 1)[0]
        assert "Context:" in opening or re.match(r"\{#-?\s*\w+\(\w+\):", opening), path


def _render_cli(spec: Path, templates: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CLI, "render", str(spec)] + ["--out", str(out), "--templates", str(templates)],
        capture_output=True,
        text=True,
        timeout=300,
    )


SELF_EXTENDING = {
    "operation.md.jinja": """\
        {#- Meant to extend the shipped page. -#}
        {% extends "operation.md.jinja" %}
        {% block security %}Custom{% endblock %}
        """
}


def test_a_self_extending_template_is_one_clear_line_from_the_cli(tmp_path):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    templates = _write_templates(tmp_path / "templates", SELF_EXTENDING)
    result = _render_cli(spec, templates, tmp_path / "out")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert f"{templates / 'operation.md.jinja'}:2:" in line, "names the file and the line"
    assert 'operation.md.jinja extends "operation.md.jinja"' in line
    assert 'Extend "_base/operation.md.jinja" instead' in line
    assert "nests too deeply" not in line


@pytest.mark.slow  # the quick run has a sibling case
def test_a_loop_through_other_templates_names_them_all(tmp_path):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    templates = _write_templates(
        tmp_path / "templates",
        {
            "partials/schema.md.jinja": '{% include "partials/fields.md.jinja" %}\n',
            "partials/fields.md.jinja": 'Fields:\n{% include "partials/media_type.md.jinja" %}\n',
        },
    )
    result = _render_cli(spec, templates, tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "template loop: " in result.stderr
    assert (
        'partials/schema.md.jinja includes "partials/fields.md.jinja", which includes '
        '"partials/media_type.md.jinja", which includes "partials/schema.md.jinja" again'
    ) in result.stderr
    assert f"{templates / 'partials' / 'schema.md.jinja'}:1:" in result.stderr


@pytest.mark.slow  # the quick run has a sibling case
def test_a_recursive_include_that_ends_is_no_loop(tmp_path):
    """Including itself is fine while it stops: only a RecursionError is looked into."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    templates = _write_templates(
        tmp_path / "templates",
        {
            "partials/description.md.jinja": """\
                {% set depth = (depth | default(0)) + 1 %}
                {% if depth < 4 %}{{ depth }}{% include "partials/description.md.jinja" %}
                {% endif %}
                """
        },
    )
    result = _render_cli(spec, templates, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "api" / "pets" / "get-pet.md").read_text(encoding="utf-8")
    assert "123" in page


def test_a_self_extending_template_fails_the_build_with_the_message(tmp_path):
    site = _site(tmp_path, SELF_EXTENDING)
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "nests too deeply" not in result.stderr
    assert "template loop: operation.md.jinja extends" in result.stderr, result.stderr
    assert str(site / "overrides" / "operation.md.jinja") in result.stderr


@pytest.mark.slow  # a site build
def test_a_site_row_template_builds(tmp_path):
    site = _site(
        tmp_path,
        {
            "partials/schema_row.md.jinja": """\
                {% from "partials/schema_facts.md.jinja" import facts %}
                {% macro schema_row(row) %}
                {{ row.indent }}- {{ row.node.name | code }}: our own row{{ facts(row.node) }}
                {% endmacro %}
                """
        },
    )
    assert_built(mkdocs_build(site))
    html = _article(site, OPERATION_PAGE)
    assert "<code>status</code>: our own row<br>Allowed values: <code>available</code>" in html
    assert "runs-api-type" in html, "the rest of the page still comes from the shipped templates"
