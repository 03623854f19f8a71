"""Security schemes and requirements, described the way a reader needs them."""

from __future__ import annotations

from typing import Any

from ..layout.slugs import SlugAllocator
from ..spec.resolve import SpecBundle
from .types import OAuthFlow, SecurityRequirement, SecurityScheme, Server

FLOW_TITLES = {
    "implicit": "Implicit",
    "password": "Password",
    "clientCredentials": "Client credentials",
    "authorizationCode": "Authorization code",
    "deviceAuthorization": "Device authorization",
}
"""OAuth 2.0 flows by their key in `flows` (3.2 adds `deviceAuthorization`), for people."""


def build_security_schemes(bundle: SpecBundle) -> dict[str, SecurityScheme]:
    """Every `components.securitySchemes` entry, by name, in document order."""
    components = bundle.document.get("components") or {}
    raw = components.get("securitySchemes") or {} if isinstance(components, dict) else {}
    schemes = {}
    for name, scheme in raw.items() if isinstance(raw, dict) else ():
        scheme, _, _ = bundle.deref(scheme, bundle.root)
        schemes[str(name)] = describe_scheme(str(name), scheme if isinstance(scheme, dict) else {})
    anchors = SlugAllocator()
    for name in sorted(schemes):  # by name, as the overview lists them: ids keep to key order
        schemes[name].anchor = "scheme-" + anchors.allocate(name, fallback="scheme")
    return schemes


def describe_scheme(name: str, scheme: dict[str, Any]) -> SecurityScheme:
    """Summarize one security scheme: its kind and how a request carries it."""
    kind = str(scheme.get("type") or "")
    summary, usage = kind, ""
    flows = oauth_flows(scheme.get("flows")) if kind == "oauth2" else []
    if kind == "http":
        http_scheme = str(scheme.get("scheme") or "").lower()
        summary = f"HTTP {http_scheme}"
        if http_scheme == "bearer":
            token = scheme.get("bearerFormat") or "token"
            usage = f"Authorization: Bearer <{token}>"
        elif http_scheme == "basic":
            usage = "Authorization: Basic <base64(username:password)>"
        else:
            usage = f"Authorization: {http_scheme.capitalize()} <credentials>"
    elif kind == "apiKey":
        where, key = scheme.get("in"), scheme.get("name")
        summary = f"API key in {where} `{key}`"
        usage = {
            "header": f"{key}: <api key>",
            "query": f"?{key}=<api key>",
            "cookie": f"Cookie: {key}=<api key>",
        }.get(str(where), "")
    elif kind == "oauth2":
        summary = "OAuth 2.0" + (f" ({', '.join(f.kind for f in flows)})" if flows else "")
        usage = "Authorization: Bearer <access token>"
    elif kind == "openIdConnect":
        summary = "OpenID Connect"
        usage = "Authorization: Bearer <id token>"
    elif kind == "mutualTLS":
        summary = "Mutual TLS"
        usage = "a client certificate"
    return SecurityScheme(
        name=name,
        type=kind,
        description=str(scheme.get("description") or ""),
        summary=summary,
        usage=usage,
        http_scheme=str(scheme.get("scheme") or "").lower() if kind == "http" else "",
        location=str(scheme.get("in") or "") if kind == "apiKey" else "",
        key_name=str(scheme.get("name") or "") if kind == "apiKey" else "",
        flows=flows,
        scopes=_every_scope(flows),
        scopes_by_flow=len({frozenset(flow.scopes) for flow in flows}) > 1,
        openid_connect_url=_text(scheme.get("openIdConnectUrl")) if kind == "openIdConnect" else "",
        metadata_url=_text(scheme.get("oauth2MetadataUrl")) if kind == "oauth2" else "",
        deprecated=scheme.get("deprecated") is True,
    )


def oauth_flows(raw: Any) -> list[OAuthFlow]:
    """An OAuth 2.0 `flows` object as flows, in document order (its `x-` extensions left out)."""
    flows = []
    for kind, flow in raw.items() if isinstance(raw, dict) else ():
        if str(kind).startswith("x-") or not isinstance(flow, dict):
            continue
        scopes = flow.get("scopes") if isinstance(flow.get("scopes"), dict) else {}
        flows.append(
            OAuthFlow(
                kind=str(kind),
                title=FLOW_TITLES.get(str(kind), str(kind)),
                authorization_url=_text(flow.get("authorizationUrl")),
                token_url=_text(flow.get("tokenUrl")),
                refresh_url=_text(flow.get("refreshUrl")),
                device_authorization_url=_text(flow.get("deviceAuthorizationUrl")),
                scopes={str(name): _text(text) for name, text in scopes.items()},
            )
        )
    return flows


def _every_scope(flows: list[OAuthFlow]) -> dict[str, str]:
    """The scopes of all `flows`, each once: the first flow that describes it gives its text."""
    scopes: dict[str, str] = {}
    for flow in flows:
        for name, text in flow.scopes.items():
            scopes[name] = scopes.get(name) or text
    return scopes


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def build_requirements(
    raw: Any, schemes: dict[str, SecurityScheme]
) -> list[SecurityRequirement] | None:
    """`security` as requirements; None when not declared. Unknown names are kept, unresolved."""
    if not isinstance(raw, list):
        return None
    requirements = []
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        pairs = []
        for name, scopes in entry.items():
            scheme = schemes.get(str(name)) or SecurityScheme(
                name=str(name), type="", description="", summary="undeclared scheme", usage=""
            )
            pairs.append((scheme, [str(s) for s in scopes or []]))
        requirements.append(SecurityRequirement(schemes=pairs))
    return requirements


def build_servers(raw: Any) -> list[Server]:
    """`servers` entries with their variables."""
    servers = []
    for entry in raw if isinstance(raw, list) else ():
        if isinstance(entry, dict) and entry.get("url") is not None:
            variables = entry.get("variables") if isinstance(entry.get("variables"), dict) else {}
            servers.append(
                Server(str(entry["url"]), str(entry.get("description") or ""), variables or {})
            )
    return servers
