"""Shared helpers: where the real specs are (and what happens to the tests that need them when
they are missing), building a site, reading what was built."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example-site"
TAB_EXTENSIONS = ["pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}}]

SPECS_ENV = "RUNS_API_SHARED_SPECS"
SPECS_MISSING = (
    "need the real specs in ../shared/specs (Trigger.dev's and the OpenAPI Initiative's examples; "
    f"see its README) or {SPECS_ENV}"
)
needs_specs = pytest.mark.needs_specs


def quick_first(cases, quick: int = 1) -> list:
    """`cases` for `parametrize`, all but the first `quick` of them marked slow: the quick
    run (kept under a minute) tries one of a family of similar cases, the full run all."""
    return [
        case if i < quick else pytest.param(*_values(case), marks=pytest.mark.slow, id=_id(case))
        for i, case in enumerate(cases)
    ]


def _values(case) -> tuple:
    if isinstance(case, type(pytest.param(None))):
        return tuple(case.values)
    return case if isinstance(case, tuple) else (case,)


def _id(case) -> str | None:
    return case.id if isinstance(case, type(pytest.param(None))) else None


"""Marks a test that reads the real specs: skipped without them, an error under `CI=true`."""


def _locate_shared_specs() -> tuple[Path, bool]:
    """Where the real specs are, and whether they are there. `RUNS_API_SHARED_SPECS`, when set,
    is the only place looked at (so a test can make them missing); otherwise `../shared/specs`
    beside the repository, then `/work/shared/specs`."""
    if os.environ.get(SPECS_ENV):
        candidates = [Path(os.environ[SPECS_ENV])]
    else:
        candidates = [REPO.parent / "shared" / "specs", Path("/work/shared/specs")]
    for candidate in candidates:
        if (candidate / "trigger").is_dir():
            return candidate, True
    return candidates[0], False


SHARED_SPECS, SPECS_FOUND = _locate_shared_specs()
"""The real specs' folder; when they are missing, where they were expected (globs find nothing)."""
_modules_needing_specs: set[str] = set()
_running_tests = False


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _specs_are_missing() -> None:
    """Skip the running test (one folded line in the summary), or fail it under `CI=true`."""
    if in_ci():
        pytest.fail(f"{SPECS_MISSING}: under CI=true they must be there", pytrace=False)
    pytest.skip(SPECS_MISSING)


def find_shared_specs() -> Path:
    """The real specs' folder, for a caller that needs them. Called while a test module is
    imported, it marks all of that module's tests `needs_specs`; called in a test, it skips the
    test when they are missing (fails it under `CI=true`)."""
    if not SPECS_FOUND:
        if _running_tests:
            _specs_are_missing()
        caller = sys._getframe(1).f_globals.get("__file__")
        if caller:
            _modules_needing_specs.add(str(Path(caller).resolve()))
    return SHARED_SPECS


@pytest.fixture(scope="session")
def shared_specs() -> Path:
    """The real specs' folder (its tests are marked `needs_specs`)."""
    return find_shared_specs()


NPM_PACKAGES = REPO / "tests" / "node_modules"


