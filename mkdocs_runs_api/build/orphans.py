"""Workers never outlive the build that started them.

A render or code worker killed with its parent is the kernel's job on Linux: `prctl`'s
`PR_SET_PDEATHSIG` sends the worker SIGKILL when its parent goes, however it goes (an
out-of-memory kill, Ctrl-C twice, `kill -9`). Elsewhere the worker only checks that its parent
is still there when it starts; the forked render worker also checks whenever it takes work
(`parallel._take`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
"""From `<linux/prctl.h>`."""


def die_with_parent(parent: int) -> None:
    """Have this process killed when `parent` (the process that started it) ends; if it has
    already ended, exit now.

    The signal comes when the parent's *thread* that started this process ends: call it only
    in workers started from a thread that lives as long as the build (the main thread, or
    `mkdocs serve`'s build thread)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc to ask: the check below still runs
            pass
    if os.getppid() != parent:
        os._exit(1)
