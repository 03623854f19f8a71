"""Rendering in two processes gives the same pages as one, and survives a failing worker."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from mkdocs_runs_api.build import parallel
from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference

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

    monkeypatch.setattr("mkdocs_runs_api.build.pipeline.render_all", counting)
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
    parent = str(os.getpid())
    items = list(range(parallel.MIN_ITEMS))

    def render(item: int) -> str:
        time.sleep(0.002)  # long enough that both processes take chunks
        return f"{item} {os.getpid()}"

    results = parallel.render_all(items, render, True)
    assert [int(result.split()[0]) for result in results] == items  # in order
    pids = [result.split()[1] for result in results]
    assert parent in pids and len(set(pids)) == 2
    for start in range(0, len(items), parallel.CHUNK):  # each chunk in one process
        assert len(set(pids[start : start + parallel.CHUNK])) == 1


def test_a_slow_worker_leaves_more_of_the_work_to_this_process(monkeypatch):
    """Chunks go to whichever process is free: a worker ten times slower renders far less
    than half (it rendered every other page before)."""
    monkeypatch.setattr(parallel, "available_processes", lambda: 2)
    parent = os.getpid()
    items = list(range(parallel.MIN_ITEMS * 2))

    def render(item: int) -> int:
        time.sleep(0.001 if os.getpid() == parent else 0.01)
        return os.getpid()

    pids = parallel.render_all(items, render, True)
    assert pids.count(parent) > 0.75 * len(items)
    assert len(set(pids)) == 2


def test_a_worker_that_dies_midway_leaves_its_chunks_to_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "available_processes", lambda: 2)
    parent = os.getpid()
    items = list(range(parallel.MIN_ITEMS * 2))

    def render(item: int) -> str:
        time.sleep(0.001)
        if os.getpid() != parent and item > parallel.MIN_ITEMS // 2:
            os._exit(1)  # killed: no exception, no message
        return f"page {item}"

    assert parallel.render_all(items, render, True) == [f"page {i}" for i in items]


@pytest.mark.slow  # ~3 s waiting for a lock nobody will release
def test_a_worker_that_dies_holding_the_chunk_lock_does_not_stop_this_process(monkeypatch):
    """The lock is in shared memory and nobody releases it for a dead process: this one
    notices the worker is gone and goes on alone (an alarm fails the test instead of hanging)."""
    monkeypatch.setattr(parallel, "available_processes", lambda: 2)
    monkeypatch.setattr(parallel, "LOCK_WAIT_SECONDS", 0.05)

    def dies_holding_the_lock(items, chunks, render, taken, lock, parent, sender):  # noqa: ANN001
        lock.acquire()
        os._exit(1)

    monkeypatch.setattr(parallel, "_work", dies_holding_the_lock)
    items = list(range(parallel.MIN_ITEMS * 2))

    def render(item: int) -> str:
        time.sleep(0.001)
        return f"page {item}"

    def hung(signum, frame):  # noqa: ANN001
        raise TimeoutError("render_all waited for a lock held by a dead worker")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        assert parallel.render_all(items, render, True) == [f"page {i}" for i in items]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
