"""Which versions the changelog compares: the commits that changed the spec's files (newest
first) and the working copy when it differs from the last one, or one configured base.

Versions are read one pair at a time (a big spec is hundreds of MB in memory), and a release
between two commits is remembered for the rest of the process, so `mkdocs serve` compares
only what is not committed again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..diff import compare_bundles
from ..diff.base import base_spec, git_text, spec_at_revision
from ..spec.input import read_spec
from ..spec.resolve import SpecBundle
from ..spec.walk import iter_operations
from .model import Changelog, ChangelogOptions, Entry, Release, badges, entries

_RELEASES: dict[tuple[str, str, str], tuple[Entry, ...]] = {}
"""`(spec file, old commit, new commit)` -> that release's entries, for later builds."""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str
    subject: str


def build_changelog(
    spec_path: Path, current: SpecBundle, options: ChangelogOptions, project: Path
) -> Changelog:
    """The changelog of the spec at `spec_path`, whose loaded files are `current`."""
    if options.git:
        return _from_git(spec_path, current, options)
    return _from_base(current, options, project)


def _from_base(current: SpecBundle, options: ChangelogOptions, project: Path) -> Changelog:
    base = str(options.base)
    with base_spec(base, cwd=project) as path:
        old = read_spec(path, lenient=True).bundle
    changes = compare_bundles(old, current)
    release = Release(f"Since {base}", "since-base", entries=entries(changes))
    found = badges(changes, [release]) if options.badges else {}
    return Changelog(options.title, base, [release], found)


def _from_git(spec_path: Path, current: SpecBundle, options: ChangelogOptions) -> Changelog:
    folder = spec_path.parent
    commits = _commits(folder, _pathspecs(current, folder), options.git + 1)
    releases: list[Release] = []
    if not commits:
        return Changelog(options.title, "", [])
    with tempfile.TemporaryDirectory(prefix="runs-api-changelog-") as scratch:
        versions = _Versions(spec_path, Path(scratch))
        if _uncommitted(folder, _pathspecs(current, folder)):
            changed = entries(compare_bundles(versions.load(commits[0]), current))
            releases.append(Release("Not committed yet", "uncommitted", entries=changed))
        for index, commit in enumerate(commits[: options.git]):
            if index + 1 == len(commits):
                count = sum(1 for _ in iter_operations(versions.load(commit)))
                shallow = _is_shallow(folder)
                releases.append(_release(commit, (), first=True, operations=count, shallow=shallow))
                break
            older = commits[index + 1]
            key = (str(spec_path.resolve()), older.sha, commit.sha)
            if key not in _RELEASES:
                pair = versions.load(older), versions.load(commit)
                _RELEASES[key] = entries(compare_bundles(*pair))
            releases.append(_release(commit, _RELEASES[key]))
        oldest = versions.load(commits[-1])
        found = badges(compare_bundles(oldest, current), releases) if options.badges else {}
    return Changelog(options.title, commits[-1].sha[:7], releases, found)


def _release(commit: Commit, found: tuple[Entry, ...], **more) -> Release:
    title = f"{commit.date} · {commit.subject}" if commit.subject else commit.date
    return Release(
        title, f"commit-{commit.sha[:7]}", commit.date, commit.sha, commit.subject, found, **more
    )


def _commits(folder: Path, pathspecs: list[str], count: int) -> list[Commit]:
    log = git_text(
        ["log", f"-n{count}", "--format=%H%x09%as%x09%s", "--", *pathspecs],
        str(folder),
        cwd=folder,
    )
    return [Commit(*(line.split("\t", 2) + ["", ""])[:3]) for line in log.splitlines() if line]


def _is_shallow(folder: Path) -> bool:
    answer = git_text(["rev-parse", "--is-shallow-repository"], str(folder), cwd=folder)
    return answer.strip() == "true"


def _uncommitted(folder: Path, pathspecs: list[str]) -> bool:
    status = git_text(["status", "--porcelain", "--", *pathspecs], str(folder), cwd=folder)
    return bool(status.strip())


def _pathspecs(bundle: SpecBundle, folder: Path) -> list[str]:
    """The spec's files on disk, relative to `folder` (the root first)."""
    return [os.path.relpath(file, folder) for file in bundle.local_files]


class _Versions:
    """The spec at a commit, read from git; the last two read are kept."""

    def __init__(self, spec_path: Path, scratch: Path) -> None:
        self.spec_path, self.scratch = spec_path, scratch
        self._loaded: dict[str, SpecBundle] = {}

    def load(self, commit: Commit) -> SpecBundle:
        bundle = self._loaded.get(commit.sha)
        if bundle is None:
            into = self.scratch / commit.sha
            path = spec_at_revision(
                commit.sha,
                self.spec_path.name,
                into,
                shown=str(self.spec_path),
                cwd=self.spec_path.parent,
            )
            bundle = read_spec(path, lenient=True).bundle
            if len(self._loaded) >= 2:
                self._loaded.pop(next(iter(self._loaded)))
            self._loaded[commit.sha] = bundle
        return bundle
