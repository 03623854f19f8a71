"""The try-it console in Chromium, as a reader uses it: open it, fill the server URL and a token,
send. Every operation of the example site and of Trigger.dev's spec must get a 2xx from Prism,
which validates each request against the spec; then what goes wrong is shown as it should be
(CORS, no network, timeout, a reply that breaks its schema, a huge reply), and the copied cURL
sends exactly what the console sent."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import (
    EXAMPLE_SITE,
    assert_built,
    copy_tree,
    find_shared_specs,
    mkdocs_build,
    write_site,
)
from test_browser import _QuietHandler
from try_it_servers import fault_server, free_port, oauth_server, prism_mock

pytestmark = pytest.mark.slow  # Chromium, Prism and built sites

TOKEN = "tr_dev_s3cr3t"
TAGS_PAGE = "/api/tags/add-run-tags/"
LIST_PAGE = "/api/runs/list-runs/"


@dataclass(frozen=True)
class Site:
    url: str
    folder: Path


@contextlib.contextmanager
def _serve(site_dir: Path):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield Site(f"http://127.0.0.1:{httpd.server_address[1]}", site_dir)
    finally:
        httpd.shutdown()
        httpd.server_close()


def _build(root: Path, source: Path, try_it: dict | None = None, spec: Path | None = None) -> Path:
    site = copy_tree(source, root / "site")
    config_file = site / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugin = next(p["runs-api"] for p in config["plugins"] if isinstance(p, dict))
    if try_it is not None:
        plugin["try_it"] = try_it
    if spec is not None:
        plugin["spec"] = str(spec)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert_built(mkdocs_build(site))
    return site / "site"


def _console_pages(site_dir: Path) -> list[str]:
    """The URL path of every page that has a console (its data file is beside it)."""
    return sorted(
        "/" + str(path.relative_to(site_dir)).removesuffix(".try-it.json") + "/"
        for path in site_dir.rglob("*.try-it.json")
    )


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    with _serve(_build(tmp_path_factory.mktemp("example"), EXAMPLE_SITE)) as site:
        yield site


@pytest.fixture(scope="module")
def fault_site(tmp_path_factory):
    """The example site with a 2 s timeout, for the fault tests."""
    site = _build(tmp_path_factory.mktemp("faults"), EXAMPLE_SITE, {"timeout": 2})
    with _serve(site) as served:
        yield served


@contextlib.contextmanager
def _tab(browser, *, javascript: bool = True, width: int = 1400):
    """A browser tab that reaches nothing but 127.0.0.1; page errors fail the test."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])

    def only_local(route) -> None:
        local = route.request.url.startswith("http://127.0.0.1:")
        route.continue_() if local else route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
        assert not errors, errors
    finally:
        context.close()


def _open_console(page, url: str, server: str, token: str | None = TOKEN) -> None:
    page.goto(url, wait_until="networkidle")
    page.click("[data-try-it]")
    page.wait_for_selector("[data-try-it-console]")
    page.fill("[data-try-it-server]", server)
    if token:
        for field in page.locator("[data-try-it-auth-value]").all():
            field.fill(token)


def _send(page) -> str:
    """Press Send; the status shown (`error` when the console shows an error instead)."""
    page.click("[data-try-it-send]")
    page.wait_for_selector("[data-try-it-status], [data-try-it-error]", timeout=20000)
    status = page.locator("[data-try-it-status]")
    return status.get_attribute("data-try-it-status") if status.count() else "error"


def _every_operation_gets_a_2xx(browser, site_url: str, pages: list[str], mock: str) -> None:
    failures = []
    with _tab(browser) as page:
        for path in pages:
            _open_console(page, site_url + path, mock)
            status = _send(page)
            headers = page.inner_text("[data-try-it-headers]") if status != "error" else ""
            if not status.startswith("2") or "sl-violations" in headers:
                shown = page.inner_text("[data-try-it-result]")
                failures.append(f"{path}: {status}\n{shown[:800]}")
    assert not failures, f"{len(failures)} of {len(pages)} failed:\n" + "\n\n".join(failures)


def test_every_example_site_operation_is_accepted_by_prism(browser, example_site):
    pages = _console_pages(example_site.folder)
    assert len(pages) == 8, pages
    with prism_mock(EXAMPLE_SITE / "openapi.yaml") as mock:
        _every_operation_gets_a_2xx(browser, example_site.url, pages, mock)


