"""`mkdocs serve`: an edit to the spec, to a file it `$ref`s, or to a custom template shows up
on the next rebuild."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import EXAMPLE_SITE, copy_tree

pytestmark = pytest.mark.slow  # a real `mkdocs serve` waiting for three rebuilds
TRACE_PAGE = "api/traces/retrieve-run-trace/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, marker: str, server: subprocess.Popen, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited:\n{server.stdout.read()}")
        page = _fetch(url)
        if page and marker in page:
            return page
        time.sleep(0.5)
    pytest.fail(f"{marker!r} did not appear at {url} within {timeout} s")


def start_serve(site) -> tuple[subprocess.Popen, str]:  # noqa: ANN001
    """`mkdocs serve` of `site` on a free port (its output piped), and its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return server, f"http://127.0.0.1:{port}/"


@pytest.fixture
def served_site(tmp_path):
    site = copy_tree(EXAMPLE_SITE, tmp_path / "site-src")
    (site / "overrides" / "partials").mkdir(parents=True)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "spec: openapi.yaml", "spec: openapi.yaml\n      custom_templates: overrides"
    )
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    server, base = start_serve(site)
    try:
        yield site, base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
    server.stdout.close()


def test_serve_rebuilds_on_spec_ref_and_template_edits(served_site):
    site, base, server = served_site
    _wait_for(base + TRACE_PAGE, 'data-operation="GET /api/v1/runs/{runId}/trace"', server)

    referenced = site / "schemas" / "trace.yaml"
    text = referenced.read_text(encoding="utf-8")
    assert "Identifier of the span, unique within its trace." in text
    referenced.write_text(
        text.replace("unique within its trace.", "unique EDITED-IN-REF."), encoding="utf-8"
    )
    _wait_for(base + TRACE_PAGE, "unique EDITED-IN-REF.", server)

    root = site / "openapi.yaml"
    text = root.read_text(encoding="utf-8")
    root.write_text(
        text.replace("summary: Retrieve a run trace", "summary: Trace EDITED-IN-ROOT"),
        encoding="utf-8",
    )
    _wait_for(base + TRACE_PAGE, "Trace EDITED-IN-ROOT", server)

    (site / "overrides" / "partials" / "description.md.jinja").write_text(
        "TEMPLATE-EDITED {{ operation.operation_id }}\n", encoding="utf-8"
    )
    _wait_for(base + TRACE_PAGE, "TEMPLATE-EDITED retrieveRunTrace", server)


def test_a_broken_spec_shows_its_error_in_the_browser_every_time(tmp_path):
    """The browser gets a page with the located error (not a request that hangs), the rest of
    the site stays browsable, the terminal shows the error at each broken save, and the next
    good save brings the reference back."""
    site = copy_tree(EXAMPLE_SITE, tmp_path / "site-src")
    spec = site / "openapi.yaml"
    good = spec.read_text(encoding="utf-8")
    server, base = start_serve(site)
    try:
        _wait_for(base + TRACE_PAGE, 'data-operation="GET /api/v1/runs/{runId}/trace"', server)
        broken = good.replace("paths:", "paths: [unclosed\n", 1)
        spec.write_text(broken, encoding="utf-8")
        page = _wait_for(base + "api/", "the spec has an error", server)
        assert "openapi.yaml:" in page and "invalid YAML" in page
        home = _fetch(base)
        assert home and "lets you look after the background task runs" in home  # still served
        time.sleep(1.5)
        spec.write_text(broken + "\n", encoding="utf-8")  # broken the same way again
        time.sleep(4)
        spec.write_text(good, encoding="utf-8")
        _wait_for(base + TRACE_PAGE, 'data-operation="GET /api/v1/runs/{runId}/trace"', server)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    errors = [line for line in output.splitlines() if "invalid YAML" in line]
    assert len(errors) >= 2 and all(line.startswith("ERROR") for line in errors), output[-3000:]
