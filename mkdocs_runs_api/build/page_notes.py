"""What the build says about pages beyond their Markdown: parts left out on purpose, examples
the size budget shortened, and samples without a host."""

from __future__ import annotations

from ..layout.plan import Layout
from ..model.types import ApiModel, Operation
from ..samples.base_url import PLACEHOLDER, hostless_problem
from ..samples.render import CodeSample, SampleOptions
from ..spec.resolve import SpecBundle


def hostless_samples(
    bundle: SpecBundle, api: ApiModel, layout: Layout, samples: SampleOptions
) -> tuple[list[str], list[str]]:
    """Why some operations' generated samples have no host, when no `code_samples_base_url`
    is set to resolve it against: `(problems, notes)`, one line per reason.

    A relative server URL is a problem (a warning: the spec says where the API is, and the
    samples cannot say it). No `servers` at all is a note: the spec says nothing about where
    the API is (common in small and internal specs), the samples show the placeholder, and
    a strict build of such a spec should not fail for it."""
    if not samples.languages or samples.base_url:
        return [], []
    by_reason: dict[str, list[Operation]] = {}
    for page in layout.pages:
        reason = None if page.operation.is_webhook else hostless_problem(page.operation.servers)
        if reason:
            by_reason.setdefault(reason, []).append(page.operation)
    problems, notes = [], []
    for reason, operations in by_reason.items():
        first = operations[0]
        own = first.servers and first.servers is not api.servers
        pointer = first.pointer.lstrip("#") if own else "/servers/0/url" if api.servers else ""
        named = first_few([operation.key for operation in operations])
        problem = (
            f"the generated code samples of {_count(operations)} ({named}) "
            f"have no host: {reason}, so they show {PLACEHOLDER} before the path"
        )
        hint = (
            "Set code_samples_base_url to the API's address (e.g. https://api.example.com), "
            "or give the spec a server URL with a host"
        )
        message = str(bundle.error(problem, bundle.root, pointer, hint))
        (problems if first.servers else notes).append(message)
    return problems, notes


def first_few(names: list[str], shown: int = 3) -> str:
    """`a, b, c and 12 more`: the first names of a long list, and how many are left."""
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _count(operations: list) -> str:
    return "1 operation" if len(operations) == 1 else f"{len(operations):,} operations"


def shortened_examples(operation: Operation, samples: list[CodeSample]) -> list[str]:
    """Where the operation's page shows an example the size budget shortened (a generated
    request body example is shown only when there are no samples)."""
    places = ["request samples' body"] if any(sample.shortened for sample in samples) else []
    body = operation.request_body if not samples else None
    for media in body.media_types if body else []:
        if any(example.cut for example in media.examples):
            places.append(f"request body {media.name} example")
    for response in operation.responses:
        for media in response.media_types:
            if any(example.cut for example in media.examples):
                places.append(f"response {response.status} {media.name} example")
    return places


def omitted_properties(operation: Operation) -> list[str]:
    """Why properties are missing from an operation's page (readOnly / writeOnly)."""
    reasons = []
    body = operation.request_body
    for media in body.media_types if body else []:
        if media.schema and media.schema.omitted:
            names = ", ".join(sorted(set(media.schema.omitted)))
            reasons.append(f"request body {media.name} leaves out readOnly properties {names}")
    for response in operation.responses:
        for media in response.media_types:
            if media.schema and media.schema.omitted:
                names = ", ".join(sorted(set(media.schema.omitted)))
                reasons.append(
                    f"response {response.status} {media.name} leaves out writeOnly "
                    f"properties {names}"
                )
    return reasons
