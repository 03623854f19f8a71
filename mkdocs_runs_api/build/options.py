"""The plugin config (`RunsApiConfig`) as the pipeline's plain `ReferenceOptions`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..config import RunsApiConfig
from ..layout.select import Selection
from ..render import RenderOptions
from ..samples.render import SampleOptions
from ..spec.limits import LoadOptions
from .pipeline import ReferenceOptions


def reference_options(
    config: RunsApiConfig,
    project: Path,
    tabs: bool,
    site_markdown: tuple = ((), {}),
    defer_blocks: bool = False,
    defer_code: bool = False,
    directory_urls: bool = True,
) -> ReferenceOptions:
    """Options for `generate_reference`; `project` is the folder of `mkdocs.yml`;
    `site_markdown` the site's `markdown_extensions` and `mdx_configs`; `defer_blocks` when
    the plugin converts the pages itself (`render.deferred`), `defer_code` when it converts
    their code blocks too (`build.code_html`); `directory_urls` is the site's
    `use_directory_urls`."""
    custom = Path(config.custom_templates) if config.custom_templates else None
    return ReferenceOptions(
        prefix=config.prefix,
        group_by=config.group_by,
        custom_templates=custom,
        selection=Selection(
            include_tags=tuple(config.include_tags),
            exclude_tags=tuple(config.exclude_tags),
            exclude_operations=tuple(config.exclude_operations),
            show_hidden=config.show_hidden,
        ),
        render=RenderOptions(
            html=config.html_mode()[0],
            tabs=tabs,
            markdown_extensions=tuple(site_markdown[0]),
            mdx_configs=dict(site_markdown[1]),
            search_schema_trees=config.search_schema_trees,
            defer_blocks=defer_blocks,
            defer_code=defer_code,
        ),
        load=LoadOptions(
            ref_roots=(project, *(project / root for root in config.ref_roots)),
            allow_remote=config.allow_remote_refs,
            display_root=project,
            limits=config.limits,
        ),
        nav_operations=config.nav_operations,
        try_it=replace(config.try_it, directory_urls=directory_urls),
        changelog=config.changelog,
        parallel=config.parallel_render,
        samples=SampleOptions(
            languages=tuple(config.code_samples),
            base_url=config.code_samples_base_url,
            env_vars=dict(config.code_samples_env),
            default_env=config.code_samples_default_env,
            optional_parameters=config.code_samples_optional_parameters,
            skip_languages_the_spec_has=config.spec_samples_replace_generated,
        ),
    )
