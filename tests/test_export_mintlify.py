"""`export-mintlify` on a copy of the real Trigger.dev Mintlify tree: pages exactly for the
operations that have none, in the right groups, every existing file byte-identical, a second run
a no-op; every generated page compiles with the reference MDX compiler."""

from __future__ import annotations

import difflib
import hashlib
import json
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED_SPECS, needs_specs, quick_first

from mkdocs_runs_api.mintlify.export import _documented, new_page_ids
from mkdocs_runs_api.mintlify.read import iter_pages, page_id
from mkdocs_runs_api.model import build_api_model
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.limits import LoadOptions

TRIGGER = SHARED_SPECS / "trigger" / "docs"
TESTS = Path(__file__).parent
MISSING_V3 = {
    "GET /api/v1/projects/{projectRef}/runs",
    "GET /api/v1/concurrency-limits",
    "GET /api/v1/concurrency-limits/{name}",
    "POST /api/v1/concurrency-limits/{name}/override",
    "POST /api/v1/concurrency-limits/{name}/pause",
    "POST /api/v1/concurrency-limits/{name}/reset",
}


def export(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_runs_api.cli", "export-mintlify", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def compile_mdx(files: list[Path], *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["node", str(TESTS / "mdx_compile.mjs"), *flags, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=TESTS,
    )


def mintlify_prebuild(docs: Path) -> subprocess.CompletedProcess:
    """Mintlify's prebuild in strict mode on `docs`, run there: it writes `src/` and `public/`
    into its working folder."""
    return subprocess.run(
        ["node", str(TESTS / "mintlify_prebuild.mjs"), str(docs)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=docs,
    )


def front_matter_operation(page: Path) -> str:
    head = page.read_text(encoding="utf-8").split("---")[1]
    line = next(
        li for li in head.splitlines() if li.startswith(("openapi:", "runs-api-operation:"))
    )
    return json.loads(line.split(":", 1)[1]).split(" ", 1)[1]


@pytest.fixture
def tree(tmp_path) -> Path:
    return Path(shutil.copytree(TRIGGER, tmp_path / "docs"))


@needs_specs
@pytest.mark.slow  # compiles the pages with the npm MDX compiler (node)
@pytest.mark.parametrize("mode", ["stub", "full"])
def test_export_creates_exactly_the_missing_pages(tree, mode):
    before = snapshot(tree)
    result = export(tree / "v3-openapi.yaml", "--docs", tree, "--mode", mode)
    assert result.returncode == 0, result.stderr
    after = snapshot(tree)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed == {"docs.json"}, "existing pages must stay byte-identical"
    created = sorted(set(after) - set(before))
    assert {front_matter_operation(tree / name) for name in created} == MISSING_V3
    assert len(created) == len(MISSING_V3)
    assert "management/runs/list-project.mdx" in created
    assert "management/concurrency-limits/pause.mdx" in created

    docs = json.loads((tree / "docs.json").read_text())
    original = json.loads((TRIGGER / "docs.json").read_text())
    assert list(docs) == list(original)
    assert {k: v for k, v in docs.items() if k != "navigation"} == {
        k: v for k, v in original.items() if k != "navigation"
    }
    groups = docs["navigation"]["dropdowns"][1]["groups"]
    runs = next(g for g in groups if g["group"] == "Runs API")
    assert "management/runs/list-project" in runs["pages"]
    titles = [g["group"] for g in groups]
    assert titles.index("Concurrency limits API") == titles.index("Queues API") + 1
    limits = next(g for g in groups if g["group"] == "Concurrency limits API")
    assert sorted(limits["pages"]) == sorted(
        name.removesuffix(".mdx") for name in created if "concurrency-limits" in name
    )
    original_lines = (TRIGGER / "docs.json").read_text().splitlines()
    new_lines = (tree / "docs.json").read_text().splitlines()
    assert len(new_lines) - len(original_lines) <= 12, "docs.json is edited in place, not reflowed"

    again = export(tree / "v3-openapi.yaml", "--docs", tree, "--mode", mode)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    assert snapshot(tree) == after
    check = export(tree / "v3-openapi.yaml", "--docs", tree, "--check")
    assert check.returncode == 0, check.stdout

    compiled = compile_mdx([tree / name for name in created], "--no-expressions")
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    prebuilt = mintlify_prebuild(tree)
    assert prebuilt.returncode == 0 and "prebuild ok" in prebuilt.stdout, prebuilt.stdout


@pytest.mark.slow  # node
def test_mintlify_prebuild_accepts_a_compact_export_and_rejects_a_dangling_entry(tmp_path):
    """A one-line docs.json after the export passes prebuild's strict mode; the same tree with
    a nav entry that has no page does not (so the acceptance check can fail)."""
    docs = small_tree(tmp_path / "docs", json.dumps(SMALL_NAV, separators=(",", ":")))
    assert export(docs / "pets.yaml", "--docs", docs).returncode == 0
    accepted = mintlify_prebuild(docs)
    assert accepted.returncode == 0 and "prebuild ok" in accepted.stdout, accepted.stdout
    text = (docs / "docs.json").read_text()
    (docs / "docs.json").write_text(text.replace('"api/stores/list"', '"api/stores/gone"'))
    rejected = mintlify_prebuild(docs)
    assert rejected.returncode == 1 and "api/stores/gone" in rejected.stdout, rejected.stdout


@needs_specs
@pytest.mark.slow  # the whole Trigger.dev tree, twice (the quick run keeps under a minute)
def test_check_mode_writes_nothing_and_exits_1(tree):
    before = snapshot(tree)
    result = export(tree / "v3-openapi.yaml", "--docs", tree, "--check")
    assert result.returncode == 1
    assert "would create management/concurrency-limits/" in result.stdout
    assert snapshot(tree) == before


@needs_specs
@pytest.mark.slow  # node
def test_second_spec_gets_its_page_and_existing_pages_compile(tree):
    result = export(tree / "openapi.yml", "--docs", tree)
    assert result.returncode == 0, result.stderr
    created = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("create")]
    assert len(created) == 1
    assert front_matter_operation(tree / created[0]) == "POST /api/v1/events"
    existing = sorted((TRIGGER / "management").rglob("*.mdx"))[:20]
    assert compile_mdx(existing).returncode == 0


