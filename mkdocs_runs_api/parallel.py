"""Render pages in two processes where that is safe and worth it.

Rendering is pure Python and holds the GIL, so threads do not help; a forked worker does, and
inherits the loaded spec and the model without copying or pickling them. Only the worker's
results (its pages' Markdown and notes) come back, through a pipe. Forking is used only where
it is safe: on Linux, in a process running no other threads (`mkdocs build` and the CLI; not
`mkdocs serve`, whose render cache makes rebuilds cheap anyway). If the worker fails for any
reason, this process renders its share itself, so errors surface here, as they would without a
worker.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200
"""Below this many pages a worker costs more than it saves."""


def available_processes() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return 1


def render_all(
    items: Sequence[Item], render: Callable[[Item], Result], parallel: bool
) -> list[Result]:
    """`[render(item) for item in items]`, with a forked worker rendering every other item when
    `parallel` is on and a worker is safe and useful here. Results come back in `items` order."""
    if not parallel or len(items) < MIN_ITEMS or not _can_fork():
        return [render(item) for item in items]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(items[1::2], render, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        mine = [render(item) for item in items[0::2]]
    except BaseException:
        worker.terminate()  # nobody will read its share
        worker.join()
        receiver.close()
        raise
    try:
        theirs = receiver.recv()
    except (EOFError, OSError):
        theirs = None  # the worker died (killed, out of memory): render its share here
    finally:
        receiver.close()
        worker.join()
    if theirs is None:
        theirs = [render(item) for item in items[1::2]]
    merged: list = [None] * len(items)
    merged[0::2], merged[1::2] = mine, theirs
    return merged


def _can_fork() -> bool:
    """Linux, no other threads (forking a threaded process can deadlock), a second CPU."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and available_processes() > 1
    )


def _work(items: Sequence[Item], render: Callable[[Item], Result], sender) -> None:  # noqa: ANN001
    try:
        result = [render(item) for item in items]
    except BaseException:  # noqa: BLE001 - the parent renders this share again and reports it
        result = None
    sender.send(result)
    sender.close()
