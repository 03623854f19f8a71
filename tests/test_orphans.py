"""A worker never outlives the build that started it: the parent is killed (as an
out-of-memory kill would), and its workers are gone a moment later."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the workers are used on Linux only"
)

RENDER_PARENT = """
import os, sys, time
from mkdocs_runs_api.build import parallel

def render(item):
    if os.getpid() != PARENT:
        print("worker", os.getpid(), flush=True)
    time.sleep(0.05)
    return item

PARENT = os.getpid()
parallel.render_all(list(range(parallel.MIN_ITEMS * 4)), render, True)
"""

CODE_PARENT = """
import os, time
from mkdocs_runs_api.build.code_html import CodeHtml, MIN_BLOCKS

code = CodeHtml()
fence = "```python\\n" + "x = [1, 2, 3]  # a line\\n" * 40 + "```"
code.start({f"p{n}.md": [fence] * 50 for n in range(MIN_BLOCKS // 5)},
           ["pymdownx.highlight", "pymdownx.superfences"])
print("worker", code._worker.pid, flush=True)
time.sleep(60)
"""


def _kill_parent_and_find(script: str) -> tuple[int, bool]:
    """Start `script`, read its worker's pid, SIGKILL the script, and say whether the worker
    still runs a second later."""
    parent = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        line = parent.stdout.readline()
        assert line.startswith("worker "), line
        worker = int(line.split()[1])
        time.sleep(0.3)  # the worker is at work
        assert _running(worker)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 1.0
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _running(worker)
    if alive:
        os.kill(worker, signal.SIGKILL)  # leave nothing behind, then fail
    return worker, alive


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (one nobody has reaped yet is dead)."""
    status = Path(f"/proc/{pid}/status")
    try:
        state = next(line for line in status.read_text().splitlines() if line.startswith("State"))
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "zombie" not in state


def test_the_render_worker_dies_with_its_parent():
    worker, alive = _kill_parent_and_find(RENDER_PARENT)
    assert not alive, f"render worker {worker} outlived its parent"


def test_the_code_worker_dies_with_its_parent():
    worker, alive = _kill_parent_and_find(CODE_PARENT)
    assert not alive, f"code worker {worker} outlived its parent"