HOSTILE = """\
openapi: 3.1.0
info: {title: Hostile, version: "1"}
paths:
  /x/{id}:
    get:
      operationId: x
      summary: "A {summary} with <b>tags</b> and \\"quotes\\""
      description: |
        Text {with} <script>alert(1)</script> braces, an <https://example.com> autolink,
        <!-- a comment -->, `{code}` and [bad](javascript:alert(1)).
      tags: [things]
      parameters:
        - name: id
          in: path
          required: true
          description: "Has {braces} and </ParamField> in it"
          schema: {type: string, default: "{x}"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  "we\\"ird": {type: string, description: "{oops}", enum: ["<a>", "{b}"]}
              example: {"we\\"ird": "{b}"}
"""


@pytest.fixture(scope="module", params=["stub", "full"])
def hostile_export(request, tmp_path_factory) -> Path:
    """A docs folder after `export-mintlify` of `HOSTILE` in each mode, made once per module."""
    docs = tmp_path_factory.mktemp(f"hostile-{request.param}") / "docs"
    docs.mkdir()
    (docs / "hostile.yaml").write_text(HOSTILE)
    (docs / "docs.json").write_text('{\n  "navigation": {\n    "groups": []\n  }\n}\n')
    result = export(docs / "hostile.yaml", "--docs", docs, "--mode", request.param)
    assert result.returncode == 0, result.stderr
    return docs


def test_hostile_spec_text_gives_one_page_without_script(hostile_export):
    docs = hostile_export
    pages = sorted(docs.rglob("*.mdx"))
    assert len(pages) == 1
    body = pages[0].read_text().split("---", 2)[2]
    assert "<script" not in body and "javascript:" not in body
    nav = json.loads((docs / "docs.json").read_text())["navigation"]["groups"]
    assert nav == [
        {"group": "Things", "pages": [pages[0].relative_to(docs).with_suffix("").as_posix()]}
    ]


@pytest.mark.slow  # node
def test_hostile_spec_text_gives_valid_mdx_without_expressions(hostile_export):
    pages = sorted(hostile_export.rglob("*.mdx"))
    compiled = compile_mdx(pages, "--no-expressions")
    assert compiled.returncode == 0, compiled.stdout + pages[0].read_text()


