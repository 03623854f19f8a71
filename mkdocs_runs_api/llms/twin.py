"""An operation page's Markdown twin: the spec's facts about one operation, no HTML.

`operation_twin` composes one short function per section (as the HTML page's templates do),
in the page's order, so "see X above" points at a component the twin has already shown.
"""

from __future__ import annotations

from ..model.types import Example, Header, MediaType, Operation, Parameter, Response
from ..render import STATUS_TEXT
from ..render.markdown import code, fence, to_json
from ..samples.render import CodeSample
from .schema_text import INDENT, facts, properties_text, schema_text
from .text import plain_block, plain_line


def operation_twin(operation: Operation, samples: list[CodeSample]) -> str:
    """The whole twin of an operation whose details are built (`model.build_details`)."""
    sections = [
        header(operation),
        authorization(operation),
        parameters(operation),
        request_body(operation),
        responses(operation),
        callbacks(operation),
        example_request(samples),
        example_responses(operation),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def header(operation: Operation) -> str:
    """Title, method and path, deprecation, servers and description."""
    lines = [f"# {plain_line(operation.title)}", "", code(operation.key)]
    if operation.is_webhook:
        lines[-1] = f"{code(operation.method.upper())} webhook {code(operation.path)}"
        lines += ["", "A webhook: the API sends this request to you."]
    if operation.deprecated:
        lines += ["", "Deprecated."]
    if operation.servers and not operation.is_webhook:
        urls = ", ".join(code(server.url) for server in operation.servers)
        lines += ["", f"Server: {urls}"]
    if operation.description:
        lines += ["", plain_block(operation.description)]
    return "\n".join(lines)


def authorization(operation: Operation) -> str:
    """Each alternative of the operation's security requirements, one line each."""
    if operation.security is None:
        return ""
    if not operation.security:
        return "## Authorization\n\nNo authorization required."
    lines = ["## Authorization", ""]
    if len(operation.security) > 1:
        lines += ["Any one of:", ""]
    for requirement in operation.security:
        parts = []
        for scheme, scopes in requirement.schemes:
            text = f"{code(scheme.name)} ({plain_line(scheme.summary)})"
            if scheme.usage:
                text += f": {code(scheme.usage)}"
            if scopes:
                text += f", scopes {', '.join(code(scope) for scope in scopes)}"
            parts.append(text)
        lines.append("- " + " and ".join(parts))
    return "\n".join(lines)


def parameters(operation: Operation) -> str:
    """Every parameter: name, location, type, required, description, constraints."""
    if not operation.parameters:
        return ""
    return "## Parameters\n\n" + "\n".join(parameter_item(p) for p in operation.parameters)


def parameter_item(parameter: Parameter | Header, location: str = "") -> str:
    """One parameter (or response header) as a list item with its facts below."""
    schema = parameter.schema
    words = [location or getattr(parameter, "location", ""), schema.type if schema else "any"]
    words.append("required" if parameter.required else "optional")
    words += ["deprecated"] if parameter.deprecated else []
    head = f"- {code(parameter.name)} ({', '.join(w for w in words if w)})"
    if parameter.description:
        head += ": " + plain_line(parameter.description)
    lines = [head] + [f"{INDENT}{fact}." for fact in (facts(schema) if schema else [])]
    if parameter.has_example:
        lines.append(f"{INDENT}Example: {code(parameter.example)}.")
    style = getattr(parameter, "style", None)
    if style:
        explode = getattr(parameter, "explode", None)
        said = f", explode: {code(explode)}" if explode is not None else ""
        lines.append(f"{INDENT}Style: {code(style)}{said}.")
    if parameter.content_type:
        lines.append(f"{INDENT}Serialized as {code(parameter.content_type)}.")
    properties = properties_text(schema, 1) if schema else ""
    return "\n".join(lines + ([properties] if properties else []))


def request_body(operation: Operation) -> str:
    """Whether a body is required, its description, and each media type's schema."""
    body = operation.request_body
    if body is None:
        return ""
    parts = ["## Request body", "Required." if body.required else "Optional."]
    if body.description:
        parts.append(plain_block(body.description))
    parts += [media_text(media) for media in body.media_types if not media.shown_with]
    return "\n\n".join(parts)


def responses(operation: Operation) -> str:
    """Every response: status, description, headers, each media type's schema."""
    if not operation.responses:
        return ""
    return "## Responses\n\n" + "\n\n".join(response_text(r) for r in operation.responses)


def response_text(response: Response) -> str:
    status = f"{response.status} {STATUS_TEXT.get(response.status, '')}".strip()
    parts = [f"### {status}"]
    if response.description:
        parts.append(plain_block(response.description))
    if response.headers:
        items = "\n".join(parameter_item(h, "header") for h in response.headers)
        parts.append("Headers:\n\n" + items)
    parts += [media_text(media) for media in response.media_types if not media.shown_with]
    return "\n\n".join(parts)


def media_text(media: MediaType) -> str:
    """A media type (and those sharing its schema) with its schema, or where it was shown."""
    names = ", ".join(code(each.name) for each in [media, *media.also])
    head = f"Media type{'s' if media.also else ''}: {names}"
    if media.same_as is not None:
        where = media.same_as.status or "request body"
        return f"{head}\n\nSame schema as {where} {code(media.same_as.media_type)} above."
    if media.schema is None:
        return head
    lines = [head, "", schema_text(media.schema)]
    for name, rules in media.encoding.items():
        said = ", ".join(f"{key} {code(value)}" for key, value in rules.items() if value != {})
        lines.append(f"\nEncoding of {code(name)}: {said}.")
    return "\n".join(lines)


def callbacks(operation: Operation) -> str:
    """Requests the API makes back to the caller: each one's URL expression, body and
    responses expected."""
    parts = []
    for callback in operation.callbacks:
        for each in callback.operations:
            parts.append(
                f"### {plain_line(callback.name)}: {code(each.method.upper())} "
                f"{code(callback.expression)}"
            )
            if each.description:
                parts.append(plain_block(each.description))
            body = each.request_body
            parts += [media_text(m) for m in (body.media_types if body else []) if not m.shown_with]
            statuses = ", ".join(code(r.status) for r in each.responses)
            if statuses:
                parts.append(f"Responses expected: {statuses}.")
    return "## Callbacks\n\n" + "\n\n".join(parts) if parts else ""


def example_request(samples: list[CodeSample]) -> str:
    """The code samples, each under its label (the cURL one first unless the spec has its own)."""
    if not samples:
        return ""
    blocks = [f"### {sample.label}\n\n{fence(sample.code, sample.fence)}" for sample in samples]
    return "## Example request\n\n" + "\n\n".join(blocks)


def example_responses(operation: Operation) -> str:
    """One example per response and media type (the spec's first, else a synthesized one)."""
    blocks = []
    for response in operation.responses:
        for media in response.media_types:
            example = _first_example(media)
            if example is not None:
                blocks.append(
                    f"### {response.status} {code(media.name)}\n\n{example_text(example)}"
                )
    return "## Example response\n\n" + "\n\n".join(blocks) if blocks else ""


def example_text(example: Example) -> str:
    """An example's summary (or that it was synthesized) and its value as a fenced block."""
    note = plain_line(example.summary) if example.summary else ""
    if example.synthesized:
        note = "Synthesized from the schema."
    if example.external_value:
        return f"External value: {code(example.external_value)}."
    value = fence(to_json(example.value), "json" if not isinstance(example.value, str) else "")
    return f"{note}\n\n{value}" if note else value


def _first_example(media: MediaType) -> Example | None:
    for each in [media, *media.also]:
        if each.examples:
            return each.examples[0]
    return None
