"""The files `generate` owns: each carries a marker, and only marked files are rewritten or
removed; a user's file at a generated path is kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__

MARKER_KEY = "runs_api_generated"
"""The front matter key (in pages) or the comment's first word (in the stylesheet and script)."""
MARKER_LINES = 12
"""How many first lines are searched for the marker."""
ASSET_NOTE = "written by `mkdocs-runs-api generate`: edit the template, not this file"


def mark_page(markdown: str) -> str:
    """`markdown` with the marker in its front matter (front matter added if it has none)."""
    marker = f"{MARKER_KEY}: {__version__}\n"
    if markdown.startswith("---\n"):
        return "---\n" + marker + markdown[4:]
    return "---\n" + marker + "---\n\n" + markdown


def mark_asset(text: str, suffix: str) -> str:
    """A stylesheet, script or HTML page with the marker in a first-line comment."""
    comment = f"{MARKER_KEY}: {__version__}, {ASSET_NOTE}"
    if suffix == ".html":
        return f"<!-- {comment} -->\n" + text
    return (f"/* {comment} */\n" if suffix == ".css" else f"// {comment}\n") + text


def mark_data(json_text: str) -> str:
    """A try-it console's JSON object with the marker as its first member, on its own line."""
    return f'{{"{MARKER_KEY}": "{__version__}",\n' + json_text.removeprefix("{")


def is_owned(path: Path) -> bool:
    """Whether the file at `path` carries the marker (was written by `generate`)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            head = [stream.readline() for _ in range(MARKER_LINES)]
    except OSError:
        return False
    starts = (f"{MARKER_KEY}:", f'{MARKER_KEY}":')  # a page, an asset; a console's JSON
    return any(line.lstrip('/*{"<!- ').startswith(starts) for line in head)


def owned_files(folder: Path) -> list[Path]:
    """The marked files under `folder` (pages, stylesheets, scripts, consoles' data)."""
    if not folder.is_dir():
        return []
    kinds = (".md", ".css", ".js", ".json", ".html")
    found = (p for p in folder.rglob("*") if p.suffix in kinds and p.is_file())
    return sorted(p for p in found if is_owned(p))


@dataclass
class Plan:
    """What one `generate` run writes and removes, relative to the site's folder."""

    write: dict[Path, str] = field(default_factory=dict)
    """New or changed files and their text."""
    remove: list[Path] = field(default_factory=list)
    """Files `generate` wrote earlier that are no longer generated."""
    kept: list[Path] = field(default_factory=list)
    """The user's own files at a generated path: left alone."""
    unchanged: int = 0


def plan_files(folder: Path, wanted: dict[Path, str]) -> Plan:
    """How to make `folder` hold `wanted` (absolute path -> marked text)."""
    plan = Plan()
    for path, text in wanted.items():
        if not path.exists():
            plan.write[path] = text
        elif not is_owned(path):
            plan.kept.append(path)
        elif path.read_text(encoding="utf-8") != text:
            plan.write[path] = text
        else:
            plan.unchanged += 1
    plan.remove = [p for p in owned_files(folder) if p not in wanted]
    return plan


def apply_files(plan: Plan, folder: Path) -> None:
    """Write and remove what `plan` says; folders under `folder` left empty go too."""
    for path, text in plan.write.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in plan.remove:
        path.unlink()
        parent = path.parent
        while parent != folder and folder in parent.parents and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
