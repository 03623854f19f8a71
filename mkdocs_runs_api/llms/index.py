"""The llms.txt text (llmstxt.org): `# site`, `> summary`, a line per API, then one
`## group` section per group of every API, one `- [title](url): line` per operation."""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import plain_line


@dataclass(frozen=True)
class Entry:
    """One operation: its title, the URL of its Markdown twin, and one line about it."""

    title: str
    url: str
    line: str


@dataclass
class ApiSection:
    """What one instance of the plugin (one spec) contributes to a site's llms.txt."""

    title: str
    version: str
    summary: str
    """The API description's first sentence (may be empty)."""
    reference_url: str
    """The overview page of its reference."""
    spec_url: str | None
    """The OpenAPI document as copied into the site (None if it could not be)."""
    groups: list[tuple[str, list[Entry]]] = field(default_factory=list)
    """Group title -> its operations, in nav order; every operation page once."""

    @property
    def operations(self) -> int:
        return sum(len(entries) for _, entries in self.groups)


def llms_txt(site_name: str, site_description: str, sections: list[ApiSection]) -> str:
    """The file: the site and its APIs first, then the groups of each API."""
    summary = site_description or (sections[0].summary if len(sections) == 1 else "")
    lines = [f"# {plain_line(site_name) or 'API reference'}", ""]
    if summary:
        lines += [f"> {plain_line(summary)}", ""]
    lines += [api_line(section) for section in sections]
    for section in sections:
        for title, entries in section.groups:
            heading = title if len(sections) == 1 else f"{section.title}: {title}"
            lines += ["", f"## {plain_line(heading)}", ""]
            lines += [entry_line(entry) for entry in entries]
    return "\n".join(lines) + "\n"


def api_line(section: ApiSection) -> str:
    """`- The X API (version 1): summary. Reference: ...; OpenAPI document: ...`."""
    name = plain_line(section.title) or "The API"
    if not name.lower().endswith("api"):
        name += " API"
    version = f" (version {plain_line(section.version)})" if section.version else ""
    text = f"- [{_link_text(name)}{version}]({section.reference_url})"
    text += f": {plain_line(section.summary)}" if section.summary else ":"
    count = f"{section.operations} operation" + ("" if section.operations == 1 else "s")
    text += f" {count}, each with a Markdown page listed below."
    if section.spec_url:
        name = section.spec_url.rstrip("/").rsplit("/", 1)[-1]
        text += f" OpenAPI document: [{_link_text(name)}]({section.spec_url})."
    return text


def entry_line(entry: Entry) -> str:
    return f"- [{_link_text(entry.title)}]({entry.url}): {entry.line}"


def _link_text(text: str) -> str:
    return plain_line(text).replace("[", "\\[").replace("]", "\\]")
