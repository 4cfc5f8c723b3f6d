"""What the status read of each story file, kept for the next build in the incremental state folder
(plugins/incremental): a rebuild reads only the files that changed (importer.translation_status.ReadingCache).

The file starts with the SHA-256 of the rest: a truncated or damaged file is no file, and the build
reads every story. It also records the settings a reading depends on and the code that reads
(and this module, which writes the file): when any of them changes, nothing is reused.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from importlib import metadata
from pathlib import Path

import importer.content_store
import importer.translation_record
import importer.translation_status
from importer.translation_status import StatusSettings, reading_settings

FILE_NAME = "translation_status.pickle"
MAGIC = b"newsroom translation status 1\n"
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


def load_readings(path: Path, settings: StatusSettings) -> dict[str, tuple]:
    """What a previous build read (a ReadingCache's `current`); {} when there is nothing that can be
    trusted: no file, a truncated or damaged one, or one made by other code or settings."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC) or hashlib.sha256(data[START:]).digest() != data[len(MAGIC):START]:
        return {}
    try:
        saved = pickle.loads(data[START:])
    except Exception:  # noqa: BLE001 - intact, yet unreadable here (another Python's…)
        return {}
    if type(saved) is not dict or saved.get("readers") != readers(settings):
        return {}
    return saved["files"]


def save_readings(path: Path, settings: StatusSettings, files: dict[str, tuple]) -> None:
    """Written aside, then renamed, as plugins/incremental keeps its own state (saved only when that
    plugin is on, so it is loaded; it is loaded after this one, hence the import here).
    OSError when it cannot be written."""
    from incremental.state import replace_file

    payload = pickle.dumps({"readers": readers(settings), "files": files}, protocol=pickle.HIGHEST_PROTOCOL)
    replace_file(path, MAGIC + hashlib.sha256(payload).digest() + payload)
