"""The llms files of a built site: each operation's twin beside its HTML page, the spec, and
one `/llms.txt` for every instance of the plugin.

Several instances (several specs) share a site: each one's `write_site_files` registers its
section under the site's `site_dir`, for the current build, and rewrites llms.txt with every
section registered so far, so the last instance writes the complete file. A llms.txt that the
build did not get from this module (the site's own, copied from `docs_dir`, or another
plugin's) is kept: the API's section then goes to `<prefix>/llms.txt` instead, and the caller
is told so.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..build.pipeline import Reference
from ..model import SharedWork, build_details
from ..model.types import Operation
from ..render import RenderOptions, make_environment
from ..samples.render import SampleOptions, install_filters, operation_samples
from .index import ApiSection, Entry, llms_txt
from .text import first_sentence
from .twin import operation_twin

LLMS_TXT = "llms.txt"
FALLBACK_AT_ROOT = "api-llms.txt"
"""Where the API's list goes when the site keeps its own llms.txt and `prefix` is empty."""


@dataclass(frozen=True)
class SiteInfo:
    """The site, as llms.txt shows it."""

    site_dir: Path
    site_name: str
    site_description: str = ""
    site_url: str = ""
    """With it, llms.txt links are absolute; without, relative to the file."""
    own_llms_txt: bool = False
    """The site's `docs_dir` has a llms.txt (MkDocs copies it; `--dirty` may not, again)."""
    started: float = 0.0
    """When the build gathered its files (`time.time()`): a llms.txt in `site_dir` changed
    since then, and not by this module, is another plugin's; an older one is a stale copy of
    ours (`mkdocs build --dirty`)."""


@dataclass(frozen=True)
class TwinPage:
    """An operation page that exists in the site, and where its twin goes."""

    operation: Operation
    html_uri: str
    """The page's file in `site_dir`: `api/runs/list/index.html` (`api/runs/list.html`
    without `use_directory_urls`)."""
    group: str

    @property
    def md_uri(self) -> str:
        """The twin beside the page: `api/runs/list/index.md` (or `api/runs/list.md`)."""
        return self.html_uri.removesuffix(".html") + ".md"


@dataclass
class SiteFiles:
    """What one instance writes, made while the build's files are gathered (`prepare`), so
    the model can be dropped before the pages are built."""

    key: str
    """Tells instances apart (their `prefix`)."""
    prefix: str
    twins: dict[str, str]
    """`md_uri` -> the twin's text."""
    section: ApiSection
    """Its llms.txt section, URLs relative to the site's root (the spec's set on writing)."""
    spec_files: list[tuple[Path, str]] = field(default_factory=list)
    """The spec's local files, each with its path relative to the root document's folder
    (files outside that folder are not copied: `messages` says so)."""
    messages: list[str] = field(default_factory=list)


def prepare(
    reference: Reference,
    html_uris: dict[str, str],
    prefix: str,
    samples: SampleOptions,
    custom_templates: Path | None = None,
) -> SiteFiles:
    """What an instance will write, from its reference and the site's file of each page
    (`src_uri -> dest_uri`: the operation pages that are in the site, and the overview)."""
    pages = twin_pages(reference, html_uris)
    twins = render_twins(reference, pages, samples, custom_templates)
    overview = html_uris.get(reference.layout.overview_uri, "")
    spec_files, messages = spec_copies(reference)
    section = api_section(reference, pages, overview, prefix, spec_files)
    return SiteFiles(prefix, prefix, twins, section, spec_files, messages)


def twin_pages(reference: Reference, html_uris: dict[str, str]) -> list[TwinPage]:
    """The operation pages that are in the site, in nav order, with their group's title."""
    titles = {group.key: group.title for group in reference.layout.groups}
    return [
        TwinPage(page.operation, html_uris[page.src_uri], titles.get(page.group_key, "Operations"))
        for page in reference.layout.pages
        if page.src_uri in html_uris
    ]


