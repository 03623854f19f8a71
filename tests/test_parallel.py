"""Rendering in two processes gives the same pages as one, and survives a failing worker."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from mkdocs_runs_api import parallel
from mkdocs_runs_api.pipeline import ReferenceOptions, generate_reference

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import synthetic_spec  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the worker process is used on Linux only"
)


@pytest.fixture(scope="module")
def big_spec(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spec") / "spec.json"
    path.write_text(json.dumps(synthetic_spec(parallel.MIN_ITEMS + 40)))
    return path


def _pages(spec: Path, parallel_render: bool) -> dict[str, str]:
    reference = generate_reference(spec, ReferenceOptions(parallel=parallel_render))
    return {page.src_uri: page.markdown for page in reference.pages}


def test_two_processes_render_the_same_pages_as_one(big_spec, monkeypatch):
    workers = []
    real_render_all = parallel.render_all

    def counting(items, render, parallel_render):
        workers.append(parallel_render)
        return real_render_all(items, render, parallel_render)

    monkeypatch.setattr("mkdocs_runs_api.pipeline.render_all", counting)
    monkeypatch.setattr(parallel, "available_processes", lambda: 2)
    both = _pages(big_spec, True)
    one = _pages(big_spec, False)
    assert workers == [True, False]
    assert list(both) == list(one) and both == one


def test_a_worker_that_fails_leaves_its_share_to_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "available_processes", lambda: 2)
    parent = os.getpid()

    def render(item: int) -> str:
        if os.getpid() != parent:
            raise RuntimeError("worker failed")
        return f"page {item}"

    items = list(range(parallel.MIN_ITEMS + 1))
    assert parallel.render_all(items, render, True) == [f"page {i}" for i in items]


def test_a_worker_really_renders_its_share(monkeypatch):
    monkeypatch.setattr(parallel, "available_processes", lambda: 2)
    parent = os.getpid()
    items = list(range(parallel.MIN_ITEMS))
    pids = parallel.render_all(items, lambda item: str(os.getpid()), True)
    assert pids[0::2] == [str(parent)] * len(pids[0::2])
    assert len(set(pids[1::2])) == 1 and pids[1] != str(parent)
