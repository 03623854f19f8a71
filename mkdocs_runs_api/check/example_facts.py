"""Compare the spec's examples with those the page shows.

A media type's (of a request body or a response, a callback's too): each named example
(`examples`) is shown with its label (its summary, else its name), its description when it has
one, and its value (or the link to its `externalValue`); an `example` is shown as a value. A
parameter's or a header's (and its `content` media type's): each `example`, and each named
example with its name, summary and value, among the row's `Example` facts. Values are
compared as a page prints them (JSON, strings as they are), white space squeezed; an example
the page generated from the schema stands for none of the spec's.
"""

from __future__ import annotations

import json
from typing import Any

from ..render.markdown import literal
from ..spec.walk import OperationSite
from .misses import NodeCheck, Where, flat, loose, short
from .page_examples import Key, ShownExample
from .tree_html import ShownNode


def check_examples(
    check: NodeCheck, shown: dict[Key, list[ShownExample]], site: OperationSite, callback: str
) -> None:
    """The examples of every media type of `site`'s request body and responses."""
    bundle = check.bundle
    prefix = f"callback {callback}, " if callback else ""
    op = site.operation
    places: list[tuple[str, str, Any, str]] = []
    body, body_file, _ = bundle.deref(op.get("requestBody"), site.file)
    places.append(("request", f"{prefix}request", body, body_file))
    responses = op.get("responses")
    for status, response in responses.items() if isinstance(responses, dict) else ():
        if not str(status).startswith("x-"):
            response, file, _ = bundle.deref(response, site.file)
            places.append((str(status), f"{prefix}response {status}", response, file))
    for where, label, holder, file in places:
        content = holder.get("content") if isinstance(holder, dict) else None
        for name, media in content.items() if isinstance(content, dict) else ():
            media, media_file, _ = bundle.deref(media, file)
            if isinstance(media, dict):
                entries = shown.get((callback, where), [])
                _media(check, Where(f"{label} {name}"), media, media_file, entries)


def row_examples(
    check: NodeCheck, where: Where, sources: list[tuple[dict, str]], shown: ShownNode
) -> None:
    """The examples of a parameter or header (`sources`: it, and its content's media type,
    each with its file) among its row's facts: `Example: VALUE`, `Example NAME (SUMMARY):
    VALUE`."""
    unnamed, named = [], {}
    for fact in shown.facts:
        if fact.text.startswith("Example: ") and fact.codes:
            unnamed.append(flat(fact.codes[0]))
        elif fact.text.startswith("Example ") and fact.codes:
            named.setdefault(flat(fact.codes[0]), fact)
    for source, file in sources:
        if "example" in source and flat(literal(source["example"])) not in unnamed:
            check.miss(where, "example", short(literal(source["example"])))
        for name, entry in _named(check, source, file):
            at = where.below(f"examples.{name}")
            fact = named.get(flat(name))
            if fact is None:
                check.miss(at, "example", name)
                continue
            summary = str(entry.get("summary") or "")
            if summary and loose(summary) not in loose(fact.text):
                check.miss(at, "example summary", short(summary))
            value = literal(entry.get("value"))
            if flat(value) != flat(fact.codes[-1]) or len(fact.codes) < 2:
                check.miss(at, "example value", short(value))


def _media(
    check: NodeCheck, where: Where, media: dict, file: str, entries: list[ShownExample]
) -> None:
    ours = [entry for entry in entries if not entry.generated]
    for name, spec in _named(check, {"examples": media.get("examples")}, file):
        at = where.below(f"examples.{name}")
        label = _key(str(spec.get("summary") or name))
        labelled = [entry for entry in ours if _key(entry.label) == label]
        if not labelled:
            check.miss(at, "example", str(spec.get("summary") or name))
            continue
        external = spec.get("externalValue")
        value = str(external) if external else _printed(spec.get("value"))
        if not any(value in map(flat, entry.values) for entry in labelled):
            check.miss(at, "example externalValue" if external else "example value", short(value))
        if spec.get("description") and not any(entry.described for entry in labelled):
            check.miss(at, "example description", short(str(spec["description"])))
    if "example" in media:
        value = _printed(media["example"])
        if not any(value in map(flat, entry.values) for entry in ours):
            check.miss(where, "example", short(value))


def _named(check: NodeCheck, source: dict, file: str = "") -> list[tuple[str, dict]]:
    """`(name, example object)` of `source`'s `examples` (a bare value is its `value`)."""
    examples = source.get("examples")
    found = []
    for name, entry in examples.items() if isinstance(examples, dict) else ():
        entry, _, _ = check.bundle.deref(entry, file)
        found.append((str(name), entry if isinstance(entry, dict) else {"value": entry}))
    return found


def _printed(value: Any) -> str:
    """A value as an example block shows it (white space squeezed)."""
    if isinstance(value, str):
        return flat(value)
    return flat(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _key(label: str) -> str:
    """A label as compared: its letters and digits (its flat text if it has none)."""
    return loose(label) or flat(label)
