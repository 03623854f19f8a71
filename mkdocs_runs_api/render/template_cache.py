"""Compiled templates kept between runs (Jinja's bytecode cache), in the user's cache folder.

Compiling the operation page's templates took ~0.3 s of every build and CLI run, before any page
was rendered (on GitHub's spec, 7% of `render`'s time). Jinja keys each compiled template by its
name and file and checks its source's checksum and the Python version when loading it, so an
edited or custom template is compiled again; a folder per Jinja version keeps versions apart.
Where the cache folder cannot be written, templates are compiled as before.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

CACHE_ENV = "XDG_CACHE_HOME"
"""Where the user keeps caches (default `~/.cache`)."""


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The cache of compiled templates, or None when its folder cannot be written."""
    try:
        root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache")
        folder = root / "mkdocs-runs-api" / f"jinja-{jinja2.__version__}"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
