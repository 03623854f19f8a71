"""The spec files' text, kept for the line numbers of messages, in a quarter of the memory.

A file's text is read only to point at a line (an error, a check's finding), but a `str` holding
one emoji takes 4 bytes per character: GitHub's spec (12 M characters) held 50 MB as text for
the whole build, against 12 MB as UTF-8. `SourceTexts` keeps each text as UTF-8 and decodes it
when asked, remembering the last one decoded (messages come in runs on one file).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping


class SourceTexts(MutableMapping[str, str]):
    """File -> its text, stored as UTF-8 bytes."""

    def __init__(self) -> None:
        self._encoded: dict[str, bytes] = {}
        self._last: tuple[str, str] | None = None

    def __setitem__(self, file: str, text: str) -> None:
        self._encoded[file] = text.encode("utf-8", "surrogatepass")
        self._last = (file, text)

    def __getitem__(self, file: str) -> str:
        if self._last is not None and self._last[0] == file:
            return self._last[1]
        text = self._encoded[file].decode("utf-8", "surrogatepass")
        self._last = (file, text)
        return text

    def __delitem__(self, file: str) -> None:
        del self._encoded[file]
        if self._last is not None and self._last[0] == file:
            self._last = None

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def forget_decoded(self) -> None:
        """Drop the text decoded last (once loading is over: only messages need it again)."""
        self._last = None
