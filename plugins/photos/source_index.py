"""What is known of each photo file, kept between builds, so that an unchanged file is not read.

A warm build would otherwise read and hash every photo of the archive (hundreds of megabytes)
only to find its cache entry. `<cache>/sources.tsv` holds one line per source file: size,
modification time and inode (its stamp), the SHA-256 of its bytes, and its format and upright
size. A file whose stamp changed is read, hashed and inspected again, as git's index decides what
to hash again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .encoding import SourceInfo, inspect_image

INDEX_NAME = "sources.tsv"
FIELDS = 8  # size, mtime_ns, inode, digest, format, width, height, path (last: it may hold spaces)


@dataclass(frozen=True)
class KnownSource:
    stamp: tuple[int, int, int]  # size, modification time (ns), inode
    digest: str
    info: SourceInfo


def file_stamp(path: str) -> tuple[int, int, int]:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, status.st_ino


class SourceIndex:
    def __init__(self, cache_root: str):
        self.path = Path(cache_root) / INDEX_NAME
        self.known: dict[str, KnownSource] = {}
        self.changed = False
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []  # no index yet (or an unreadable one): every photo is read once
        for line in lines:
            parts = line.split("\t")
            if len(parts) != FIELDS:
                continue
            try:
                size, mtime, inode, width, height = (int(parts[i]) for i in (0, 1, 2, 5, 6))
            except ValueError:
                continue
            self.known[parts[7]] = KnownSource((size, mtime, inode), parts[3], SourceInfo(parts[4], width, height))

    def describe(self, path: Path) -> tuple[str, SourceInfo]:
        """SHA-256 and header facts of a photo file; UnreadableImage or OSError when it cannot be used."""
        name = str(path)
        stamp = file_stamp(name)  # before reading: a file changed meanwhile gets a new stamp next time
        known = self.known.get(name)
        if known is not None and known.stamp == stamp:
            return known.digest, known.info
        data = path.read_bytes()
        info = inspect_image(data)
        digest = hashlib.sha256(data).hexdigest()
        if not any(c in name for c in "\t\n\r"):  # a name the index cannot hold is simply read each time
            self.known[name] = KnownSource(stamp, digest, info)
            self.changed = True
        return digest, info

    def save(self) -> None:
        """Write the index whole (into a temporary file, renamed) when a build learned something new."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "\t".join(map(str, (*known.stamp, known.digest, known.info.format, known.info.width, known.info.height, name)))
            for name, known in sorted(self.known.items())
        ]
        handle, temporary = tempfile.mkstemp(prefix=".sources-", dir=self.path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")
        os.replace(temporary, self.path)
        self.changed = False
