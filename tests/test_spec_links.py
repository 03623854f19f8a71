"""Links in spec text written for another renderer (Redoc's `#operation/...`) or to files that
are not there: resolved on the generated pages, or shown as text and reported once, with the
spec's file, line and pointer."""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from conftest import TAB_EXTENSIONS, article, mkdocs_build

from mkdocs_runs_api.build.spec_links import MISSING, LinkTargets, SpecLinks, tag_key

PAGES = {
    "api/index.md": "api/",
    "api/videos/index.md": "api/videos/",
    "api/videos/list-videos.md": "api/videos/list-videos/",
    "api/videos/get-video.md": "api/videos/get-video/",
    "spec/assets/shot.png": "spec/assets/shot.png",
    "img/logo.png": "img/logo.png",
    "api/videos/near.png": "api/videos/near.png",
}


def _links(spec_dir: str | None = "spec") -> tuple[SpecLinks, list[str]]:
    reported: list[str] = []
    targets = LinkTargets(
        operations={
            "listVideos": "api/videos/list-videos.md",
            "getVideo": "api/videos/get-video.md",
        },
        tags={tag_key("Video Things"): "api/videos/index.md"},
        spec_dir=spec_dir,
    )

    def exists(uri: str) -> SimpleNamespace | None:
        return SimpleNamespace(url=PAGES[uri]) if uri in PAGES else None

    return SpecLinks(targets, exists, reported.append, lambda url: "openapi.yaml:3:5"), reported


@pytest.mark.parametrize(
    ("target", "markdown_target", "html_target"),
    [
        ("#operation/getVideo", "get-video.md", "../get-video/"),
        ("#tag/Video%20Things", "index.md", "../"),
        ("#tag/video-things", "index.md", "../"),
        ("#tag/Video%20Things/operation/getVideo", "get-video.md", "../get-video/"),
        ("assets/shot.png", "../../spec/assets/shot.png", "../../../spec/assets/shot.png"),
        ("img/logo.png#x", "../../img/logo.png#x", "../../../img/logo.png#x"),
        ("near.png", None, "../near.png"),
        ("../index.md#a", None, None),
        ("https://example.com/x.png", None, None),
        ("/abs/x.png", None, None),
        ("#schema-200", None, None),
        ("#section/Authentication", None, None),
        ("#operation/nope", MISSING, MISSING),
        ("assets/qs/none.png", MISSING, MISSING),
    ],
)
def test_resolve(target, markdown_target, html_target):
    links, _ = _links()
    page = "api/videos/list-videos.md"
    assert links.resolve(target, page, None) == markdown_target
    assert links.resolve(target, page, PAGES[page]) == html_target


def test_without_a_spec_folder_in_docs_dir_files_resolve_from_docs_dir_only():
    links, _ = _links(spec_dir=None)
    assert links.resolve("assets/shot.png", "api/index.md", None) is MISSING
    assert links.resolve("spec/assets/shot.png", "api/index.md", None) == "../spec/assets/shot.png"


def test_page_markdown_rewrites_links_outside_code_and_reports_each_miss_once():
    links, reported = _links()
    markdown = textwrap.dedent(
        """\
        See [get](#operation/getVideo "title") and ![a shot](assets/qs/none.png).
        Twice: [gone](#operation/nope), [gone again](#operation/nope).
        Code: `[get](#operation/getVideo)`; raw: <img src="assets/qs/none.png" alt="raw &amp; alt">
        <a href='#tag/Video%20Things'>tag</a> [ok](../index.md) [self](#anchor)

        ```
        [get](#operation/getVideo)
        ```"""
    )
    assert links.page_markdown(
        markdown, "api/videos/list-videos.md", "api/videos/list-videos/"
    ) == (
        textwrap.dedent(
            """\
            See [get](get-video.md "title") and a shot.
            Twice: gone, gone again.
            Code: `[get](#operation/getVideo)`; raw: raw &amp; alt
            <a href="../">tag</a> [ok](../index.md) [self](#anchor)

            ```
            [get](#operation/getVideo)
            ```"""
        )
    )
    assert reported == [
        "openapi.yaml:3:5: spec text links 'assets/qs/none.png', which is not found on this "
        "site; it is shown as text. Link a documentation file (relative to the spec file or "
        "docs_dir), an operationId or a tag, or an absolute URL.",
        "openapi.yaml:3:5: spec text links '#operation/nope', which leads to no operation or tag "
        "on this site; it is shown as text. Link a documentation file (relative to the spec "
        "file or docs_dir), an operationId or a tag, or an absolute URL.",
    ]


SPEC = """\
openapi: 3.1.0
info:
  title: HTML API
  version: "1"
  description: |
    <p>Intro with <b>bold</b>, <code>code</code> and a <a href="https://example.com/x">site</a>.</p>
    <script>alert('info')</script>

    See [list](#operation/listVideos), [the tag](#tag/Video%20Things) and
    [get](#tag/Video%20Things/operation/getVideo).
tags:
  - name: Video Things
    description: "Tag<br>text <img src=x onerror=alert(2) alt='no such'> ![shot](assets/shot.png)"
paths:
  /videos:
    get:
      operationId: listVideos
      tags: [Video Things]
      description: |
        <div>An unclosed div

        After it: **Markdown** and ![missing shot](assets/qs/create_api_key_1.png).
      parameters:
        - name: q
          in: query
          description: "<table><tr><td>cell</td></tr></table><a href='javascript:alert(3)'>js</a>"
          schema: {type: string}
      responses:
        "200":
          description: "<ul><li>one</li></ul> [nowhere](#operation/nope)"
          content:
            application/json:
              schema:
                type: object
                properties:
                  first:
                    type: string
                    description: "<ul><li>a</li></ul><div>unclosed
                      <a href='#operation/getVideo'>g</a>"
                  second:
                    type: string
                    description: "<img src=assets/shot.png alt=ok><script>alert(4)</script>"
                  third: {type: integer}
  /videos/{id}:
    get:
      operationId: getVideo
      tags: [Video Things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok}
"""


