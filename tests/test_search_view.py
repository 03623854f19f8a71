"""The search view: Material's search reads the same sections and text from it as from the page."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser

from mkdocs_runs_api.build.search_view import FIRST_TAB_ONLY, SearchView, search_view

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<h1 id="trigger-a-task">Trigger a task</h1>
<p>Starts a <em>run</em> &amp; returns its id.</p>
<div class="tabbed-set"><div class="tabbed-block">
<div class="highlight"><pre><span></span><code><span class="n">curl</span><span class="w"> </span>\
<span class="s2">&quot;https://api.example.com/runs?a=1&amp;b=2&quot;</span>
<span class="w">  </span><span class="p">{</span><span class="nt">&quot;x&quot;</span>\
<span class="p">:</span><span class="mi">1</span><span class="p">}</span>
</code></pre></div>
</div></div>
<h2 id="request-body">Request body</h2>
<section class="runs-api-tree" data-search-exclude>
<div class="runs-api-prop" data-property="payload"><div class="runs-api-prop__head">\
<code class="runs-api-prop__name">payload</code></div>
<details class="runs-api-nested"><summary>1 property</summary>
<div class="runs-api-prop" data-property="inner"><p>Deep <code>text</code></p></div>
</details></div>
</section>
<p>After the tree.</p>
<section class="runs-api-tree">
<div class="runs-api-prop" data-property="kept"><p>Searchable tree</p></div>
</section>
<h3 id="200">200</h3>
<pre><code>plain <b>bold</b> code</code></pre>
"""


def sections(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    joined = "".join  # the index holds each section's title and text joined
    return [(s.id, joined(s.title), joined(s.text)) for s in parser.data if not s.is_excluded()]


def test_material_reads_the_same_sections_from_the_view():
    view = search_view(PAGE)
    assert sections(view) == sections(PAGE)
    assert view.count("<span") == 0 and "data-search-exclude" not in view
    assert "<div><p>Searchable tree</p></div>" in view  # a searchable tree stays, bare


def test_a_tree_with_a_section_inside_is_cut_where_material_stops_excluding():
    """Material ends an exclusion at the first end tag of the same name: the view matches."""
    page = (
        '<section class="runs-api-tree" data-search-exclude><p>hidden</p>'
        "<section><p>nested</p></section><p>shown by Material</p></section><p>after</p>"
    )
    assert sections(search_view(page)) == sections(page)


def test_line_numbers_leave_code_as_it_is():
    page = '<table><tr><td class="linenos"><div class="linenodiv"><pre>1</pre></div></td>'
    page += '<td><div class="highlight"><pre><span class="n">x</span></pre></div></td></tr></table>'
    assert search_view(page) == page


def test_the_page_comes_back_with_what_search_did_to_it():
    views = SearchView()
    page = SimpleNamespace(content='<p data-search-boost="2">x</p><pre><span>y</span></pre>')
    views.show(page)
    assert page.content == '<p data-search-boost="2">x</p><pre>y</pre>'
    page.content = page.content.replace(' data-search-boost="2"', "")  # what Material does
    assert views.restore(page)
    assert page.content == "<p>x</p><pre><span>y</span></pre>"


def test_another_plugins_change_to_the_view_is_reported():
    views = SearchView()
    page = SimpleNamespace(content="<pre><span>y</span></pre>")
    views.show(page)
    page.content = "<p>changed</p>"
    assert not views.restore(page)
    assert views.restore(page, force=True)
    assert page.content == "<pre><span>y</span></pre>"


@pytest.mark.slow
def test_the_example_sites_search_index_is_the_same_with_and_without_the_view(
    tmp_path, monkeypatch
):
    """A real build, twice: once as shipped, once with the view switched off. The index is the
    same but for the request samples, where the view keeps the first."""
    import json

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    shutil.copytree(ROOT / "example-site", site)
    indexes = []
    for shown in (True, False):
        if not shown:
            monkeypatch.setattr(SearchView, "show", lambda self, page: None)
        config = load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / f"out-{shown}"))
        build(config)
        index = tmp_path / f"out-{shown}" / "search" / "search_index.json"
        indexes.append(json.loads(index.read_text())["docs"])
    viewed, whole = indexes
    assert [d["location"] for d in viewed] == [d["location"] for d in whole]
    assert any(d["location"].startswith("api/") for d in viewed)  # the API pages are in it
    trimmed = 0
    for seen, full in zip(viewed, whole, strict=True):
        if seen["title"] == "Request" and seen["text"] != full["text"]:
            assert full["text"].startswith(seen["text"].rstrip()), seen["location"]
            assert "curl" in seen["text"] and "import requests" not in seen["text"]
            trimmed += 1
        else:
            assert seen == full
    assert trimmed > 5


def _tab_set(*blocks: str) -> str:
    labels = "".join(
        f'<input id="t{i}" type="radio" /><label for="t{i}">L{i}</label>'
        for i in range(len(blocks))
    )
    inner = "".join(f'\n<div class="tabbed-block">\n{block}\n</div>' for block in blocks)
    content = f'<div class="tabbed-content">{inner}\n</div>'
    return f'<div class="tabbed-set tabbed-alternate">{labels}\n{content}\n</div>'


def _code(text: str) -> str:
    code = f'<code><span class="n">{text}</span></code>'
    return f'<div class="highlight"><pre><span></span>{code}</pre></div>'


def test_only_the_first_request_sample_is_indexed():
    samples = _tab_set(_code("curl one"), _code("python two"), _code("go three"))
    responses = _tab_set(_code("status 200"), _code("status 404"))
    page = f'<h2 id="request">Request</h2>\n{FIRST_TAB_ONLY}\n{samples}\n'
    page += f'<h2 id="r">Responses</h2>\n{responses}'
    text = str(sections(search_view(page)))
    assert "curl one" in text and "python two" not in text and "go three" not in text
    assert "status 200" in text and "status 404" in text  # other tab sets are whole
    views = SearchView()
    shown = SimpleNamespace(content=page)
    views.show(shown)
    assert views.restore(shown)
    assert shown.content == page.replace(FIRST_TAB_ONLY, "")  # the marker leaves with the view


def test_a_tab_that_is_not_only_code_stops_the_trimming():
    samples = _tab_set(_code("curl one"), "<p>Note</p>" + _code("python two"), _code("go three"))
    text = str(sections(search_view(f"{FIRST_TAB_ONLY}\n{samples}")))
    assert "python two" in text and "go three" in text