def test_every_trigger_operation_is_accepted_by_prism(browser, tmp_path):
    spec = find_shared_specs() / "trigger" / "docs" / "v3-openapi.yaml"
    site_dir = _build(tmp_path / "trigger", EXAMPLE_SITE, spec=spec)
    pages = _console_pages(site_dir)
    assert len(pages) == 66, len(pages)
    with _serve(site_dir) as site, prism_mock(spec) as mock:
        _every_operation_gets_a_2xx(browser, site.url, pages, mock)


def test_prism_refuses_a_request_without_its_token(browser, example_site):
    """The 2xx above mean something: the same console without the token gets Prism's 401."""
    with prism_mock(EXAMPLE_SITE / "openapi.yaml") as mock, _tab(browser) as page:
        _open_console(page, example_site.url + TAGS_PAGE, mock, token=None)
        assert _send(page) == "401"


def test_a_server_without_cors_gets_the_cors_message_and_the_curl(browser, fault_site):
    with fault_server() as server, _tab(browser) as page:
        server.mode = "no-cors"
        _open_console(page, fault_site.url + TAGS_PAGE, server.base_url)
        assert _send(page) == "error"
        error = page.inner_text("[data-try-it-error]")
        assert error.startswith("CORS:"), error
        assert f"Access-Control-Allow-Origin: {fault_site.url}" in error
        assert "curl --request POST" in error and TOKEN not in error, "no masked cURL to copy"


def test_no_server_and_no_reply_in_time_say_so(browser, fault_site):
    with _tab(browser) as page:
        _open_console(page, fault_site.url + LIST_PAGE, f"http://127.0.0.1:{free_port()}")
        assert _send(page) == "error"
        assert page.inner_text("[data-try-it-error]").startswith("Network error")
    with fault_server() as server, _tab(browser) as page:
        server.mode = "slow"
        _open_console(page, fault_site.url + LIST_PAGE, server.base_url)
        assert _send(page) == "error"
        assert "(timeout)" in page.inner_text("[data-try-it-error]")


def test_a_reply_that_breaks_its_schema_is_flagged(browser, fault_site):
    with fault_server() as server, _tab(browser) as page:
        server.mode = "bad-schema"
        server.reply = {"message": 5, "extra": True}
        _open_console(page, fault_site.url + TAGS_PAGE, server.base_url)
        assert _send(page) == "200"
        verdict = page.locator("[data-try-it-schema]")
        assert verdict.get_attribute("data-try-it-schema") == "mismatch"
        problems = page.locator("[data-try-it-mismatch]").all_inner_texts()
        assert problems == ["$.message: expected string, got integer 5"], problems
        server.reply = {"message": "Successfully set 1 new tags."}
        assert _send(page) == "200"
        assert verdict.get_attribute("data-try-it-schema") == "match"


def test_a_huge_reply_is_cut_with_a_download_link(browser, fault_site):
    with fault_server() as server, _tab(browser) as page:
        server.mode = "big"
        _open_console(page, fault_site.url + LIST_PAGE, server.base_url)
        assert _send(page) == "200"
        shown = page.eval_on_selector("[data-try-it-response]", "e => e.textContent.length")
        assert shown <= 200_000
        link = page.locator("[data-try-it-download]")
        assert "1,2" in link.inner_text() or "bytes" in link.inner_text()
        assert link.get_attribute("href").startswith("blob:")


def test_the_copied_curl_sends_what_the_console_sent(browser, example_site):
    """One request model: the console's request and its "Copy as cURL", both sent to one
    recording server, arrive the same (method, path and query, body, the headers that matter)."""
    wanted = ("authorization", "content-type", "x-request-id")
    with fault_server() as server, _tab(browser) as page:
        for path, edits in ((LIST_PAGE, {"page[after]": "run_9 ü&x"}), (TAGS_PAGE, {})):
            server.received.clear()
            _open_console(page, example_site.url + path, server.base_url)
            for name, value in edits.items():
                page.fill(f'[data-try-it-param="{name}"]', value)
            shown = page.eval_on_selector("[data-try-it-curl]", "e => e.textContent")
            assert TOKEN not in shown and "****" in shown, "the shown cURL must mask the token"
            assert _send(page) == "200"
            page.click("[data-try-it-copy-curl]")
            curl = page.evaluate("navigator.clipboard.readText()")
            assert TOKEN in curl, "the copied cURL must carry the real token"
            subprocess.run(["bash", "-c", curl], check=True, capture_output=True, timeout=30)
            by_browser, by_curl = server.received
            for key in ("method", "target", "body"):
                assert by_browser[key] == by_curl[key], (key, by_browser[key], by_curl[key])
            for name in wanted:
                assert by_browser["headers"].get(name) == by_curl["headers"].get(name), name
            if edits:
                assert "run_9%20%C3%BC%26x" in by_browser["target"], by_browser["target"]


