"""End-to-end check of the example site in a real browser.

Builds ``example-site`` with ``mkdocs build --strict``, serves the result on
127.0.0.1 and opens the generated page of ``GET /api/v1/runs/{runId}/trace``
in headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright;
Playwright's own browser downloads are never used).

Set ``RUNS_API_SCREENSHOT=/some/path.png`` to also save a full-page screenshot
of that page (the README's screenshots are made by ``tests/readme_screenshots.py``).
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

pytestmark = pytest.mark.slow  # Debian's Chromium

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = REPO / "example-site"
SPEC = EXAMPLE_SITE / "openapi.yaml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OPERATION = "GET /api/v1/runs/{runId}/trace"
VIEWPORT = {"width": 1280, "height": 900}


# --------------------------------------------------------------------------- helpers


class _OperationFinder(html.parser.HTMLParser):
    """Counts elements whose ``data-operation`` attribute equals ``OPERATION``.

    Uses a real HTML parser so entity-escaped attribute values still match.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hits = 0

    def handle_starttag(self, tag, attrs):
        if any(name == "data-operation" and value == OPERATION for name, value in attrs):
            self.hits += 1

    handle_startendtag = handle_starttag


def _pages_with_operation(site_dir: Path) -> list[Path]:
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        finder = _OperationFinder()
        finder.feed(page.read_text(encoding="utf-8"))
        if finder.hits:
            found.append(page)
    return found


