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
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from .orphans import die_with_parent

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
    """`[render(item) for item in items]`, with a forked worker sharing the work when `parallel`
    is on and a worker is safe and useful here. Results come back in `items` order.

    The items are cut into chunks of `CHUNK`, and each process takes the next chunk not yet
    taken: when one process runs slower (a busy CPU, pages that cost more), the other takes
    more, and neither waits for the other more than about one chunk's time."""
    if not parallel or len(items) < MIN_ITEMS or not _can_fork():
        return [render(item) for item in items]
    chunks = [range(start, min(start + CHUNK, len(items))) for start in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("fork")
    taken = context.RawValue("i", 0)  # chunks taken by either process (shared memory)
    lock = context.Lock()  # held while a process takes a chunk
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work, args=(items, chunks, render, taken, lock, os.getpid(), sender), daemon=True
    )
    worker.start()
    sender.close()
    results: list = [None] * len(items)
    mine = set()
    try:
        for index in _take(taken, lock, len(chunks), worker.is_alive):
            mine.add(index)
            for i in chunks[index]:
                results[i] = render(items[i])
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
    for index, chunk in enumerate(chunks):
        if index not in mine:
            rendered = theirs.get(index) if theirs else None
            if rendered is None:  # the worker's, lost with it
                rendered = [render(items[i]) for i in chunk]
            for i, result in zip(chunk, rendered, strict=True):
                results[i] = result
    return results


CHUNK = 8
"""Pages per chunk: small enough to keep both processes busy to the end, big enough that
taking one (a lock on shared memory) costs nothing next to rendering it."""


def _take(taken, lock, count: int, other_alive: Callable[[], bool]) -> Iterator[int]:  # noqa: ANN001
    """The indexes of the chunks this process takes, until none is left. If the other process
    dies while it holds the lock, this one goes on without the lock (it is alone now)."""
    while True:
        locked = lock.acquire(timeout=LOCK_WAIT_SECONDS)
        while not locked and other_alive():
            locked = lock.acquire(timeout=LOCK_WAIT_SECONDS)
        try:
            index = taken.value
            taken.value = index + 1
        finally:
            if locked:
                lock.release()
        if index >= count:
            return
        yield index


LOCK_WAIT_SECONDS = 0.5
"""How long to wait for the chunk lock before checking that the other process still lives."""


def _can_fork() -> bool:
    """Linux, no other threads (forking a threaded process can deadlock), a second CPU."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and available_processes() > 1
    )


def _work(items, chunks, render, taken, lock, parent: int, sender) -> None:  # noqa: ANN001
    """The worker: render the chunks it takes, send `{chunk index: results}` (None on failure).
    It is killed if the parent dies (`orphans.die_with_parent`)."""
    die_with_parent(parent)
    try:
        result = {
            index: [render(items[i]) for i in chunks[index]]
            for index in _take(taken, lock, len(chunks), lambda: os.getppid() == parent)
        }
    except BaseException:  # noqa: BLE001 - the parent renders this share again and reports it
        result = None
    try:
        sender.send(result)
        sender.close()
    except OSError:  # the parent is gone
        pass
