"""`export-mintlify` on a copy of the real Trigger.dev Mintlify tree: pages exactly for the
operations that have none, in the right groups, every existing file byte-identical, a second run
a no-op; every generated page compiles with the reference MDX compiler."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED_SPECS, needs_specs

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
    assert "management/runs/list-project-runs.mdx" in created

    docs = json.loads((tree / "docs.json").read_text())
    original = json.loads((TRIGGER / "docs.json").read_text())
    assert list(docs) == list(original)
    assert {k: v for k, v in docs.items() if k != "navigation"} == {
        k: v for k, v in original.items() if k != "navigation"
    }
    groups = docs["navigation"]["dropdowns"][1]["groups"]
    runs = next(g for g in groups if g["group"] == "Runs API")
    assert "management/runs/list-project-runs" in runs["pages"]
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


@needs_specs
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
