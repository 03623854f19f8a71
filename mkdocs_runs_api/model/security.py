"""Security schemes and requirements, described the way a reader needs them."""

from __future__ import annotations

from typing import Any

from ..spec.resolve import SpecBundle
from .types import SecurityRequirement, SecurityScheme, Server


def build_security_schemes(bundle: SpecBundle) -> dict[str, SecurityScheme]:
    """Every `components.securitySchemes` entry, by name, in document order."""
    components = bundle.document.get("components") or {}
    raw = components.get("securitySchemes") or {} if isinstance(components, dict) else {}
    schemes = {}
    for name, scheme in raw.items() if isinstance(raw, dict) else ():
        scheme, _, _ = bundle.deref(scheme, bundle.root)
        schemes[str(name)] = describe_scheme(str(name), scheme if isinstance(scheme, dict) else {})
    return schemes


def describe_scheme(name: str, scheme: dict[str, Any]) -> SecurityScheme:
    """Summarize one security scheme: its kind and how a request carries it."""
    kind = str(scheme.get("type") or "")
    summary, usage = kind, ""
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
        flows = scheme.get("flows") or {}
        summary = "OAuth 2.0" + (f" ({', '.join(map(str, flows))})" if flows else "")
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
    )


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
