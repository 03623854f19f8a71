"""`mkdocs.yml` edited as text, so that the user's comments, order and quoting stay: only the
reference's nav entry (between two marker comments) and its stylesheet and script links
change. Zensical reads the nav from `mkdocs.yml` only (it ignores `.nav.yml` and
`SUMMARY.md`), so the nav has to be there."""

from __future__ import annotations

import re

import yaml

from ..errors import SpecError


def nav_markers(prefix: str) -> tuple[str, str]:
    """The comments around the nav entry of the reference under `prefix` (one pair for each
    `runs-api` instance of a site)."""
    return (
        f"# runs-api generated nav of {prefix}/: begin (rewritten by `mkdocs-runs-api generate`)",
        f"# runs-api generated nav of {prefix}/: end",
    )


LINK_NOTE = "  # runs-api generated"


def top_level_block(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines of `key:` and its value (start, end), or `None` without that key."""
    head = re.compile(rf"^{re.escape(key)}\s*:")
    for start, line in enumerate(lines):
        if head.match(line):
            end = start + 1
            while end < len(lines) and _continues(lines[end]):
                end += 1
            while end - 1 > start and not lines[end - 1].strip():
                end -= 1
            return start, end
    return None


def _continues(line: str) -> bool:
    """Whether `line` belongs to the value of the top-level key above it."""
    return not line.strip() or line[0] in " \t-#" or line.startswith("]")


def nav_lines(entry: dict, indent: str, prefix: str) -> list[str]:
    """The marked nav entry (`{title: [...]}`) as list-item lines at `indent`."""
    dumped = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=1000)
    body = [indent + line if line else line for line in dumped.splitlines()]
    begin, end = nav_markers(prefix)
    return [indent + begin, *body, indent + end]


def set_nav(text: str, entry: dict, prefix: str, file: str = "mkdocs.yml") -> str:
    """`text` with the reference's nav entry replaced by `entry`: between the markers, or in
    place of an entry pointing at the prefix (`- API: api/`), or else at the end of `nav:`.
    Without a `nav:`, `text` is returned as it is (the generators list the pages themselves)."""
    lines = text.splitlines()
    block = top_level_block(lines, "nav")
    if block is None:
        return text
    start, end = block
    if lines[start].split(":", 1)[1].split("#", 1)[0].strip():
        raise SpecError(
            "`nav:` is written on one line (flow style), which generate cannot edit in place",
            file=file,
            line=start + 1,
            hint="Write it as a block list, one `- Title: page.md` per line",
        )
    found = _marked_span(lines, start, end, prefix) or _prefix_entry(lines, start, end, prefix)
    if found is not None:
        first, last, indent, title = found
        entry = {title: next(iter(entry.values()))} if title else entry
    else:
        first = last = end
        indent = _item_indent(lines, start, end)
    new = lines[:first] + nav_lines(entry, indent, prefix) + lines[last:]
    return "\n".join(new) + "\n"


def _marked_span(lines: list[str], start: int, end: int, prefix: str):
    """The marked entry's lines (first, after-last, indent, title=None), if there is one."""
    begin_mark, end_mark = nav_markers(prefix)
    begin = next((i for i in range(start, end) if lines[i].strip() == begin_mark), None)
    if begin is None:
        return None
    close = next((i for i in range(begin, end) if lines[i].strip() == end_mark), None)
    if close is None:
        return None
    indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
    return begin, close + 1, indent, _title(lines[begin + 1 : close], indent)


def _title(lines: list[str], indent: str) -> str | None:
    """The title of the marked entry (the user may have changed it)."""
    try:
        loaded = yaml.safe_load("\n".join(line.removeprefix(indent) for line in lines))
    except yaml.YAMLError:
        return None
    if isinstance(loaded, list) and loaded and isinstance(loaded[0], dict):
        return next(iter(loaded[0]))
    return None


def _prefix_entry(lines: list[str], start: int, end: int, prefix: str):
    """The line `- Title: api/` (or `- api/`, `api/index.md`) and its title."""
    target = rf"['\"]?/?{re.escape(prefix)}(/|/index\.md)?['\"]?"
    pattern = re.compile(rf"^(\s*)-\s+(?:(?P<title>[^#:]+?)\s*:\s+)?{target}\s*(#.*)?$")
    for i in range(start + 1, end):
        match = pattern.match(lines[i])
        if match:
            title = match.group("title")
            return i, i + 1, match.group(1), title and yaml.safe_load(title)
    return None


def _item_indent(lines: list[str], start: int, end: int) -> str:
    for line in lines[start + 1 : end]:
        if line.lstrip().startswith("- "):
            return line[: len(line) - len(line.lstrip())]
    return "  "


def add_link(text: str, key: str, uri: str) -> str:
    """`text` with `uri` in the list `key` (`extra_css`, `extra_javascript`), unless it is
    there already: a new item line (block list), a new element (flow list), or a new key."""
    lines = text.splitlines()
    block = top_level_block(lines, key)
    if block is None:
        return text.rstrip("\n") + f"\n{key}:\n  - {uri}{LINK_NOTE}\n"
    start, end = block
    if uri in _link_values(lines[start:end]):
        return text
    head = lines[start]
    if "[" in head:
        lines[start] = re.sub(r"\]\s*(#.*)?$", lambda m: f", {uri}]" + (m.group(1) or ""), head)
        lines[start] = lines[start].replace("[, ", "[")
    else:
        lines.insert(end, f"{_item_indent(lines, start, end)}- {uri}{LINK_NOTE}")
    return "\n".join(lines) + "\n"


def _link_values(lines: list[str]) -> list[str]:
    try:
        loaded = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError:
        return []
    values = next(iter(loaded.values()), None) or [] if isinstance(loaded, dict) else []
    return [v if isinstance(v, str) else (v or {}).get("path") for v in values]
