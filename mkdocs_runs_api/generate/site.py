"""The site `generate` writes into: `mkdocs.yml`'s `docs_dir`, Markdown extensions and the
`runs-api` plugin entry, validated with the plugin's own `RunsApiConfig`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from ..build.options import reference_options
from ..build.pipeline import ReferenceOptions
from ..config import RunsApiConfig
from ..errors import SpecError
from ..layout.prefixes import prefix_collision
from ..samples.extensions import missing_tab_extensions

PLUGIN_NAME = "runs-api"
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always enables."""


@dataclass(frozen=True)
class Site:
    """What `generate` needs of one `mkdocs.yml`."""

    config_file: Path
    docs_dir: Path
    options: ReferenceOptions
    spec: Path
    prefix: str
    nav_title: str
    custom_templates: Path | None
    has_nav: bool


def read_site(config_file: Path) -> Site:
    """The site of `config_file` as its first `runs-api` entry sees it."""
    return read_sites(config_file)[0]


def read_sites(config_file: Path) -> list[Site]:
    """The site of `config_file` as each of its `runs-api` entries (instances) sees it; a
    `SpecError` naming the file for any problem, overlapping prefixes included."""
    if not config_file.is_file():
        raise SpecError("file not found", file=str(config_file), hint="Run in the site's folder")
    try:
        with open(config_file, encoding="utf-8") as stream:
            raw = yaml_load(stream) or {}
    except Exception as exc:  # noqa: BLE001 - any YAML or !ENV problem is the user's to fix
        raise SpecError(f"not readable as YAML ({_one_line(exc)})", file=str(config_file)) from None
    if not isinstance(raw, dict):
        raise SpecError("not a mapping of settings", file=str(config_file))
    extensions, configs = markdown_extensions(raw.get("markdown_extensions"))
    tabs = not missing_tab_extensions(extensions, configs)
    sites: list[Site] = []
    for index, config in enumerate(plugin_configs(raw.get("plugins"), config_file)):
        earlier = [(_name(i), site.prefix) for i, site in enumerate(sites)]
        collision = prefix_collision(_name(index), config.prefix, earlier)
        if collision:
            raise SpecError(collision.removeprefix("mkdocs.yml: "), file=str(config_file))
        sites.append(_site(raw, config_file, config, tabs, (extensions, configs)))
    return sites


def _name(index: int) -> str:
    """The name MkDocs gives the instance at `index`: `runs-api`, `runs-api #2`, ..."""
    return PLUGIN_NAME if index == 0 else f"{PLUGIN_NAME} #{index + 1}"


def _site(raw: dict, config_file: Path, config: RunsApiConfig, tabs: bool, markdown) -> Site:
    project = config_file.resolve().parent
    directory_urls = raw.get("use_directory_urls", True) is not False
    options = reference_options(config, project, tabs, markdown, directory_urls=directory_urls)
    custom = Path(config.custom_templates) if config.custom_templates else None
    return Site(
        config_file=config_file,
        docs_dir=project / str(raw.get("docs_dir") or "docs"),
        options=options,
        spec=Path(config.spec),
        prefix=config.prefix.strip("/"),
        nav_title=config.nav_title,
        custom_templates=custom,
        has_nav=bool(raw.get("nav")),
    )


def plugin_configs(plugins: object, config_file: Path) -> list[RunsApiConfig]:
    """Every `runs-api` entry of `plugins:`, in order, validated as the plugin validates it."""
    entries = _plugin_entries(plugins)
    if not entries:
        raise SpecError(
            f"no `{PLUGIN_NAME}` entry under `plugins:`",
            file=str(config_file),
            hint=f"Add `plugins: [{{{PLUGIN_NAME}: {{spec: openapi.yaml}}}}]`",
        )
    return [_plugin_config(options, config_file) for options in entries]


def _plugin_config(options: object, config_file: Path) -> RunsApiConfig:
    if not isinstance(options, dict):
        raise SpecError(f"the `{PLUGIN_NAME}` options are not a mapping", file=str(config_file))
    config = RunsApiConfig(config_file_path=str(config_file))
    config.load_dict(options)
    failed, warnings = config.validate()
    problems = [f"{key}: {error}" for key, error in failed]
    problems += [f"{key}: {warning}" for key, warning in warnings]
    if problems:
        raise SpecError(
            f"plugins.{PLUGIN_NAME}: " + "; ".join(_one_line(p) for p in problems),
            file=str(config_file),
        )
    return config


def _plugin_entries(plugins: object) -> list:
    """The options of each `runs-api` entry (`{}` for a bare name), in order."""
    if isinstance(plugins, dict):
        return [plugins[PLUGIN_NAME] or {}] if PLUGIN_NAME in plugins else []
    entries = []
    for item in plugins if isinstance(plugins, list) else []:
        if item == PLUGIN_NAME:
            entries.append({})
        elif isinstance(item, dict) and PLUGIN_NAME in item:
            entries.append(item[PLUGIN_NAME] or {})
    return entries


def markdown_extensions(raw: object) -> tuple[list[str], dict]:
    """`markdown_extensions:` as the names and configs MkDocs makes of it."""
    names, configs = list(BUILTIN_EXTENSIONS), {}
    items = raw.items() if isinstance(raw, dict) else (raw or [])
    for item in items:
        if isinstance(item, tuple):
            item = {item[0]: item[1]}
        if isinstance(item, str):
            item = {item: None}
        for name, options in item.items() if isinstance(item, dict) else ():
            if name not in names:
                names.append(name)
            if isinstance(options, dict):
                configs[name] = options
    return names, configs


def _one_line(error: object) -> str:
    return " ".join(str(error).split())
