"""Pelican's markdown reader, reading again only the files whose bytes changed since the last build.

Pelican's own content cache pickles the metadata objects a reader returns, and with them the
build's settings, which hold per-build state that cannot be pickled (the validation's log
handler…); it also fails on a truncated cache file. This cache keeps only text: a file's digest,
its HTML, and each metadata value as it is before Pelican turns it into objects (a date, a
category…), which is redone on every build from the current settings. The objects Pelican makes
of the files are kept beside it (built_stories.py), with the settings left out of their pickle.

A file whose status (device, inode, size, modification and change times) is the one it had when
its kept bytes were read is not read again: writing a file, replacing it or setting its times
changes its change time (ctime), which no program can set back. Opening, reading and hashing
20,000 unchanged stories took ~0.4 s of every rebuild at 10,000 pairs; their status, ~0.05 s.
As in git's index, a file changed less than RACY_SECONDS before it was read is not told by its
status (file times have a resolution of milliseconds: a second write that soon could leave them
as they were): it is read and hashed again next time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
import zlib
from pathlib import Path

from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader

from .state import STATE, replace_file

logger = logging.getLogger(__name__)


# Fields Pelican parses with dateutil (METADATA_PROCESSORS), which takes ~0.25 ms a date: 5 s
# of reading 20,000 cached stories. Their parsed values are kept by text; they depend on nothing else.
DATE_FIELDS = ("date", "modified")


RACY_SECONDS = 0.5
SHARDS = 64  # files the cache is kept in: a rebuild rewrites those of the stories it read again


def source_identity(path: str) -> tuple | None:
    """The status that tells a file unchanged (module docstring); None for a file that cannot be
    looked at or was changed too recently to be told by it."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if found.st_ctime_ns > time.time_ns() - int(RACY_SECONDS * 1_000_000_000):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def shard_of(source_path: str) -> int:
    return zlib.crc32(source_path.encode("utf-8", "surrogatepass")) % SHARDS


class ReadCache:
    """{source path: (digest of its bytes, HTML, [(field, value before processing, duplicated)]),
    or (digest, None, []) for a file kept as an object},
    {(date field, its text): its parsed value}, {source path: the digest of the bytes the object
    Pelican built from it was made of} with those objects (built_stories.py: one pickle stream per
    shard, loaded whole when the first of them is asked for) and {source path: its source_identity
    when those bytes were read}, kept in SHARDS files of `folder` (each with its own stories'
    entries): at 20,000 stories the cache is ~70 MB, and pickling all of it again after one story
    changed took a second of every rebuild."""

    def __init__(self, folder: Path, load: bool):
        self.folder = folder
        self.entries: dict[str, tuple] = {}
        self.dates: dict[tuple[str, str], object] = {}
        self.objects: dict[str, str] = {}  # source path -> digest of the bytes its kept object was built from
        self.streams: dict[int, bytes] = {}  # shard -> its kept objects, as loaded
        self.packed: dict[int, set[str]] = {}  # shard -> the source paths of those objects
        self.unpacked: dict[int, dict] = {}  # shard -> the objects of its stream not handed out yet
        self.fresh: dict[str, bytes] = {}  # source path -> the object this build kept, pickled alone
        self.identities: dict[str, tuple] = {}
        self.loaded: dict[int, set[str]] = {}  # shard -> the source paths its file held
        self.changed: set[int] = set()  # shards with an entry read again by this build
        self.hits = 0
        if not load:  # every file is written again, or deleted: none may outlive the build key it was read under
            self.changed = set(range(SHARDS))
            return
        for shard in range(SHARDS):
            try:
                with open(self.folder / f"{shard:02d}.pickle", "rb") as file:
                    entries, dates, objects, identities, stream = pickle.load(file)
            except FileNotFoundError:
                continue
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                self.changed.add(shard)  # no usable file: its stories are read, and it is written again
                continue
            self.entries.update(entries)
            self.dates.update(dates)
            self.objects.update(objects)
            if stream:
                self.streams[shard], self.packed[shard] = stream, set(objects)
            self.identities.update(identities)
            self.loaded[shard] = set(entries)

    def store(self, source_path: str, entry: tuple) -> None:
        self.entries[source_path] = entry
        self.objects.pop(source_path, None)  # built from other bytes
        self.fresh.pop(source_path, None)
        self.changed.add(shard_of(source_path))

    def unchanged(self, source_path: str, identity: tuple | None) -> bool:
        """The file has the status it had when the bytes of its entry were read."""
        return identity is not None and self.identities.get(source_path) == identity

    def note_identity(self, source_path: str, identity: tuple | None) -> None:
        """The status the file had just before the bytes its entry holds were read (again), or None."""
        if self.identities.get(source_path) == identity:
            return
        if identity is None:  # changed too recently to be told by its status: hashed next time too
            del self.identities[source_path]
        else:
            self.identities[source_path] = identity
        self.changed.add(shard_of(source_path))

    def kept_object(self, source_path: str, unpack):
        """The object kept for the file (whose digest the caller compared), or None.
        `unpack(stream)`: {source path: object} of a shard's stream; when it raises, the shard's
        objects are not there for this build (the error goes to the caller)."""
        shard = shard_of(source_path)
        objects = self.unpacked.get(shard)
        if objects is None:
            self.unpacked[shard] = {}
            stream = self.streams.get(shard)
            objects = self.unpacked[shard] = unpack(stream) if stream else {}
        return objects.pop(source_path, None)

    def store_object(self, source_path: str, digest: str, data: bytes) -> None:
        """The object built from the bytes of `digest`, pickled alone."""
        self.objects[source_path] = digest
        self.fresh[source_path] = data
        self.changed.add(shard_of(source_path))

    def save(self, kept: set[str], repack) -> None:
        """Only the files read by this build: a deleted story's entry goes (and dates no story has).
        A shard whose stories are the same, none read again, is left as it is. `repack(stream,
        fresh, paths)`: a shard's new stream of the objects of `paths`, from its last stream or
        `fresh` ({path: object pickled alone}), and the paths it holds (built_stories.repack)."""
        by_shard: dict[int, set[str]] = {}
        for path in kept:
            if path in self.entries:
                by_shard.setdefault(shard_of(path), set()).add(path)
        for shard in range(SHARDS):
            paths = by_shard.get(shard, set())
            if shard not in self.changed and paths == self.loaded.get(shard, set()):
                continue
            file = self.folder / f"{shard:02d}.pickle"
            if not paths:
                file.unlink(missing_ok=True)
                continue
            with_object = {path for path in paths if path in self.objects}
            fresh = {path: self.fresh[path] for path in with_object if path in self.fresh}
            if fresh or with_object != self.packed.get(shard, set()):
                stream, with_object = repack(self.streams.get(shard), fresh, with_object)
            else:  # the same objects: their stream as it was
                stream = self.streams.get(shard, b"")
            # a file kept as an object (built_stories.py) needs its read only if that fails to
            # load, which a build key covers: only the digest of its bytes is kept (half the cache)
            entries = {path: (self.entries[path][0], None, []) if path in with_object else self.entries[path]
                       for path in sorted(paths)}
            said = {(name, value) for entry in entries.values() for name, value, _ in entry[2] if name in DATE_FIELDS}
            dates = {text: value for text, value in self.dates.items() if text in said}
            objects = {path: self.objects[path] for path in entries if path in with_object}
            identities = {path: self.identities[path] for path in entries if path in self.identities}
            replace_file(file, pickle.dumps((entries, dates, objects, identities, stream),
                                            protocol=pickle.HIGHEST_PROTOCOL))
        (self.folder.parent / "reads.pickle").unlink(missing_ok=True)  # the one file of earlier versions


