"""Code blocks held out of the page (`render.deferred.CodeBlock`) and converted apart
(`build.code_html`): the page comes out as it would with the blocks in its Markdown, on a
worker process or, when none can run, in this one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import write_site

from mkdocs_runs_api.build import code_html
from mkdocs_runs_api.build.code_html import CodeHtml, SiteMarkdown
from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.render import RenderOptions
from mkdocs_runs_api.render.deferred import CodeBlock, DeferredBlocks, put_blocks, unwrap_markers
from mkdocs_runs_api.samples.render import SampleOptions

ROOT = Path(__file__).parent.parent
EXTENSIONS = ["tables", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.tabbed"]
CONFIGS = {"pymdownx.tabbed": {"alternate_style": True}}
FENCES = ['```json\n{"a": "<b>&"}\n```', "```bash\ncurl https://x.test/?a=1&b=2\n```"]


def test_held_code_is_a_marker_in_the_markdown():
    blocks = DeferredBlocks(active=True)
    marker = blocks.hold_code(FENCES[0])
    assert marker.strip() == '<div data-runs-api-block="0"></div>'
    assert blocks.take() == [CodeBlock(FENCES[0])]
    assert DeferredBlocks(active=False).hold_code(FENCES[0]) == FENCES[0]


def test_a_marker_whose_code_is_not_converted_stays():
    marker = '<div data-runs-api-block="0"></div>'
    assert put_blocks(marker, [CodeBlock(FENCES[0])]) == marker
    assert put_blocks(marker, [None]) == marker


def test_blocks_convert_as_they_would_in_the_page():
    """Each block's HTML is what the page's own conversion makes of it, inside a content tab
    too, and spec text in it stays escaped."""
    page = markdown.markdown(
        '=== "JSON"\n\n    ' + FENCES[0].replace("\n", "\n    ") + "\n\n" + FENCES[1],
        extensions=EXTENSIONS,
        extension_configs=CONFIGS,
    )
    converted = SiteMarkdown(EXTENSIONS, CONFIGS, sanitize=True).convert(FENCES)
    assert len(converted) == 2 and all(part in page for part in converted)
    assert "&lt;b&gt;&amp;" in converted[0] and "<b>" not in converted[0]


def test_numbered_lines_get_ids_apart_from_the_pages_own():
    """pymdownx.highlight numbers a page's code blocks in its line ids (`__span-0-1`): the
    held-back blocks are numbered from 1000, so they cannot take the ids of the page's own."""
    configs = {**CONFIGS, "pymdownx.highlight": {"line_spans": "__span", "anchor_linenums": True}}
    converted = SiteMarkdown(EXTENSIONS, configs, sanitize=False).convert(FENCES * 2)
    numbers = [set(re.findall(r'id="__span-(\d+)-', part)) for part in converted]
    assert numbers == [{"1000"}, {"1001"}, {"1002"}, {"1003"}]


def test_blocks_converted_one_at_a_time_are_numbered_and_the_same(monkeypatch):
    """When the page's blocks cannot be split apart after one conversion (an extension changed
    the separator), each is converted alone: numbered as in one document, the same HTML."""
    configs = {**CONFIGS, "pymdownx.highlight": {"line_spans": "__span"}}
    together = SiteMarkdown(EXTENSIONS, configs, sanitize=False).convert(FENCES * 2)
    monkeypatch.setattr(code_html, "SEPARATOR", "&&not a separator once converted&&")
    alone = SiteMarkdown(EXTENSIONS, configs, sanitize=False).convert(FENCES * 2)
    assert alone == together


class Unpicklable(markdown.extensions.Extension):
    """An extension object a worker cannot be sent (a lambda in it)."""

    def __init__(self) -> None:
        super().__init__()
        self.hook = lambda: None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's name
        pass