TRIGGER_DOCS_JSON_DIFF = """\
@@ -351 +351,2 @@
-              "management/runs/retrieve-result"
+              "management/runs/retrieve-result",
+              "management/runs/list-project"
@@ -380,0 +382,10 @@
+            ]
+          },
+          {
+            "group": "Concurrency limits API",
+            "pages": [
+              "management/concurrency-limits/list",
+              "management/concurrency-limits/retrieve",
+              "management/concurrency-limits/override",
+              "management/concurrency-limits/pause",
+              "management/concurrency-limits/reset"
"""


def text_diff(before: str, after: str) -> str:
    """Changed lines only (no context), as `diff -U0` prints them without file headers."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return "".join(f"{line}\n" for line in list(lines)[2:])


@needs_specs
@pytest.mark.slow  # the whole Trigger.dev tree (the quick run keeps under a minute)
def test_trigger_docs_json_gets_short_names_beside_queues_one_page_per_line(tree):
    result = export(tree / "v3-openapi.yaml", "--docs", tree)
    assert result.returncode == 0, result.stderr
    before = (TRIGGER / "docs.json").read_text()
    assert text_diff(before, (tree / "docs.json").read_text()) == TRIGGER_DOCS_JSON_DIFF
    stub = (tree / "management/concurrency-limits/pause.mdx").read_text()
    assert stub == (
        '---\ntitle: "Pause or resume a concurrency limit"\n'
        'openapi: "v3-openapi POST /api/v1/concurrency-limits/{name}/pause"\n---\n'
    )


@needs_specs
@pytest.mark.slow  # the quick run has a sibling case
def test_copy_description_puts_the_description_in_stub_pages(tree):
    result = export(tree / "v3-openapi.yaml", "--docs", tree, "--copy-description")
    assert result.returncode == 0, result.stderr
    stub = (tree / "management/concurrency-limits/reset.mdx").read_text()
    assert 'description: "Reset a concurrency limit back to the values declared' in stub


KNOWN_NAME_MISSES = {
    "management/deployments/get-latest": "retrieve-latest",
    "management/envvars/import": "upload",
    "management/query/dashboards": "list-dashboards",
    "management/query/schema": "retrieve-schema",
    "management/queues/concurrency-override": "override-concurrency",
    "management/queues/concurrency-reset": "reset-concurrency",
    "management/schedules/timezones": "retrieve-timezones",
    "management/tasks/trigger-batch": "batch-trigger-by-id",
}
"""The maintainers' names the rule does not give (left-out page -> the name it would get)."""


@needs_specs
@pytest.mark.parametrize("spec_file", ["v3-openapi.yaml", "openapi.yml"])
def test_naming_rule_reproduces_the_maintainers_names(spec_file):
    """Each existing page in turn is taken as missing (verbs learned from the others only):
    the name the export would give it is the maintainers' name for all but the known misses."""
    api = build_api_model(read_spec(TRIGGER / spec_file, LoadOptions()).bundle)
    documented = {
        key: pages
        for key, pages in _documented(TRIGGER, Path(spec_file).stem).items()
        if any(op.key == key for op in api.operations)
    }
    tag_of = {op.key: op.tags[0] for op in api.operations}
    all_pages = {page_id(p, TRIGGER) for p in iter_pages(TRIGGER)}
    misses = {}
    for key, (page,) in documented.items():
        others = {k: v for k, v in documented.items() if k != key}
        targets = {key: posixpath.dirname(page)}
        given = new_page_ids(api.operations, others, targets, tag_of, all_pages - {page})[key]
        if given != page:
            misses[page] = posixpath.basename(given)
    expected = {
        p: n for p, n in KNOWN_NAME_MISSES.items() if p in {v[0] for v in documented.values()}
    }
    assert misses == expected
    hits = len(documented) - len(misses)
    assert (spec_file, hits, len(documented)) in {
        ("v3-openapi.yaml", 52, 60),
        ("openapi.yml", 2, 2),
    }


