"""What Material content tabs need from the site's Markdown configuration."""

from __future__ import annotations

TAB_EXTENSIONS_YAML = """\
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
theme:
  features:
    - content.tabs.link   # optional: picking Python once picks it on every page"""


def missing_tab_extensions(extensions: list[str], configs: dict) -> list[str]:
    """The tab requirements the site lacks, as `mkdocs.yml` would spell them."""
    missing = []
    if "pymdownx.superfences" not in extensions:
        missing.append("pymdownx.superfences")
    if "pymdownx.tabbed" not in extensions:
        missing.append("pymdownx.tabbed")
    elif not (configs.get("pymdownx.tabbed") or {}).get("alternate_style"):
        missing.append("pymdownx.tabbed: {alternate_style: true}")
    return missing
