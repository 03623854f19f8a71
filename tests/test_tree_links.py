"""Links to docs pages in schema trees' descriptions: rewritten as MkDocs rewrites the page's own,
which it cannot see there (the plugin converts tree descriptions itself)."""

from __future__ import annotations

import logging
import re
import textwrap
from types import SimpleNamespace

import pytest
from conftest import mkdocs_build, write_site
from mkdocs.structure.files import File, Files

from mkdocs_runs_api.build.tree_links import (
    doc_link_target,
    resolve_tree_links,
    rewrite_tree_links,
)

TREE = '<section class="runs-api-tree" data-search-exclude>\n{}</section>\n'


def _page(src_uri: str, use_directory_urls: bool = True) -> SimpleNamespace:
    """What `resolve_tree_links` reads of an MkDocs `Page`."""
    file = File(src_uri, "/docs", "/site", use_directory_urls)
    return SimpleNamespace(file=file, links_to_anchors={})


def _files(*src_uris: str, use_directory_urls: bool = True) -> Files:
    return Files([File(uri, "/docs", "/site", use_directory_urls) for uri in src_uris])


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("../../guide.md", "guide.md"),
        ("../guide.md#section", "api/guide.md"),
        ("guide.md?x=1", "api/runs/guide.md"),
        ("./sub/../other%20page.md", "api/runs/other page.md"),
        ("../../../guide.md", "../guide.md"),
        ("https://example.com/guide.md", None),
        ("//example.com/guide.md", None),
        ("/guide.md", None),
        ("#section", None),
        ("../files/report.pdf", None),
        ("../guide/", None),
        ("mailto:someone@example.com", None),
    ],
)
def test_doc_link_target(url, target):
    assert doc_link_target(url, "api/runs/get-run.md") == target


def test_rewrite_tree_links_touches_links_inside_trees_only():
    tree = TREE.format(
        '<div class="runs-api-prop__description"><p><a href="a.md?x=1&amp;y=2">a</a> '
        "<a title='t' href='b.md'>b</a> <a href=\"https://x.org/c.md\">c</a></p>"
        '<section><a href="d.md">inner section</a></section><a href="e.md">e</a></div>\n'
    )
    html = f'<p><a href="a.md">outside</a></p>\n{tree}<p><a href="b.md">after</a></p>'
    seen = []

    def rewrite(url: str) -> str | None:
        seen.append(url)
        return None if url.startswith("https:") else f"new/{url}&<"

    assert rewrite_tree_links(html, rewrite) == (
        '<p><a href="a.md">outside</a></p>\n'
        + TREE.format(
            '<div class="runs-api-prop__description"><p>'
            '<a href="new/a.md?x=1&amp;y=2&amp;&lt;">a</a> '
            "<a title='t' href=\"new/b.md&amp;&lt;\">b</a> "
            '<a href="https://x.org/c.md">c</a></p>'
            '<section><a href="new/d.md&amp;&lt;">inner section</a></section>'
            '<a href="new/e.md&amp;&lt;">e</a></div>\n'
        )
        + '<p><a href="b.md">after</a></p>'
    )
    assert seen == ["a.md?x=1&y=2", "b.md", "https://x.org/c.md", "d.md", "e.md"]


def test_html_without_trees_is_returned_as_it_is():
    html = '<p><a href="guide.md">guide</a></p>'
    assert rewrite_tree_links(html, lambda url: "changed") is html


@pytest.mark.parametrize(
    ("use_directory_urls", "guide", "section"),
    [(True, "../../../guide/", "../../../guide/#section"), (False, "../../guide.html", None)],
)
def test_resolve_tree_links_writes_urls_relative_to_the_page(use_directory_urls, guide, section):
    page = _page("api/runs/get-run.md", use_directory_urls)
    files = _files("guide.md", "api/runs/get-run.md", use_directory_urls=use_directory_urls)
    html = TREE.format(
        '<a href="../../guide.md">g</a> <a href="../../guide.md#section">s</a> '
        '<a href="#top">top</a> <a href="https://example.com/guide.md">x</a>'
    )
    section = section or f"{guide}#section"
    assert resolve_tree_links(html, page, files) == TREE.format(
        f'<a href="{guide}">g</a> <a href="{section}">s</a> '
        '<a href="#top">top</a> <a href="https://example.com/guide.md">x</a>'
    )
    assert page.links_to_anchors == {
        files.get_file_from_path("guide.md"): {"section": "../../guide.md#section"}
    }


def test_a_missing_target_is_logged_as_mkdocs_logs_it_and_left_alone(caplog):
    page = _page("api/runs/get-run.md")
    html = TREE.format('<a href="../../missing.md#x">m</a>')
    with caplog.at_level(logging.INFO):
        assert resolve_tree_links(html, page, _files("guide.md")) == html
        resolve_tree_links(html, page, _files(), not_found=logging.INFO)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            level,
            "mkdocs_runs_api: Doc file 'api/runs/get-run.md' contains a link "
            "'../../missing.md#x', but the target 'missing.md' is not found among "
            "documentation files.",
        )
        for level in (logging.WARNING, logging.INFO)
    ]
    assert page.links_to_anchors == {}


SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: Links, version: "1"}
    paths:
      /runs/{runId}:
        get:
          operationId: getRun
          tags: [runs]
          parameters:
            - name: runId
              in: path
              required: true
              description: "In a table: [guide](LINK)."
              schema: {type: string}
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      id: {type: string, description: "In a tree: [guide](LINK)."}
    """
)


def _build(tmp_path, link: str, **extra):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\n## Section\n", encoding="utf-8")
    (tmp_path / "openapi.yaml").write_text(SPEC.replace("LINK", link), encoding="utf-8")
    write_site(tmp_path, "openapi.yaml", extra=extra)
    return mkdocs_build(tmp_path)


def _hrefs(html: str, label: str) -> list[str]:
    return re.findall(rf'{label}: <a href="([^"]*)">guide</a>', html)


@pytest.mark.slow
@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_a_tree_link_comes_out_as_the_same_link_in_a_table_does(tmp_path, use_directory_urls):
    result = _build(tmp_path, "../../guide.md#section", use_directory_urls=use_directory_urls)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    page = "get-run/index.html" if use_directory_urls else "get-run.html"
    html = (tmp_path / "site" / "api" / "runs" / page).read_text(encoding="utf-8")
    expected = "../../../guide/#section" if use_directory_urls else "../../guide.html#section"
    assert _hrefs(html, "In a table") == [expected]
    assert _hrefs(html, "In a tree") == [expected]


@pytest.mark.slow
def test_a_tree_link_to_a_missing_page_fails_a_strict_build(tmp_path):
    """Reported once (the table's and the tree's link are the same spec text's), naming where
    the spec writes it; both are shown as text (`spec_links`), so MkDocs reports neither."""
    result = _build(tmp_path, "../../missing.md")
    assert result.returncode != 0
    message = (
        "openapi.yaml:12:11 (at #/paths/~1runs~1{runId}/get/parameters/0/description): spec "
        "text links '../../missing.md', which is not found on this site; it is shown as text."
    )
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, result.stderr
    assert "mkdocs_runs_api: " + message in warnings[0]
    html = (tmp_path / "site" / "api" / "runs" / "get-run" / "index.html").read_text("utf-8")
    assert "missing.md" not in html
    assert "In a table: guide.</td>" in html and "<p>In a tree: guide.</p>" in html
