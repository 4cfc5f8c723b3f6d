"""What a build found in the live site's files and folders, kept for the next build by identity.

A file's or folder's identity is its device, inode, size, and modification and change times:
writing a file, or adding, removing or renaming a folder's entries, changes them, and no program
can set a change time back. What was found in one whose identity is unchanged is found again
without looking (publishing's listings of the live folders; the output checks' reading of the
live files a rebuild keeps). As in git, one changed within RACY_SECONDS of being looked at is
looked at again next time: its times might not tell a change made in the same clock tick.
"""

from __future__ import annotations

import os
import pickle
import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# An identity packed as one bytes object: tens of thousands of them are kept, and a pickle of five
# ints each took ~2.5× as long to load (~0.15 s at 10,000 story pairs, every rebuild).
IDENTITY = struct.Struct("QQqqq")  # device, inode, size, modification and change times in ns


class SeenBefore:
    RACY_SECONDS = 0.5

    def __init__(self, path: Path | None, changed: set[str] | None = None):
        """`path`: where an earlier build kept {name: (identity, what was found)}, if anywhere.
        `changed`: when the identities were already compared (changed_since), the names found
        changed then: every other name kept there is taken as it was found, with no status call."""
        self.earlier: dict[str, tuple] = {}
        self.now: dict[str, tuple] = {}
        self.changed = changed
        # what changed after this moment may look unchanged next time (see RACY_SECONDS)
        self.racy_since = racy_since()
        if path is not None:
            try:
                with open(path, "rb") as file:
                    kept = pickle.load(file)
                self.earlier = kept if isinstance(kept, dict) else {}
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                pass

    def found(self, name: str, path: str, look: Callable[[], T]) -> T:
        """look() at the file or folder `path` (a symbolic link itself), or what it found there
        before; raises FileNotFoundError when there is nothing at `path`."""
        if self.changed is not None and name not in self.changed:
            earlier = self.earlier.get(name)
            if earlier is not None:
                self.now[name] = earlier
                return earlier[1]
        identity, changed_at = identity_of(path)
        earlier = self.earlier.get(name)
        if earlier is not None and earlier[0] == identity:
            if changed_at < self.racy_since:
                self.now[name] = earlier  # the very record: save() finds an unchanged one equal at once
            return earlier[1]
        value = look()
        if changed_at < self.racy_since:
            self.now[name] = (identity, value)
        return value

    def save(self, path: Path) -> None:
        """What this build found, for the next one (written aside, then renamed); raises OSError."""
        if self.now == self.earlier:
            return
        partial = path.with_suffix(".partial")
        try:
            partial.write_bytes(pickle.dumps(self.now, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, path)
        except OSError:  # a full disk: no half-written file is left beside the older one
            partial.unlink(missing_ok=True)
            raise


def racy_since() -> int:
    """The moment (ns) after which a change may not show in an identity taken now."""
    return time.time_ns() - int(SeenBefore.RACY_SECONDS * 1_000_000_000)


def identity_of(path: str) -> tuple[bytes, int]:
    """The identity of the file or folder at `path` (a symbolic link itself), and its change time."""
    status = os.stat(path, follow_symlinks=False)
    return (IDENTITY.pack(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns),
            status.st_ctime_ns)


def changed_since(path: Path, root: str, always: frozenset[str] = frozenset()) -> list[str]:
    """The names kept at `path` (by an earlier build's SeenBefore) whose file or folder under `root`
    is not as recorded, or changed too recently to tell, and those of `always`: what a SeenBefore
    given this answer must look at again. Made where it costs the build nothing (a forked process
    at its start); names not in it are then taken as they were at that moment."""
    since = racy_since()
    changed = list(always)
    for name, (recorded, _) in SeenBefore(path).earlier.items():
        if name in always:
            continue
        try:
            identity, changed_at = identity_of(os.path.join(root, name) if name else root)
        except OSError:
            changed.append(name)
            continue
        if identity != recorded or changed_at >= since:
            changed.append(name)
    return changed
