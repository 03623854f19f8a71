"""The whole pipeline, without MkDocs: spec file -> generated pages and their nav.

`plugin` and `cli` both call `generate_reference`; nothing here knows about MkDocs objects.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..changelog import Changelog, ChangelogOptions, build_changelog
from ..errors import SpecError
from ..layout.nav import NavItem, build_reference_nav
from ..layout.plan import Layout, OperationPage, plan_layout
from ..layout.select import Selection, select_operations
from ..model import SharedWork, build_api_model, build_details
from ..model.types import ApiModel, Operation
from ..render import (
    PageRenderer,
    RenderOptions,
    compile_templates,
    forget_shared_renders,
    make_environment,
    operation_template_names,
)
from ..samples.render import SampleOptions, install_filters, operation_samples, sample_request
from ..spec.input import read_spec
from ..spec.limits import LoadOptions
from ..spec.resolve import SpecBundle
from ..spec.shape import repair_shape
from ..tryit import TryItOptions, console_data, console_href
from ..tryit.data import has_console
from .page_notes import hostless_samples, omitted_properties, shortened_examples
from .parallel import render_all
from .serve_cache import Fingerprints, RenderCache, templates_fingerprint

GROUP_BY_CHOICES = ("tag", "path", "none")


@dataclass(frozen=True)
class ReferenceOptions:
    """Everything that shapes the generated reference (the plugin config, minus MkDocs)."""

    prefix: str = "api"
    group_by: str = "tag"
    custom_templates: Path | None = None
    selection: Selection = field(default_factory=Selection)
    render: RenderOptions = field(default_factory=RenderOptions)
    load: LoadOptions = field(default_factory=LoadOptions)
    """`$ref` confinement, remote refs, limits, and the folder paths in messages are shown from."""
    nav_operations: bool = True
    """List operation pages in the nav (False: tag pages only; they link their operations)."""
    samples: SampleOptions = field(default_factory=SampleOptions)
    """Which code samples each operation page shows."""
    parallel: bool = True
    """Render operation pages in two processes where that is safe (see `parallel`)."""
    try_it: TryItOptions = field(default_factory=TryItOptions)
    """Which operation pages get a try-it console, and how it sends requests."""
    changelog: ChangelogOptions = field(default_factory=ChangelogOptions)
    """Whether there is an API changelog page, and what it compares."""


@dataclass
class GeneratedPage:
    src_uri: str
    markdown: str
    kind: str
    """`overview`, `changelog`, `group` or `operation`."""
    operation_key: str | None = None
    blocks: list[str] = field(default_factory=list)
    """HTML held out of `markdown` (`render.deferred`), for its markers, in order."""
    console: str | None = None
    """The try-it console's data (JSON text), for the file `tryit.console_uri` names."""


@dataclass
class Reference:
    """The result: pages, the nav section, and what was used and left out."""

    api: ApiModel
    layout: Layout
    pages: list[GeneratedPage]
    nav: list[NavItem]
    source_files: list[str]
    """Every spec file read (the root and all it `$ref`s), to watch in `mkdocs serve`."""
    omitted: list[tuple[Operation, str]]
    bundle: SpecBundle
    """The loaded spec files (for checks that run in the same build)."""
    left_out: list[tuple[Operation, str]] = field(default_factory=list)
    """Parts of a page left out on purpose (readOnly/writeOnly properties), with the reason."""
    shortened: list[tuple[Operation, str]] = field(default_factory=list)
    """Synthesized examples the size budget shortened, each with where it is on its page."""
    notes: list[str] = field(default_factory=list)
    """What the build should say at INFO level (e.g. samples shown without a host)."""
    shape_problems: list[str] = field(default_factory=list)
    """Parts of the spec of the wrong shape, left out of the pages, and other mistakes the
    pages would hide (duplicate operationIds, empty tags), each located (`spec.shape`)."""


