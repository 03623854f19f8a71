"""End to end on small sites: nav placement, filters, custom templates, themes, determinism.
The quick run (`-m "not slow"`) builds the example site and one small site; the full run all."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import (
    EXAMPLE_SITE,
    assert_built,
    copy_tree,
    mkdocs_build,
    operation_pages,
    write_site,
)

SPEC = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Tiny API, version: "1.0"}
    tags:
      - {name: zebra, description: Listed first on purpose.}
      - {name: apple}
    paths:
      /apples:
        get:
          operationId: listApples
          summary: List apples
          tags: [apple]
          responses: {"200": {description: ok}}
      /zebras:
        get:
          operationId: listZebras
          summary: List zebras
          tags: [zebra]
          responses: {"200": {description: ok}}
      /secret:
        get:
          operationId: secretThing
          summary: Secret thing
          tags: [apple]
          x-internal: true
          responses: {"200": {description: ok}}
    """
)


def _site(tmp_path: Path, **kwargs) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    write_site(tmp_path, "openapi.yaml", **kwargs)
    return tmp_path


def _nav_titles(html: str) -> list[str]:
    """Link labels of Material's primary nav, in order."""
    import re

    nav = html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    return [
        re.sub(r"<[^>]+>|\s+", " ", m).strip()
        for m in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)
    ]


def test_example_site_builds_strict(tmp_path):
    site = copy_tree(EXAMPLE_SITE, tmp_path / "example")
    assert_built(mkdocs_build(site))
    pages = operation_pages(site / "site")
    spec = yaml.safe_load((EXAMPLE_SITE / "openapi.yaml").read_text(encoding="utf-8"))
    count = sum(
        1
        for item in spec["paths"].values()
        for m in item
        if m in ("get", "post", "put", "patch", "delete")
    )
    assert len(pages) == count and all(len(p) == 1 for p in pages.values())
    assert not (site / "docs" / "api").exists(), "nothing may be written into docs_dir"


@pytest.mark.slow
def test_no_nav_appends_section_in_spec_tag_order(tmp_path):
    site = _site(tmp_path)
    assert_built(mkdocs_build(site))
    titles = _nav_titles((site / "site" / "index.html").read_text(encoding="utf-8"))
    assert titles.index("zebra") < titles.index("apple"), titles
    assert "API reference" in titles and "Home" in titles


@pytest.mark.slow
def test_explicit_nav_entry_naming_prefix_is_filled(tmp_path):
    site = _site(tmp_path, nav=[{"Start": "index.md"}, {"The API": "api/"}])
    result = mkdocs_build(site)
    assert_built(result)
    titles = _nav_titles((site / "site" / "index.html").read_text(encoding="utf-8"))
    assert titles[:2] == ["Start", "The API"], titles
    assert "API reference" not in titles
    assert "List zebras" in titles


@pytest.mark.slow
def test_explicit_nav_without_entry_gets_section_appended(tmp_path):
    site = _site(tmp_path, nav=["index.md"], plugin_options={"nav_title": "Endpoints"})
    assert_built(mkdocs_build(site))
    titles = _nav_titles((site / "site" / "index.html").read_text(encoding="utf-8"))
    assert titles[-1] == "List apples" and "Endpoints" in titles, titles


@pytest.mark.slow
def test_hidden_and_excluded_operations_get_no_page(tmp_path):
    site = _site(tmp_path, plugin_options={"exclude_operations": ["GET /zebras"]})
    result = mkdocs_build(site, "--verbose")
    assert_built(result)
    pages = operation_pages(site / "site")
    assert set(pages) == {"GET /apples"}
    assert "No page for GET /secret: marked x-hidden / x-internal" in result.stderr
    assert "No page for GET /zebras" in result.stderr


@pytest.mark.slow
def test_include_tags_and_show_hidden(tmp_path):
    site = _site(tmp_path, plugin_options={"include_tags": ["apple"], "show_hidden": True})
    assert_built(mkdocs_build(site))
    assert set(operation_pages(site / "site")) == {"GET /apples", "GET /secret"}


@pytest.mark.slow  # two builds
def test_group_by_path_and_none_give_stable_urls(tmp_path):
    site = _site(tmp_path / "a", plugin_options={"group_by": "path", "prefix": "reference"})
    assert_built(mkdocs_build(site))
    assert (site / "site" / "reference" / "apples" / "list-apples" / "index.html").is_file()
    site = _site(tmp_path / "b", plugin_options={"group_by": "none"})
    assert_built(mkdocs_build(site))
    assert (site / "site" / "api" / "list-zebras" / "index.html").is_file()


@pytest.mark.slow  # a site build
def test_nav_shows_method_badges_and_search_ranks_operation_pages_first(tmp_path):
    import json
    import re

    site = _site(tmp_path)
    assert_built(mkdocs_build(site))
    html = (site / "site" / "api" / "apple" / "list-apples" / "index.html").read_text(
        encoding="utf-8"
    )
    nav = html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    link = re.search(
        r'<a href="\./" class="md-nav__link md-nav__link--active">(.*?)</a>', nav, re.S
    )
    assert link and "List apples" in link[1], nav
    assert '<span class="md-status md-status--runs-api-get"' in link[1]
    assert "<title>List apples - Test site</title>" in html, "the title stays plain text"
    index = json.loads((site / "site" / "search" / "search_index.json").read_text())
    boosts = {
        doc["location"]: doc.get("boost") for doc in index["docs"] if "#" not in doc["location"]
    }
    assert boosts["api/apple/list-apples/"] == 2 and boosts["api/apple/"] is None, boosts
    page = next(doc for doc in index["docs"] if doc["location"] == "api/apple/list-apples/")
    assert "<code>/apples</code>" in page["text"], "the path is searchable"
    css = (site / "site" / "assets" / "runs-api" / "runs-api.css").read_text(encoding="utf-8")
    assert '.md-status--runs-api-get::after { content: "GET"' in css


