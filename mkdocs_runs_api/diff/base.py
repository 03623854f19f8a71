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
def base_spec(argument: str, cwd: Path | None = None) -> Iterator[Path]:
    """The old spec's path: `argument` itself when it is a file (relative to `cwd`, default the
    working directory), else `REVISION:PATH` read from the git repository there (PATH relative
    to `cwd`, as `git show` reads `REV:./PATH`)."""
    as_file = Path(cwd or ".") / argument
    if as_file.is_file():
        yield as_file
        return
    revision, colon, path = argument.partition(":")
    if not colon or not revision or not path:
        raise SpecError(
            "base spec not found",
            file=argument,
            hint="Pass a file, or a git revision and path such as origin/main:openapi.yaml",
        )
    with tempfile.TemporaryDirectory(prefix="runs-api-base-") as folder:
        yield spec_at_revision(revision, path, Path(folder), shown=argument, cwd=cwd)


def spec_at_revision(
    revision: str, path: str, into: Path, *, shown: str = "", cwd: Path | None = None
) -> Path:
    """Copy the spec files of `path`'s folder at `revision` into `into`; the root file's path
    there. `path` is relative to `cwd` (default: the working directory)."""
    shown = shown or path
    prefix = git_text(["rev-parse", "--show-prefix"], shown, cwd=cwd).strip()
    in_repo = posixpath.normpath(posixpath.join(prefix, path))
    folder = posixpath.dirname(in_repo)
    listing = git_text(
        ["ls-tree", "-r", "--name-only", revision, "--", folder or "."], shown, cwd=cwd, root=True
    )
    files = [name for name in listing.splitlines() if name.endswith(SPEC_SUFFIXES)]
    if in_repo not in files:
        raise SpecError(
            f"{in_repo} is not in git revision {revision}",
            file=shown or path,
            hint="Name a file that the revision has (git ls-tree -r REVISION lists them)",
        )
    archive = _git_bytes(
        ["archive", "--format=tar", revision, "--", *files], shown, cwd=cwd, root=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / in_repo


def git_text(arguments: list[str], shown: str, *, cwd: Path | None = None, root: bool = False):
    """What `git ARGUMENTS` prints, run in `cwd` (or its repository's top folder, with `root`);
    a `SpecError` naming `shown` when git fails."""
    return _git_bytes(arguments, shown, cwd=cwd, root=root).decode("utf-8", "replace")


def _git_bytes(
    arguments: list[str], shown: str, *, cwd: Path | None = None, root: bool = False
) -> bytes:
    command = ["git", *arguments]
    if root:
        cwd = Path(_git_bytes(["rev-parse", "--show-toplevel"], shown, cwd=cwd).decode().strip())
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
