"""mkdocs-runs-api: an OpenAPI document rendered as one MkDocs page per operation.

The pipeline, one package per step: `spec` (read, convert Swagger 2.0, resolve `$ref`s: the one
input stage, `spec.input.read_spec`) -> `model` (plain dataclasses) -> `layout` (filters, URLs,
groups, nav) -> `render` (Markdown) and `samples` (code samples). `build.pipeline` runs them all;
`check` and `mintlify` read through the same input stage; `plugin` and `cli` are thin shells.
"""

__version__ = "0.1.0"
