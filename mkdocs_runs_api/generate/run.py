"""One `generate` run: the reference rendered with the site's plugin options, compared with
what the site's folder holds, then written (or, with `check`, only described)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..build.pipeline import generate_reference
from ..render import builtin_templates_dir
from ..tryit import console_uri
from .owned import Plan, apply_files, mark_asset, mark_data, mark_page, plan_files
from .panes import inline_panes
from .site import Site, read_sites
from .yaml_text import add_link, set_nav

ASSETS = (
    ("runs-api.css", "extra_css"),
    ("runs-api.js", "extra_javascript"),
    ("try-it.js", None),
    ("try-it.css", None),
    ("oauth2-redirect.html", None),
)
"""The stylesheets and scripts, and the `mkdocs.yml` list that links each (the try-it console's
are loaded by `runs-api.js`, from its own folder, when a reader opens it)."""


@dataclass
class Outcome:
    """What a run did (or, with `check`, would do), for each `runs-api` instance of the site."""

    sites: list[Site]
    plans: list[Plan]
    """Each instance's files (in the order of `sites`)."""
    config_text: str | None = None
    """The new `mkdocs.yml` text, when it changes."""
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return any(p.write or p.remove for p in self.plans) or self.config_text is not None


def generate_site(config_file: Path, check: bool = False) -> Outcome:
    """Make each instance's `docs_dir/<prefix>/` and `mkdocs.yml` hold the current reference.
    The stylesheet and script go in the first instance's folder, linked once for all."""
    sites = read_sites(config_file)
    text = new_text = config_file.read_text(encoding="utf-8")
    outcome = Outcome(sites, [])
    for index, site in enumerate(sites):
        reference = generate_reference(site.spec, site.options, one_shot=True)
        folder = site.docs_dir / site.prefix
        md_in_html = "md_in_html" in site.options.render.markdown_extensions
        wanted = {
            site.docs_dir / page.src_uri: mark_page(inline_panes(page.markdown, md_in_html))
            for page in reference.pages
        }
        for page in reference.pages:
            if page.console is not None:
                wanted[site.docs_dir / console_uri(page.src_uri)] = mark_data(page.console)
        for name, key in ASSETS if index == 0 else ():
            wanted[folder / name] = mark_asset(_asset_text(site, name), Path(name).suffix)
            if key is not None:
                new_text = add_link(new_text, key, f"{site.prefix}/{name}")
        outcome.plans.append(plan_files(folder, wanted))
        entry = {site.nav_title: reference.nav}
        new_text = set_nav(new_text, entry, site.prefix, str(config_file))
        outcome.notes += [f"skipped {op.key}: {reason}" for op, reason in reference.omitted]
        outcome.notes += [f"warning: {problem}" for problem in reference.shape_problems]
    outcome.config_text = new_text if new_text != text else None
    site = sites[0]
    if not site.options.render.tabs and site.options.samples.languages:
        outcome.notes.append(
            "code samples are one after another, not tabs: the site does not enable "
            "pymdownx.superfences and pymdownx.tabbed (alternate_style: true)"
        )
    if not site.has_nav:
        outcome.notes.append("mkdocs.yml has no `nav:`: the generators list the pages themselves")
    if not check:
        for site, plan in zip(sites, outcome.plans, strict=True):
            apply_files(plan, site.docs_dir / site.prefix)
        if outcome.config_text is not None:
            config_file.write_text(outcome.config_text, encoding="utf-8")
    return outcome


def _asset_text(site: Site, name: str) -> str:
    custom = site.custom_templates / name if site.custom_templates else None
    source = custom if custom is not None and custom.is_file() else builtin_templates_dir() / name
    return source.read_text(encoding="utf-8")


def describe(outcome: Outcome, check: bool) -> list[str]:
    """One line per change (`would ...` with `check`), per kept user file, and a summary line
    per instance's folder."""
    config_file = outcome.sites[0].config_file
    base = config_file.resolve().parent
    would = "would " if check else ""
    lines = []
    for plan in outcome.plans:
        lines += [f"{would}write {_shown(p, base)}" for p in plan.write]
        lines += [f"{would}remove {_shown(p, base)} (no longer generated)" for p in plan.remove]
    if outcome.config_text is not None:
        lines.append(f"{would}update {config_file} (nav, extra_css, extra_javascript)")
    for plan in outcome.plans:
        lines += [
            f"kept your {_shown(p, base)}: it has no `runs_api_generated` marker; delete it to "
            "get the generated one"
            for p in plan.kept
        ]
    lines += outcome.notes
    for site, plan in zip(outcome.sites, outcome.plans, strict=True):
        changed = bool(plan.write or plan.remove or outcome.config_text is not None)
        state = "stale" if changed else "up to date"
        if not check:
            state = "updated" if changed else "already up to date"
        lines.append(f"{_shown(site.docs_dir / site.prefix, base)}: {state}")
    return lines


def _shown(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base))
    except ValueError:
        return str(path)