def test_without_javascript_the_page_is_whole_and_the_button_hidden(browser, example_site):
    with _tab(browser, javascript=False) as page:
        page.goto(example_site.url + TAGS_PAGE)
        assert page.locator("[data-try-it]").count() == 1
        assert not page.locator("[data-try-it]").is_visible()
        assert page.locator("[data-runs-api-aside] pre").first.is_visible()


def test_the_console_fits_a_phone(browser, example_site):
    with _tab(browser, width=390) as page:
        _open_console(page, example_site.url + TAGS_PAGE, "http://127.0.0.1:9")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
        console = page.locator("[data-try-it-console]").bounding_box()
        assert console["x"] >= 0 and console["x"] + console["width"] <= 390, console


def test_instant_navigation_keeps_the_button_working(browser, tmp_path):
    """With Material's `navigation.instant`, a page reached by a click (no reload) still opens
    its console."""
    site = copy_tree(EXAMPLE_SITE, tmp_path / "instant")
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["features"].append("navigation.instant")
    config["site_url"] = "http://127.0.0.1/"
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert_built(mkdocs_build(site))
    with _serve(site / "site") as served, _tab(browser) as page:
        page.goto(served.url + LIST_PAGE, wait_until="networkidle")
        page.click("a[href$='retrieve-run/']")
        page.wait_for_url("**/retrieve-run/")
        page.click("[data-try-it]")
        page.wait_for_selector("[data-try-it-console]")
        assert json.loads(page.evaluate("JSON.stringify(location.pathname)")).endswith(
            "retrieve-run/"
        )


OAUTH_SPEC = """\
openapi: 3.1.0
info: {title: OAuth, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /me:
    get:
      operationId: getMe
      security: [{oauth: [profile]}]
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: BASE/authorize
          tokenUrl: BASE/token
          scopes: {profile: Your profile}
"""


def test_oauth2_authorization_code_with_pkce_fills_the_token(browser, tmp_path):
    """ "Authorize" opens the provider, comes back through the plugin's redirect page, and the
    code is exchanged for a token (the provider checks the PKCE verifier), which is sent."""
    with oauth_server() as provider, fault_server() as api:
        spec = tmp_path / "spec.yaml"
        spec.write_text(OAUTH_SPEC.replace("BASE", provider.base_url), encoding="utf-8")
        write_site(tmp_path, spec)
        assert_built(mkdocs_build(tmp_path))
        with _serve(tmp_path / "site") as site, _tab(browser) as page:
            _open_console(page, site.url + "/api/get-me/", api.base_url, token=None)
            page.click(".runs-api-console__oauth summary")
            page.fill("[data-try-it-client-id]", "docs-console")
            page.click("[data-try-it-authorize]")
            status = page.locator("[data-try-it-token-status]")
            page.wait_for_function(
                "document.querySelector('[data-try-it-token-status]').textContent"
                ".startsWith('Token received')",
                timeout=15000,
            )
            assert provider.refused == [], provider.refused
            assert status.inner_text() == "Token received."
            assert _send(page) == "200"
        assert api.received[-1]["headers"]["authorization"] == f"Bearer {provider.TOKEN}"


NOT_AN_OBJECT = "Request body must be object"
PRISM_CANNOT_READ = {
    "/api/notes/create-note/": NOT_AN_OBJECT,  # an XML body
    "/api/configs/upload-config/": NOT_AN_OBJECT,  # a YAML body
    "/api/sheets/upload-sheet/": NOT_AN_OBJECT,  # an application/vnd.ms-excel file
    "/api/documents/upload-document/": "Request body property attachments must be array",
}
"""Bodies Prism 5.14 does not read, and the 422 it answers to any of them: it parses neither
XML nor YAML nor other files, and reads a multipart array of files sent as two parts as one
value (cURL's `-F attachments=@a -F attachments=@b` gets the same 422). The console sends
them as the code samples do (`test_the_copied_curl_sends_what_the_console_sent` shows the two
are one request)."""