def _url_path(site_dir: Path, page: Path) -> str:
    rel = page.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _spec_nav_labels() -> tuple[list[str], dict[str, list[str]]]:
    """Tag-group names and, per group, the tag names from ``x-tagGroups``."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    groups = spec.get("x-tagGroups") or []
    assert groups, f"{SPEC} has no x-tagGroups; this test expects the example spec to use them"
    return [g["name"] for g in groups], {g["name"]: list(g.get("tags") or []) for g in groups}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the stdlib
        pass


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("example-site") / "example-site"
    # Copy the sources only: a stale site/ left in the checkout must not leak in.
    shutil.copytree(
        EXAMPLE_SITE,
        work,
        ignore=lambda d, names: ["site"] if Path(d) == EXAMPLE_SITE else [],
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, (
        f"mkdocs build --strict failed with exit code {proc.returncode}\n"
        f"--- stderr ---\n{proc.stderr}\n--- stdout ---\n{proc.stdout}"
    )
    site_dir = work / "site"
    assert (site_dir / "index.html").is_file(), f"no site/index.html after build:\n{proc.stderr}"
    return site_dir


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------- test


def test_trace_operation_page_in_browser(built_site, server, tmp_path):
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        # A FAIL (not a skip, not a setup error): the browser check must not vanish silently.
        pytest.fail(
            f"{CHROMIUM} not found: this test drives Debian's Chromium and never downloads "
            "Playwright browsers. `.ci/run` installs Debian's chromium "
            "(apt-get install chromium); run it, or install that package, then re-run.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            _check_trace_page(built_site, server, browser, tmp_path)
        finally:
            browser.close()


def _check_trace_page(built_site: Path, server: str, browser, tmp_path: Path) -> None:
    pages = _pages_with_operation(built_site)
    assert len(pages) == 1, (
        f'expected exactly one built page with data-operation="{OPERATION}", found '
        f"{[p.relative_to(built_site).as_posix() for p in pages]}"
    )
    url = server + _url_path(built_site, pages[0])
    origin = urlsplit(server).netloc

    def same_origin(u: str) -> bool:
        # Console messages without a source URL come from the page itself.
        return not u or urlsplit(u).netloc == origin

    console_errors: list[str] = []  # same-origin: asserted on
    external_noise: list[str] = []  # other hosts: recorded, ignored
    page_errors: list[str] = []
    failed_requests: list[str] = []
    bad_responses: list[str] = []

    context = browser.new_context(viewport=VIEWPORT)

    # Keep the run offline and deterministic: nothing but our server is reachable.
    def only_local(route):
        if same_origin(route.request.url):
            route.continue_()
        else:
            external_noise.append(f"blocked external request {route.request.url}")
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()

    def on_console(msg):
        if msg.type != "error":
            return
        src = (msg.location or {}).get("url", "")
        entry = f"{msg.text} (at {src or '?'})"
        (console_errors if same_origin(src) else external_noise).append(entry)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    leaving = {"page": False}
    """True while the test itself navigates away, which aborts requests still in flight."""

    def on_request_failed(req) -> None:
        if leaving["page"] and req.failure == "net::ERR_ABORTED":
            return
        if same_origin(req.url):
            failed_requests.append(f"{req.url}: {req.failure}")

    page.on("requestfailed", on_request_failed)
    page.on(
        "response",
        lambda resp: (
            bad_responses.append(f"{resp.status} {resp.url}")
            if resp.status >= 400 and same_origin(resp.url)
            else None
        ),
    )

    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"GET {url} -> {response and response.status}"

        # --- the operation marker ------------------------------------------------
        marker = page.locator(f'[data-operation="{OPERATION}"]')
        assert marker.count() == 1, f"expected one [data-operation] element, got {marker.count()}"
        assert marker.is_visible(), "the [data-operation] element is not visible"
        assert "GET" in marker.inner_text(), f"marker text: {marker.inner_text()!r}"

        # --- left navigation: x-tagGroups sections and tags ----------------------
        nav = page.locator("nav.md-nav--primary")
        assert nav.count() == 1, f"expected one nav.md-nav--primary, got {nav.count()}"
        assert nav.is_visible(), "primary navigation is not visible at 1280px"
        group_names, tags_by_group = _spec_nav_labels()
        page_tags = set(
            yaml.safe_load(SPEC.read_text())["paths"]["/api/v1/runs/{runId}/trace"]["get"]["tags"]
        )

        def nav_label(text: str):
            # Material renders each nav label text in a span.md-ellipsis inside
            # an <a> (pages / section index pages) or a <label> (sections).
            return nav.locator(".md-nav__link .md-ellipsis").filter(
                has_text=re.compile(rf"^\s*{re.escape(text)}\s*$")
            )

        for group in group_names:
            label = nav_label(group)
            assert label.count() >= 1, f"tag group {group!r} missing from the primary nav"
            assert label.first.is_visible(), f"tag group {group!r} is in the nav but not visible"
        for group, tags in tags_by_group.items():
            own_section = bool(page_tags & set(tags))
            for tag in tags:
                label = nav_label(tag)
                assert label.count() >= 1, f"tag {tag!r} (group {group!r}) missing from the nav"
                if own_section:
                    assert label.first.is_visible(), (
                        f"tag {tag!r} is in this page's own section {group!r} but not visible"
                    )

        # --- main content: path parameter table ---------------------------------
        content = page.locator(".md-content")
        assert content.locator("table").count() >= 1, "no <table> in .md-content"
        heading = content.locator("h2, h3, h4").filter(has_text=re.compile(r"^\s*Path parameters"))
        assert heading.count() == 1, (
            f"expected one 'Path parameters' heading, got {heading.count()}"
        )
        # Material wraps tables in div.md-typeset__table at runtime, so use following::.
        table = heading.locator("xpath=following::table[1]")
        assert table.count() == 1, "no <table> after the 'Path parameters' heading"
        headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
        assert headers == ["Name", "Type", "Required", "Description"], headers
        run_id_row = table.locator("tbody tr").filter(
            has=page.locator("td:first-child code", has_text="runId")
        )
        assert run_id_row.count() == 1, "no runId row in the path parameters table"
        assert run_id_row.is_visible(), "the runId row is not visible"

        # --- main content: schema trees, deeper levels collapsed -------------------
        _check_schema_tree(page, content, url, leaving)
        _check_property_links(page, url, leaving)

        # --- screenshots -----------------------------------------------------------
        page.screenshot(path=str(tmp_path / "retrieve-run-trace.png"))
        readme_shot = os.environ.get("RUNS_API_SCREENSHOT")
        if readme_shot:
            Path(readme_shot).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=readme_shot, full_page=True)

        # --- errors ----------------------------------------------------------------
        if external_noise:
            print("ignored (external hosts):\n  " + "\n  ".join(external_noise))
        assert not page_errors, f"uncaught page errors: {page_errors}"
        assert not console_errors, f"same-origin console errors: {console_errors}"
        assert not failed_requests, f"same-origin requests failed: {failed_requests}"
        assert not bad_responses, f"same-origin HTTP errors: {bad_responses}"
    finally:
        context.close()


def _check_schema_tree(page, content, url: str, leaving: dict) -> None:
    """Level one of a tree is shown, deeper levels collapsed; "Expand all" / "Collapse all"
    work; a link to an anchor inside a collapsed level opens it (on load and on hash change)."""
    tree = content.locator(".runs-api-tree").filter(has=page.locator('[data-property="children"]'))
    assert tree.count() >= 1, 'no schema tree with a [data-property="children"] element'
    tree = tree.first
    top = tree.locator("> [data-property]")
    assert top.count() >= 1 and top.first.is_visible(), "level one of the tree is not shown"
    children = tree.locator('details [data-property="children"]').first
    assert not children.is_visible(), "a property below level one is not collapsed"
    tree.locator(".runs-api-tree__controls button", has_text="Expand all").click()
    assert children.is_visible(), '"Expand all" did not open the levels'
    tree.locator(".runs-api-tree__controls button", has_text="Collapse all").click()
    assert not children.is_visible(), '"Collapse all" did not close the levels'
    anchor = page.evaluate("document.querySelector('.runs-api-tree details [id]')?.id ?? null")
    assert anchor, "no anchor inside a collapsed level of any tree"
    target = page.locator(f'[id="{anchor}"]')
    page.evaluate("(id) => { location.hash = id; }", anchor)
    target.wait_for(state="visible", timeout=5000)
    leaving["page"] = True
    page.goto("about:blank")
    leaving["page"] = False
    page.goto(f"{url}#{anchor}", wait_until="networkidle")
    target.wait_for(state="visible", timeout=5000)


LEVELS_AROUND = (
    "(p) => { const all = [];"
    " for (let d = p.closest('details'); d; d = d.parentElement.closest('details')) all.push(d);"
    " return all; }"
)
"""The `<details>` around an element, innermost first."""
DEEP_PROPERTY = (
    f"() => {{ const levels = {LEVELS_AROUND};"
    " return [...document.querySelectorAll('.runs-api-prop[id*=\"--\"]')]"
    ".find((p) => levels(p).length >= 2)?.id ?? null; }"
)
"""The id of the first property inside two collapsed levels or more (a path id, `a--b.c`)."""
CLOSED_AROUND = f"(p) => ({LEVELS_AROUND})(p).filter((d) => !d.open).length"


def _check_property_links(page, url: str, leaving: dict) -> None:
    """A link to a property two levels deep opens every level around it; a property's link,
    shown on hover, puts its id in the address."""
    deep = page.evaluate(DEEP_PROPERTY)
    assert deep, "no property two collapsed levels deep"
    leaving["page"] = True
    page.goto("about:blank")
    leaving["page"] = False
    page.goto(f"{url}#{deep}", wait_until="networkidle")
    target = page.locator(f'[id="{deep}"]')
    target.wait_for(state="visible", timeout=5000)
    closed = target.evaluate(CLOSED_AROUND)
    assert closed == 0, f"{closed} levels around #{deep} still closed"
    assert target.locator("> .runs-api-prop__head .runs-api-prop__name").is_visible()
    sibling = target.locator("xpath=following-sibling::div[@data-property][1]")
    if sibling.count() == 0:
        sibling = target.locator("xpath=preceding-sibling::div[@data-property][1]")
    link = sibling.locator("> .runs-api-prop__head > .runs-api-prop__link")
    sibling_id = sibling.get_attribute("id")
    assert link.get_attribute("href") == f"#{sibling_id}"
    assert link.evaluate("(a) => getComputedStyle(a).opacity") == "0", "shown before a hover"
    link.hover()
    page.wait_for_function(
        "(a) => getComputedStyle(a).opacity === '1'", arg=link.element_handle(), timeout=5000
    )
    link.click()
    page.wait_for_function("(id) => location.hash === '#' + id", arg=sibling_id, timeout=5000)
    assert sibling.is_visible(), f"#{sibling_id} is not shown after its link was clicked"
