"""The operation page's layout in Chromium: two panes when wide, one column on a phone, dark.

Builds ``example-site`` twice (Material's ``default`` and ``slate`` schemes) and opens the page
of ``GET /api/v1/runs/{runId}/trace`` in Debian's Chromium, as ``test_browser`` does.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE_SITE, assert_built, copy_tree, mkdocs_build

pytestmark = pytest.mark.slow  # Debian's Chromium

PAGE = "/api/traces/retrieve-run-trace/"
ASIDE = "[data-runs-api-aside]"
MAIN = ".runs-api-main"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the stdlib
        pass


def _build(root: Path, scheme: str) -> Path:
    site = copy_tree(EXAMPLE_SITE, root / scheme)
    config_file = site / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["palette"] = {"scheme": scheme}
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert_built(mkdocs_build(site))
    return site / "site"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Base URLs of the example site built with the `default` and the `slate` scheme."""
    root = tmp_path_factory.mktemp("panes")
    urls, running = {}, []
    for scheme in ("default", "slate"):
        handler = functools.partial(_QuietHandler, directory=str(_build(root, scheme)))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        running.append(httpd)
        urls[scheme] = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield urls
    for httpd in running:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def _open(browser, url: str, width: int, *, javascript: bool = True):
    """The page at `url` in a `width` px window; uncaught page errors fail the test."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    origin = url[: url.index("/", len("http://"))]

    def only_local(route) -> None:  # offline: nothing but our server
        route.continue_() if route.request.url.startswith(origin) else route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url, wait_until="networkidle")
        yield page
        assert not errors, errors
    finally:
        context.close()


def _box(page, selector: str) -> dict:
    locator = page.locator(selector)
    assert locator.count() == 1, f"expected one {selector}, got {locator.count()}"
    return locator.bounding_box()


def test_wide_screen_puts_the_aside_right_of_the_parameters(servers, browser):
    with _open(browser, servers["default"] + PAGE, 1400) as page:
        aside, main = _box(page, ASIDE), _box(page, MAIN)
        assert aside["x"] >= main["x"] + main["width"], (aside, main)
        assert abs(aside["y"] - main["y"]) < 40, "the panes do not start side by side"
        assert page.locator(f"{ASIDE} .tabbed-set").count() >= 2, "tabs did not render in the aside"
        assert page.locator(f"{MAIN} h2", has_text="Parameters").count() == 1
        assert page.eval_on_selector(ASIDE, "e => getComputedStyle(e).position") == "sticky"
        page.mouse.wheel(0, 2000)
        page.wait_for_function(f"document.querySelector('{MAIN}').getBoundingClientRect().top < 0")
        top = page.eval_on_selector(ASIDE, "e => e.getBoundingClientRect().top")
        assert 0 <= top < 120, f"the aside scrolled away (top {top}): not sticky"
        height = page.eval_on_selector(ASIDE, "e => e.getBoundingClientRect().height")
        assert height <= 900, "the aside is taller than the window instead of scrolling"
        assert not page.locator(".md-sidebar--secondary").is_visible(), "the TOC is shown"


def test_panes_need_no_javascript(servers, browser):
    with _open(browser, servers["default"] + PAGE, 1400, javascript=False) as page:
        aside, main = _box(page, ASIDE), _box(page, MAIN)
        assert aside["x"] >= main["x"] + main["width"], (aside, main)
        assert page.locator(f"{ASIDE} pre").first.is_visible(), "no visible code in the aside"


def test_phone_stacks_the_aside_above_and_nothing_scrolls_sideways(servers, browser):
    with _open(browser, servers["default"] + PAGE, 390) as page:
        aside, main = _box(page, ASIDE), _box(page, MAIN)
        assert aside["y"] + aside["height"] <= main["y"], (aside, main)
        assert aside["x"] + aside["width"] <= 390 and main["x"] + main["width"] <= 390
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


def test_dark_scheme_renders_the_panes(servers, browser):
    with _open(browser, servers["slate"] + PAGE, 1400) as page:
        scheme = page.eval_on_selector("body", "e => e.getAttribute('data-md-color-scheme')")
        assert scheme == "slate"
        aside, main = _box(page, ASIDE), _box(page, MAIN)
        assert aside["x"] >= main["x"] + main["width"]
        background = page.eval_on_selector(ASIDE, "e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background


PARAMETER_DESCRIPTION = ".runs-api-table-marker + * td:last-child"
"""The last cell of a row of one of our tables (inside Material's wrapper, or the bare table)."""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_stacks_parameter_rows_and_keeps_the_tab_row_on_the_page(
    servers, browser, javascript
):
    with _open(browser, servers["default"] + PAGE, 390, javascript=javascript) as page:
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
        cells = page.locator(f"{MAIN} {PARAMETER_DESCRIPTION}")
        assert cells.count() >= 1, "no parameter table after a runs-api-table-marker"
        for box in (cells.nth(i).bounding_box() for i in range(cells.count())):
            assert box["width"] >= 250, f"a parameter description is {box['width']:.0f} px wide"
            assert box["x"] + box["width"] <= 390, box
        labels = page.locator(f"{ASIDE} .tabbed-labels").first
        fits = labels.evaluate(
            "e => [e.scrollWidth <= e.clientWidth, e.getBoundingClientRect().right]"
        )
        assert fits[0] and fits[1] <= 390, f"the tab row runs off the page: {fits}"
