"""Security schemes in the model: OAuth 2.0 flows and scopes, OpenID Connect, overview anchors,
the schemes an operation needs; and `url_link`, which writes the URLs they carry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import assert_built, mkdocs_build, write_site

from mkdocs_runs_api.model import build_api_model
from mkdocs_runs_api.model.security import describe_scheme
from mkdocs_runs_api.model.types import OAuthFlow
from mkdocs_runs_api.render.markdown import url_link
from mkdocs_runs_api.spec.input import read_spec
from mkdocs_runs_api.spec.swagger2 import convert_swagger2


def test_oauth2_flows_keep_their_urls_and_scopes_in_document_order():
    scheme = describe_scheme(
        "oauth",
        {
            "type": "oauth2",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": "https://a.example.com/authorize",
                    "tokenUrl": "https://a.example.com/token",
                    "refreshUrl": "https://a.example.com/refresh",
                    "scopes": {"write": "", "read": "Read runs."},
                },
                "clientCredentials": {
                    "tokenUrl": "https://a.example.com/token",
                    "scopes": {"read": "Read.", "write": "Write runs."},
                },
                "x-note": {"tokenUrl": "not a flow"},
            },
        },
    )
    assert scheme.summary == "OAuth 2.0 (authorizationCode, clientCredentials)"
    assert scheme.flows == [
        OAuthFlow(
            kind="authorizationCode",
            title="Authorization code",
            authorization_url="https://a.example.com/authorize",
            token_url="https://a.example.com/token",
            refresh_url="https://a.example.com/refresh",
            scopes={"write": "", "read": "Read runs."},
        ),
        OAuthFlow(
            kind="clientCredentials",
            title="Client credentials",
            token_url="https://a.example.com/token",
            scopes={"read": "Read.", "write": "Write runs."},
        ),
    ]
    assert scheme.scopes == {"write": "Write runs.", "read": "Read runs."}
    assert not scheme.scopes_by_flow  # the same names, in another order


def test_openapi_32_device_flow_and_metadata_url_and_openid_connect():
    device = describe_scheme(
        "device",
        {
            "type": "oauth2",
            "oauth2MetadataUrl": "https://a.example.com/.well-known/oauth-authorization-server",
            "flows": {
                "deviceAuthorization": {
                    "deviceAuthorizationUrl": "https://a.example.com/device",
                    "tokenUrl": "https://a.example.com/token",
                    "scopes": {"tv": "Watch."},
                },
                "implicit": {"authorizationUrl": "https://a.example.com/authorize", "scopes": {}},
            },
        },
    )
    assert device.metadata_url.endswith("/oauth-authorization-server")
    assert [(flow.title, flow.device_authorization_url) for flow in device.flows] == [
        ("Device authorization", "https://a.example.com/device"),
        ("Implicit", ""),
    ]
    assert device.scopes_by_flow
    oidc = describe_scheme("oidc", {"type": "openIdConnect", "openIdConnectUrl": "https://o/x"})
    assert (oidc.openid_connect_url, oidc.flows, oidc.scopes) == ("https://o/x", [], {})
    cookie = describe_scheme("s", {"type": "apiKey", "in": "cookie", "name": "sid"})
    assert (cookie.location, cookie.key_name, cookie.usage) == (
        "cookie",
        "sid",
        "Cookie: sid=<api key>",
    )


def test_swagger2_oauth2_definitions_keep_their_flow_urls_and_scopes():
    converted = convert_swagger2(
        {
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "securityDefinitions": {
                "code": {
                    "type": "oauth2",
                    "flow": "accessCode",
                    "authorizationUrl": "https://a.example.com/authorize",
                    "tokenUrl": "https://a.example.com/token",
                    "scopes": {"read": "Read runs."},
                    "description": "Sign in.",
                },
                "app": {
                    "type": "oauth2",
                    "flow": "application",
                    "tokenUrl": "https://a.example.com/token",
                    "scopes": {},
                },
            },
        }
    )
    raw = converted["components"]["securitySchemes"]
    code = describe_scheme("code", raw["code"])
    assert (code.description, code.scopes) == ("Sign in.", {"read": "Read runs."})
    assert [(f.kind, f.authorization_url, f.token_url) for f in code.flows] == [
        ("authorizationCode", "https://a.example.com/authorize", "https://a.example.com/token")
    ]
    app = describe_scheme("app", raw["app"])
    assert [(f.kind, f.token_url) for f in app.flows] == [
        ("clientCredentials", "https://a.example.com/token")
    ]


@pytest.fixture
def api(tmp_path):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {
            "securitySchemes": {
                "a-b": {"type": "oauth2", "flows": {}},
                "a b": {"type": "apiKey", "in": "header", "name": "K"},
                "!!": {"type": "openIdConnect", "openIdConnectUrl": "https://o/x"},
            }
        },
        "paths": {
            "/x": {
                "get": {
                    "security": [{"a-b": ["read"], "a b": []}, {"a-b": ["write", "read"]}],
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    return build_api_model(read_spec(path).bundle)


def test_overview_anchors_are_unique_and_follow_the_names_order(api):
    assert [(s.name, s.anchor) for s in api.security_schemes] == [
        ("!!", "scheme-scheme"),
        ("a b", "scheme-a-b"),
        ("a-b", "scheme-a-b-2"),
    ]


def test_required_schemes_name_each_scheme_once_with_every_scope_asked(api):
    (operation,) = api.operations
    assert [(s.name, scopes) for s, scopes in operation.required_schemes] == [
        ("a-b", ["read", "write"]),
        ("a b", []),
    ]


@pytest.mark.parametrize(
    ("url", "markdown"),
    [
        (
            "https://a.example.com/token",
            "[`https://a.example.com/token`](https://a.example.com/token)",
        ),
        (
            "HTTP://a.example.com/t?x=(1)",
            "[`HTTP://a.example.com/t?x=%281%29`](HTTP://a.example.com/t?x=%281%29)",
        ),
        (
            "https://a.example.com/<b>{x}`|]",
            "[`https://a.example.com/%3Cb%3E%7Bx%7D%60%7C%5D`](https://a.example.com/%3Cb%3E%7Bx%7D%60%7C%5D)",
        ),
        ("javascript:alert(1)", "`javascript:alert(1)`"),
        ("/relative/token", "`/relative/token`"),
        ("https://[::1", "`https://[::1`"),
        ("https:///no-host", "`https:///no-host`"),
    ],
)
def test_url_link_links_absolute_http_urls_only_and_encodes_markdown_syntax(url, markdown):
    assert url_link(url) == markdown


@pytest.mark.slow  # a site build
def test_overview_entries_are_link_targets_and_script_urls_never_links(tmp_path):
    """The golden case built with `validation: anchors: warn` (a warning fails the build): each
    operation page's link to its scheme's overview entry resolves. (Without the case's
    `javascript:` link in a scope description: neutralized, it links to an anchor no page has.)"""
    spec = Path(__file__).parent / "golden" / "security_flows" / "spec.yaml"
    text = spec.read_text(encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(text.replace("[link](javascript:alert(2))", "link"))
    write_site(tmp_path, "spec.yaml", extra={"validation": {"anchors": "warn"}})
    assert_built(mkdocs_build(tmp_path))
    overview = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    purge = (tmp_path / "site" / "api" / "admin" / "purge" / "index.html").read_text("utf-8")
    assert 'id="scheme-oauth"' in overview
    assert 'href="../../#scheme-oauth"' in purge
    hrefs = re.findall(r'href="([^"]*)"', overview + purge)
    assert "https://auth.example.com/token?grant=client%28credentials%29" in hrefs
    assert not [href for href in hrefs if "javascript" in href or href == "/relative/token"]