def test_custom_template_overrides_one_partial(tmp_path):
    site = _site(tmp_path, plugin_options={"custom_templates": "overrides"})
    (site / "overrides" / "partials").mkdir(parents=True)
    (site / "overrides" / "partials" / "description.md.jinja").write_text(
        "CUSTOM DESCRIPTION for {{ operation.operation_id }}\n", encoding="utf-8"
    )
    assert_built(mkdocs_build(site))
    html = (site / "site" / "api" / "apple" / "list-apples" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "CUSTOM DESCRIPTION for listApples" in html
    assert 'data-operation="GET /apples"' in html, "the other partials still come from the package"


@pytest.mark.slow
def test_plain_mkdocs_theme_renders_pages(tmp_path):
    site = _site(tmp_path, theme="mkdocs")
    assert_built(mkdocs_build(site))
    html = (site / "site" / "api" / "zebra" / "list-zebras" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'data-operation="GET /zebras"' in html
    assert "runs-api.css" in html
    assert "<title>List zebras - Test site</title>" in html, "no badge markup in the title"


def _digest(site_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".md", ".css"):
            digest.update(str(path.relative_to(site_dir)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.slow  # two builds of the example site
def test_two_builds_are_byte_identical(tmp_path):
    first = copy_tree(EXAMPLE_SITE, tmp_path / "one")
    second = copy_tree(EXAMPLE_SITE, tmp_path / "two")
    assert_built(mkdocs_build(first))
    assert_built(mkdocs_build(second))
    assert _digest(first / "site") == _digest(second / "site")


@pytest.mark.slow
def test_read_only_properties_left_out_of_request_bodies_are_logged(tmp_path):
    spec = textwrap.dedent(
        """\
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /runs:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        id: {type: string, readOnly: true}
                        name: {type: string}
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          secret: {type: string, writeOnly: true}
                          id: {type: string}
        """
    )
    (tmp_path / "openapi.yaml").write_text(spec)
    write_site(tmp_path, "openapi.yaml")
    result = mkdocs_build(tmp_path)
    assert_built(result)
    assert (
        "POST /runs: the page's request body application/json leaves out readOnly properties id"
        in result.stderr
    )
    assert "response 200 application/json leaves out writeOnly properties secret" in result.stderr


def _large_spec(operations: int) -> str:
    paths = {
        f"/things{i}": {
            "get": {
                "operationId": f"get{i}",
                "summary": f"Get {i}",
                "tags": [f"tag{i % 5}"],
                "responses": {"200": {"description": "ok"}},
            }
        }
        for i in range(operations)
    }
    return yaml.safe_dump(
        {"openapi": "3.1.0", "info": {"title": "Big", "version": "1"}, "paths": paths}
    )


@pytest.mark.slow  # 300 pages, ~10 s
def test_large_api_nav_advises_the_lines_to_add_and_offers_tag_only_nav(tmp_path):
    """Advice, not failure: the build passes `--strict`, with the advice at INFO."""
    (tmp_path / "openapi.yaml").write_text(_large_spec(300))
    write_site(tmp_path, "openapi.yaml", plugin_options={"code_samples": []})
    result = mkdocs_build(tmp_path)
    assert_built(result)
    advice = [line for line in result.stderr.splitlines() if "operations in the nav" in line]
    assert len(advice) == 1 and advice[0].startswith("INFO"), result.stderr
    assert "The API reference has 300 operations in the nav" in advice[0]
    assert "theme:\n  features:\n    - navigation.prune" in result.stderr
    assert "nav_operations: false" in result.stderr

    write_site(
        tmp_path, "openapi.yaml", plugin_options={"code_samples": [], "nav_operations": False}
    )
    assert_built(mkdocs_build(tmp_path))
    titles = _nav_titles((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert "Get 7" not in titles and "tag2" in titles
    tag_page = (tmp_path / "site" / "api" / "tag2" / "index.html").read_text(encoding="utf-8")
    assert 'href="get7/"' in tag_page, "the tag page links its operations"
    assert len(operation_pages(tmp_path / "site")) == 300


@pytest.mark.slow
def test_webhooks_get_their_own_pages_and_nav_group(tmp_path, shared_specs):
    spec = shared_specs / "oai" / "webhook-example.yaml"
    write_site(tmp_path, spec)
    assert_built(mkdocs_build(tmp_path))
    page = tmp_path / "site" / "api" / "webhooks" / "post-new-pet" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'data-webhook="POST newPet"' in html and "data-operation=" not in html
    assert "Webhooks" in _nav_titles((tmp_path / "site" / "index.html").read_text())


@pytest.mark.slow
def test_a_spec_without_operations_builds_and_says_so(tmp_path):
    (tmp_path / "openapi.yaml").write_text("openapi: 3.1.0\ninfo: {title: Empty, version: '1'}\n")
    write_site(tmp_path, "openapi.yaml")
    result = mkdocs_build(tmp_path)
    assert_built(result)
    assert "has no operations (no `paths`, no `webhooks`)" in result.stderr
    assert (tmp_path / "site" / "api" / "index.html").is_file()
