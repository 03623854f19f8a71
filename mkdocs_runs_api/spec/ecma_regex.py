"""Patterns as OpenAPI defines them: ECMA-262 regular expressions (JSON Schema's dialect), not
Python's `re` (which rejects `\\p{L}` and reads some classes differently). `regress` is the Rust
ECMA-262 engine's Python binding."""

from __future__ import annotations

from functools import lru_cache

import regress


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regress.Regex | None:
    """The pattern compiled in Unicode mode (where `\\p{...}` is legal), else in legacy mode
    (where `\\-` style identity escapes are); None if it is not ECMA-262 at all."""
    for flags in ("u", ""):
        try:
            return regress.Regex(pattern, flags)
        except regress.RegressError:
            continue
    return None


def pattern_matches(pattern: str, text: str) -> bool | None:
    """Whether `pattern` finds a match anywhere in `text` (JSON Schema's `pattern` is not
    anchored); None when the pattern does not compile."""
    compiled = compile_pattern(pattern)
    return None if compiled is None else compiled.find(text) is not None
