"""The hostile-input table: every case of the issue "Spec text can never break a page" as a
small site built with `mkdocs build --strict`, each with its exact outcome - the exit code,
the plugin's messages (file:line, pointer and the fix), and the structure of every operation
page: one `<h1>`, the sections in order ending with the last one, and one `data-property`
element per property of the spec, each at the spec's depth.

Cases that need a process or a site of their own are beside it: `mkdocs serve` with a broken
spec in test_serve.py, a killed parent's render worker in test_orphans.py, a 300-operation API
under `--strict` (advice at INFO) in test_sites.py, each 3.2 addition in test_oas32.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import (
    article,
    assert_built,
    find_shared_specs,
    mkdocs_build,
    operation_pages,
    quick_first,
    resolve_local,
    spec_operations,
    write_site,
)

HEAD = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n'
OK = "{'200': {description: ok}}"
WARNING = "WARNING -  mkdocs_runs_api: "
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Case:
    spec: str
    exit_code: int = 0
    messages: list[str] = field(default_factory=list)
    """The plugin's WARNING/ERROR lines, the temporary folder left out."""
    options: dict = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)
    """Text (or HTML) some operation page holds."""
    not_shown: list[str] = field(default_factory=list)


CASES = {
    "description_with_list_and_paragraphs": Case(
        "  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n"
        "            schema:\n              type: object\n              properties:\n"
        "                first:\n                  type: string\n"
        '                  description: "Intro.\\n\\n- machine string\\n- other\\n\\nMore."\n'
        "                nested:\n                  type: object\n"
        '                  description: "1. one\\n2. two"\n'
        "                  properties: {inner: {type: integer}}\n"
        "                last: {type: boolean}\n"
        f"      responses: {OK}\n",
        not_shown=["<li>- machine string"],
        shown=["<li>machine string</li>"],
    ),
    "unclosed_fence_in_descriptions": Case(
        "  /a:\n    get:\n      description: |\n        Before.\n\n"
        '        ```python\n        print("open")\n'
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema:\n                type: object\n"
        "                properties:\n"
        '                  after: {type: string, description: "~~~\\nopen"}\n'
        "                  later: {type: string}\n",
    ),
    "heading_in_descriptions": Case(
        'openapi: 3.0.3\ninfo: {title: t, version: "1", description: "# Info heading"}\n'
        'tags: [{name: things, description: "Tag heading\\n===\\n\\nText"}]\npaths:\n'
        "  /a:\n    get:\n      tags: [things]\n"
        '      description: "# Op heading\\n\\nSetext heading\\n===\\n\\nText"\n'
        f"      responses: {OK}\n",
        shown=[">Op heading</h3>", "Setext heading</h3>"],
    ),
    "pipe_in_code_and_booleans_as_written": Case(
        "  /a:\n    get:\n      parameters:\n"
        "        - {name: q, in: query, schema: {type: string, pattern: '^(x|y)$'}}\n"
        "        - {name: ids, in: query, schema: {type: array, uniqueItems: true, "
        "items: {type: string}}}\n"
        "        - {name: flag, in: query, schema: {type: boolean, default: false}}\n"
        f"      responses: {OK}\n",
        shown=["^(x|y)$", "uniqueItems: true", "false"],
        not_shown=["x\\|y", "True", "False"],
    ),
    "empty_tag_and_duplicate_operation_id": Case(
        f"  /a:\n    get: {{operationId: x, tags: [''], responses: {OK}}}\n"
        f"  /b:\n    get: {{operationId: x, responses: {OK}}}\n",
        exit_code=1,
        messages=[
            WARNING + "spec.yaml:5:34: an empty tag name: the operation is grouped "
            "as if it had no tag (at #/paths/~1a/get/tags/0). Name the tag, or remove it",
            WARNING + "spec.yaml:7:11: operationId 'x' is also the operationId of "
            "GET /a (at #/paths/~1b/get/operationId). Give each operation an operationId of "
            "its own: links and samples name it",
        ],
    ),
    "unknown_limit": Case(
        f"  /a:\n    get: {{responses: {OK}}}\n",
        exit_code=1,
        options={"limits": {"bogus": 1}},
        messages=["ERROR   -  Config value 'plugins': Plugin 'runs-api' option 'limits': unknown "],
    ),
    "limit_not_a_number": Case(
        f"  /a:\n    get: {{responses: {OK}}}\n",
        exit_code=1,
        options={"limits": {"max_operations": "lots"}},
        messages=[
            "ERROR   -  Config value 'plugins': Plugin 'runs-api' option 'limits': "
            'max_operations must be a positive whole number, got "lots"'
        ],
    ),
    "prefix_outside_the_site": Case(
        f"  /a:\n    get: {{responses: {OK}}}\n",
        exit_code=1,
        options={"prefix": "../escape"},
        messages=[
            "ERROR   -  Config value 'plugins': Plugin 'runs-api' option 'prefix': "
            "'../escape' leads outside"
        ],
    ),
    "parameters_as_a_mapping_and_responses_as_a_list": Case(
        "  /a:\n    get:\n      parameters: {limit: {in: query, name: limit}}\n"
        f"      responses: {OK}\n"
        "  /b:\n    get:\n      responses: [{description: ok}]\n",
        exit_code=1,
        messages=[
            WARNING + "spec.yaml:6:7: `parameters` must be a list: left out of the "
            "pages (at #/paths/~1a/get/parameters). Write each parameter as a list item: "
            "`- {name: limit, in: query}`",
            WARNING + "spec.yaml:10:7: `responses` must be a mapping: left out of "
            "the pages (at #/paths/~1b/get/responses). Write responses by status: "
            "`responses: {'200': {description: ...}}`",
        ],
    ),
    "parameter_without_name_or_in": Case(
        "  /a:\n    get:\n      parameters:\n        - {in: query, schema: {type: string}}\n"
        "        - {name: b, schema: {type: string}}\n"
        "        - {name: kept, in: query, schema: {type: string}}\n"
        f"      responses: {OK}\n",
        exit_code=1,
        messages=[
            WARNING + "spec.yaml:7:11: a parameter needs a `name`: left out of the "
            "pages (at #/paths/~1a/get/parameters/0). Give each parameter a `name` and an `in` "
            "(path, query, header or cookie)",
            WARNING + "spec.yaml:8:11: parameter 'b' has no `in`: left out of the "
            "pages (at #/paths/~1a/get/parameters/1). Give each parameter a `name` and an `in` "
            "(path, query, header or cookie)",
        ],
        shown=["kept"],
    ),
    "properties_as_a_list_and_no_responses": Case(
        "  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n"
        "              schema: {type: object, properties: [a, b]}\n"
        "  /b:\n    get: {summary: x}\n",
        exit_code=1,
        messages=[
            WARNING + "spec.yaml:11:38: `properties` must be a mapping: left out of "
            "the pages (at #/paths/~1a/get/responses/200/content/application~1json/schema/"
            "properties). Write `properties` as a mapping of names to schemas: "
            "`{id: {type: string}}`",
            WARNING + "spec.yaml:13:5: GET /b has no `responses` (OpenAPI 3.0 "
            "requires them) (at #/paths/~1b/get). Add `responses:` with at least the success "
            "response",
        ],
    ),
    "paths_as_a_list": Case(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: []\n',
        exit_code=1,
        messages=["ERROR   -  runs-api: spec.yaml:3:1: `paths` must be a mapping (at #/paths)"],
    ),
    "form_bodies_of_other_shapes": Case(
        "  /token:\n    post:\n      requestBody:\n        content:\n"
        "          application/x-www-form-urlencoded:\n"
        "            schema: {type: object, properties: {grant_type: {type: string}}}\n"
        "            example: [grant_type, password]\n"
        f"      responses: {OK}\n"
        "  /list:\n    post:\n      requestBody:\n        content:\n"
        "          application/x-www-form-urlencoded:\n"
        "            schema: {type: array, items: {type: string}}\n"
        f"      responses: {OK}\n"
        "  /text:\n    post:\n      requestBody:\n        content:\n"
        "          application/x-www-form-urlencoded:\n"
        "            schema: {type: string}\n            example: grant_type=password\n"
        f"      responses: {OK}\n",
        shown=["grant_type"],
    ),
    "redoc_links_and_a_missing_relative_image": Case(
        "  /a:\n    get:\n      operationId: getA\n      tags: [things]\n"
        "      description: 'See [b](#operation/getB), [the tag](#tag/things) "
        "and ![shot](assets/qs/create_api_key_1.png).'\n"
        f"      responses: {OK}\n"
        f"  /b:\n    get: {{operationId: getB, tags: [things], responses: {OK}}}\n",
        exit_code=1,
        messages=[
            WARNING + "spec.yaml:8:7 (at #/paths/~1a/get/description): spec "
            "text links 'assets/qs/create_api_key_1.png', which is not found on this site; it "
            "is shown as text. Link a documentation file (relative to the spec file or "
            "docs_dir), an operationId or a tag, or an absolute URL."
        ],
        shown=['<a href="../get-b/">b</a>', '<a href="../">the tag</a>', "shot"],
        not_shown=["assets/qs/create_api_key_1.png", "#operation/"],
    ),
    "html_in_descriptions": Case(
        '  /a:\n    get:\n      description: \'<p>First<br>line with <a href="https://example.com">'
        "a link</a></p><script>alert(1)</script>'\n"
        f"      responses: {OK}\n",
        shown=['<p>First<br>line with <a href="https://example.com">a link</a></p>'],
        not_shown=["&lt;p&gt;", "<script", "alert(1)"],
    ),
    "openapi_3_2_query_method": Case(
        'openapi: 3.2.0\ninfo: {title: t, version: "1"}\npaths:\n'
        "  /search:\n    query:\n      requestBody:\n        content:\n"
        "          application/json:\n            schema: {type: object, properties: "
        "{term: {type: string}}}\n"
        f"      responses: {OK}\n",
        shown=["QUERY"],
    ),
}


