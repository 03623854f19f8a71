"""Schema trees as built HTML: one element per property (`data-property`), its children inside
it, descriptions that keep to their property, levels below the first collapsed, and trees left
out of the search index unless the site asks for them."""

from __future__ import annotations

import json
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import assert_built, mkdocs_build, write_site

SPEC = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Trees, version: "1"}
    paths:
      /pets:
        post:
          operationId: addPet
          summary: Add a pet
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [name]
                  properties:
                    name:
                      type: string
                      minLength: 1
                      description: |
                        Its name. Rules:

                        - short
                        - unique

                        A second paragraph about zebrafinch names.
                    tags: {type: array, items: {type: string}, maxItems: 10, uniqueItems: true}
                    owner:
                      type: object
                      properties:
                        address:
                          type: object
                          properties:
                            city: {type: string, nullable: true, pattern: "^[A-Z]"}
                    secret: {type: string, writeOnly: true, deprecated: true, default: "x"}
          responses:
            "204": {description: Added}
    """
)
PAGE = Path("api/add-pet/index.html")
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict, parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.text: list[str] = []

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find(self, **attrs) -> Element:
        return next(e for e in self.iter() if all(e.attrs.get(k) == v for k, v in attrs.items()))

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def all_text(self) -> str:
        return "".join(t for e in self.iter() for t in e.text)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = self.current = Element("root", {}, None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k.replace("-", "_"): v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)


def _dom(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def _build(root: Path, spec: str = SPEC, **plugin_options) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "openapi.yaml").write_text(spec, encoding="utf-8")
    theme = plugin_options.pop("theme", "material")
    options = {"code_samples": [], **plugin_options}
    write_site(root, "openapi.yaml", theme=theme, plugin_options=options)
    assert_built(mkdocs_build(root))
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("trees"))


def test_a_description_with_a_list_and_paragraphs_keeps_to_its_property(site):
    dom = _dom(site / PAGE)
    name = dom.find(data_property="name")
    (description,) = [e for e in name.children if "runs-api-prop__description" in e.attrs["class"]]
    assert [e.tag for e in description.children] == ["p", "ul", "p"]
    assert not any("data_property" in e.attrs for e in description.iter())
    siblings = [e for e in name.parent.children if "data_property" in e.attrs]
    assert [e.attrs["data_property"] for e in siblings] == ["name", "tags", "owner", "secret"]


def test_levels_below_the_first_are_collapsed(site):
    dom = _dom(site / PAGE)
    owner, address, city = (dom.find(data_property=n) for n in ("owner", "address", "city"))
    assert not any(e.tag == "details" for e in owner.ancestors()), "level one is shown"
    assert address.parent.tag == "details" and address.parent.parent is owner
    assert "open" not in address.parent.attrs
    assert [e.tag for e in city.ancestors()].count("details") == 2
    assert city.parent.parent is address, "the DOM mirrors the schema"


def test_a_property_element_carries_its_facts(site):
    dom = _dom(site / PAGE)
    facts = {n: " ".join(dom.find(data_property=n).all_text().split()) for n in ("tags", "city")}
    assert "maxItems: 10" in facts["tags"] and "uniqueItems: true" in facts["tags"]
    assert "string or null" in facts["city"] and "pattern: ^[A-Z]" in facts["city"]
    secret = " ".join(dom.find(data_property="secret").all_text().split())
    for fact in ("write-only", "deprecated", "Default: x"):
        assert fact in secret
    name = dom.find(data_property="name").all_text()
    assert "required" in name and "minLength: 1" in name


def _indexed(site: Path) -> str:
    return (site / "search" / "search_index.json").read_text(encoding="utf-8")


@pytest.mark.slow  # a second site build
def test_trees_stay_out_of_search_unless_the_site_wants_them(site, tmp_path):
    tree = _dom(site / PAGE).find(**{"class": "runs-api-tree"})
    assert "data_search_exclude" in tree.attrs
    assert "zebrafinch" not in _indexed(site)
    searched = _build(tmp_path / "searched", search_schema_trees=True)
    tree = _dom(searched / PAGE).find(**{"class": "runs-api-tree"})
    assert "data_search_exclude" not in tree.attrs
    assert "zebrafinch" in json.dumps(json.loads(_indexed(searched)))


def test_trees_work_with_the_mkdocs_theme(tmp_path):
    site = _build(tmp_path, theme="mkdocs")
    dom = _dom(site / PAGE)
    assert dom.find(data_property="city").parent.tag == "details"
    scripts = [e.attrs.get("src", "") for e in dom.iter() if e.tag == "script"]
    assert any(src.endswith("assets/runs-api/runs-api.js") for src in scripts), scripts


TABBED_BODY = """{% set body = operation.request_body %}
## Request body

{% for media in body.media_types %}
=== "{{ media.name }}"

{% set schema = media.schema %}
{% filter indent_block(4) %}{% include "partials/schema.md.jinja" %}{% endfilter %}

{% endfor %}
"""


@pytest.mark.slow  # a site build
def test_a_tree_inside_a_content_tab_of_a_sites_template_is_whole(tmp_path):
    """Trees go into the HTML after conversion, so a template may put them anywhere Markdown
    puts a block (here: a content tab), not only at the top level."""
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "request_body.md.jinja").write_text(TABBED_BODY, encoding="utf-8")
    code = "A call:\n\n```\nfirst line\n\nthen *not emphasis*\n```\n"
    indent = " " * 16
    code_property = json.dumps({"type": "string", "description": code})
    spec = SPEC.replace(f"{indent}tags:", f"{indent}code: {code_property}\n{indent}tags:")
    site = _build(tmp_path / "tabbed", spec=spec, custom_templates=str(tmp_path / "overrides"))
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "data-runs-api-block" not in html
    dom = _dom(site / PAGE)
    classes = [e.attrs.get("class", "") for e in dom.find(data_property="city").ancestors()]
    assert "runs-api-tree" in classes and "tabbed-block" in classes, classes
    assert "then *not emphasis*" in dom.find(data_property="code").all_text()
    assert "<p><section" not in html and "<p></p><section" not in html
