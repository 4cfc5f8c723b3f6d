"""Results of pure text functions kept from one build to the next (the markup policy's cleaning).

A story's HTML is cleaned on every build although it rarely changes; the cleaning depends only on
the text and on the code and settings (the build key: when that changes, nothing is kept). Most
texts come out of the cleaning as they went in (imported stories were cleaned on import), so
those are remembered by the digest of the text alone, and only the others with their result.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from .state import replace_file


class TextMemo:
    """{(function name, SHA-256 of a text): its result, or None for "the text itself"}."""

    def __init__(self, path: Path, load: bool):
        self.path = path
        self.saved: dict[tuple[str, bytes], str | None] = {}
        self.used: dict[tuple[str, bytes], str | None] = {}
        if load:
            try:
                with open(path, "rb") as file:
                    self.saved = pickle.load(file)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                self.saved = {}
            if not isinstance(self.saved, dict):
                self.saved = {}

    def apply(self, name: str, function: Callable[[str], str], text: str) -> str:
        """function(text), from the last build's result when it had the same text."""
        key = (name, hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
        if key in self.used:
            kept = self.used[key]
        elif key in self.saved:
            kept = self.used[key] = self.saved[key]
        else:
            result = function(text)
            kept = self.used[key] = None if result == text else result
        return text if kept is None else kept

    def save(self) -> None:
        """Only what this build used: a deleted story's texts go."""
        if self.used != self.saved:
            replace_file(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
