"""The "API changelog" page: what changed in the spec, release by release, from the same
comparison as `check --base` (`diff`). The versions come from the spec file's git history (the
last N commits that changed it, and what is not committed yet) or from one configured base;
each operation added, changed or deprecated since the oldest of them gets a badge on its page.

`build_changelog` returns plain data (`Changelog`); the `changelog.md.jinja` template writes it.
"""

from __future__ import annotations

from .history import build_changelog
from .model import Badge, Changelog, ChangelogOptions, Entry, Release

__all__ = ["Badge", "Changelog", "ChangelogOptions", "Entry", "Release", "build_changelog"]
