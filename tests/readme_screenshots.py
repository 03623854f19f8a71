"""Remake the README's screenshots: `python tests/readme_screenshots.py` (needs the test setup:
Playwright and Debian's chromium, see `tests/run.sh`).

Builds the example site twice in a temporary folder, as it is and with Material's `slate`
scheme, and saves its "Add tags to a run" page at 1400 px (scrolled to the panes) and 390 px
(the parameters in light, the top of the page in dark) into `example-site/screenshots/`; then
the page's try-it console after a request sent to Prism mocking the example spec (1400 px light
and dark, 390 px light).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright
from try_it_servers import prism_mock

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "example-site" / "screenshots"
PAGE = "api/tags/add-run-tags/"
PANES = "document.querySelector('.runs-api-panes')"
MAIN = "document.querySelector('.runs-api-main')"
SHOTS = [  # (file, scheme, width, scroll to the top of this element, minus 90 px)
    ("operation-1400-light.png", "light", 1400, PANES),
    ("operation-1400-dark.png", "dark", 1400, PANES),
    ("operation-390-light.png", "light", 390, MAIN),
    ("operation-390-dark.png", "dark", 390, None),
]
CONSOLE_SHOTS = [  # (file, scheme, width)
    ("try-it-1400-light.png", "light", 1400),
    ("try-it-1400-dark.png", "dark", 1400),
    ("try-it-390-light.png", "light", 390),
]


def build(folder: Path, dark: bool) -> Path:
    shutil.copytree(ROOT / "example-site", folder, ignore=shutil.ignore_patterns("site"))
    config = yaml.safe_load((folder / "mkdocs.yml").read_text())
    if dark:
        config["theme"]["palette"] = {"scheme": "slate"}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=folder, env=env, check=True
    )
    return folder / "site"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def serve(folder: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        urls = {
            scheme: serve(build(Path(work) / scheme, scheme == "dark"))
            for scheme in ("light", "dark")
        }
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
            )
            for name, scheme, width, element in SHOTS:
                page = browser.new_page(
                    viewport={"width": width, "height": 1000 if width > 500 else 844}
                )
                page.goto(urls[scheme] + PAGE, wait_until="networkidle")
                if element:
                    top = f"{element}.getBoundingClientRect().top + window.scrollY - 90"
                    page.evaluate(f"window.scrollTo(0, {top})")
                    page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / name))
                page.close()
            with prism_mock(ROOT / "example-site" / "openapi.yaml") as mock:
                for name, scheme, width in CONSOLE_SHOTS:
                    page = browser.new_page(
                        viewport={"width": width, "height": 1300 if width > 500 else 844}
                    )
                    page.goto(urls[scheme] + PAGE, wait_until="networkidle")
                    page.click("[data-try-it]")
                    page.fill("[data-try-it-server]", mock)
                    page.fill("[data-try-it-auth-value]", "tr_dev_2f8c1e0a")
                    page.click("[data-try-it-send]")
                    page.wait_for_selector("[data-try-it-status]")
                    wide = width > 500
                    target = "[data-try-it-console]" if wide else "[data-try-it-body-example]"
                    page.evaluate(
                        f"document.querySelector('{target}').scrollIntoView({{block: 'start'}});"
                        "window.scrollBy(0, -100)"  # below Material's fixed header
                    )
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(OUT / name))
                    page.close()
            browser.close()
    print(f"saved {len(SHOTS) + len(CONSOLE_SHOTS)} screenshots in {OUT}")


if __name__ == "__main__":
    main()
