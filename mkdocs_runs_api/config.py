"""The plugin's typed configuration: one option per attribute, each documented."""

from __future__ import annotations

from dataclasses import fields

from mkdocs.config import base
from mkdocs.config import config_options as c

from .changelog import ChangelogOptions
from .json_text import shown
from .layout.prefixes import prefix_problem
from .render.markdown import HTML_MODES, SANITIZE, TRUST
from .samples.render import LANGUAGES
from .spec.limits import Limits
from .tryit import TryItOptions


class LimitsOption(c.BaseConfigOption[Limits]):
    """`limits:` as a mapping of `Limits` field names to positive integers; anything else (an
    unknown key, a value that is not a whole number) is a config error naming it."""

    def run_validation(self, value: object) -> Limits:
        if value is None:
            return Limits()
        if not isinstance(value, dict):
            raise c.ValidationError(f"expected a mapping of limits, got {shown(value)}")
        known = {field.name for field in fields(Limits)}
        for key, number in value.items():
            if key not in known:
                raise c.ValidationError(
                    f"unknown limit {key!r}; the limits are {', '.join(sorted(known))}"
                )
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                raise c.ValidationError(
                    f"{key} must be a positive whole number, got {shown(number)}"
                )
        return Limits(**value)


class TryItOption(c.BaseConfigOption[TryItOptions]):
    """`try_it:` as `true`/`false` or a mapping of `methods`, `proxy`, `storage`, `timeout`;
    an unknown key or a value of the wrong kind is a config error naming it."""

    def run_validation(self, value: object) -> TryItOptions:
        if value is None or value is True:
            return TryItOptions()
        if value is False:
            return TryItOptions(enabled=False)
        if not isinstance(value, dict):
            raise c.ValidationError(f"expected true, false or a mapping, got {shown(value)}")
        unknown = sorted(set(value) - {"methods", "proxy", "storage", "timeout"})
        if unknown:
            raise c.ValidationError(
                f"unknown key {unknown[0]!r}; try_it takes methods, proxy, storage and timeout"
            )
        methods = value.get("methods", [])
        if not isinstance(methods, list) or not all(
            isinstance(m, str) and m.lower() in HTTP_METHODS for m in methods
        ):
            raise c.ValidationError(
                f"methods must be a list of HTTP methods (get, post...), got {shown(methods)}"
            )
        proxy = value.get("proxy", "")
        if not isinstance(proxy, str) or (proxy and "{url}" not in proxy):
            raise c.ValidationError(
                "proxy must be a URL with {url} where the request's URL goes, e.g. "
                f'"https://proxy.example.com/?url={{url}}", got {shown(proxy)}'
            )
        storage = value.get("storage", "memory")
        if storage not in ("memory", "session"):
            raise c.ValidationError(f"storage must be memory or session, got {shown(storage)}")
        timeout = value.get("timeout", 30)
        if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
            raise c.ValidationError(f"timeout must be seconds, 1 or more, got {shown(timeout)}")
        return TryItOptions(
            methods=tuple(m.lower() for m in methods), proxy=proxy, storage=storage, timeout=timeout
        )


HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")


class ChangelogOption(c.BaseConfigOption[ChangelogOptions]):
    """`changelog:` as `false` or a mapping with `git` (the last N commits that changed the spec)
    or `base` (a file or `REV:PATH`), and `title`, `badges`; anything else is a config error
    naming it."""

    def run_validation(self, value: object) -> ChangelogOptions:
        if value is None or value is False:
            return ChangelogOptions()
        if value is True:
            raise c.ValidationError(
                "say what to compare with: `changelog: {git: 10}` (the last 10 commits that "
                "changed the spec) or `changelog: {base: old-openapi.yaml}`"
            )
        if not isinstance(value, dict):
            raise c.ValidationError(f"expected false or a mapping, got {shown(value)}")
        unknown = sorted(set(value) - {"git", "base", "title", "badges"})
        if unknown:
            raise c.ValidationError(
                f"unknown key {unknown[0]!r}; changelog takes git, base, title and badges"
            )
        git, base = value.get("git", 0), value.get("base")
        if isinstance(git, bool) or not isinstance(git, int) or git < 0:
            raise c.ValidationError(f"git must be a number of commits, 1 or more, got {shown(git)}")
        if base is not None and (not isinstance(base, str) or not base):
            raise c.ValidationError(f"base must be a file or REV:PATH, got {shown(base)}")
        if bool(git) == bool(base):
            raise c.ValidationError("give one of git (a number of commits) and base (a file)")
        title = value.get("title", "API changelog")
        if not isinstance(title, str) or not title.strip():
            raise c.ValidationError(f"title must be text, got {shown(title)}")
        badges = value.get("badges", True)
        if not isinstance(badges, bool):
            raise c.ValidationError(f"badges must be true or false, got {shown(badges)}")
        return ChangelogOptions(True, base, git, title, badges)


