"""Importing this package registers every spec rule in `registry.RULES`."""

from . import code_samples, examples, operations, prose, references, schemas, spec, text  # noqa: F401
