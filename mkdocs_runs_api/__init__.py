"""mkdocs-runs-api: an OpenAPI document rendered as one MkDocs page per operation.

The pipeline, one module per step: `load` (files -> data) -> `resolve` ($refs across files)
-> `model` (plain dataclasses) -> `layout` (URLs and groups) -> `render` (Markdown) -> `nav`.
`pipeline.generate_reference` runs them all; `plugin` and `cli` are thin shells around it.
"""

__version__ = "0.1.0"