def _from_npm_packages(value) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_from_npm_packages(v) for v in value)
    return isinstance(value, Path) and value.is_relative_to(NPM_PACKAGES)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `needs_specs` the tests that use the `shared_specs` fixture and those of modules that
    asked for the real specs while imported; marks `slow` the tests parametrized with files from
    tests/node_modules (npm installs them)."""
    for item in items:
        asked_on_import = str(item.path.resolve()) in _modules_needing_specs
        if asked_on_import or "shared_specs" in item.fixturenames:
            item.add_marker(needs_specs)
        callspec = getattr(item, "callspec", None)
        if callspec and _from_npm_packages(list(callspec.params.values())):
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session: pytest.Session) -> None:
    global _running_tests
    _running_tests = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if not SPECS_FOUND and item.get_closest_marker("needs_specs"):
        _specs_are_missing()


def pytest_report_header() -> str | None:
    return f"real specs: {SHARED_SPECS}" if SPECS_FOUND else None


def write_site(
    root: Path,
    spec: Path | str,
    *,
    theme: str = "material",
    nav=None,
    plugin_options: dict | None = None,
    extra: dict | None = None,
) -> Path:
    """A minimal MkDocs site in `root` using the plugin on `spec`; returns mkdocs.yml's path."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    config = {
        "site_name": "Test site",
        "theme": {"name": theme},
        "plugins": ["search", {"runs-api": {"spec": str(spec), **(plugin_options or {})}}],
        "markdown_extensions": TAB_EXTENSIONS,
    }
    if nav is not None:
        config["nav"] = nav
    config.update(extra or {})
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(
    root: Path, *extra_args: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in `root` as a user would (`env` adds variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra_args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def assert_built(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr


class _TextAndHooks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hooks: list[str] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self._in_heading = 0
        self._heading: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "data-operation":
                self.hooks.append(value)
        if tag in ("h2", "h3", "h4"):
            self._in_heading += 1
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4") and self._in_heading:
            self._in_heading -= 1
            self.headings.append("".join(self._heading).strip())

    def handle_data(self, data):
        self.text.append(data)
        if self._in_heading:
            self._heading.append(data)


def read_page(path: Path) -> _TextAndHooks:
    parser = _TextAndHooks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def article(path: Path) -> str:
    """A built page's `<article>`: its content without Material's header, nav and footer."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def operation_pages(site_dir: Path) -> dict[str, list[Path]]:
    """`METHOD /path` -> the built HTML pages carrying that `data-operation` hook."""
    pages: dict[str, list[Path]] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        for hook in set(read_page(html_file).hooks):
            pages.setdefault(hook, []).append(html_file)
    return pages


METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
"""A path item's fixed operation fields (3.2 adds `query`)."""


def spec_operations(spec: dict) -> list[tuple[str, str, dict, dict]]:
    """`(METHOD, path, operation, path item)` for every operation of a (single-file) spec."""
    result = []
    for path, item in (spec.get("paths") or {}).items():
        item = resolve_local(spec, item)
        for method in METHODS:
            if method in item:
                result.append((method.upper(), path, item[method], item))
        for method, operation in (item.get("additionalOperations") or {}).items():  # 3.2
            result.append((method, path, resolve_local(spec, operation), item))
    return result


def resolve_local(spec: dict, value):
    """Follow a local `$ref` in a single-file spec."""
    while isinstance(value, dict) and "$ref" in value:
        node = spec
        for part in value["$ref"].lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        value = node
    return value


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site"))
    return target


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with 200 `{}` and keeps (method, target, headers, body)."""

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append((self.command, self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    """A local HTTP server on 127.0.0.1 that records what generated samples send."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


SAMPLE_RUNNERS = {
    "curl": ("sh", lambda path: ["bash", str(path)]),
    "python": ("py", lambda path: [sys.executable, str(path)]),
    "javascript": ("mjs", lambda path: [shutil.which("node") or "node", str(path)]),
}
"""How the tests run a generated sample: its file extension and its command."""


def run_generated_samples(
    spec: Path, language: str, server, folder: Path, skip: dict | None = None
) -> dict:
    """Run `language`'s generated sample of every operation of `spec` in `folder`, aimed at
    `server` (the recorder, or a validating server), each in a process of its own, after
    writing the files its body uploads (unless they exist). Operations in `skip` (key -> why)
    are not run. Returns operationId (else the key) -> the one request the server received."""
    from mkdocs_runs_api.build.pipeline import ReferenceOptions, generate_reference
    from mkdocs_runs_api.model import SharedWork, build_details
    from mkdocs_runs_api.render import RenderOptions, make_environment
    from mkdocs_runs_api.samples.render import SampleOptions, install_filters, operation_samples
    from mkdocs_runs_api.samples.request import build_sample_request

    extension, command = SAMPLE_RUNNERS[language]
    reference = generate_reference(spec, ReferenceOptions(samples=SampleOptions(languages=())))
    shared = SharedWork.for_bundle(reference.bundle)
    env = make_environment(None, RenderOptions())
    install_filters(env)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    options = SampleOptions(languages=(language,), base_url=base)
    received = {}
    for operation in reference.api.operations:
        if operation.key in (skip or {}) or operation.is_webhook:
            continue
        build_details(operation, shared)
        body = build_sample_request(operation, shared, base_url=base).body
        uploads = [body.value] if body and body.kind == "file" else []
        for name in uploads + [filename for _, filename, _ in (body.files if body else [])]:
            if not (folder / name).exists():  # (a test may have written its own)
                (folder / name).write_bytes(b"\x00sample upload \xff")
        generated = operation_samples(operation, shared, env, options)
        (sample,) = [sample for sample in generated if sample.generated]  # not x-codeSamples
        script = folder / f"sample.{extension}"
        script.write_text(sample.code, encoding="utf-8")
        before = len(server.received)
        result = subprocess.run(
            command(script),
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "API_TOKEN": "user:secret"},
        )
        assert result.returncode == 0, (operation.key, result.stderr, sample.code)
        assert len(server.received) == before + 1, (operation.key, sample.code)
        received[operation.operation_id or operation.key] = server.received[-1]
    return received


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through Playwright (one per test module); a missing
    Chromium fails the test: the browser tests never download one."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} not found (apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