def test_every_kind_of_body_is_accepted_by_prism(browser, tmp_path):
    """JSON, a form, multipart with text fields and files (several for an array), text and
    a binary file, with HTTP basic auth: the `samples_bodies` golden case's spec."""
    spec = Path(__file__).parent / "golden" / "samples_bodies" / "spec.yaml"
    write_site(tmp_path, spec)
    assert_built(mkdocs_build(tmp_path))
    pages = _console_pages(tmp_path / "site")
    assert len(pages) == 9, pages
    failures = []
    with _serve(tmp_path / "site") as site, prism_mock(spec) as mock, _tab(browser) as page:
        for path in pages:
            _open_console(page, site.url + path, mock)
            for name in ("user", "password"):
                for field in page.locator(f"[data-try-it-auth-{name}]").all():
                    field.fill(f"a {name}")
            for field in page.locator("input[type=file]").all():
                count = 2 if field.get_attribute("multiple") is not None else 1
                field.set_input_files(
                    [
                        {"name": f"f{n}.bin", "mimeType": "image/png", "buffer": b"\x89PNG..."}
                        for n in range(count)
                    ]
                )
            status = _send(page)
            if path in PRISM_CANNOT_READ:
                shown = page.inner_text("[data-try-it-response]")
                assert status == "422" and PRISM_CANNOT_READ[path] in shown, (path, shown)
            elif not status.startswith("2"):
                failures.append(f"{path}: {status} {page.inner_text('[data-try-it-result]')}")
    assert not failures, "\n".join(failures)


def test_proxy_and_session_storage(browser, tmp_path):
    """`try_it: {proxy, storage: session}`: the request goes through the proxy URL, and the
    token is still there after a reload (in the default `memory` mode it is gone)."""
    with fault_server() as proxy:
        options = {"proxy": f"{proxy.base_url}/proxy?url={{url}}", "storage": "session"}
        with _serve(_build(tmp_path, EXAMPLE_SITE, options)) as site, _tab(browser) as page:
            page.goto(site.url + TAGS_PAGE, wait_until="networkidle")
            page.click("[data-try-it]")
            page.fill("[data-try-it-auth-value]", TOKEN)
            assert _send(page) == "200"
            target = proxy.received[-1]["target"]
            wanted = "https%3A%2F%2Fapi.example-runs.dev%2Fapi%2Fv1%2Fruns%2Frun_1234%2Ftags"
            assert target == f"/proxy?url={wanted}", target
            assert proxy.received[-1]["headers"]["authorization"] == f"Bearer {TOKEN}"
            page.reload(wait_until="networkidle")
            page.click("[data-try-it]")
            assert page.input_value("[data-try-it-auth-value]") == TOKEN


def test_memory_storage_forgets_the_token_on_reload(browser, example_site):
    with _tab(browser) as page:
        _open_console(page, example_site.url + TAGS_PAGE, "http://127.0.0.1:9")
        page.reload(wait_until="networkidle")
        page.click("[data-try-it]")
        assert page.input_value("[data-try-it-auth-value]") == ""


def test_an_empty_required_parameter_and_bad_json_are_pointed_out(browser, example_site):
    with fault_server() as server, _tab(browser) as page:
        _open_console(page, example_site.url + TAGS_PAGE, server.base_url)
        page.fill('[data-try-it-param="runId"]', "")
        page.fill("[data-try-it-body]", '{"tags": ')
        _send(page)
        assert page.locator("[data-try-it-warning]").all_inner_texts() == [
            "runId (path) is required and empty.",
            "The body is not valid JSON: Unexpected end of JSON input.",
        ]


def test_enter_in_a_field_sends(browser, example_site):
    with fault_server() as server, _tab(browser) as page:
        _open_console(page, example_site.url + TAGS_PAGE, server.base_url)
        page.press('[data-try-it-param="runId"]', "Enter")
        page.wait_for_selector("[data-try-it-status]")
        assert server.received[-1]["target"] == "/api/v1/runs/run_1234/tags"


def test_a_named_example_can_be_picked_and_sent(browser, example_site):
    with prism_mock(EXAMPLE_SITE / "openapi.yaml") as mock, _tab(browser) as page:
        _open_console(page, example_site.url + TAGS_PAGE, mock)
        page.select_option("[data-try-it-body-example]", label="Add several tags at once")
        assert '"plan:pro"' in page.input_value("[data-try-it-body]")
        assert '"plan:pro"' in page.eval_on_selector("[data-try-it-curl]", "e => e.textContent")
        assert _send(page) == "200"
