"""HTML in spec text in each `html` mode: sanitized and rendered (the default), escaped, or
trusted; a description's elements stay inside it."""

from __future__ import annotations

import subprocess
import sys

import markdown
import pytest
from conftest import quick_first

from mkdocs_runs_api.render.markdown import md_block, md_cell
from mkdocs_runs_api.render.schema_tree import DescriptionHtml


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("<b>bold</b> text", "<b>bold</b> text"),
        (
            '<a href="https://example.com/a?b=1">site</a>',
            '<a href="https://example.com/a?b=1">site</a>',
        ),
        ("one<br>two", "one<br>two"),
        ("<code>x &lt; y</code>", "<code>x &lt; y</code>"),
        (
            "<table><tr><th>h</th></tr><tr><td colspan=2>c</td></tr></table>",
            '<table><tbody><tr><th>h</th></tr><tr><td colspan="2">c</td></tr></tbody></table>',
        ),
        ("<ul><li>a</li></ul>", "<ul><li>a</li></ul>"),
    ],
)
def test_sanitize_keeps_safe_html(text, kept):
    assert md_block(text, "sanitize") == kept


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a<script>alert(1)</script>b", "ab"),
        ('<img src="x.png" onerror="alert(1)" alt="pic">', '<img src="x.png" alt="pic">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
        ('<iframe src="https://evil"></iframe>ok', "ok"),
        ('<b class="runs-api-prop" id="x" style="color:red">b</b>', "<b>b</b>"),
        ("<style>body{display:none}</style>ok", "ok"),
        ("<!-- note -->ok", "ok"),
        ("</div></section>tail", "&lt;/section>tail"),
    ],
)
def test_sanitize_drops_what_runs_script_or_poses_as_the_page(text, shown):
    assert md_block(text, "sanitize") == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Authorization: Bearer <token>", "Authorization: Bearer &lt;token>"),
        ("on_event <x> & *y*", "on_event &lt;x> & *y*"),
        ("<body onload=alert(9)> ok", "&lt;body onload=alert(9)> ok"),
        ('<svg onload="alert(5)"><circle/></svg><object data="x">o</object>k', "k"),
    ],
)
def test_sanitize_shows_tags_it_does_not_know_as_text(text, shown):
    """In API docs `<token>` is a placeholder to read; only frames and script go unseen."""
    assert md_block(text, "sanitize") == shown


def test_sanitize_closes_each_paragraph_and_leaves_markdown_and_code_alone():
    text = "<div>Open *here*\n\n- a list\n- `<b>` in code\n\n```\n<div>\n```\na < b {x}"
    assert md_block(text, "sanitize") == (
        "<div>Open *here*</div>\n\n- a list\n- `<b>` in code\n\n"
        "```\n<div>\n```\na &lt; b &#123;x&#125;"
    )


def test_escape_shows_tags_as_text_and_trust_passes_them():
    text = '<b onclick="x">b</b><script>s()</script>'
    assert md_block(text, "escape") == '&lt;b onclick="x">b&lt;/b>&lt;script>s()&lt;/script>'
    assert md_block(text, "trust") == text


def test_a_cell_gets_each_paragraph_closed():
    assert md_cell("<p>one\n\n<div>two", "sanitize") == "<p>one</p><br><br><div>two</div>"


def test_placeholder_characters_in_spec_text_cannot_pull_text_into_a_tag():
    text = '<b title="\ue0000\ue001">x</b> "onmouseover="y'
    assert md_block(text, "sanitize") == '<b title="0">x</b> "onmouseover="y'


def test_block_html_in_a_description_cannot_swallow_the_page():
    """As the page's Markdown converts it: what follows the description stays Markdown."""
    described = md_block("<div>unclosed\n<table><tr><td>x", "sanitize")
    page = markdown.markdown(f"{described}\n\n## Next\n\n- item\n", extensions=["tables"])
    assert page == (
        "<div>unclosed\n<table><tbody><tr><td>x</td></tr></tbody></table></div>\n\n"
        "<h2>Next</h2>\n<ul>\n<li>item</li>\n</ul>"
    )


def test_tree_descriptions_follow_the_mode():
    for mode, html in [
        ("sanitize", "<p><b>b</b></p>\n<ul><li>x</li></ul>"),
        (
            "escape",
            "<p>&lt;b&gt;b&lt;/b&gt;&lt;script&gt;s()&lt;/script&gt;</p>\n<p>&lt;ul&gt;&lt;li&gt;x</p>",
        ),
        ("trust", "<p><b>b</b><script>s()</script></p>\n<ul><li>x"),
    ]:
        describe = DescriptionHtml(["tables"], {}, mode)
        assert describe("<b>b</b><script>s()</script>\n\n<ul><li>x") == html, mode


@pytest.mark.parametrize(
    ("flags", "shown"),
    quick_first(
        [
            ((), "<b>bold</b>"),
            (("--html", "escape"), "&lt;b>bold&lt;/b>&lt;script>x()&lt;/script>"),
            (("--html", "trust"), "<b>bold</b><script>x()</script>"),
            (("--allow-html",), "<b>bold</b><script>x()</script>"),
        ]
    ),
)
def test_cli_html_choice(tmp_path, flags, shown):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1', description: '<b>bold</b><script>x()"
        "</script> end'}\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
    )
    command = [sys.executable, "-m", "mkdocs_runs_api.cli", "render", str(spec), "--out", "out"]
    result = subprocess.run([*command, *flags], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"\n{shown} end\n" in (tmp_path / "out" / "api" / "index.md").read_text()