class PrefixOption(c.Type[str]):
    """A URL folder inside the site that MkDocs builds (see `layout.prefix`)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        prefix = super().run_validation(value)
        problem = prefix_problem(prefix)
        if problem:
            raise c.ValidationError(problem)
        return prefix


class CountOption(c.BaseConfigOption[int]):
    """A whole number, 0 or more (YAML's `true` is not one)."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if value is None:
            return self.default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise c.ValidationError(f"expected a whole number, 0 or more, got {shown(value)}")
        return value


class RunsApiConfig(base.Config):
    """Options under `plugins: - runs-api:` in `mkdocs.yml`."""

    spec = c.File(exists=True)
    """Path to the OpenAPI 3.0, 3.1 or 3.2 document (YAML or JSON), relative to `mkdocs.yml`.
    Required."""

    prefix = PrefixOption(default="api")
    """URL folder of the generated pages: `api` gives `/api/`, `/api/<tag>/<operation>/`."""

    nav_title = c.Type(str, default="API reference")
    """Title of the nav section, when it is appended (a `- Title: api/` nav entry keeps its own)."""

    group_by = c.Choice(("tag", "path", "none"), default="tag")
    """Group operations by their first tag, by their first resource path segment, or not at all.
    `tag` on an API without any tags groups by path (flat if all paths share one segment)."""

    nav_operations = c.Type(bool, default=True)
    """List every operation in the nav. `false` lists the tag pages only (each links its
    operations): MkDocs renders the whole nav into every page, so a nav with hundreds of
    operations costs time quadratic in their number (see README, Performance)."""

    parallel_render = c.Type(bool, default=True)
    nav_cache = c.Type(bool, default=True)
    """Render operation pages in two processes (a forked worker) on Linux when the build runs
    no other threads; `false` renders in this process only."""

    custom_templates = c.Optional(c.Dir(exists=True))
    """A folder searched before the built-in templates, file by file (e.g. override only
    `partials/parameters.md.jinja`, `runs-api.css` or `runs-api.js`); an `operation.md.jinja`
    there can `{% extends "_base/operation.md.jinja" %}` and replace one `{% block %}`."""

    include_tags = c.ListOfItems(c.Type(str), default=[])
    """Only operations with one of these tags get pages (empty: all tags)."""

    exclude_tags = c.ListOfItems(c.Type(str), default=[])
    """Operations with any of these tags get no page."""

    exclude_operations = c.ListOfItems(c.Type(str), default=[])
    """operationIds or `METHOD /path` strings (shell wildcards allowed) that get no page."""

    show_hidden = c.Type(bool, default=False)
    """Also document operations marked `x-hidden: true` or `x-internal: true`."""

    html = c.Optional(c.Choice(HTML_MODES))
    """What becomes of HTML in spec text (`<p>`, `<br>`, `<a href>`): `sanitize` (the default)
    renders safe tags and attributes and drops the rest (`<script>`, `onerror=`, `javascript:`
    links), each paragraph's elements closed within it; `escape` shows every tag as text;
    `trust` passes it through as written and turns the page sanitizer off (specs you control)."""

    allow_html = c.Type(bool, default=False)
    """Deprecated: `allow_html: true` is `html: trust` (an INFO message says so)."""

    def html_mode(self) -> tuple[str, str | None]:
        """The effective `html` mode, and a deprecation note for `allow_html: true` (or None)."""
        if not self.allow_html:
            return self.html or SANITIZE, None
        mode = self.html or TRUST
        return mode, f"`allow_html: true` is deprecated; write `html: {mode}`."

    search_schema_trees = c.Type(bool, default=False)
    """Index schema trees (the properties of bodies and responses) in the site search. They
    carry `data-search-exclude` otherwise, which Material's search honours: on a big API they
    would fill the index with thousands of property rows."""

    code_samples = c.ListOfItems(c.Choice(tuple(LANGUAGES)), default=list(LANGUAGES))
    """Generated code sample languages, in tab order (`[]` for none): curl, python, javascript,
    typescript, node, go, ruby, php, java, csharp. The spec's `x-codeSamples` come first."""

    code_samples_base_url = c.Optional(c.Type(str))
    """Base URL for generated samples (default: the operation's first server)."""

    code_samples_env = c.DictOfItems(c.Type(str), default={})
    """Security scheme name -> environment variable generated samples read the secret from,
    e.g. `{secretKey: TRIGGER_SECRET_KEY}`."""

    code_samples_default_env = c.Type(str, default="API_TOKEN")
    """The environment variable for schemes not named in `code_samples_env`."""

    code_samples_optional_parameters = CountOption(default=3)
    """How many optional parameters that have an example a generated sample sends, in the
    order the page lists them (required ones always; `0` for none)."""

    try_it = TryItOption()
    """A "Try it" console on every operation page (not webhooks), which sends the request from
    the reader's browser: `false` for none, or a mapping: `methods` (only these, e.g. `[get]`),
    `proxy` (a URL with `{url}`, for APIs that do not allow other origins; the console sends
    there instead), `storage` (`memory`, the default: credentials are forgotten with the page;
    `session`: kept in `sessionStorage` until the tab closes), `timeout` (seconds, 30). An
    operation with `x-runs-api-try-it: false` gets none."""

    changelog = ChangelogOption()
    """An "API changelog" page (after the overview in the nav), built by comparing versions of
    the spec as `check --base` does: `{git: 10}` makes one section per commit of the last 10
    that changed the spec's files (plus what is not committed yet), `{base: FILE}` (or
    `REV:PATH`) one section of everything since that version. Each operation page added,
    changed or deprecated since the oldest version gets a badge linking there (`badges:
    false` for none); `title` names the page. Off by default."""

    spec_samples_replace_generated = c.Type(bool, default=False)
    """Leave out a generated sample for a language the spec's `x-codeSamples` already has."""

    checks = c.Type((bool, dict), default=False)
    """Run the `mkdocs-runs-api check` rules in the build: `true`, or a mapping with `rules:`
    (rule -> error/warning/info/off), `closed_objects:` and `fail_on:` (default `warning`).
    Findings at or above `fail_on` are logged as warnings, so `mkdocs build --strict` fails.
    With `completeness: true` (or how many misses to show, 20 for `true`) the built pages are
    also compared with the spec after the build (`check --completeness --site`): what a custom
    template dropped is a warning that names its page, place and keyword. A site's own
    `partials/schema_row.md.jinja` writes trees the check cannot read: one warning says so, and
    the trees are not compared."""

    llms_txt = c.Type(bool, default=True)
    """For LLMs and agents: write `/llms.txt` (llmstxt.org: the site, then every operation by
    group, one line each), a Markdown twin of each operation page beside its HTML
    (`api/runs/list/index.md`: the spec's facts, no HTML) and the spec under `prefix`. A site's
    own llms.txt (from `docs_dir`, or another plugin's) is kept: the API's list goes to
    `<prefix>/llms.txt` instead, and the build log says so. `false` writes none of these."""

    allow_remote_refs = c.Type(bool, default=False)
    """Allow `$ref`s to `http(s)://` documents (fetched with a timeout and a size cap)."""

    ref_roots = c.ListOfItems(c.Type(str), default=[])
    """Folders (relative to `mkdocs.yml`) that relative-file `$ref`s may reach besides the
    `mkdocs.yml` folder itself. Refs leaving them, absolute paths and `file://` are refused."""

    limits = LimitsOption()
    """Resource limits: `max_file_bytes` (a spec file), `max_expanded_nodes` (values after YAML
    aliases expand), `max_operations`, `max_example_depth` and `max_example_bytes` (how deep
    and about how large a synthesized example gets), each a positive whole number; unset ones
    keep their defaults (see `spec.limits.Limits`)."""
