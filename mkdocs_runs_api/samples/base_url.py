"""The base URL a generated sample sends its request to.

The operation's first server, its variables filled with their defaults. A server URL without a
host (`/api/v1`, `v1`, or no `servers` at all, which OpenAPI reads as `/`) is relative to where
the spec is served, which a sample cannot know: it is resolved against `code_samples_base_url`
when that is set, else shown after the `{BASE_URL}` placeholder, and the build says which
option fixes it. No host is made up.
"""

from __future__ import annotations

import re

from ..model.types import Server

PLACEHOLDER = "{BASE_URL}"
"""Stands for the API's address in a sample whose server URL has no host."""

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def server_url(servers: list[Server]) -> str | None:
    """The first server's URL with its variables filled (None without servers)."""
    if not servers:
        return None
    url = servers[0].url
    for name, variable in servers[0].variables.items():
        default = variable.get("default", "") if isinstance(variable, dict) else ""
        url = url.replace("{" + str(name) + "}", str(default))
    return re.sub(r"\{[^}]*\}", "x", url)


def has_host(url: str | None) -> bool:
    """Whether a server URL names its host (`https://...`, or `//host/...`)."""
    return url is not None and (bool(_ABSOLUTE.match(url)) or url.startswith("//"))


def sample_base_url(servers: list[Server], configured: str | None) -> str:
    """The base URL of an operation's samples, without a trailing slash.

    `configured` (`code_samples_base_url`) replaces a server that has a host (samples aimed at
    a mock or a staging server) and is the host a relative one is resolved against."""
    url = server_url(servers)
    if has_host(url):
        if configured:
            return configured.rstrip("/")
        return ("https:" + url if url.startswith("//") else url).rstrip("/")
    relative = _relative_path(url or "")
    return (configured.rstrip("/") if configured else PLACEHOLDER) + relative


def _relative_path(url: str) -> str:
    """A relative server URL as a path after the base: `v1`, `./v1` and `/v1/` give `/v1`."""
    path = url.strip()
    while path.startswith("./"):
        path = path[2:]
    path = path.strip("/")
    return "" if path in ("", ".") else "/" + path


def hostless_problem(servers: list[Server]) -> str | None:
    """Why an operation's samples have no host, or None when they have one."""
    url = server_url(servers)
    if url is None:
        return "the spec has no `servers`"
    if not has_host(url):
        return f"its server URL `{servers[0].url}` is relative"
    return None
