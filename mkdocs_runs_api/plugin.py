"""MkDocs glue: each event hands plain data to the pipeline and puts the results in place."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .build.assets import CSS_URI, JS_URI, asset_sources
from .build.error_page import error_page_markdown
from .build.nav_cache import NavCache, install_nav_cache
from .build.options import reference_options
from .build.page_html import GeneratedPagesHtml
from .build.page_notes import first_few
from .build.pipeline import Reference, generate_reference
from .build.serve_cache import RenderCache
from .build.spec_links import SpecLinks, build_spec_links
from .config import RunsApiConfig
from .errors import SpecError
from .generate.switch import collapse_generated_nav, owned_links, owned_uris
from .layout.nav import insert_reference_nav
from .layout.prefixes import prefix_collision
from .llms import SiteFiles, SiteInfo, prepare, write_site_files
from .render.markdown import TRUST
from .samples.extensions import TAB_EXTENSIONS_YAML, missing_tab_extensions
from .tryit import console_uri

log = get_plugin_logger(__name__)

LARGE_NAV = 300
"""Operations in the site's nav (every instance's) from which a build without
`navigation.prune` gets slow."""


class RunsApiPlugin(BasePlugin[RunsApiConfig]):
    """Adds an API reference, generated from an OpenAPI document, to the site."""

    supports_multiple_instances = True
    """One instance per spec, each with its own `prefix` (MkDocs names them `runs-api`,
    `runs-api #2`, ...); they share the stylesheet and script, and the nav size warning."""

    def __init__(self) -> None:
        self._name = "runs-api"
        self._instances: list[tuple[str, RunsApiPlugin]] = []
        """Every enabled runs-api instance of the site, this one included, in plugin order."""
        self._nav_size = 0
        """Operations this instance put in the nav (for the site's `LARGE_NAV` advice)."""
        self._server = None
        self._watched: set[str] = set()
        self._generated: set[str] = set()
        self._tabs = True
        self._site_markdown: tuple[list, dict] = ([], {})
        self._cache: RenderCache | None = None
        self._one_shot = False
        self._html = GeneratedPagesHtml()
        self._links: SpecLinks | None = None
        self._completeness: tuple[Reference, int] | None = None
        """The reference to compare with the built pages, and how many misses to log."""
        self._llms: SiteFiles | None = None
        """With `llms_txt`: what `on_post_build` writes into the site (`llms.site`)."""
        self._llms_site = (False, 0.0)
        """Whether the site has its own llms.txt, and when its files were gathered."""
        self._nav_cache: NavCache | None = None
        """Material's nav entries, rendered once per folder (`build.nav_cache`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that one plugin object lives across `mkdocs serve` rebuilds; only then
        is the render cache worth its hashing. `build` and `gh-deploy` build once and exit."""
        self._cache = RenderCache() if command == "serve" else None
        self._one_shot = command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        earlier = self._find_instances(config)
        collision = prefix_collision(self._name, self.config.prefix, earlier)
        if collision:
            raise PluginError(collision)
        for links in (config.extra_css, config.extra_javascript):
            for link in owned_links(links, config.docs_dir, self.config.prefix):
                links.remove(link)  # `generate`'s copy: the plugin links its own
        if CSS_URI not in map(str, config.extra_css):
            config.extra_css.append(CSS_URI)
        if JS_URI not in map(str, config.extra_javascript):
            config.extra_javascript.append(JS_URI)
        self._site_markdown = (list(config.markdown_extensions), dict(config.mdx_configs))
        # INFO, not WARNING: the old option still works, and --strict builds must keep passing
        if note := self.config.html_mode()[1]:
            log.info(note)
        missing = missing_tab_extensions(config.markdown_extensions, config.mdx_configs)
        self._tabs = not missing
        said = any(p.config.code_samples for n, p in self._instances[: len(earlier)])
        if missing and self.config.code_samples and not said:
            log.warning(
                "Code sample tabs need Markdown extensions this site does not enable (%s); "
                "until then samples are shown one after another. Add to mkdocs.yml:\n%s",
                ", ".join(missing),
                TAB_EXTENSIONS_YAML,
            )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            reference = self._generate(config)
        except PluginError as error:
            if self._cache is None:  # a build: it stops with the error
                raise
            return self._show_error(files, config, str(error))
        self._generated = {page.src_uri for page in reference.pages}
        self._links = build_spec_links(
            reference.layout,
            reference.bundle,
            files,
            config.docs_dir,
            config.validation.links.not_found,
        )
        self._html.start(
            {page.src_uri: page.blocks for page in reference.pages if page.blocks},
            sanitize=self.config.html_mode()[0] != TRUST,
            trees_searchable=self.config.search_schema_trees,
            site_markdown=self._site_markdown,
            links=self._links,
        )
        self._drop_generated_files(files)
        user_pages = [f.src_uri for f in files.documentation_pages()]
        for page in reference.pages:
            self._add_page(files, config, page.src_uri, page.markdown, page.kind)
            if page.console is not None:
                self._add_file(files, config, console_uri(page.src_uri), page.console)
        self._add_assets(files, config)
        if self.config.llms_txt:
            self._llms = self._llms_files(reference, files)
            self._llms_site = (files.get_file_from_path("llms.txt") is not None, time.time())
        self._insert_nav(config, user_pages, reference.nav)
        for problem in reference.shape_problems:
            log.warning(problem)
        for note in reference.notes:
            log.info(note)
        for operation, reason in reference.omitted:
            log.info("No page for %s: %s.", operation.key, reason)
        for operation, reason in reference.left_out:
            log.info("%s: the page's %s.", operation.key, reason)
        self._report_shortened(reference.shortened)
        self._watch(reference.source_files)
        if self._cache is not None:
            log.info(
                self._of_instance(
                    "%d of %d operation pages rendered, the rest taken from the last build"
                ),
                self._cache.last_rendered,
                len(reference.layout.pages),
            )
        self._nav_size = len(reference.layout.pages) if self.config.nav_operations else 0
        if self._is_last_instance():
            self._advise_on_large_nav(config, sum(p._nav_size for _, p in self._instances))
        if not reference.api.operations:
            # INFO, not WARNING: a spec of components only is valid, and must build with --strict
            log.info(
                "%s has no operations (no `paths`, no `webhooks`): the API reference has only "
                "its overview page. Add operations, or check that `spec` names the right file.",
                self.config.spec,
            )
        if self.config.checks:
            self._run_checks(reference)
        return files

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's links in spec text resolved (`build.spec_links`)."""
        if page.file.src_uri not in self._generated or self._links is None:
            return markdown
        return self._links.page_markdown(markdown, page.file.src_uri, page.url)

    @event_priority(-100)  # last: sanitize what every plugin made of the page
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's panes joined, its trees' links resolved, its HTML sanitized
        (unless `html: trust`) and held compressed until the page is built: until then its
        content is empty. See `build.page_html`."""
        if page.file.src_uri not in self._generated:
            return html
        return self._html.converted(html, page, files, config.validation.links.not_found)

    @event_priority(100)
    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201
        """Every generated page is sanitized and packed before any page is built; Material's
        nav entries are rendered once per folder of pages (`build.nav_cache`)."""
        self._html.collect()
        self._nav_cache = install_nav_cache(env) if self.config.nav_cache else None
        return env

    @event_priority(100)  # before the search plugin (priority 0) indexes the page
    def _show_search_view(self, context, *, page, config: MkDocsConfig, nav):  # noqa: ANN001, ANN202
        """A generated page's HTML back, and the search plugin reads it without the tags it
        would only skip (`build.search_view`): the same index, a fraction of the parsing."""
        if page.file.src_uri in self._generated:
            self._html.show_search_view(page)
        return context

    @event_priority(-100)  # after every other plugin's on_page_context, before the theme
    def _finish_page(self, context, *, page, config: MkDocsConfig, nav):  # noqa: ANN001, ANN202
        if page.file.src_uri in self._generated:
            self._html.finish(page)
        return context

    on_page_context = CombinedEvent(_show_search_view, _finish_page)

    @event_priority(-100)  # after every other plugin's on_post_page
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """A generated page's HTML is no longer held once its output is made: see
        `build.page_html`."""
        if page.file.src_uri in self._generated:
            self._html.written(page)
        return output

    @event_priority(-50)  # after other plugins that write a llms.txt (it is kept)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """With `llms_txt`: the llms files written (`llms.site`). With `checks: {completeness:
        ...}`: the built pages compared with the spec, each miss (the first N) a warning."""
        if self._nav_cache is not None:
            cache, self._nav_cache = self._nav_cache, None
            log.debug(f"nav entries: {cache.renders} rendered by the theme, {cache.hits} reused")
        if self._llms is not None:
            files, self._llms = self._llms, None
            own, started = self._llms_site
            site = SiteInfo(
                Path(config.site_dir),
                config.site_name,
                config.site_description or "",
                config.site_url or "",
                own_llms_txt=own,
                started=started,
            )
            for line in write_site_files(files, site, build=config):
                log.info(line)
        if self._completeness is None:
            return
        from .check.build_checks import check_built_pages, unreadable_trees

        reference, shown = self._completeness
        self._completeness = None
        unreadable = unreadable_trees(self.config.custom_templates)
        if unreadable:
            log.warning(unreadable)
        site_dir = Path(config.site_dir)
        misses, summary = check_built_pages(reference, site_dir, shown, trees=not unreadable)
        for line in misses:
            log.warning(line)
        (log.warning if misses else log.info)(self._of_instance(summary))

    def on_build_error(self, *, error: Exception) -> None:
        self._html.cancel()

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001, ANN201
        self._server = server
        self._watched.clear()
        self._watch([])
        return server

    def _generate(self, config: MkDocsConfig) -> Reference:
        project = Path(config.config_file_path).parent
        options = reference_options(
            self.config,
            project,
            self._tabs,
            self._site_markdown,
            defer_blocks=True,
            defer_code=True,
            directory_urls=config.use_directory_urls,
        )
        try:
            reference = generate_reference(
                Path(self.config.spec), options, self._cache, one_shot=self._one_shot
            )
        except SpecError as exc:
            raise PluginError(f"runs-api: {exc}") from None
        self._source_files = reference.source_files
        self._samples = options.samples
        return reference

    def _find_instances(self, config: MkDocsConfig) -> list[tuple[str, str]]:
        """Find the site's runs-api instances and this one's name; return the earlier
        instances' `(name, prefix)`."""
        found = [(n, p) for n, p in config.plugins.items() if isinstance(p, RunsApiPlugin)]
        index = next((i for i, (_, p) in enumerate(found) if p is self), None)
        if index is None:  # not run by MkDocs' plugin collection (a test): alone
            self._instances, self._name = [], "runs-api"
            return []
        self._instances, self._name = found, found[index][0]
        return [(n, p.config.prefix) for n, p in found[:index]]

    def _of_instance(self, summary: str) -> str:
        """A summary line, naming the instance and its spec when the site has several."""
        if len(self._instances) < 2:
            return summary
        return f"{summary} ({self._name}, {Path(self.config.spec).name})"

    def _is_last_instance(self) -> bool:
        return not self._instances or self._instances[-1][1] is self

    def _llms_files(self, reference: Reference, files: Files) -> SiteFiles:
        """The operation pages in the site (the generated ones, or the site's own that
        replace them) and the options of their twins."""
        html_uris = {}
        for page in [reference.layout.overview_uri, *(p.src_uri for p in reference.layout.pages)]:
            found = files.get_file_from_path(page)
            if found is not None:
                html_uris[page] = found.dest_uri
        custom = Path(self.config.custom_templates) if self.config.custom_templates else None
        return prepare(reference, html_uris, self.config.prefix, self._samples, custom)

    def _insert_nav(self, config: MkDocsConfig, user_pages: list[str], nav: list) -> None:
        """The reference's `nav` in the site's nav (in place of `generate`'s section, if the
        site has one)."""
        config.nav = insert_reference_nav(
            collapse_generated_nav(config.nav, self.config.prefix),
            user_pages,
            nav,
            self.config.prefix,
            self.config.nav_title,
        )

    def _show_error(self, files: Files, config: MkDocsConfig, message: str) -> Files:
        """`mkdocs serve` with a spec that cannot be read: the error logged (every time: MkDocs
        shows a repeated build error only once) and shown on the reference's overview page;
        the spec stays watched, so the next save rebuilds."""
        log.error(message)
        self._generated, self._links, self._llms, self._nav_size = set(), None, None, 0
        self._html.start({}, sanitize=True, trees_searchable=False)
        overview = f"{self.config.prefix.strip('/')}/index.md".lstrip("/")
        user_pages = [f.src_uri for f in files.documentation_pages()]
        self._add_page(files, config, overview, error_page_markdown(message), "overview")
        self._add_assets(files, config)
        self._insert_nav(config, user_pages, [overview])
        spec = str(Path(self.config.spec))
        self._source_files = sorted({*getattr(self, "_source_files", []), spec})
        self._watch([spec])
        return files

    def _report_shortened(self, shortened: list) -> None:
        """One INFO line for the examples the size budget shortened (a big API has many)."""
        if not shortened:
            return
        places = first_few([f"{operation.key} ({where})" for operation, where in shortened])
        budget = self.config.limits.max_example_bytes
        log.info(
            "%d synthesized examples were shortened to the size budget of about %s bytes "
            "(optional properties past it are left out): %s. Raise limits.max_example_bytes "
            "to see them whole.",
            len(shortened),
            f"{budget:,}",
            places,
        )

    def _advise_on_large_nav(self, config: MkDocsConfig, operations: int) -> None:
        """MkDocs renders the whole nav into every page: hundreds of entries get quadratic.
        `operations`: those in the nav, of every instance.

        Advice, at INFO: the build is right, only slow, so it must not fail `--strict` (as a
        WARNING it failed every APIs.guru spec of more than 300 operations); the nav stays
        what the site asked for."""
        if operations < LARGE_NAV:
            return
        theme = config.theme
        if theme.name == "material" and "navigation.prune" in (theme.get("features") or []):
            return
        log.info(
            "The API reference has %d operations in the nav: MkDocs renders the whole nav into "
            "every page, so the build slows down quadratically. Add to mkdocs.yml either\n%s\n"
            "or, to list operations on their tag pages only,\n%s",
            operations,
            "theme:\n  features:\n    - navigation.prune"
            if theme.name == "material"
            else "(navigation.prune needs the Material theme)",
            "plugins:\n  - runs-api:\n      nav_operations: false",
        )

    def _run_checks(self, reference: Reference) -> None:
        """Log check findings: at or above `fail_on` as warnings, then one summary line; keep
        `reference` for `on_post_build` if the completeness check is on."""
        from .check.build_checks import check_reference, completeness_shown

        options = self.config.checks if isinstance(self.config.checks, dict) else {}
        try:
            shown = completeness_shown(options)
            failing, other, summary = check_reference(reference.bundle, options)
        except SpecError as exc:
            raise PluginError(f"runs-api checks: {exc}") from None
        self._completeness = (reference, shown) if shown else None
        for line in failing:
            log.warning(line)
        for line in other:
            log.debug(line)
        log.info(self._of_instance(summary))

    def _add_page(
        self, files: Files, config: MkDocsConfig, src_uri: str, text: str, kind: str
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None and not existing.generated_by:
            report = log.info if kind != "operation" else log.warning
            report("Keeping your docs page %s instead of the generated %s page.", src_uri, kind)
            return
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=text))

    def _add_file(self, files: Files, config: MkDocsConfig, uri: str, text: str) -> None:
        """A generated file that is not a page (a try-it console's data), replacing an earlier
        build's or another plugin's."""
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=text))

    def _drop_generated_files(self, files: Files) -> None:
        """Files `generate` wrote: the plugin's pages take their place (or, for operations that
        are gone, none does)."""
        sources = [(f.src_uri, f.abs_src_path) for f in files if not f.generated_by]
        for uri in owned_uris(sources, self.config.prefix):
            files.remove(files.get_file_from_path(uri))

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The stylesheet and the script (expand/collapse of schema trees), added by the first
        instance for all: the site's own from an instance's `custom_templates` where it has
        them (the first instance's that does). See `build.assets`."""
        if self._instances and self._instances[0][1] is not self:
            return
        folders = [(n, p.config.custom_templates) for n, p in self._instances] or [
            (self._name, self.config.custom_templates)
        ]
        for source in asset_sources(folders):
            for name, path in source.unused:
                log.warning(
                    "%s (custom_templates of '%s') is not used: one %s serves every runs-api "
                    "instance, and the site's is %s. Keep one copy, in the first instance's "
                    "custom_templates.",
                    path,
                    name,
                    path.name,
                    source.path,
                )
            existing = files.get_file_from_path(source.uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, source.uri, abs_src_path=str(source.path)))

    def _watch(self, paths: list[str]) -> None:
        """Watch the spec's files and custom templates; files a new `$ref` adds too."""
        if self._server is None:
            return
        wanted = set(paths) | set(getattr(self, "_source_files", []))
        if self.config.custom_templates:
            wanted.add(str(self.config.custom_templates))
        for path in sorted(wanted - self._watched):
            self._server.watch(path)
            self._watched.add(path)
