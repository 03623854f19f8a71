"""The one error type a user can cause: a problem in their OpenAPI document or its files."""

from __future__ import annotations


class SpecError(Exception):
    """A problem in the user's OpenAPI document, saying where it is and what to do about it."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        """What is wrong, in one sentence."""
        self.file = file
        """The file the problem is in (as the user named it, or absolute)."""
        self.line = line
        """1-based line in `file`, when known."""
        self.column = column
        """1-based column in `file`, when known."""
        self.pointer = pointer
        """RFC 6901 JSON Pointer (as a URI fragment, `#/paths/...`) into `file`, when known."""
        self.hint = hint
        """What the user can do to fix it."""

    @property
    def location(self) -> str:
        """`file:line:column`, as much of it as is known."""
        parts = [self.file or "<spec>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.problem}"
        if self.pointer:
            text += f" (at {self.pointer})"
        if self.hint:
            text += f". {self.hint}"
        return text
