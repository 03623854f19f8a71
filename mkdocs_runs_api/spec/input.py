"""The one input stage every command uses: read -> limits -> Swagger 2.0 conversion ->
resolve `$ref`s -> version facts.

`mkdocs build`, `render`, `check`, `export-mintlify` and the bench all start with `read_spec`,
so they see the same document: a Swagger 2.0 file is converted before its `$ref`s are
followed (every recorded `$ref` points into the converted document), and messages about it
still name the user's file and lines (`SpecBundle.where_written`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SpecError
from .limits import LoadOptions
from .resolve import SpecBundle, read_root, resolve_refs
from .swagger2 import convert_swagger2, source_parts

SUPPORTED = ("3.0", "3.1", "3.2")


@dataclass(frozen=True)
class SpecVersion:
    """What the document is, as read."""

    openapi: str
    """The `openapi` version the pipeline works with (`3.0.3` for a converted 2.0 file)."""
    converted_from: str = ""
    """`Swagger 2.0` when the file was converted on load, else empty."""


@dataclass
class LoadedSpec:
    """The input stage's result: the resolved files and what version they are."""

    bundle: SpecBundle
    version: SpecVersion


def read_spec(
    path: Path, options: LoadOptions | None = None, *, lenient: bool = False
) -> LoadedSpec:
    """Read the spec at `path` and every file it references, ready for the model and checks.

    Refuses, with a `SpecError` that names the file: a missing path, a folder, a file that is
    empty or not YAML/JSON text, a top level that is not a mapping, a document that is not
    OpenAPI 3.0/3.1/3.2 or Swagger 2.0, and (unless `lenient`) `$ref`s that lead nowhere. `lenient`
    (for `check`) keeps unresolved `$ref`s in `bundle.problems` and lets an unsupported version
    through, so that each becomes a finding among the others.
    """
    options = options or LoadOptions()
    _check_path(path, options)
    bundle = read_root(path, options)
    _check_top_level(bundle)
    converted_from = ""
    if _is_swagger2(bundle.document):
        original = bundle.document
        bundle.documents[bundle.root] = convert_swagger2(original)
        bundle.source_parts[bundle.root] = lambda parts: source_parts(original, parts)
        converted_from = "Swagger 2.0"
    if not lenient:
        ensure_openapi_3(bundle)
    resolve_refs(bundle, options, strict=not lenient)
    bundle.texts.forget_decoded()
    version = SpecVersion(str(bundle.document.get("openapi") or ""), converted_from)
    return LoadedSpec(bundle, version)


def _check_path(path: Path, options: LoadOptions) -> None:
    shown = _shown(path, options)
    if path.is_dir():
        raise SpecError(
            "this is a folder, not a spec file", file=shown, hint="Name the YAML or JSON file"
        )
    if not path.is_file():
        raise SpecError("file not found", file=shown, hint="Check the path to the spec")


def _shown(path: Path, options: LoadOptions) -> str:
    if options.display_root is not None:
        try:
            return str(path.resolve().relative_to(options.display_root.resolve()))
        except ValueError:
            pass
    return str(path)


def _check_top_level(bundle: SpecBundle) -> None:
    document = bundle.document
    if isinstance(document, dict):
        return
    shown = bundle.display_names[bundle.root]
    if document is None:
        what = "the file is empty" if not bundle.texts[bundle.root].strip() else "it is null"
        raise SpecError(
            f"not an OpenAPI document: {what}",
            file=shown,
            hint="A spec is a mapping that starts with `openapi: 3.1.0` (or 3.0.x)",
        )
    raise SpecError(
        f"not an OpenAPI document: the top level is {_kind(document)}, not a mapping",
        file=shown,
        line=1,
        hint="A spec is a mapping that starts with `openapi: 3.1.0` (or 3.0.x)",
    )


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return f"a {type(value).__name__}"


def _is_swagger2(document: dict) -> bool:
    return str(document.get("swagger", "")).startswith("2.")


def ensure_openapi_3(bundle: SpecBundle) -> None:
    """Refuse what is not an OpenAPI 3.0/3.1/3.2 document, saying what it is instead."""
    doc = bundle.document
    if "swagger" in doc:
        raise bundle.error(
            f"Swagger {doc['swagger']!r} documents are not supported (only 2.0 is)",
            bundle.root,
            "#/swagger",
            "Convert it to OpenAPI 3 first, then point `spec` at the converted file",
        )
    if "swaggerVersion" in doc:
        raise bundle.error(
            f"Swagger {doc['swaggerVersion']} documents are not supported",
            bundle.root,
            "#/swaggerVersion",
            "Convert it to OpenAPI 3 (for example with api-spec-converter), then point `spec` "
            "at the converted file",
        )
    version = doc.get("openapi")
    if version is None:
        raise bundle.error(
            "not an OpenAPI document: there is no top-level `openapi` version key",
            bundle.root,
            "#",
            "Add `openapi: 3.1.0` (or the 3.0.x version the document follows)",
        )
    if not str(version).startswith(SUPPORTED):
        raise bundle.error(
            f"unsupported OpenAPI version {version!r}",
            bundle.root,
            "#/openapi",
            "mkdocs-runs-api reads OpenAPI 3.0.x, 3.1.x and 3.2.x",
        )
