"""Spec text stays inside its place on the page: a heading in a description is never a second
`<h1>`, and a code fence it leaves open is closed where the description ends."""

from __future__ import annotations

import re

from conftest import assert_built, mkdocs_build, write_site

from mkdocs_runs_api.render.markdown import md_block

SPEC = """openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      summary: Get a
      description: |
        # Big heading

        Text before.

        ```python
        print("unclosed")
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  name:
                    type: string
                    description: "## A heading in a property\\n\\n~~~\\nopen"
                  after: {type: integer}
"""


def test_headings_go_down_two_levels_and_open_fences_are_closed():
    assert md_block("# One\n\n## Two\n\n###### Six") == "### One\n\n#### Two\n\n###### Six"
    assert md_block("```\n# not a heading") == "```\n# not a heading\n```"
    assert md_block("~~~~\ncode\n~~~\nstill code") == "~~~~\ncode\n~~~\nstill code\n~~~~"
    assert md_block("```\ncode\n```\n#hashtag") == "```\ncode\n```\n#hashtag"
    assert md_block("One\n===\n\nTwo\n---\n\nx") == "### One\n\n#### Two\n\nx"
    assert md_block("a\n\n---\n\n- item\n---") == "a\n\n---\n\n- item\n---", "rules stay"


def test_a_description_cannot_take_over_the_page(tmp_path):
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    write_site(tmp_path, "spec.yaml")
    assert_built(mkdocs_build(tmp_path))
    html = next((tmp_path / "site" / "api").rglob("get-a/index.html")).read_text()
    main = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert len(re.findall(r"<h1\b", main)) == 1, "the page title is the only h1"
    assert re.search(r"<h3[^>]*>Big heading", main)
    code = re.search(r"<code>(?:<span[^>]*>)*print.*?</code>", main, re.S).group(0)
    assert "Request" not in code and "Responses" not in code
    assert re.search(r"<h2[^>]*>Responses", main), "the sections after the description are there"
    assert 'data-property="name"' in main and 'data-property="after"' in main
