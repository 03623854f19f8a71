"""The API as plain data: what the templates see. Built by `model.build`, no MkDocs inside."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..spec.walk import METHODS, OperationSite, http_method

NAV_KINDS = ("", "nav")
"""The 3.2 tag kinds that make nav groups (no kind is `nav`); other kinds label operations."""


@dataclass(slots=True)
class SchemaNode:
    """One schema shown as a node of a property tree (a property, an array's items, a variant)."""

    name: str | None = None
    """Property name, variant label, or None for the root of a tree."""
    type: str = ""
    """Human type label: `string`, `integer (int64)`, `array of Run`, `string or null`."""
    ref_name: str | None = None
    """Name of the `$ref`ed component this node shows, if any."""
    required: bool = False
    nullable: bool = False
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    description: str = ""
    enum: list[Any] = field(default_factory=list)
    has_default: bool = False
    default: Any = None
    const: Any = None
    has_const: bool = False
    constraints: list[str] = field(default_factory=list)
    """Validation keywords as `keyword: value` strings, e.g. `maxItems: 10`."""
    children: list[SchemaNode] = field(default_factory=list)
    """Properties (of this object, or of an array's item objects)."""
    variant_kind: str | None = None
    """`oneOf` or `anyOf` when `variants` are alternatives."""
    variants: list[SchemaNode] = field(default_factory=list)
    items: SchemaNode | None = None
    """An array's items, for what they say of themselves: the component they are (`ref_name`,
    its `anchor`, or `see_anchor` when it is shown elsewhere), their description, default,
    const, closedness, discriminator... Their properties and variants are the array's own
    `children` and `variants` (a tree shows an array and its items as one node), their enum and
    constraints are among the array's (`items maxLength: 5`), so `items` has none of those."""
    anchor: str | None = None
    """HTML id placed where this named component is expanded, for links back to it. An array
    that is no component itself has its items' (its node is where they are shown)."""
    see_anchor: str | None = None
    """Set when this component is already expanded on the page: link there, do not repeat."""
    recursive: bool = False
    """True when `see_anchor` points at an ancestor (a circular schema)."""
    discriminator: str | None = None
    """The `discriminator.propertyName` that selects among `variants`."""
    mapping: dict[str, str] = field(default_factory=dict)
    """`discriminator.mapping`: property value -> schema."""
    closed: bool = False
    """`additionalProperties: false` (or `unevaluatedProperties: false`): no properties beyond
    the listed ones."""
    excluded: str | None = None
    """What `not` excludes (its type label or `$ref` name)."""
    excluded_values: list[Any] = field(default_factory=list)
    """Values `not` excludes (when it is a `const` or an `enum`)."""
    conflicts: list[str] = field(default_factory=list)
    """`allOf` parts that disagree on a keyword, e.g. `type: "string" vs "integer"`."""
    recursive_parts: tuple[tuple[str, str], ...] = ()
    """`allOf` parts that are a component an enclosing schema inlined already (a circular
    `allOf`), not inlined again: `(name, anchor)`, the anchor of where its properties are shown
    (its expansion, or the `merge_anchors` of the schema that inlined it)."""
    merge_anchors: tuple[str, ...] = ()
    """Ids for this node's head line: components it inlined as `allOf` parts, that a circular
    part below links back to (`recursive_parts`) when the tree expands them nowhere else."""
    omitted: list[str] = field(default_factory=list)
    """On a tree's root: properties left out on purpose (readOnly in requests, writeOnly in
    responses), as dotted paths, for the build log."""
    id_prefix: str = ""
    """On a tree's root: the anchor prefix of its place on the page (`schema-200-application-json`),
    which starts its properties' HTML ids unless the root is a component (`render.property_ids`)."""

    @property
    def link(self) -> SchemaNode | None:
        """The node whose `see_anchor` this node's "see" link shows: itself (a use of a
        component shown elsewhere), or an array's items (or theirs) when they are; else None."""
        node = self
        while node.items is not None:
            node = node.items
        return node if node.see_anchor else None

    @property
    def head_anchors(self) -> list[str]:
        """The ids its head line holds besides its own `anchor`: its `merge_anchors`, and the
        anchors of its items' components (and of theirs): those of an array component's items,
        which are expanded at the array's node too (with their `merge_anchors`)."""
        anchors, items = list(self.merge_anchors), self.items
        while items is not None:
            if items.anchor and items.anchor != self.anchor:
                anchors.append(items.anchor)
            anchors += items.merge_anchors
            items = items.items
        return anchors


@dataclass
class Example:
    """A named or single example value."""

    value: Any
    summary: str = ""
    description: str = ""
    name: str = ""
    external_value: str = ""
    synthesized: bool = False
    cut: bool = False
    """A synthesized example the size budget (`limits.max_example_bytes`) left optional
    properties out of."""


@dataclass
class SchemaPlace:
    """Where an operation's page shows a schema that a later media type shares."""

    status: str
    """The response's status, or "" for the request body."""
    media_type: str
    anchor: str
    """The HTML id of that media type's block."""


@dataclass
class MediaType:
    """One media type of a request body or response."""

    name: str
    schema: SchemaNode | None
    examples: list[Example] = field(default_factory=list)
    """The spec's examples, else one synthesized from the schema (none when an earlier media
    type of the same body or response shows the same schema: it would be the same value)."""
    encoding: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Multipart/form `encoding`: property -> {contentType, style, explode, headers...}."""
    source: Source | None = field(default=None, repr=False, compare=False)
    """Where the media type object is defined (its schema is at `+ ("schema",)`, or at
    `+ ("itemSchema",)` when `item_label` is set)."""
    anchor_prefix: str = field(default="", repr=False, compare=False)
    """Starts the anchor ids of its schema tree (`schema-200-application-json`)."""
    also: list[MediaType] = field(default_factory=list, repr=False, compare=False)
    """Later media types of the same body or response with the same schema and encoding: shown
    in this one's block (`model.shared_schemas`)."""
    shown_with: str = ""
    """Set (to that media type's name) when it is in `also` of an earlier one: no own block."""
    same_as: SchemaPlace | None = None
    """Set when an earlier body or response of the page shows the same schema: link there."""
    anchor: str = ""
    """The HTML id of this media type's block, set when a later one links here (`same_as`)."""
    item_label: str = ""
    """`Each item` / `Each event` when the tree is a 3.2 `itemSchema` (one item of a stream)."""


@dataclass
class Parameter:
    """A parameter with its schema summarized for a table row."""

    name: str
    location: str
    required: bool
    description: str
    """Its own, else its schema's."""
    schema: SchemaNode | None
    deprecated: bool = False
    example: Any = None
    has_example: bool = False
    style: str | None = None
    explode: bool | None = None
    examples: list[Example] = field(default_factory=list)
    """Named examples, each with its summary."""
    allow_reserved: bool = False
    content_type: str | None = None
    """Set when the parameter is described by `content` (a media type) instead of `schema`."""
    source: Source | None = field(default=None, repr=False, compare=False)
    """Where the parameter object is defined."""


@dataclass
class Header:
    """A response header, summarized for a table row as a parameter is."""

    name: str
    description: str
    required: bool
    schema: SchemaNode | None
    deprecated: bool = False
    example: Any = None
    has_example: bool = False
    examples: list[Example] = field(default_factory=list)
    """Named examples, each with its summary."""
    content_type: str | None = None
    """Set when the header is described by `content` (a media type) instead of `schema`."""


@dataclass
class RequestBody:
    description: str
    required: bool
    media_types: list[MediaType]


@dataclass
class Link:
    """A response link: how a value of this response feeds another operation."""

    name: str
    target: str
    """The `operationId`, or the `operationRef`."""
    parameters: dict[str, Any]
    description: str


@dataclass
class Response:
    status: str
    description: str
    headers: list[Header]
    media_types: list[MediaType]
    links: list[Link] = field(default_factory=list)


@dataclass
class SecurityScheme:
    """A security scheme from `components.securitySchemes`, described for people."""

    name: str
    type: str
    description: str
    summary: str
    """e.g. `HTTP bearer`, `API key in header X-Api-Key`."""
    usage: str
    """How a request carries it, e.g. `Authorization: Bearer <token>`."""
    http_scheme: str = ""
    """For `http` schemes: `bearer`, `basic`..."""
    location: str = ""
    """For `apiKey` schemes: `header`, `query` or `cookie`."""
    key_name: str = ""
    """For `apiKey` schemes: the header, parameter or cookie name."""
    flows: list[OAuthFlow] = field(default_factory=list)
    """For `oauth2` schemes: its flows, in document order."""
    scopes: dict[str, str] = field(default_factory=dict)
    """For `oauth2` schemes: every scope of its flows, once, name -> description (the first
    description given, when several flows define it), in document order."""
    scopes_by_flow: bool = False
    """Its flows do not all offer the same scopes (then each flow names its own)."""
    openid_connect_url: str = ""
    """For `openIdConnect` schemes: the OpenID Connect discovery URL."""
    metadata_url: str = ""
    """For `oauth2` schemes (3.2 `oauth2MetadataUrl`): the authorization server metadata URL."""
    deprecated: bool = False
    """3.2: the scheme is deprecated (its page entries say so)."""
    anchor: str = ""
    """The id of its entry on the overview page (`scheme-<slug>`, unique among schemes)."""


@dataclass
class OAuthFlow:
    """One OAuth 2.0 flow of a scheme: where a client gets its token, and the scopes offered."""

    kind: str
    """`implicit`, `password`, `clientCredentials`, `authorizationCode` or (3.2)
    `deviceAuthorization`: its key in `flows`."""
    title: str
    """For people: `Authorization code`, `Client credentials`..."""
    authorization_url: str = ""
    token_url: str = ""
    refresh_url: str = ""
    device_authorization_url: str = ""
    """3.2 `deviceAuthorization` flows: where the device asks for its user code."""
    scopes: dict[str, str] = field(default_factory=dict)
    """Scope name -> description, in document order."""


@dataclass
class SecurityRequirement:
    """One alternative of an operation's `security`: all of these schemes together."""

    schemes: list[tuple[SecurityScheme, list[str]]]


@dataclass
class Server:
    url: str
    description: str
    variables: dict[str, dict[str, Any]] = field(default_factory=dict)


Source = tuple[str, tuple[str, ...]]
"""Where a model node is defined: `(file, JSON pointer parts)` (past any `$ref`)."""


@dataclass
class OperationDetails:
    """What only an operation's own page needs; most of the model's cost (schema trees,
    examples). Built by the pipeline's `model.build_details` step, page by page."""

    parameters: list[Parameter]
    request_body: RequestBody | None
    responses: list[Response]
    callbacks: list[Callback]
    """Requests the API makes back to the caller, shown on this operation's page."""


@dataclass
class Operation:
    """One (method, path) of the API, with everything its page shows."""

    method: str
    path: str
    operation_id: str | None
    summary: str
    description: str
    tags: list[str]
    deprecated: bool
    security: list[SecurityRequirement] | None
    """None: no security declared; []: explicitly open (`security: []`)."""
    servers: list[Server]
    hidden: bool
    extensions: dict[str, Any] = field(default_factory=dict)
    pointer: str = ""
    """Where the operation is in the root document (`#/paths/~1runs/get`)."""
    section: str = "paths"
    """`paths`, or `webhooks` (3.1) / `x-webhooks` (3.0) for a webhook, whose `path` is its name;
    `callbacks` for an operation of a callback."""
    site: OperationSite | None = field(default=None, repr=False, compare=False)
    """Where the operation and its path item are defined (what `build_details` reads)."""
    anchor_prefix: str = "schema"
    """Starts the anchor ids of its schema trees (a callback's differ from its page's)."""
    details: OperationDetails | None = field(default=None, repr=False, compare=False)
    """Set by `model.build_details`; layout and nav need none of it."""

    def _details(self) -> OperationDetails:
        if self.details is None:
            raise RuntimeError(
                f"{self.key}: its details are not built yet (call model.build_details first)"
            )
        return self.details

    @property
    def parameters(self) -> list[Parameter]:
        return self._details().parameters

    @property
    def request_body(self) -> RequestBody | None:
        return self._details().request_body

    @property
    def responses(self) -> list[Response]:
        return self._details().responses

    @property
    def callbacks(self) -> list[Callback]:
        return self._details().callbacks

    @property
    def is_webhook(self) -> bool:
        return self.section in ("webhooks", "x-webhooks")

    @property
    def http_method(self) -> str:
        """The method as sent and shown: `GET`, `QUERY`, or a 3.2 additional one as written."""
        return http_method(self.method)

    @property
    def method_class(self) -> str:
        """The method in CSS class names and the nav badge: `get`, `query`; `other` for an
        `additionalOperations` method (its badge cannot be spelled in CSS in advance)."""
        return self.method if self.method in METHODS else "other"

    @property
    def key(self) -> str:
        """`GET /path`, the operation's identity in hooks, filters and messages."""
        return f"{self.http_method} {self.path}"

    @property
    def title(self) -> str:
        """The page and nav title: summary, else operationId, else the key (a webhook's name)."""
        return self.summary or self.operation_id or (self.path if self.is_webhook else self.key)

    def parameters_in(self, location: str) -> list[Parameter]:
        return [p for p in self.parameters if p.location == location]

    @property
    def required_schemes(self) -> list[tuple[SecurityScheme, list[str]]]:
        """Each scheme its security requirements name, once, in order, with every scope any of
        them asks of it (the page describes each scheme once, below the requirements)."""
        scopes: dict[str, tuple[SecurityScheme, dict[str, None]]] = {}
        for requirement in self.security or []:
            for scheme, names in requirement.schemes:
                scopes.setdefault(scheme.name, (scheme, {}))[1].update(dict.fromkeys(names))
        return [(scheme, list(names)) for scheme, names in scopes.values()]


@dataclass
class Callback:
    """A callback of an operation: a runtime expression for the URL, and what is sent there."""

    name: str
    expression: str
    operations: list[Operation]


@dataclass
class Tag:
    name: str
    description: str
    display_name: str
    """`x-displayName`, else the 3.2 `summary`, else the name."""
    external_docs: dict[str, Any] | None = None
    summary: str = ""
    """3.2: the tag's short title."""
    parent: str | None = None
    """3.2: the name of the tag this one is nested under."""
    kind: str = ""
    """3.2: what sort of tag it is; `nav` (or none) groups operations, others label them."""


@dataclass
class TagGroup:
    name: str
    tags: list[str]


@dataclass
class ApiModel:
    """The whole API: what the overview page shows, plus every operation."""

    title: str
    version: str
    description: str
    openapi_version: str
    info: dict[str, Any]
    servers: list[Server]
    security_schemes: list[SecurityScheme]
    tags: list[Tag]
    tag_groups: list[TagGroup]
    operations: list[Operation]
    external_docs: dict[str, Any] | None = None
    converted_from: str = ""
    """`Swagger 2.0` when the document was converted on load."""

    def tag(self, name: str) -> Tag:
        """The declared tag, or a bare one for a tag only used by operations."""
        for tag in self.tags:
            if tag.name == name:
                return tag
        return Tag(name=name, description="", display_name=name)

    def label_tags(self, names: list[str]) -> list[Tag]:
        """The tags among `names` that are labels, not groups (3.2 `kind: badge`, ...)."""
        tags = [self.tag(name) for name in dict.fromkeys(names)]
        return [tag for tag in tags if tag.kind not in NAV_KINDS]