def write_site_files(files: SiteFiles, site: SiteInfo, build: object) -> list[str]:
    """Write the twins, the spec and llms.txt into `site.site_dir`; `build` is an object that
    lives as long as this build (the MkDocs config). Returns what the user should hear."""
    replaced = []
    for uri, text in files.twins.items():
        target = site.site_dir / uri
        if target.exists() and target.stat().st_mtime >= site.started:
            replaced.append(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    messages = files.messages + copy_spec(files.spec_files, site.site_dir / files.prefix)
    if replaced:
        messages.append(
            f"llms.txt: {len(replaced)} Markdown pages another plugin wrote in this build "
            f"(e.g. {replaced[0]}) are replaced by the operations' Markdown twins."
        )
    return messages + publish_section(site, build, files, files.section)


def render_twins(
    reference: Reference,
    pages: list[TwinPage],
    samples: SampleOptions,
    custom_templates: Path | None = None,
) -> dict[str, str]:
    """`md_uri -> text` of every page's twin: its details built anew (the render may have
    built them in another process), with the spec's samples and a generated cURL one."""
    shared = SharedWork.for_bundle(reference.bundle)
    env = make_environment(custom_templates, RenderOptions())
    install_filters(env)
    curl = replace(samples, languages=("curl",))
    twins = {}
    for page in pages:
        operation = build_details(page.operation, shared)
        twins[page.md_uri] = operation_twin(
            operation, operation_samples(operation, shared, env, curl)
        )
    return twins


def api_section(
    reference: Reference,
    pages: list[TwinPage],
    overview_uri: str,
    prefix: str,
    spec_files: list[tuple[Path, str]],
) -> ApiSection:
    """The instance's llms.txt section, its URLs relative to the site's root."""
    api = reference.api
    root = Path(reference.bundle.root).name
    spec_uri = posixpath.join(prefix, root) if any(r == root for _, r in spec_files) else None
    section = ApiSection(
        api.title, api.version, first_sentence(api.description), overview_uri, spec_uri
    )
    groups: dict[str, list[Entry]] = {}
    for page in pages:
        operation = page.operation
        line = f"`{operation.key}`"
        if operation.is_webhook:
            line = f"webhook `{operation.path}` (`{operation.method.upper()}`)"
        about = first_sentence(operation.description)
        if about and about != operation.title:
            line += f". {about}"
        groups.setdefault(page.group, []).append(Entry(operation.title, page.md_uri, line))
    section.groups = list(groups.items())
    return section


def spec_copies(reference: Reference) -> tuple[list[tuple[Path, str]], list[str]]:
    """The spec's local files with their paths relative to the root document's folder, and
    a message for each file outside it (the copy of the spec then misses it)."""
    folder = Path(reference.bundle.root).parent
    copies, messages = [], []
    for name in reference.bundle.local_files:
        source = Path(name)
        if source.is_relative_to(folder):
            copies.append((source, source.relative_to(folder).as_posix()))
        else:
            messages.append(
                f"llms.txt: {source.name} (which the spec $refs) is outside the spec's folder: "
                "the copy of the spec in the site refers to a file it does not have."
            )
    return copies, messages


def copy_spec(copies: list[tuple[Path, str]], folder: Path) -> list[str]:
    """Copy the spec's files into `folder` (`<site_dir>/<prefix>`); a different file already
    there is kept, and named in the messages returned."""
    messages = []
    for source, relative in copies:
        target = folder / relative
        if target.exists() and target.read_bytes() != source.read_bytes():
            messages.append(f"llms.txt: {target} exists already: not replaced by the spec's.")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return messages


_BUILDS: dict[str, tuple[object, dict[str, ApiSection], set[Path]]] = {}
"""`site_dir` -> (the build, its sections by instance key, the llms.txt files written). The
build (its MkDocs config) is held until the site's next build replaces it."""


def publish_section(
    site: SiteInfo, build: object, files: SiteFiles, section: ApiSection
) -> list[str]:
    """Register the section and rewrite the site's llms.txt with every section of this build
    (or `<prefix>/llms.txt` with this one, when the site has a llms.txt of its own)."""
    key = str(site.site_dir.resolve())
    known = _BUILDS.get(key)
    if known is None or known[0] is not build:
        known = _BUILDS[key] = (build, {}, set())
    _, sections, written = known
    sections[files.key] = section
    target = site.site_dir / LLMS_TXT
    if target in written or not _someone_elses(target, site):
        _write(target, site, list(sections.values()), lambda uri: _link(site, uri, ""))
        written.add(target)
        return []
    fallback = posixpath.join(files.prefix, LLMS_TXT) if files.prefix else FALLBACK_AT_ROOT
    _write(site.site_dir / fallback, site, [section], lambda uri: _link(site, uri, files.prefix))
    return [
        f"llms.txt: the site has its own {LLMS_TXT} (from docs_dir or another plugin): kept, "
        f"without this API's operations, which are listed in {fallback} instead (link it "
        "from yours, or set `llms_txt: false`)."
    ]


def _someone_elses(target: Path, site: SiteInfo) -> bool:
    """The site's own llms.txt, or one another plugin wrote in this build."""
    return site.own_llms_txt or (target.exists() and target.stat().st_mtime >= site.started)


def _write(
    target: Path, site: SiteInfo, sections: list[ApiSection], link: Callable[[str], str]
) -> None:
    linked = [
        replace(
            section,
            reference_url=link(section.reference_url),
            spec_url=link(section.spec_url) if section.spec_url else None,
            groups=[
                (title, [replace(entry, url=link(entry.url)) for entry in entries])
                for title, entries in section.groups
            ],
        )
        for section in sections
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    text = llms_txt(site.site_name, site.site_description, linked)
    target.write_text(text, encoding="utf-8")


def _link(site: SiteInfo, uri: str, folder: str) -> str:
    """A site file's URL: absolute under `site_url`, else relative to `folder`."""
    if site.site_url:
        return site.site_url.rstrip("/") + "/" + uri
    return posixpath.relpath(uri, folder or ".")