class CachedMarkdownReader(MarkdownReader):
    def read(self, source_path):
        build = self.settings.get(STATE)
        if build is None:
            return super().read(source_path)
        cache: ReadCache = build.reads
        identity = source_identity(source_path)  # before reading: a change meanwhile is seen next time
        with open(source_path, "rb") as file:
            digest = hashlib.sha256(file.read()).hexdigest()
        build.read_files.add(source_path)
        entry = cache.entries.get(source_path)
        if entry is not None and entry[0] == digest and entry[1] is not None:
            cache.hits += 1
            cache.note_identity(source_path, identity)
            return entry[1], self._processed(entry[2], source_path)
        self._source_path = source_path
        content, metadata = super().read(source_path)
        cache.store(source_path, (digest, content, self._values))
        cache.note_identity(source_path, identity)
        return content, metadata

    def _parse_metadata(self, meta):
        """Pelican's: each field's value as process_metadata() takes it, remembered as text."""
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        self._md.preprocessors.deregister("meta")  # no metadata read from inside a formatted field
        values = []
        for name, value in meta.items():
            name = name.lower()
            if name in formatted_fields:
                self._md.reset()
                values.append((name, self._md.convert("\n".join(value)), False))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                values.append((name, value[0], len(value) > 1))
            else:
                values.append((name, value if len(value) > 1 else value[0], False))
        self._values = values
        return self._processed(values, self._source_path)

    def _processed(self, values: list, source_path: str) -> dict:
        dates = self.settings[STATE].reads.dates
        output = {}
        for name, value, duplicated in values:
            if duplicated:  # said on every build, as Pelican does, not only when the file changed
                logger.warning("Duplicate definition of `%s` for %s. Using first one.", name, source_path)
            if name in DATE_FIELDS and isinstance(value, str):
                parsed = dates.get((name, value))
                if parsed is None:
                    parsed = dates[name, value] = self.process_metadata(name, value)
                output[name] = parsed
            else:
                output[name] = self.process_metadata(name, value)
        return output


def cache_markdown_reads(readers) -> None:
    """readers_init: the markdown reader (and only Pelican's own) reads through the cache."""
    if readers.settings.get(STATE) is None:
        return
    for extension, reader in list(readers.reader_classes.items()):
        if reader is MarkdownReader:
            readers.reader_classes[extension] = CachedMarkdownReader