class _Page(HTMLParser):
    """An operation page's article: its headings, and each `data-property` with its depth."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []
        self.properties: list[tuple[str, int]] = []
        self.h1 = 0
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        name = dict(attrs).get("data-property")
        if name is not None:
            self.properties.append((name, sum(self.open)))
        if tag not in VOID:
            self.open.append(name is not None)
        self.h1 += tag == "h1"
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self._in_h2:
            self.h2[-1] += data


def spec_properties(spec: dict, schema, depth: int = 0) -> list[tuple[str, int]]:
    """`(name, depth)` for each property of a schema in document order, as a tree shows them."""
    schema = resolve_local(spec, schema)
    if not isinstance(schema, dict):
        return []
    if schema.get("type") == "array":
        return spec_properties(spec, schema.get("items"), depth)
    found = []
    properties = schema.get("properties")
    for name, child in (properties if isinstance(properties, dict) else {}).items():
        found.append((name, depth))
        found += spec_properties(spec, child, depth + 1)
    return found


def operation_properties(spec: dict, operation: dict) -> list[tuple[str, int]]:
    """The request body's properties, then each response's, as the page orders them (a
    component a page has shown already is a link back to it, not a second tree)."""
    found, shown = [], set()
    bodies = [operation.get("requestBody") or {}]
    responses = operation.get("responses")
    bodies += [resolve_local(spec, r) for r in responses.values()] if responses else []
    for body in bodies:
        for media in (resolve_local(spec, body).get("content") or {}).values():
            schema = media.get("schema") or {}
            ref = schema.get("$ref")
            if ref is None or ref not in shown:
                found += spec_properties(spec, schema)
            shown.add(ref)
    return found


def build(tmp_path: Path, case: Case):
    text = case.spec if case.spec.startswith("openapi:") else HEAD + case.spec
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    write_site(tmp_path, "spec.yaml", plugin_options=case.options)
    return mkdocs_build(tmp_path), yaml.safe_load(text)


def plugin_messages(stderr: str, root: Path) -> list[str]:
    lines = [line.replace(f"{root}/", "") for line in stderr.splitlines()]
    return [line for line in lines if re.match(r"(WARNING|ERROR) ", line)]


@pytest.mark.parametrize("name", quick_first(list(CASES), quick=1))
def test_each_hostile_case_has_its_exact_outcome(tmp_path, name):
    case = CASES[name]
    result, spec = build(tmp_path, case)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == case.exit_code, result.stderr
    messages = plugin_messages(result.stderr, tmp_path)
    assert len(messages) == len(case.messages), messages
    for message, expected in zip(messages, case.messages, strict=True):
        assert message.startswith(expected), message
    if case.messages and case.messages[0].startswith("ERROR"):
        assert not (tmp_path / "site" / "api").exists(), "a refused config builds no reference"
        return
    pages = operation_pages(tmp_path / "site")
    operations = {
        f"{method} {route}": operation for method, route, operation, _ in spec_operations(spec)
    }
    assert set(pages) == set(operations), pages
    html = ""
    for hook, operation in operations.items():
        (path,) = pages[hook]
        html += article(path)
        page = _Page()
        page.feed(article(path))
        assert page.h1 == 1, f"{path}: the title is the only <h1>"
        has_responses = isinstance(operation.get("responses"), dict)
        assert page.h2[-1].strip() == ("Responses" if has_responses else "Request"), page.h2
        if has_responses:
            assert page.properties == operation_properties(spec, operation), hook
    for text in case.shown:
        assert text in html, text
    for text in case.not_shown:
        assert text not in html, text


@pytest.mark.slow  # Trigger.dev's 66 pages, ~15 s
def test_trigger_a_task_shows_every_property_at_its_depth(tmp_path):
    """Trigger.dev's own page, where descriptions with lists once pulled properties into them."""
    spec_path = find_shared_specs() / "trigger" / "docs" / "v3-openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    write_site(tmp_path, spec_path, plugin_options={"code_samples": []})
    assert_built(mkdocs_build(tmp_path))
    pages = operation_pages(tmp_path / "site")
    (path,) = pages["POST /api/v1/tasks/{taskIdentifier}/trigger"]
    page = _Page()
    page.feed(article(path))
    operation = spec["paths"]["/api/v1/tasks/{taskIdentifier}/trigger"]["post"]
    expected = operation_properties(spec, operation)
    assert len(expected) > 10 and max(depth for _, depth in expected) == 2
    assert page.properties == expected
    assert page.h1 == 1 and page.h2[-1].strip() == "Responses"
