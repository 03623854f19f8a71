"""Property ids in schema trees (`render.property_ids`): each property's place as an id, unique
on its page, the same wherever a component's subtree is shown, and a link to each."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import (
    EXAMPLE_SITE,
    NPM_PACKAGES,
    assert_built,
    copy_tree,
    mkdocs_build,
    write_site,
)

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.model.types import SchemaNode
from mkdocs_runs_api.render.property_ids import Place, placed_children
from mkdocs_runs_api.spec.limits import LoadOptions

SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: Ids, version: "1"}
    paths:
      /pets:
        post:
          operationId: addPet
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    owner:
                      type: object
                      properties:
                        address:
                          type: object
                          properties:
                            city: {type: string}
                    visits:
                      type: array
                      items:
                        type: object
                        properties:
                          at: {type: string}
                    labels:
                      type: object
                      additionalProperties: {type: string}
                    point:
                      type: array
                      prefixItems: [{type: number}, {type: number}]
                    food:
                      oneOf:
                        - type: object
                          properties:
                            brand: {type: string}
                        - $ref: "#/components/schemas/Homemade"
                    vet: {$ref: "#/components/schemas/Vet"}
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Vet"}
    components:
      schemas:
        Homemade:
          type: object
          properties:
            recipe: {type: string}
        Vet:
          type: object
          properties:
            name: {type: string}
            clinic:
              type: object
              properties:
                phone: {type: string}
    """
)