def generate_reference(
    spec_path: Path,
    options: ReferenceOptions,
    cache: RenderCache | None = None,
    *,
    one_shot: bool = False,
) -> Reference:
    """Load, resolve, model, lay out and render the reference for the spec at `spec_path`.

    With a `cache` (kept across `mkdocs serve` rebuilds), operation pages whose inputs did not
    change are taken from the previous build instead of being rendered again. `one_shot` says
    the process builds once and exits (`mkdocs build`, the CLI): see `collector_paused`.
    """
    try:
        with collector_paused(freeze=one_shot):
            return _generate(spec_path, options, cache)
    except RecursionError:
        raise SpecError(
            "the document nests too deeply to render (schemas or values hundreds of levels deep)",
            file=str(spec_path),
            hint="Flatten the nesting with named components ($ref)",
        ) from None


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector. A loaded spec is millions of objects that every
    full collection scans again, for nothing: the pipeline makes next to no cyclic garbage
    (measured on GitHub's spec: 7 full collections freed 0 objects and cost about 1.5 s).

    With `freeze`, what exists at the end is moved out of the collector's sight (`gc.freeze`)
    before it runs again: that saves the full collection re-enabling it would start (~0.3 s on
    GitHub's spec) and the share of MkDocs' later ones. Only for a process that builds once
    and exits: cyclic garbage made so far is then never freed (plain reference counting still
    frees the rest)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _generate(spec_path: Path, options: ReferenceOptions, cache: RenderCache | None) -> Reference:
    bundle = read_spec(spec_path, options.load).bundle
    shape_problems = [str(problem) for problem in repair_shape(bundle)]
    api = build_api_model(bundle)
    limit = options.load.limits.max_operations
    if len(api.operations) > limit:
        raise SpecError(
            f"the spec has {len(api.operations):,} operations, more than the limit of {limit:,}",
            file=bundle.display_names[bundle.root],
            hint="Raise limits.max_operations if that is expected",
        )
    shared = SharedWork.for_bundle(bundle)  # every anchor allocated before any page renders
    kept, omitted = select_operations(api.operations, options.selection)
    layout = plan_layout(api, kept, options.prefix, options.group_by)
    env = make_environment(options.custom_templates, options.render)
    install_filters(env)
    renderer = PageRenderer(env, api, layout, options.render.tabs)
    held = env.deferred_blocks
    pages = [GeneratedPage(layout.overview_uri, renderer.overview(), "overview")]
    pages[0].blocks = held.take()
    changelog = _changelog(spec_path, bundle, options)
    if changelog is not None:
        pages.append(
            GeneratedPage(layout.changelog_uri, renderer.changelog(changelog), "changelog")
        )
    badges = changelog.badges if changelog is not None else {}
    for group in layout.groups:
        pages.append(GeneratedPage(group.src_uri, renderer.group(group), "group"))
        pages[-1].blocks = held.take()
    if cache is not None:
        cache.start_build()
    fingerprints = Fingerprints(bundle, _salt(env, options)) if cache is not None else None
    markdown: dict[str, str] = {}
    blocks_of: dict[str, list[str]] = {}
    console_of: dict[str, str | None] = {}
    left_out_of: dict[str, list[str]] = {}
    shortened_of: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    if fingerprints is not None:  # only worth hashing when a later rebuild can reuse it
        for page in layout.pages:
            item = fingerprints.path_item(page.operation.section, page.operation.path)
            badge = badges.get(page.operation.key)
            keys[page.src_uri] = key = f"{page.src_uri}\0{item}\0{badge}"
            if key in cache.pages:
                (
                    markdown[page.src_uri],
                    blocks_of[page.src_uri],
                    left_out_of[page.src_uri],
                    shortened_of[page.src_uri],
                    console_of[page.src_uri],
                ) = cache.pages[key]

    def render(page: OperationPage) -> tuple[str, list[str], list[str], list[str], str | None]:
        operation = build_details(page.operation, shared)
        console = has_console(operation, options.try_it)
        wanted = console or (options.samples.languages and not operation.is_webhook)
        request = sample_request(operation, shared, options.samples) if wanted else None
        samples = operation_samples(operation, shared, env, options.samples, request)
        data = None
        try_it = None
        if console and request is not None:
            data = json.dumps(
                console_data(operation, request, shared, options.try_it),
                ensure_ascii=False,
                separators=(",", ":"),
                default=str,
            )
            try_it = {"href": console_href(page.src_uri, options.try_it.directory_urls)}
        text = renderer.operation(page, samples, try_it, badges.get(page.operation.key))
        notes = omitted_properties(operation), shortened_examples(operation, samples)
        return text, env.deferred_blocks.take(), *notes, data

    missing = [page for page in layout.pages if page.src_uri not in markdown]
    if missing:
        compile_templates(env, operation_template_names(env, options.samples.languages))
    rendered = render_all(missing, render, options.parallel)
    for page, result in zip(missing, rendered, strict=True):
        text, blocks, left_out, shortened, console = result
        markdown[page.src_uri] = text
        blocks_of[page.src_uri] = blocks
        console_of[page.src_uri] = console
        left_out_of[page.src_uri] = left_out
        shortened_of[page.src_uri] = shortened
        if cache is not None:
            cache.pages[keys[page.src_uri]] = result
            cache.last_rendered += 1
    pages += [
        GeneratedPage(
            page.src_uri,
            markdown[page.src_uri],
            "operation",
            page.operation.key,
            blocks_of[page.src_uri],
            console_of[page.src_uri],
        )
        for page in layout.pages
    ]
    forget_shared_renders(env)
    left_out = [
        (page.operation, reason) for page in layout.pages for reason in left_out_of[page.src_uri]
    ]
    shortened = [
        (page.operation, where) for page in layout.pages for where in shortened_of[page.src_uri]
    ]
    hostless, notes = hostless_samples(bundle, api, layout, options.samples)
    nav = build_reference_nav(layout, options.nav_operations)
    if changelog is not None:
        nav.insert(1, {changelog.title: layout.changelog_uri})
    return Reference(
        api,
        layout,
        pages,
        nav,
        bundle.local_files,
        omitted,
        bundle,
        left_out=left_out,
        shortened=shortened,
        shape_problems=shape_problems + hostless,
        notes=notes,
    )


def _changelog(spec_path: Path, bundle: SpecBundle, options: ReferenceOptions) -> Changelog | None:
    if not options.changelog.enabled:
        return None
    project = options.load.display_root or spec_path.parent
    return build_changelog(spec_path, bundle, options.changelog, Path(project))


def _salt(env, options: ReferenceOptions) -> str:
    """What besides the spec shapes every operation page: templates and options."""
    return templates_fingerprint([Path(p) for p in env.loader.searchpath]) + repr(options)


__all__ = ["generate_reference", "ReferenceOptions", "Reference", "SpecError", "GROUP_BY_CHOICES"]
