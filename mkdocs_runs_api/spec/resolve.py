"""Load an OpenAPI document with every file it `$ref`s, check every `$ref` resolves, and
dereference on demand.

Nothing is inlined: `$ref`s stay in the data (so circular schemas cost nothing) and the model
step follows them through `SpecBundle.deref`, which also says which named component a value came
from. A location is always `(file, value)`, because a relative `$ref` inside a referenced file is
relative to *that* file.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import SpecError
from .limits import Limits, LoadOptions, check_expansion, may_have_aliases
from .load import decode_text, join_pointer, locate, parse_text, split_pointer
from .self_uri import local_doc_part, self_uri
from .texts import SourceTexts

REMOTE_TIMEOUT_SECONDS = 10
REMOTE_MAX_BYTES = 20 * 1024 * 1024

#: Keys whose values are example data, not OpenAPI structure: a `$ref` key inside them is data.
DATA_KEYS = frozenset({"example", "default", "enum", "const"})
NAMED_MAPS = frozenset({"properties", "patternProperties", "responses", "examples"})
"""Maps whose keys are names the user chose, never keywords: `responses: {default: ...}`,
`examples: {default: {$ref: ...}}` (GitHub's) hold OpenAPI objects, not example data."""
WEBHOOKS_30 = "x-webhooks"


@dataclass(frozen=True)
class Target:
    """Where a `$ref` leads: the value, the file it is in, and a stable key for it."""

    value: Any
    file: str
    pointer: str
    name: str | None
    """The component's name (last pointer segment, or the file's stem for a whole file)."""

    @property
    def key(self) -> tuple[str, str]:
        """Identifies the target across the bundle (for cycle detection)."""
        return (self.file, self.pointer)


@dataclass(frozen=True)
class RefSite:
    """One `$ref` as written: in `file` at `pointer`, leading to `target` (None if unresolved)."""

    file: str
    pointer: str
    ref: str
    target: tuple[str, str] | None
    problem: SpecError | None = None


@dataclass
class SpecBundle:
    """The root document and every document it references, keyed by absolute path or URL."""

    root: str
    documents: dict[str, Any] = field(default_factory=dict)
    texts: SourceTexts = field(default_factory=SourceTexts)
    """Each file's text, for the line numbers of messages."""
    display_names: dict[str, str] = field(default_factory=dict)
    refs: list[RefSite] = field(default_factory=list)
    """Every `$ref` in every loaded file, with where it leads (for checks)."""
    problems: list[SpecError] = field(default_factory=list)
    """Unresolvable `$ref`s, when loaded with `strict=False`."""
    limits: Limits = field(default_factory=Limits)
    """The limits it was loaded with (the model step reads `max_example_depth`)."""
    source_parts: dict[str, Callable[[tuple[str, ...]], tuple[str, ...]]] = field(
        default_factory=dict
    )
    """For a document converted on load (Swagger 2.0): pointer parts in the conversion ->
    where the user wrote that in the file (see `where_written`)."""
    self_uris: dict[str, str] = field(default_factory=dict)
    """Each document's absolute 3.2 `$self`, by file: the base of its `$ref`s (`self_uri`)."""
    _targets: dict[tuple[str, str], Target] = field(default_factory=dict, repr=False)
    """`(ref, file)` -> where it leads, followed once."""

    @property
    def document(self) -> Any:
        """The root document."""
        return self.documents[self.root]

    @property
    def local_files(self) -> list[str]:
        """Every file on disk the document is made of (to watch them in `mkdocs serve`)."""
        return [name for name in self.documents if not _is_remote(name)]

    def where_written(self, file: str, parts: tuple[str, ...]) -> tuple[str, ...]:
        """`parts` as the user wrote them: the same, unless `file` was converted on load."""
        translate = self.source_parts.get(file)
        return translate(tuple(parts)) if translate else tuple(parts)

    def error(self, problem: str, file: str, pointer: str, hint: str | None = None) -> SpecError:
        """A `SpecError` at `pointer` in `file` (where the user wrote it), with its line and
        column looked up."""
        pointer = join_pointer(self.where_written(file, tuple(split_pointer(pointer))))
        position = locate(self.texts.get(file, ""), pointer)
        line, column = position if position else (None, None)
        return SpecError(
            problem,
            file=self.display_names.get(file, file),
            line=line,
            column=column,
            pointer=pointer,
            hint=hint,
        )

    def target(self, ref: str, file: str) -> Target:
        """Follow one `$ref` string written in `file`; the target document must be loaded."""
        found = self._targets.get((ref, file))
        if found is None:
            found = self._targets[(ref, file)] = self._follow(ref, file)
        return found

    def doc_part(self, ref: str, file: str) -> str:
        """The document part of `ref` written in `file`, as read: mapped through the file's
        `$self` (an absolute URI of a local document becomes its relative path)."""
        doc_part = ref.partition("#")[0]
        base = self.self_uris.get(file)
        return local_doc_part(base, doc_part) if base and doc_part else doc_part

    def document_for_uri(self, uri: str) -> Any | None:
        """The loaded document an absolute URI names through some document's `$self`, if any
        (for tools that resolve `$ref`s themselves, like the schema validator)."""
        for file, base in self.self_uris.items():
            doc_part = local_doc_part(base, uri.partition("#")[0])
            if not doc_part:
                return self.documents[file]
            if not _is_remote(doc_part):
                return self.documents.get(_join(file, doc_part))
        return None

    def _follow(self, ref: str, file: str) -> Target:
        doc_part, fragment = self.doc_part(ref, file), ref.partition("#")[2]
        target_file = _join(file, doc_part) if doc_part else file
        parts = split_pointer(fragment)
        value = self.node_at(target_file, parts)
        pointer = join_pointer(parts)
        return Target(value, target_file, pointer, target_name(target_file, pointer))

    def operation_parameters(
        self, item: dict, item_file: str, operation: dict, operation_file: str
    ) -> list[tuple[dict, str]]:
        """`(parameter, file)`: path-level then operation-level parameters, dereferenced; the
        operation's win on `(name, in)`. Unresolvable refs are skipped (checks report them)."""
        located = self.located_parameters(item, item_file, (), operation, operation_file, ())
        return [(param, file) for param, file, _ in located]

    def located_parameters(
        self,
        item: dict,
        item_file: str,
        item_parts: tuple[str, ...],
        operation: dict,
        operation_file: str,
        operation_parts: tuple[str, ...],
    ) -> list[tuple[dict, str, tuple[str, ...]]]:
        """`operation_parameters` with where each is defined: `(parameter, file, parts)`."""
        merged: dict[tuple[str, str], tuple[dict, str, tuple[str, ...]]] = {}
        for source, file, parts in (
            (item.get("parameters"), item_file, item_parts),
            (operation.get("parameters"), operation_file, operation_parts),
        ):
            for index, entry in enumerate(source if isinstance(source, list) else ()):
                try:
                    found = self.deref_at(entry, file, (*parts, "parameters", str(index)))
                except KeyError:
                    continue
                param = found[0]
                if isinstance(param, dict) and "name" in param and "in" in param:
                    merged[(str(param["name"]), str(param["in"]))] = found
        return list(merged.values())

    def deref_at(
        self, value: Any, file: str, parts: tuple[str, ...]
    ) -> tuple[Any, str, tuple[str, ...]]:
        """Like `deref`, but says where the value is defined: `(value, file, pointer parts)`
        (the last `$ref` target's, or `parts` when `value` is no `$ref`)."""
        value, file, _, last = self._follow_chain(value, file)
        return value, file, tuple(split_pointer(last.pointer)) if last else parts

    def node_at(self, file: str, parts: tuple[str, ...] | list[str]) -> Any:
        """The value at pointer `parts` in the loaded `file` (KeyError if there is none)."""
        value = self.documents[file]
        for part in parts:
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                raise KeyError(part)
        return value

    def deref(self, value: Any, file: str) -> tuple[Any, str, Target | None]:
        """Follow `$ref`s (chains too) from `value`; returns `(value, file, first target)`.

        `$ref` siblings (allowed in OpenAPI 3.1, e.g. a `description`) override the target's
        keys. A chain that loops (`A -> B -> A`) is reported as an error.
        """
        value, file, first, _ = self._follow_chain(value, file)
        return value, file, first

    def _follow_chain(self, value: Any, file: str) -> tuple[Any, str, Target | None, Target | None]:
        """`(value, file, first target, last target)` at the end of `value`'s `$ref` chain."""
        first = last = None
        seen: set[tuple[str, str]] = set()
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            target = self.target(value["$ref"], file)
            if target.key in seen:
                raise self.error(f"$ref chain loops back to {value['$ref']}", file, target.pointer)
            seen.add(target.key)
            siblings = {k: v for k, v in value.items() if k != "$ref"}
            first, last = first or target, target
            value, file = target.value, target.file
            if siblings and isinstance(value, dict):
                value = {**value, **siblings}
        return value, file, first, last


def target_name(file: str, pointer: str) -> str:
    """A `$ref` target's name: its pointer's last segment, or the file's stem for a whole file."""
    parts = split_pointer(pointer)
    return parts[-1] if parts else Path(urlsplit(file).path).stem


def read_root(path: Path, options: LoadOptions) -> SpecBundle:
    """A bundle holding only the document at `path` (parsed, within the limits), not yet
    resolved: the input stage may convert it before its `$ref`s are followed."""
    root = str(path.resolve())
    bundle = SpecBundle(root=root, limits=options.limits)
    _load_into(bundle, root, options)
    return bundle


def resolve_refs(bundle: SpecBundle, options: LoadOptions, *, strict: bool = True) -> None:
    """Load every file the bundle's documents reference, and check every `$ref`.

    Unresolvable or refused `$ref`s are all reported in one `SpecError` (with `strict=False`
    they are kept in `bundle.problems` instead). Relative-file refs may only reach
    `options.ref_roots` (default: the spec's folder); absolute paths and `file://` URLs are
    refused; remote (`http(s)://`) refs are refused unless `options.allow_remote`.
    """
    if not options.ref_roots:
        options = replace(options, ref_roots=(Path(bundle.root).parent,))
    problems: list[SpecError] = []
    pending = [bundle.root]
    checked: set[str] = set()
    while pending:
        file = pending.pop()
        if file in checked:
            continue
        checked.add(file)
        for pointer, ref in iter_refs(bundle.documents[file]):
            problem = _check_ref(bundle, file, pointer, ref, options)
            if problem:
                problems.append(problem)
                bundle.refs.append(RefSite(file, pointer, ref, None, problem))
                continue
            bundle.refs.append(RefSite(file, pointer, ref, bundle.target(ref, file).key))
            doc_part = bundle.doc_part(ref, file)
            if doc_part:
                pending.append(_join(file, doc_part))
    if problems and not strict:
        bundle.problems = problems
    elif problems:
        first = problems[0]
        if len(problems) > 1:
            others = "; ".join(str(p) for p in problems[1:6])
            more = f" (+{len(problems) - 6} more)" if len(problems) > 6 else ""
            first.hint = f"{first.hint}. Also: {others}{more}"
        raise first


def iter_refs(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every `(pointer, ref)` in a document, skipping example data and `x-` extensions.

    Walks containers only, each with its path as a chain `(key, parent chain)`: the pointer
    string is made only where a `$ref` is (the walk covers every node of the spec, before any
    page is rendered)."""
    chain: Chain = None
    for key in path:
        chain = (key, chain)
    stack: list[tuple[Any, Chain]] = [(node, chain)]
    while stack:
        value, chain = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield join_pointer(_keys(chain) + ["$ref"]), ref
            parent = chain[0] if chain else None
            grandparent = chain[1][0] if chain and chain[1] else None
            for key, child in value.items():
                if isinstance(child, (dict, list)):
                    key = key if isinstance(key, str) else str(key)
                    if not _is_data(key, parent, grandparent):
                        stack.append((child, (key, chain)))
        elif isinstance(value, list):
            stack.extend(
                (child, (str(i), chain))
                for i, child in enumerate(value)
                if isinstance(child, (dict, list))
            )


Chain = tuple[str, "Chain"] | None
"""A path from the root, last key first: `("b", ("a", None))` is `/a/b`."""


def _keys(chain: Chain) -> list[str]:
    keys = []
    while chain:
        keys.append(chain[0])
        chain = chain[1]
    return keys[::-1]


def _is_data(key: str, parent: str | None, grandparent: str | None) -> bool:
    """True for keys whose values are examples or vendor data rather than OpenAPI objects
    (`parent` and `grandparent`: the keys above, if any)."""
    if parent in NAMED_MAPS:
        return False  # a property, response or named example may be `default` or `x-id`
    if key == WEBHOOKS_30 and parent is None:
        return False  # OpenAPI 3.0's webhooks, whose operations are pages too
    if key.startswith("x-") or key == "$ref":
        return True
    if key in DATA_KEYS:
        return True
    return key == "value" and grandparent == "examples"


def _check_ref(
    bundle: SpecBundle, file: str, pointer: str, ref: str, options: LoadOptions
) -> SpecError | None:
    doc_part = bundle.doc_part(ref, file)
    if doc_part:
        refused = _refused_target(doc_part, file, options)
        if refused:
            return bundle.error(refused[0], file, pointer, refused[1])
        target_file = _join(file, doc_part)
        if _is_remote(target_file) and not options.allow_remote:
            return bundle.error(
                f"remote $ref {ref!r} is not allowed",
                file,
                pointer,
                "Download the file next to the spec and use a relative $ref, or set "
                "`allow_remote_refs: true` in the plugin config if you trust that server",
            )
        if target_file not in bundle.documents:
            try:
                _load_into(bundle, target_file, options)
            except SpecError as exc:
                where = bundle.error("", file, pointer)
                exc.hint = (exc.hint + ". " if exc.hint else "") + (
                    f"Referenced by $ref {ref!r} at {where.location} ({pointer})"
                )
                return exc
    try:
        bundle.target(ref, file)
    except KeyError as exc:
        return bundle.error(
            f"unresolved $ref {ref!r}: nothing at {exc.args[0]!r}",
            file,
            pointer,
            "Fix the reference, or add the component it names",
        )
    return None


def _load_into(bundle: SpecBundle, file: str, options: LoadOptions) -> None:
    limits = options.limits
    if _is_remote(file):
        text = _fetch(file, limits.max_file_bytes)
        display = file
    else:
        display = _display_name(file, options.display_root)
        path = Path(file)
        if not path.is_file():
            raise SpecError("file not found", file=display, hint="Check the path in the $ref")
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise SpecError(
                f"the file is {size:,} bytes, more than the limit of {limits.max_file_bytes:,}",
                file=display,
                hint="Raise limits.max_file_bytes if this spec is really that large",
            )
        text = decode_text(path.read_bytes(), display)
    data = parse_text(text, display)
    if not display.lower().endswith(".json") and may_have_aliases(text):
        check_expansion(data, display, limits.max_expanded_nodes)
    bundle.documents[file] = data
    if self_uri(data):
        bundle.self_uris[file] = self_uri(data)
    bundle.texts[file] = text
    bundle.display_names[file] = display


def _fetch(url: str, max_bytes: int) -> str:
    limit = min(max_bytes, REMOTE_MAX_BYTES)
    try:
        with urllib.request.urlopen(url, timeout=REMOTE_TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(limit + 1)
    except OSError as exc:
        raise SpecError(f"cannot fetch remote $ref: {exc}", file=url) from None
    if len(data) > limit:
        raise SpecError(f"remote document is larger than {limit:,} bytes", file=url)
    return data.decode("utf-8-sig")


def _refused_target(doc_part: str, file: str, options: LoadOptions) -> tuple[str, str] | None:
    """Why a `$ref`'s file part may not be followed (problem, hint), or None if it may."""
    if _is_remote(doc_part) or _is_remote(file):
        return None
    if doc_part.startswith("file:") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", doc_part):
        return (
            f"$ref to {doc_part!r} is not allowed: only relative file refs are",
            "Use a path relative to the spec, inside its project",
        )
    if doc_part.startswith(("/", "\\")):
        return (
            f"$ref to the absolute path {doc_part!r} is not allowed",
            "Use a path relative to the spec, inside its project",
        )
    target = Path(_join(file, doc_part))  # symlinks resolved
    if not any(target.is_relative_to(root.resolve()) for root in options.ref_roots):
        roots = ", ".join(str(root.resolve()) for root in options.ref_roots)
        return (
            f"$ref {doc_part!r} leads outside the project ({roots})",
            "Move the file into the project, or add its folder to `ref_roots` in the plugin "
            "config if you trust it",
        )
    return None


def _display_name(file: str, display_root: Path | None) -> str:
    if display_root is not None:
        try:
            return str(Path(file).relative_to(display_root.resolve()))
        except ValueError:
            pass
    return file


def _is_remote(name: str) -> bool:
    return urlsplit(name).scheme in ("http", "https")


def _join(base_file: str, relative: str) -> str:
    """Resolve `relative` (a $ref's document part) against the file it was written in."""
    if _is_remote(relative):
        return relative
    if _is_remote(base_file):
        return urljoin(base_file, relative)
    if relative.startswith("file://"):
        relative = unquote(urlsplit(relative).path)
    return str((Path(base_file).parent / unquote(relative)).resolve())