class _TreeIds(HTMLParser):
    """The properties and variants of a page's trees (indented by depth, with their ids), every
    id on the page, and the properties' links."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []
        """(href of a property's link, the id of the property it is in)."""
        self._open: list[str | None] = []
        """For each open `div`: the id of the property or variant it is, else None."""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if attrs.get("class") == "runs-api-prop__link":
            owner = next(own for own in reversed(self._open) if own)
            self.links.append((attrs["href"], owner))
        if tag != "div":
            return
        kind = attrs.get("class")
        depth = sum(1 for own in self._open if own)
        if kind == "runs-api-prop":
            self.lines.append(f"{'  ' * depth}{attrs['data-property']} {attrs['id']}")
        elif kind == "runs-api-variant":
            self.lines.append(f"{'  ' * depth}| {attrs['id']}")
        self._open.append(attrs["id"] if kind in ("runs-api-prop", "runs-api-variant") else None)

    def handle_endtag(self, tag):
        if tag == "div":
            self._open.pop()


def _pages(tmp_path: Path, spec: str = SPEC) -> dict[str, str]:
    (tmp_path / "openapi.yaml").write_text(spec, encoding="utf-8")
    options = ReferenceOptions(load=LoadOptions(display_root=tmp_path), parallel=False)
    reference = generate_reference(tmp_path / "openapi.yaml", options)
    return {page.src_uri: page.markdown for page in reference.pages}


def _read(markdown: str) -> _TreeIds:
    parser = _TreeIds()
    parser.feed(markdown)
    return parser


def test_an_id_is_the_nearest_anchor_and_the_path_below_it(tmp_path):
    page = _read(_pages(tmp_path)["api/add-pet.md"])
    assert "\n".join(page.lines) + "\n" == textwrap.dedent(
        """\
        owner schema-body-application-json--owner
          address schema-body-application-json--owner.address
            city schema-body-application-json--owner.address.city
        visits schema-body-application-json--visits
          at schema-body-application-json--visits.at
        labels schema-body-application-json--labels
          {key} schema-body-application-json--labels.key
        point schema-body-application-json--point
          [0] schema-body-application-json--point.0
          [1] schema-body-application-json--point.1
        food schema-body-application-json--food
          | schema-body-application-json--food.variant-1
            brand schema-body-application-json--food.variant-1.brand
          | schema-body-application-json-homemade
            recipe schema-body-application-json-homemade--recipe
        vet schema-body-application-json-vet
          name schema-body-application-json-vet--name
          clinic schema-body-application-json-vet--clinic
            phone schema-body-application-json-vet--clinic.phone
        name schema-200-application-json-vet--name
        clinic schema-200-application-json-vet--clinic
          phone schema-200-application-json-vet--clinic.phone
        """
    )


def test_every_id_is_unique_and_every_property_links_to_itself(tmp_path):
    page = _read(_pages(tmp_path)["api/add-pet.md"])
    assert [i for i, count in Counter(page.ids).items() if count > 1] == []
    assert page.links and all(href == f"#{owner}" for href, owner in page.links)
    assert len(page.links) == len(page.lines)


def test_a_component_has_the_same_ids_wherever_it_is_expanded(tmp_path):
    """Its subtree's HTML is rendered once per build and reused: its ids start at its anchor,
    whatever the path to it (here: the root of one tree, `vet` of another)."""
    spec = yaml.safe_load(SPEC)
    vet = {"properties": {"vet": {"$ref": "#/components/schemas/Vet"}}}
    ok = {"description": "ok", "content": {"application/json": {"schema": vet}}}
    spec["paths"]["/vets"] = {"get": {"operationId": "getVet", "responses": {"200": ok}}}
    pages = _pages(tmp_path, yaml.safe_dump(spec, sort_keys=False))
    shown = [line.strip() for line in _read(pages["api/vets/get-vet.md"]).lines]
    assert shown == [
        "vet schema-200-application-json-vet",
        "name schema-200-application-json-vet--name",
        "clinic schema-200-application-json-vet--clinic",
        "phone schema-200-application-json-vet--clinic.phone",
    ]
    assert set(shown[1:]) <= {line.strip() for line in _read(pages["api/pets/add-pet.md"]).lines}


def test_segments_that_slug_alike_are_numbered():
    names = ["a.b", "a b", "a-b", "", "@", "variant-1", "naïve"]
    node = SchemaNode(children=[SchemaNode(name=n) for n in names], variants=[SchemaNode()])
    children, variants = placed_children(node, Place("p"))
    assert [place.id for _, place in children + variants] == [
        "p--a-b",
        "p--a-b-2",
        "p--a-b-3",
        "p--property",
        "p--property-2",
        "p--variant-1",
        "p--naïve",
        "p--variant-1-2",
    ]


GOLDEN = Path(__file__).resolve().parent / "golden"
BUILT_SPECS = {
    "golden-polymorphism": GOLDEN / "polymorphism" / "spec.yaml",
    "golden-callbacks": GOLDEN / "webhooks_callbacks_links" / "spec.yaml",
    "train-travel": NPM_PACKAGES
    / "@readme"
    / "oas-examples"
    / "3.1"
    / "yaml"
    / "train-travel.yaml",
    "schema-types": NPM_PACKAGES
    / "@readme"
    / "oas-examples"
    / "3.0"
    / "yaml"
    / "schema-types.yaml",
}


def _built_site(name: str, root: Path) -> Path:
    """The site built with `validation: anchors: warn` (a warning fails the build)."""
    validation = {"validation": {"anchors": "warn"}}
    if name == "example-site":
        copy_tree(EXAMPLE_SITE, root)
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        (root / "mkdocs.yml").write_text(yaml.safe_dump({**config, **validation}), "utf-8")
    else:
        write_site(root, BUILT_SPECS[name], plugin_options={"code_samples": []}, extra=validation)
    assert_built(mkdocs_build(root))
    return root / "site"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["example-site", *BUILT_SPECS])
def test_ids_are_unique_on_every_built_page(name, tmp_path):
    """Every id on each page once (the theme's too), every property linking to itself, and
    every `#` link in a tree (its "see" links) to an id of its page."""
    site = _built_site(name, tmp_path / name)
    properties = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        page = _read(html)
        where = path.relative_to(site)
        assert [i for i, count in Counter(page.ids).items() if count > 1] == [], where
        assert all(href == f"#{owner}" for href, owner in page.links), where
        assert len(page.links) == len(page.lines), where
        for tree in re.findall(r'<section class="runs-api-tree".*?</section>', html, re.S):
            targets = {unescape(t) for t in re.findall(r'href="#([^"]+)"', tree)}
            assert targets <= set(page.ids), (where, targets - set(page.ids))
        properties += len(page.lines)
    assert properties, "no trees were built"
