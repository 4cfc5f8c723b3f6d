"""What the status read of each story file, kept for the next build in the incremental state folder
(plugins/incremental): a rebuild reads only the files that changed (importer.translation_status.ReadingCache).

The readings are kept in SHARDS files (by the story's name), and a build writes again only those
holding a reading it made or dropped: writing all 20,000 after one correction took ~0.2 s. Each
file starts with the SHA-256 of the rest: a truncated or damaged file is no file, and the build
reads its stories again. It also records the settings a reading depends on and the code that reads
(and this module, which writes the files): when any of them changes, nothing is reused.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import zlib
from importlib import metadata
from pathlib import Path

import importer.content_store
import importer.translation_record
import importer.translation_status
from importer.translation_status import StatusSettings, reading_settings

FOLDER_NAME = "translation_status"
SHARDS = 64
MAGIC = b"newsroom translation status 2\n"
START = len(MAGIC) + hashlib.sha256().digest_size  # where the pickle starts, after its digest
# The code that turns a file's bytes into a Reading (Pelican's and dateutil's: dates that are not
# ISO 8601), and this module: a change in any may change every reading.
READERS = (importer.content_store, importer.translation_record, importer.translation_status, sys.modules[__name__])
PACKAGES = ("pelican", "python-dateutil")


def readers(settings: StatusSettings) -> str:
    """The code and settings the saved readings were made with."""
    digest = hashlib.sha256(reading_settings(settings).encode("utf-8", "surrogatepass"))
    for package in PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:  # installed some other way: its version is unknown
            version = "unknown"
        digest.update(f"\n{package} {version}\n".encode())
    for module in READERS:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def shard_of(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) % SHARDS


def shard_file(folder: Path, shard: int) -> Path:
    return folder / f"{shard:02d}.pickle"


def load_readings(folder: Path, settings: StatusSettings) -> dict[str, tuple]:
    """What a previous build read (a ReadingCache's `current`), from every file of `folder` that can
    be trusted: not a missing, truncated or damaged one, nor one made by other code or settings."""
    made_by = readers(settings)
    files: dict[str, tuple] = {}
    for shard in range(SHARDS):
        try:
            data = shard_file(folder, shard).read_bytes()
        except OSError:
            continue
        if not data.startswith(MAGIC) or hashlib.sha256(data[START:]).digest() != data[len(MAGIC):START]:
            continue
        try:
            saved = pickle.loads(data[START:])
        except Exception:  # noqa: BLE001 - intact, yet unreadable here (another Python's…)
            continue
        if type(saved) is dict and saved.get("readers") == made_by and type(saved.get("files")) is dict:
            files.update(saved["files"])
    return files


def save_readings(folder: Path, settings: StatusSettings, files: dict[str, tuple],
                  earlier: dict[str, tuple] | None = None) -> None:
    """The files of `folder` whose readings are not all the very entries of `earlier` (what
    load_readings gave this build: ReadingCache keeps those of unchanged files as they are), each
    written aside, then renamed, as plugins/incremental keeps its own state (saved only when that
    plugin is on, so it is loaded; it is loaded after this one, hence the import here).
    OSError when one cannot be written."""
    from incremental.state import replace_file

    earlier = earlier or {}
    by_shard: dict[int, dict[str, tuple]] = {shard: {} for shard in range(SHARDS)}
    for name, reading in files.items():
        by_shard[shard_of(name)][name] = reading
    changed = {shard_of(name) for name, reading in files.items() if earlier.get(name) is not reading}
    changed |= {shard_of(name) for name in earlier.keys() - files.keys()}
    made_by = readers(settings)
    for shard in sorted(changed):
        if not by_shard[shard]:
            shard_file(folder, shard).unlink(missing_ok=True)
            continue
        payload = pickle.dumps({"readers": made_by, "files": by_shard[shard]}, protocol=pickle.HIGHEST_PROTOCOL)
        replace_file(shard_file(folder, shard), MAGIC + hashlib.sha256(payload).digest() + payload)