def test_settings_a_worker_cannot_get_are_converted_here(monkeypatch):
    monkeypatch.setattr(code_html, "MIN_BLOCKS", 1)
    code = CodeHtml()
    code.start({"a.md": FENCES}, [*EXTENSIONS, Unpicklable()], CONFIGS)
    assert code._worker is None
    assert code.html("a.md") == SiteMarkdown(EXTENSIONS, CONFIGS, sanitize=True).convert(FENCES)
    assert code.html("b.md") == []


def test_a_worker_converts_the_same_and_a_lost_one_is_replaced(monkeypatch):
    monkeypatch.setattr(code_html, "MIN_BLOCKS", 1)
    expected = SiteMarkdown(EXTENSIONS, CONFIGS, sanitize=True).convert(FENCES)
    code = CodeHtml()
    code.start({"a.md": FENCES, "b.md": FENCES[:1]}, EXTENSIONS, CONFIGS)
    assert code._worker is not None
    assert code.html("a.md") == expected and code.html("b.md") == expected[:1]
    code.start({"a.md": FENCES}, EXTENSIONS, CONFIGS)
    code._worker.kill()
    assert code.html("a.md") == expected


def convert(markdown_text: str, blocks: list, site: SiteMarkdown) -> str:
    """A page as the plugin makes it: converted, then its code blocks and trees put in."""
    html = unwrap_markers(
        markdown.markdown(markdown_text, extensions=EXTENSIONS, extension_configs=CONFIGS)
    )
    code = iter(site.convert([b.markdown for b in blocks if isinstance(b, CodeBlock)]))
    return put_blocks(html, [next(code) if isinstance(b, CodeBlock) else b for b in blocks])


@pytest.mark.slow
def test_pages_are_the_same_with_code_held_back():
    """The example site's pages, with every code sample and example held back and converted
    apart, are the pages converted with them in (blank lines aside)."""
    site = SiteMarkdown(EXTENSIONS, CONFIGS, sanitize=False)
    pages = {}
    for defer_code in (False, True):
        options = ReferenceOptions(
            samples=SampleOptions(languages=("curl", "python", "javascript")),
            parallel=False,
            render=RenderOptions(
                markdown_extensions=tuple(EXTENSIONS),
                mdx_configs=CONFIGS,
                defer_blocks=True,
                defer_code=defer_code,
            ),
        )
        reference = generate_reference(ROOT / "example-site" / "openapi.yaml", options)
        pages[defer_code] = {
            page.src_uri: re.sub(r"\n+", "\n", convert(page.markdown, page.blocks, site))
            for page in reference.pages
        }
    held = sum(isinstance(b, CodeBlock) for page in reference.pages for b in page.blocks)
    assert held > 50
    assert pages[True] == pages[False]


BUILD_SCRIPT = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_runs_api.build import code_html

code_html.MIN_BLOCKS = 1  # the worker converts even this small site's blocks
started = []
real_spawn = code_html.CodeHtml._spawn
code_html.CodeHtml._spawn = lambda self: (real_spawn(self), started.append(self._worker))
print("BUILD", flush=True)
build(load_config("mkdocs.yml"))
print("WORKER", started[0] is not None, flush=True)
"""


@pytest.mark.slow
def test_a_build_script_without_a_main_guard_builds_once(tmp_path):
    """The worker is `python -m` this module: `multiprocessing`'s spawn would run the user's
    script again in the worker (a second build), for a script with no `__main__` guard."""
    shutil.copy(ROOT / "example-site" / "openapi.yaml", tmp_path)
    write_site(tmp_path, tmp_path / "openapi.yaml", plugin_options={"code_samples": ["curl"]})
    shutil.copytree(ROOT / "example-site" / "schemas", tmp_path / "schemas")
    (tmp_path / "build_docs.py").write_text(BUILD_SCRIPT, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "build_docs.py"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["BUILD", "WORKER", "True"]
    page = (tmp_path / "site" / "api" / "tags" / "add-run-tags" / "index.html").read_text()
    assert '<div class="highlight"><pre>' in page and "data-runs-api-block" not in page