class _Elements(HTMLParser):
    """Start tags with their attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _site(root: Path, mode: str | None) -> None:
    (root / "docs" / "spec" / "assets").mkdir(parents=True)
    (root / "docs" / "spec" / "assets" / "shot.png").write_bytes(b"\x89PNG")
    (root / "docs" / "spec" / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    options = {
        "spec": "docs/spec/openapi.yaml",
        "code_samples": [],
        **({"html": mode} if mode else {}),
    }
    config = {
        "site_name": "t",
        "theme": {"name": "material"},
        "plugins": ["search", {"runs-api": options}],
        "markdown_extensions": TAB_EXTENSIONS,
        "validation": {"links": {"not_found": "info"}},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


@pytest.mark.slow
def test_built_site_renders_sanitized_html_and_resolves_spec_links(tmp_path):
    _site(tmp_path, None)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = tmp_path / "site" / "api"
    overview = article(site / "index.html")
    tag = article(site / "video-things" / "index.html")
    operation = article(site / "video-things" / "list-videos" / "index.html")
    pages = overview + tag + operation
    assert "<script" not in pages and "alert(" not in pages and "javascript:" not in pages
    assert "onerror" not in pages
    # info: the safe HTML is rendered, Redoc links lead to the pages, from the overview
    assert (
        '<p>Intro with <b>bold</b>, <code>code</code> and a <a href="https://example.com/x">'
        "site</a>.</p>" in overview
    )
    assert '<a href="video-things/list-videos/">list</a>' in overview
    assert '<a href="video-things/">the tag</a>' in overview
    assert '<a href="video-things/get-video/">get</a>' in overview
    # tag: <br> kept, a missing image is its alt text, an image next to the spec is found
    assert '<p>Tag<br>text no such <img alt="shot" src="../../spec/assets/shot.png"></p>' in tag
    # operation: the unclosed div ends with its paragraph; Markdown after it is converted
    assert (
        "<div>An unclosed div</div>\n\n"
        "<p>After it: <strong>Markdown</strong> and missing shot.</p>" in operation
    )
    # parameter: the table stays in its cell, the javascript: link loses its href
    assert "<td><table><tbody><tr><td>cell</td></tr></tbody></table><a>js</a></td>" in operation
    # response: an unknown operation is text
    assert "<ul><li>one</li></ul>\n<p>nowhere</p>" in operation
    # properties: all three still there, each description closed inside its own element
    elements = _Elements()
    elements.feed(operation)
    properties = [a["data-property"] for t, a in elements.tags if "data-property" in a]
    assert properties == ["first", "second", "third"]
    assert (
        '<ul><li>a</li></ul>\n<div>unclosed <a href="../get-video/">g</a></div>\n</div>'
        in operation
    )
    assert '<p><img src="../../../spec/assets/shot.png" alt="ok"></p>' in operation
    # each miss reported once, with the spec's file:line and pointer
    messages = [line for line in result.stderr.splitlines() if "spec text links" in line]
    assert [
        re.sub(r"^INFO +- +mkdocs_runs_api: ", "", m).split(": spec text")[0] for m in messages
    ] == [
        "docs/spec/openapi.yaml:13:5 (at #/tags/0/description)",
        "docs/spec/openapi.yaml:19:7 (at #/paths/~1videos/get/description)",
        "docs/spec/openapi.yaml:30:11 (at #/paths/~1videos/get/responses/200/description)",
    ]
    assert "links 'assets/qs/create_api_key_1.png', which is not found" in messages[1]
    assert "not found among documentation files" not in result.stderr, "no MkDocs warning"


@pytest.mark.slow
def test_strict_build_fails_on_a_missing_target_and_modes_escape_and_trust(tmp_path):
    _site(tmp_path / "strict", None)
    config = tmp_path / "strict" / "mkdocs.yml"
    config.write_text(config.read_text().replace("not_found: info", "not_found: warn"))
    result = mkdocs_build(tmp_path / "strict")
    assert result.returncode == 1
    assert result.stderr.count("WARNING") == 3, result.stderr  # each miss once
    assert "Aborted with 3 warnings in strict mode" in result.stdout
    _site(tmp_path / "escape", "escape")
    assert mkdocs_build(tmp_path / "escape").returncode == 0
    page = article(tmp_path / "escape" / "site" / "api" / "index.html")
    assert "&lt;script&gt;alert('info')&lt;/script&gt;" in page and "<b>" not in page
    _site(tmp_path / "trust", "trust")
    result = mkdocs_build(tmp_path / "trust")
    assert result.returncode == 0
    assert "<script>alert('info')</script>" in article(
        tmp_path / "trust" / "site" / "api" / "index.html"
    )
