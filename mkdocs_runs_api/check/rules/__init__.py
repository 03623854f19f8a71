"""Importing this package registers every spec rule in `registry.RULES`."""

from . import examples, operations, prose, references, schemas, spec, text  # noqa: F401
