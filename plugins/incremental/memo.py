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


# Kept in SHARDS files by the text's digest: a rebuild after one correction rewrites the files
# holding that story's texts, not all of them (the search's plain texts are 43 MB at 10,000 pairs:
# ~0.2 s of the search worker, which a rebuild waits for).
SHARDS = 16


class TextMemo:
    """{(function name, SHA-256 of a text): its result, or None for "the text itself"}, in SHARDS
    files beside `path` (<stem>-NN<suffix>)."""

    def __init__(self, path: Path, load: bool):
        self.path = path
        self.saved: list[dict[tuple[str, bytes], str | None]] = [{} for _ in range(SHARDS)]
        self.used: list[dict[tuple[str, bytes], str | None]] = [{} for _ in range(SHARDS)]
        if load:
            self.saved = [load_shard(self.shard_path(number)) for number in range(SHARDS)]

    def shard_path(self, number: int) -> Path:
        return self.path.with_name(f"{self.path.stem}-{number:02d}{self.path.suffix}")

    def apply(self, name: str, function: Callable[[str], str], text: str) -> str:
        """function(text), from the last build's result when it had the same text."""
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        key, number = (name, digest), digest[0] % SHARDS
        used = self.used[number]
        if key in used:
            kept = used[key]
        elif key in self.saved[number]:
            kept = used[key] = self.saved[number][key]
        else:
            result = function(text)
            kept = used[key] = None if result == text else result
        return text if kept is None else kept

    def save(self) -> None:
        """Only what this build used: a deleted story's texts go. A shard is written when that
        changed it."""
        for number, used in enumerate(self.used):
            if used != self.saved[number]:
                replace_file(self.shard_path(number), pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL))
        self.path.unlink(missing_ok=True)  # the one file of earlier versions


def load_shard(path: Path) -> dict:
    """A shard as saved, or nothing (no file, a damaged one)."""
    try:
        with open(path, "rb") as file:
            kept = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return {}
    return kept if isinstance(kept, dict) else {}
