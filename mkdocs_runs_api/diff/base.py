"""Where the old version of a spec comes from: a file, or a git revision (`origin/main:api.yaml`)
whose spec files are copied out of git into a temporary folder, so its relative `$ref`s resolve."""

from __future__ import annotations

import io
import posixpath
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import SpecError

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


@contextmanager
def base_spec(argument: str) -> Iterator[Path]:
    """The old spec's path: `argument` itself when it is a file, else `REVISION:PATH` read from
    the git repository of the working directory (PATH relative to it, as `git show` reads
    `REV:./PATH`)."""
    if Path(argument).is_file():
        yield Path(argument)
        return
    revision, colon, path = argument.partition(":")
    if not colon or not revision or not path:
        raise SpecError(
            "base spec not found",
            file=argument,
            hint="Pass a file, or a git revision and path such as origin/main:openapi.yaml",
        )
    with tempfile.TemporaryDirectory(prefix="runs-api-base-") as folder:
        yield spec_at_revision(revision, path, Path(folder), shown=argument)


def spec_at_revision(revision: str, path: str, into: Path, *, shown: str = "") -> Path:
    """Copy the spec files of `path`'s folder at `revision` into `into`; the root file's path
    there. `path` is relative to the working directory."""
    prefix = _git(["rev-parse", "--show-prefix"], shown or path).strip()
    in_repo = posixpath.normpath(posixpath.join(prefix, path))
    folder = posixpath.dirname(in_repo)
    listing = _git(
        ["ls-tree", "-r", "--name-only", revision, "--", folder or "."], shown, cwd_root=True
    )
    files = [name for name in listing.splitlines() if name.endswith(SPEC_SUFFIXES)]
    if in_repo not in files:
        raise SpecError(
            f"{in_repo} is not in git revision {revision}",
            file=shown or path,
            hint="Name a file that the revision has (git ls-tree -r REVISION lists them)",
        )
    archive = _git_bytes(["archive", "--format=tar", revision, "--", *files], shown, cwd_root=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / in_repo


def _git(arguments: list[str], shown: str, *, cwd_root: bool = False) -> str:
    return _git_bytes(arguments, shown, cwd_root=cwd_root).decode("utf-8", "replace")


def _git_bytes(arguments: list[str], shown: str, *, cwd_root: bool = False) -> bytes:
    command = ["git", *arguments]
    cwd = None
    if cwd_root:
        cwd = _git_bytes(["rev-parse", "--show-toplevel"], shown).decode().strip()
    try:
        done = subprocess.run(command, capture_output=True, check=False, cwd=cwd)
    except FileNotFoundError:
        raise SpecError(
            "git is not installed", file=shown, hint="Pass the old spec as a file"
        ) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpecError(
            f"git could not read it: {reason[0] if reason else 'git ' + arguments[0] + ' failed'}",
            file=shown,
            hint="Pass a file, or REVISION:PATH inside this repository (origin/main:openapi.yaml)",
        )
    return done.stdout