SMALL_SPEC = """\
openapi: 3.1.0
info: {title: Pets, version: "1"}
tags: [{name: pets}, {name: stores}, {name: users}]
paths:
  /pets:
    get: {operationId: list_pets_v1, summary: List pets, tags: [pets], responses: {"200": OK}}
    post: {operationId: create_pet_v1, summary: Create a pet, tags: [pets], responses: {"200": OK}}
  /stores:
    get: {operationId: list_stores_v1, summary: List stores, tags: [stores], responses: {"200": OK}}
  /users:
    get: {operationId: list_users_v1, summary: List users, tags: [users], responses: {"200": OK}}
""".replace("OK", "{description: ok}")
SITE = {"theme": "mint", "name": "Pets", "colors": {"primary": "#0D9373"}}
"""The least docs.json Mintlify's prebuild accepts, before its navigation."""
SMALL_NAV = {
    **SITE,
    "navigation": {
        "groups": [
            {"group": "Pets API", "pages": ["api/pets/list"]},
            {"group": "Users API", "pages": ["api/users/list"]},
        ]
    },
}


AFTER_EXPORT = {
    **SITE,
    "navigation": {
        "groups": [
            {"group": "Pets API", "pages": ["api/pets/list", "api/pets/create"]},
            {"group": "Stores API", "pages": ["api/stores/list"]},
            {"group": "Users API", "pages": ["api/users/list"]},
        ]
    },
}
"""SMALL_NAV after the export: `create` beside `list`, the new group between its neighbours."""


def small_tree(root: Path, docs_json: str) -> Path:
    """A Mintlify tree with pages for `GET /pets` and `GET /users` and the given docs.json."""
    (root / "api/pets").mkdir(parents=True)
    (root / "api/users").mkdir(parents=True)
    (root / "pets.yaml").write_text(SMALL_SPEC)
    (root / "api/pets/list.mdx").write_text(
        '---\ntitle: "List pets"\nopenapi: "pets GET /pets"\n---\n'
    )
    (root / "api/users/list.mdx").write_text(
        '---\ntitle: "List users"\nopenapi: "pets GET /users"\n---\n'
    )
    (root / "docs.json").write_text(docs_json)
    return root


@pytest.mark.parametrize(
    "docs_json, expected",
    quick_first(
        [
            pytest.param(
                json.dumps(SMALL_NAV, separators=(",", ":")),
                '{"theme":"mint","name":"Pets","colors":{"primary":"#0D9373"},"navigation":{"groups":['
                '{"group":"Pets API","pages":["api/pets/list","api/pets/create"]},'
                '{"group":"Stores API","pages":["api/stores/list"]},'
                '{"group":"Users API","pages":["api/users/list"]}]}}',
                id="compact-one-line",
            ),
            pytest.param(
                json.dumps(SMALL_NAV, indent=4) + "\n",
                json.dumps(
                    AFTER_EXPORT,
                    indent=4,
                )
                + "\n",
                id="indent-4",
            ),
            pytest.param(
                json.dumps(SMALL_NAV, indent="\t").replace("\n", "\r\n"),
                json.dumps(
                    AFTER_EXPORT,
                    indent="\t",
                ).replace("\n", "\r\n"),
                id="tabs-crlf",
            ),
        ]
    ),
)
def test_new_entries_take_the_files_own_style(tmp_path, docs_json, expected):
    docs = small_tree(tmp_path / "docs", docs_json)
    result = export(docs / "pets.yaml", "--docs", docs)
    assert result.returncode == 0, result.stderr
    assert (docs / "docs.json").read_bytes().decode() == expected
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.mdx")) == [
        "api/pets/create.mdx",
        "api/pets/list.mdx",
        "api/stores/list.mdx",
        "api/users/list.mdx",
    ]


@pytest.mark.slow  # the quick run has a sibling case
def test_prettier_style_inline_list_gets_inline_items(tmp_path):
    """A file that keeps short lists on one line (as prettier does) keeps them on one line."""
    text = (
        '{\n  "theme": "mint",\n  "navigation": {\n    "groups": [\n'
        '      {"group": "Pets API", "pages": ["api/pets/list"]},\n'
        '      {"group": "Users API", "pages": ["api/users/list"]}\n'
        "    ]\n  }\n}\n"
    )
    docs = small_tree(tmp_path / "docs", text)
    assert export(docs / "pets.yaml", "--docs", docs).returncode == 0
    assert (docs / "docs.json").read_text() == text.replace(
        '["api/pets/list"]},\n',
        '["api/pets/list", "api/pets/create"]},\n'
        '      {"group": "Stores API", "pages": ["api/stores/list"]},\n',
    )
