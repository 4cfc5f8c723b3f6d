"""How the index's files write their JSON (the format is partitions.py's docstring)."""

from __future__ import annotations

import hashlib
import json

JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder: json.dumps makes one per call


def json_bytes(data) -> bytes:
    return JSON.encode(data).encode("utf-8")


def content_hash(data: bytes, length: int = 10) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def js_order(term: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units), which the browser's binary search uses."""
    return term.encode("utf-16-be")


def delta(values: list[int]) -> list[int]:
    return [value - previous for previous, value in zip([0, *values], values)]



def postings_json(entries: list[list]) -> list[bytes]:
    """json_bytes of each postings entry, [term, first, lists of integers >= 0 ...]: the
    integers (a few million in a large archive) are written from a table of their decimal forms."""
    largest = max((max(column) for entry in entries for column in entry[2:] if column), default=0)
    digits = [str(n) for n in range(largest + 1)]

    def array(values: list[int]) -> str:
        return "[" + ",".join(map(digits.__getitem__, values)) + "]"

    return [f"[{JSON.encode(term)},{first},{','.join(map(array, columns))}]".encode()
            for term, first, *columns in entries]
