"""Hostile and odd input: symlinks out of the project, script in spec text (checked in the
built HTML, parsed), generated schemas, encodings, determinism, and nothing lost (fuzzed whole
documents are in test_fuzz_documents.py; the real specs and the corpus, keyword by keyword, in
test_completeness_html.py)."""

from __future__ import annotations

import hashlib
import json
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import (
    EXAMPLE_SITE,
    assert_built,
    copy_tree,
    mkdocs_build,
    write_site,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
from mkdocs_runs_api.check.completeness import check_completeness, format_misses


def test_symlink_leading_outside_the_project_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("get: {responses: {'200': {description: SECRET}}}\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "link.yaml").symlink_to(outside / "secret.yaml")
    (site / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: 'link.yaml'}\n"
    )
    write_site(site, "openapi.yaml")
    result = mkdocs_build(site)
    assert result.returncode == 1
    assert "openapi.yaml:4:8: $ref 'link.yaml' leads outside the project" in result.stderr
    assert "SECRET" not in result.stderr and not (site / "site").exists()


@pytest.mark.slow
def test_ref_roots_allow_list_lets_a_shared_folder_in(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "op.yaml").write_text("get: {responses: {'200': {description: ok}}}\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n"
        "  /a: {$ref: '../shared/op.yaml'}\n"
    )
    write_site(site, "openapi.yaml", plugin_options={"ref_roots": ["../shared"]})
    assert_built(mkdocs_build(site))


XSS = """\
openapi: 3.1.0
info:
  title: "XSS <script>alert('title')</script>"
  version: "1"
  description: |
    <script>alert(1)</script> <img src=https://x.invalid/x onerror="alert(2)"> <iframe src="https://evil"></iframe>
    [click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)
    <a href="javascript:alert(4)">raw link</a> <object data="x"></object>
    <svg onload="alert(5)"></svg> <style>body{display:none}</style>
tags:
  - name: "<img src=https://x.invalid/x onerror=alert(6)>"
    description: "<script>alert(7)</script>"
paths:
  /x/{id}:
    get:
      operationId: xss
      summary: "<script>alert(8)</script> summary"
      description: "<body onload=alert(9)> {{ jinja }} {% raw %}"
      tags: ["<img src=https://x.invalid/x onerror=alert(6)>"]
      parameters:
        - name: "id<script>"
          in: path
          required: true
          description: "<a href='javascript:alert(10)'>x</a> | pipe"
          schema: {type: string, enum: ["<script>alert(11)</script>"], default: "<b onclick=x>"}
      responses:
        "200":
          description: "<details open ontoggle=alert(12)>"
          content:
            application/json:
              schema:
                type: object
                properties:
                  "<img src=x onerror=alert(13)>":
                    {type: string, description: "[x](JaVaScRiPt:alert(14))"}
              example: {"k": "</code></pre><script>alert(15)</script>"}
"""


class _Audit(HTMLParser):
    """Everything in a whole built page that could run script or was injected by the spec."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._raw_text_tag: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        if tag in ("script", "style"):
            self._raw_text_tag = tag
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if (
                name in ("href", "src", "action", "data")
                and value
                and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self._raw_text_tag = None

    def handle_data(self, data):
        if self._raw_text_tag and ("alert(" in data or "display:none" in data):
            self.problems.append(f"<{self._raw_text_tag}> from the spec: {data[:40]!r}")


@pytest.mark.parametrize("theme", ["material", pytest.param("mkdocs", marks=pytest.mark.slow)])
def test_script_in_spec_text_never_reaches_the_html(tmp_path, theme):
    (tmp_path / "openapi.yaml").write_text(XSS)
    write_site(tmp_path, "openapi.yaml", theme=theme)
    assert_built(mkdocs_build(tmp_path))
    pages = [p for p in (tmp_path / "site" / "api").rglob("index.html")]
    assert len(pages) == 3
    for page in pages:
        audit = _Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == [], (page, audit.problems)
    op_page = next(p for p in pages if 'data-operation="GET /x/{id}"' in p.read_text())
    text = op_page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(8)&lt;/script&gt; summary" in text, "escaped, shown as text"


@pytest.mark.slow
def test_allow_html_is_a_deprecated_alias_of_trust(tmp_path):
    (tmp_path / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1', description: '<b class=\"x\">bold</b>'}\n"
        "paths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
    )
    write_site(tmp_path, "openapi.yaml", plugin_options={"allow_html": True})
    result = mkdocs_build(tmp_path)
    assert_built(result)
    assert '<b class="x">bold</b>' in (tmp_path / "site" / "api" / "index.html").read_text()
    note = "INFO    -  mkdocs_runs_api: `allow_html: true` is deprecated; write "
    note += "`html: trust`."
    assert result.stderr.count(note) == 1, result.stderr


def test_completeness_check_notices_a_dropped_property():
    """The property's node renamed: it is missed at its own path (the page still names
    `traceId` elsewhere, which a search of the page text would take for it)."""
    reference = generate_reference(EXAMPLE_SITE / "openapi.yaml", ReferenceOptions())
    before = check_completeness(reference).misses
    page = next(p for p in reference.pages if p.operation_key == "GET /api/v1/runs/{runId}/trace")
    page.markdown = page.markdown.replace('data-property="traceId"', 'data-property="other"')
    assert "traceId" in page.markdown
    lost = [miss for miss in check_completeness(reference).misses if miss not in before]
    assert format_misses(lost) == [
        "GET /api/v1/runs/{runId}/trace: response 200 application/json: trace: property traceId"
    ]


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".css"):
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.slow  # three builds of the example site
def test_output_ignores_hash_seed_and_component_key_order(tmp_path):
    digests = set()
    for seed, shuffle in (("1", False), ("4242", False), ("7", True)):
        site = copy_tree(EXAMPLE_SITE, tmp_path / f"site-{seed}")
        if shuffle:
            spec = yaml.safe_load((site / "openapi.yaml").read_text())
            for section, entries in spec["components"].items():
                keys = list(entries)
                random.Random(seed).shuffle(keys)
                spec["components"][section] = {k: entries[k] for k in keys}
            (site / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
        assert_built(mkdocs_build(site, env={"PYTHONHASHSEED": seed}))
        digests.add(_digest(site / "site" / "api"))
    assert len(digests) == 1


@pytest.mark.slow  # two builds
def test_encodings_and_unicode_names_give_valid_unique_urls(tmp_path):
    spec = (
        "openapi: 3.0.3\r\ninfo: {title: Ünïcödé 🚀, version: '1'}\r\n"
        "tags: [{name: Café}, {name: 日本}]\r\npaths:\r\n"
        "  /café/{id}:\r\n    get:\r\n      operationId: obtenirCafé\r\n      tags: [Café]\r\n"
        "      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\r\n"
        "      responses: {'200': {description: ok}}\r\n"
        "  /日本:\r\n    get:\r\n      operationId: 取得\r\n      tags: [日本]\r\n"
        "      responses: {'200': {description: ok}}\r\n"
        "  /rocket:\r\n    get:\r\n      operationId: 🚀\r\n      tags: [日本]\r\n"
        "      responses: {'200': {description: ok}}\r\n"
        "    post:\r\n      operationId: 🚀🚀\r\n      tags: [日本]\r\n"
        "      responses: {'200': {description: ok}}\r\n"
    )
    (tmp_path / "openapi.yaml").write_bytes(spec.encode("utf-16"))
    write_site(tmp_path, "openapi.yaml")
    assert_built(mkdocs_build(tmp_path))
    from conftest import operation_pages

    pages = operation_pages(tmp_path / "site")
    assert set(pages) == {"GET /café/{id}", "GET /日本", "GET /rocket", "POST /rocket"}
    assert len({p[0] for p in pages.values()}) == 4
    (tmp_path / "openapi.yaml").write_bytes(b"\xef\xbb\xbf" + spec.encode("utf-8"))
    assert_built(mkdocs_build(tmp_path))
    assert set(operation_pages(tmp_path / "site")) == set(pages)


NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)
SCALAR_SCHEMAS = st.fixed_dictionaries(
    {"type": st.sampled_from(["string", "integer", "number", "boolean"])},
    optional={
        "description": st.text(max_size=30),
        "nullable": st.booleans(),
        "enum": st.lists(st.text(max_size=5), min_size=1, max_size=3),
        "format": st.sampled_from(["date-time", "uuid", "email", "int64"]),
    },
)


def _object(children):
    return st.fixed_dictionaries(
        {"type": st.just("object"), "properties": st.dictionaries(NAMES, children, max_size=4)},
        optional={"additionalProperties": st.one_of(st.booleans(), children)},
    )


NODE = {"$ref": "#/components/schemas/Node"}
SCHEMAS = st.recursive(
    SCALAR_SCHEMAS,
    lambda children: st.one_of(
        _object(children),
        st.fixed_dictionaries({"type": st.just("array"), "items": children}),
        st.fixed_dictionaries({"oneOf": st.lists(children, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"allOf": st.lists(_object(children), min_size=1, max_size=2)}),
        st.just(NODE),
    ),
    max_leaves=25,
)


@pytest.mark.slow  # 120 documents with large schemas, each checked for completeness: ~60 s
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(schema=SCHEMAS)
@example(
    schema={
        "allOf": [  # found by this test: the second part's extra properties were lost
            {
                "type": "object",
                "additionalProperties": True,
                "properties": {"a": {"type": "string"}},
            },
            {
                "type": "object",
                "properties": {},
                "additionalProperties": {"type": "object", "properties": {"b": {"type": "string"}}},
            },
        ]
    }
)
@example(
    schema={
        "allOf": [
            {"type": "array", "items": {"type": "object", "properties": {"c": {"type": "string"}}}},
            {"type": "array", "items": {"type": "object", "properties": {"d": {"type": "string"}}}},
        ]
    }
)
@example(
    schema={
        "allOf": [  # found by this test: `Node` inlined as an allOf part, inside itself, forever
            {"type": "object", "additionalProperties": {"oneOf": [NODE]}},
            {"type": "object", "additionalProperties": NODE},
        ]
    }
)
@example(
    schema={
        "allOf": [  # found by this test: the second part's additionalProperties was dropped
            {"type": "object", "additionalProperties": False},
            {"type": "object", "additionalProperties": {"properties": {"0": {"type": "string"}}}},
        ]
    }
)
@example(
    schema={
        "allOf": [  # found by a longer run: the later part's `p` replaced the earlier one's
            {"type": "object", "properties": {"p": {"properties": {"q": {"type": "string"}}}}},
            {"type": "object", "properties": {"p": {"type": "string"}}},
        ]
    }
)
def test_generated_schemas_render_with_every_property_on_the_page(tmp_path, schema):
    """Any schema (nested, polymorphic, recursive through `Node`) renders, terminates, and
    every property of it shows up on the page at its own path (`check_completeness`; its other
    keywords are compared on the real specs and the corpus in test_completeness_html)."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": schema}}},
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": schema}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Node": {
                    "type": "object",
                    "properties": {"child": {"$ref": "#/components/schemas/Node"}, "value": schema},
                }
            }
        },
    }
    spec = tmp_path / "generated.json"
    spec.write_text(json.dumps(document))
    reference = generate_reference(spec, ReferenceOptions())
    lost = [m for m in check_completeness(reference).misses if m.keyword in ("property", "see")]
    assert format_misses(lost) == []


LATE_HOOK = """\
def on_page_content(html, page, **kwargs):
    return html + '<p class="late">added late</p><script>alert("late")</script>'
"""


@pytest.mark.slow
def test_html_other_plugins_add_is_sanitized_too_and_search_sees_the_result(tmp_path):
    """Sanitizing runs after every plugin's `on_page_content` (here a hook's) and before any page
    is built or indexed: what they add survives, minus script; user pages are left alone."""
    (tmp_path / "openapi.yaml").write_text(XSS)
    (tmp_path / "hooks.py").write_text(LATE_HOOK)
    write_site(tmp_path, "openapi.yaml", extra={"hooks": ["hooks.py"]})
    assert_built(mkdocs_build(tmp_path))
    site = tmp_path / "site"
    operation = next(p for p in (site / "api").rglob("index.html") if "xss" in p.read_text())
    text = operation.read_text(encoding="utf-8")
    assert '<p class="late">added late</p>' in text and 'alert("late")' not in text
    assert 'alert("late")' in (site / "index.html").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    api_entries = [e for e in index["docs"] if e["location"].startswith("api/")]
    assert api_entries and all('alert("late")' not in e["text"] for e in api_entries)
    assert any("added late" in e["text"] for e in api_entries)
