"""What one build leaves for the next: its build key and, for every page it wrote, the page's key
and the identity of the file published (inode, size, modification time).

A page is reused only when its key is unchanged and the live file is still the very file that
build wrote: a file replaced or edited by hand since then is rendered again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import sys
from importlib import metadata
from pathlib import Path

from atomic_output.seen_before import changed_since

from .page_keys import Unkeyable

logger = logging.getLogger(__name__)

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
STATE = "_incremental"  # the build's Incremental (__init__.py), kept in its settings
FORMAT = 2  # of pages.pickle; another number is read as no previous build
# Packages whose versions change what a page says (markup, dates, templates, sanitizing, search terms).
PACKAGES = ("pelican", "jinja2", "markdown", "babel", "nh3", "markupsafe", "pillow", "lunr", "python-dateutil",
            "snowballstemmer", "stop-words")
# Settings that do not change a page's bytes: where the output goes and this plugin's own cache.
UNKEYED_SETTINGS = {"OUTPUT_PATH", "INCREMENTAL_CACHE_PATH"}


def folder_digest(folder: Path, update) -> None:
    """Every file of a folder, by relative path and content (compiled caches left out)."""
    if not folder.is_dir():
        update(f"absent {folder}")
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".mo"):
            update(f"{path.relative_to(folder).as_posix()}\0")
            update(path.read_bytes())


def build_key(settings, token) -> str:
    """The inputs every page shares: settings, theme (templates, assets, catalogs), plugins, the
    authors' profiles, the versions of the packages that render. Any change: a full build."""
    digest = hashlib.sha256()

    def update(part) -> None:
        digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")

    update(f"format {FORMAT} python {sys.version}")
    for package in PACKAGES:
        try:
            update(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            update(f"{package} absent")
    for name, value in sorted(settings.items()):
        if name.startswith("_") or name in UNKEYED_SETTINGS:
            continue
        try:
            update(f"{name}={token(value)}")
        except Unkeyable:
            # an object of no known kind (a bytecode cache set in JINJA_ENVIRONMENT): its
            # repr without memory addresses, so that it is the same object from build to build
            update(f"{name}={ADDRESS.sub('', repr(value))}")
    folder_digest(Path(settings["THEME"]), update)
    for plugins in settings.get("PLUGIN_PATHS") or []:
        folder_digest(Path(plugins), update)
    authors = settings.get("AUTHORS_PATH")
    if authors:
        folder_digest(Path(settings["PATH"]) / authors, update)
    return digest.hexdigest()


def build_state_folder(settings) -> Path | None:
    """This build's state folder, for plugins that keep their own files there (None when this
    build is not incremental). They import it guarded: without this plugin, no build is."""
    build = settings.get(STATE)
    return build.folder if build is not None else None


def state_folder(settings) -> Path:
    """INCREMENTAL_CACHE_PATH/<digest of the output folder's real path>: builds into different
    folders keep apart."""
    output = os.path.realpath(settings["OUTPUT_PATH"])
    return Path(settings["INCREMENTAL_CACHE_PATH"]) / hashlib.sha256(output.encode()).hexdigest()[:16]


class PreviousBuild:
    """pages.pickle of the last build into this output folder, if its build key is this build's
    (pickled, not JSON: 64,000 pages' entries load in 0.06 s instead of 0.17, and are written in
    0.05 s instead of 0.18)."""

    def __init__(self, folder: Path, key: str):
        self.path = folder / "pages.pickle"
        self.pages: dict[str, list] = {}
        self.same_build = False
        self.live: str | None = None  # the live folder whose files look_at_live_files looks at
        self.looking = None  # its answer, to be taken
        self.changed: set[str] | None = None  # its answer: the pages that are not the files written
        # and the live folders not as publishing last listed them (atomic_output's changed_since)
        self.changed_folders: set[str] | None = None
        try:
            with open(self.path, "rb") as file:
                saved = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return
        if isinstance(saved, dict) and saved.get("format") == FORMAT and saved.get("build") == key:
            self.same_build = True
            self.pages = saved.get("pages") or {}

    def unchanged(self, name: str, key: str, live: str) -> bool:
        """The live file `live` is the one the last build wrote as `name`, with this key."""
        entry = self.pages.get(name)
        return bool(entry) and entry[0] == key and self.still_live(name, live)

    def still_live(self, name: str, live: str) -> bool:
        """The live file `live` is the one the last build wrote as `name` (whatever its key)."""
        if self.looking is not None:
            self._take_look()
        if self.changed is not None and live == os.path.join(self.live, name):
            return name in self.pages and name not in self.changed
        return name in self.pages and written_there(self.pages[name], live)

    def look_at_live_files(self, live: str, listings: Path) -> None:
        """Start finding, in a forked process, which of the last build's pages are no longer the
        files it wrote into `live`: one status call per page (~64,000 at 10,000 story pairs, ~0.4 s)
        made on the other core while this build reads the stories, instead of by the build when it
        keeps the pages. A page is then held to its file as it was when the build started, as
        publishing holds the live folders (the output folder is this build's until it ends): the
        same process finds the live folders that are not as publishing last listed them
        (`listings`), so that publishing makes no status call for the others (~64,000, ~0.3 s).
        The output folder itself, where the build writes, is looked at again when publishing."""
        try:
            # imported here: validation comes earlier in PLUGINS, and is importable once Pelican loaded it
            from validation.background import in_background
        except ImportError:  # (looked at page by page)
            return
        pages = self.pages
        self.live = live
        self.looking = in_background(lambda: (changed_files(pages, live),
                                              changed_since(listings, live, always=frozenset({""}))))

    def _take_look(self) -> None:
        looking, self.looking = self.looking, None
        try:
            pages, folders = looking()
        except RuntimeError as error:  # the process failed: looked at page by page
            logger.debug("incremental: the live pages were not looked at in the background (%s)", error)
        else:
            self.changed, self.changed_folders = set(pages), set(folders)

    def changed_live_folders(self) -> set[str] | None:
        """The live folders found changed at the build's start (None: not looked at)."""
        if self.looking is not None:
            self._take_look()
        return self.changed_folders


def changed_files(pages: dict[str, list], live: str) -> list[str]:
    """The pages whose live file is not, or no longer, the one the last build wrote."""
    return [name for name, entry in pages.items() if not written_there(entry, os.path.join(live, name))]


def written_there(entry: list, path: str) -> bool:
    """The file at `path` is the one a page's entry ([key, *file_identity]) records."""
    try:
        return file_identity(path) == entry[1:]
    except OSError:
        return False


def file_identity(path) -> list[int]:
    """Which file `path` is: [inode, size, modification time] (OSError when there is none). The same
    after publishing renames it; another after anything writes or replaces it."""
    found = os.stat(path)
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def save(path: Path, build: str, pages: dict[str, list]) -> None:
    replace_file(path, pickle.dumps({"format": FORMAT, "build": build, "pages": pages}, protocol=pickle.HIGHEST_PROTOCOL))
    path.with_name("pages.json").unlink(missing_ok=True)  # what earlier versions kept


def replace_file(path: Path, data: bytes) -> None:
    """Written aside, then renamed: a build killed meanwhile leaves the older file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:  # a full disk: no half-written file is left beside the older one
        temporary.unlink(missing_ok=True)
        raise
