"""One publication into a real output folder: lock it, build in a hidden work folder inside it, swap.

The work folder `<output>/.atomic-output-XXXXXXXX/` holds `site/` (what Pelican writes) and
`old/` (the live entries moved aside while publishing). While entries are being swapped, the work
folder also holds `publishing.json`: the entries moved in and the entries moved out; `old/<n>` is
the live entry of the n-th of them (counting those moved in, then those moved out, from 0). A
build that finds it in a leftover work folder knows a publish was interrupted and undoes it.
(Numbered, not at their own paths: a rebuild that renders 2,400 pages, one per folder, made and
deleted 2,400 folders in old/, ~0.6 s on ext4.)

A build may keep live files as they are (`keep_live`: plugins/incremental's unchanged pages):
those are neither written nor moved. Publishing then descends only into the folders that hold
kept files and swaps the entries around them, so a rebuild that changed three pages moves three
files, not the whole site.

Checks still running when the build returns (plugins/validation's output checks, in a forked
process: `before_swap`) are waited for once the moves are worked out, before anything is swapped.

Working out the moves of a rebuild lists every live folder that holds kept files: ~64,000 at
10,000 story pairs, a second of the rebuild. Given a file to keep them in (`listings`:
plugins/incremental gives one in its state folder), publishing keeps what it listed by each
folder's identity (seen_before.py) and takes the entries of a folder unchanged since from there,
with one status call instead of a listing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .seen_before import SeenBefore

logger = logging.getLogger(__name__)

PREFIX = ".atomic-output-"  # every entry of the output folder named so is a work folder of this plugin
MANIFEST = "publishing.json"


class PublishFailed(SystemExit):
    """Ends the build with exit code 1; its one-line reason is logged by the caller, with no traceback."""

    def __init__(self, message: str):
        super().__init__(1)
        self.message = message


@dataclass
class Publication:
    target: Path  # the real output folder (a symlink followed): never renamed or replaced
    work: Path  # the hidden work folder inside it
    keep: Callable[[str], bool]  # live entries the new site must not remove (OUTPUT_RETENTION)
    kept: set[str] = field(default_factory=set)  # live files published as they are (relative paths)
    # checks still running when the build returned (plugins/validation's output checks): each
    # returns once the new site passed it, or raises; publishing waits for them before it swaps
    pending: list[Callable[[], None]] = field(default_factory=list)
    listings: Path | None = None  # where the live folders' listings are kept from build to build
    # the live folders found changed since those listings when the build started (changed_since):
    # the others are taken as listed, as the output folder is the build's until it ends
    changed_folders: set[str] | None = None

    @property
    def site(self) -> Path:
        return self.work / "site"

    @property
    def old(self) -> Path:
        return self.work / "old"

    def keep_live(self, name: str) -> None:
        """Publish the live file `name` (relative to the output folder) as it is, instead of writing it."""
        self.kept.add(name)

    def keep_if_same(self, name: str, data: bytes) -> bool:
        """Keep the live file `name` if it holds exactly `data`: a page rendered again with the same
        bytes is neither written nor published, nor its old copy deleted."""
        if same_bytes(self.target / name, data):
            self.kept.add(name)
            return True
        return False

    def locate(self, name: str) -> str | None:
        """The path of the file the new site will serve as `name`: kept from the live site, or written
        by this build. Plain strings: validation looks up tens of thousands of files at archive size,
        and building a Path for each cost more than the lookup itself."""
        if name in self.kept:
            return os.path.join(self.target, name)
        written = os.path.join(self.site, name)
        return written if os.path.isfile(written) else None

    def before_swap(self, check: Callable[[], None]) -> None:
        """Have publishing wait for `check` (which raises when the new site must not be published)."""
        self.pending.append(check)

    def publish(self) -> None:
        """Swap the built site into the output folder, then delete the old entries."""
        try:
            moves = changes(self)
            for check in self.pending:
                check()
            write_manifest(self.work, moves)
        except OSError as error:
            self.discard()
            raise PublishFailed(
                f"could not publish into {self.target}: {describe(error)}; the site there is unchanged") from None
        except BaseException:
            self.discard()
            raise
        try:
            swap(self, moves)
        except BaseException as error:
            self.undo(moves, error)
            raise
        if self.listings is not None:
            moves.listed.save(self.listings)
        self.finish()

    def finish(self) -> None:
        """Delete the work folder of a published site: a file that cannot go fails the build, by name."""
        # Without its manifest, a leftover of this folder is only trash: no later build will undo this publish.
        failures = remove(self.work / MANIFEST) or remove(self.work)
        if failures:
            raise PublishFailed(
                f"the new site is in {self.target}, but {len(failures)} old file(s) could not be removed "
                f"(first: {failures[0]}); delete {self.work} by hand")
        logger.info("atomic_output: published the new site into %s", self.target)

    def undo(self, moves: Moves, error: BaseException) -> None:
        """Put the previous site back after a failed swap; raise a one-line failure for an OSError."""
        failures = roll_back(self.target, self.work, moves)
        if failures:
            raise PublishFailed(
                f"could not publish into {self.target} ({describe(error)}) nor restore {failures[0]}; "
                f"the previous site's missing entries are in {self.old} (old/<n>: the n-th entry of "
                f"{MANIFEST} there, placed then removed)") from None
        self.discard()
        if isinstance(error, OSError):
            raise PublishFailed(
                f"could not publish into {self.target}: {describe(error)}; the previous site is back in place"
            ) from None

    def discard(self) -> None:
        """Delete the work folder of a failed build; a failure to do so is logged with its path."""
        failures = remove(self.work)
        if failures:
            logger.error("could not remove the unfinished build %s: %s", self.work, failures[0])


@contextlib.contextmanager
def claimed(settings: dict) -> Iterator[Publication]:
    """The output folder, locked against other builds, cleared of leftovers, with a fresh work folder."""
    created = not os.path.isdir(settings["OUTPUT_PATH"])
    target = output_folder(settings)
    lock = locked(target)
    try:
        clear_leftovers(target)
        yield Publication(target, work_folder(target), keep_rule(settings))
    except BaseException:
        if created:  # a first build that failed leaves no empty output folder behind
            with contextlib.suppress(OSError):
                target.rmdir()
        raise
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)  # explicitly: a forked worker may still share this descriptor
        os.close(lock)


def output_folder(settings: dict) -> Path:
    """The real folder OUTPUT_PATH leads to, created when missing; never the content's parent."""
    target = Path(os.path.realpath(settings["OUTPUT_PATH"]))
    content = Path(os.path.realpath(settings["PATH"]))
    if target == content or target in content.parents:
        # Publishing removes what the new site lacks: here, the content itself.
        raise PublishFailed(
            f"the output folder {target} contains the content folder {content}; choose another output folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PublishFailed(f"the output path {target} exists and is not a folder") from None
    except OSError as error:
        raise PublishFailed(f"cannot create the output folder {target}: {error.strerror}") from None
    return target


def locked(target: Path) -> int:
    """An exclusive lock on the output folder itself: no lock file to serve, create or leave behind."""
    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise PublishFailed(f"cannot open the output folder {target}: {error.strerror}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(descriptor)
        if isinstance(error, BlockingIOError):
            raise PublishFailed(
                f"another build is publishing into {target} right now; this one stopped and changed nothing "
                "(run it again when that build has finished)") from None
        raise PublishFailed(f"cannot lock the output folder {target}: {error.strerror}") from None
    return descriptor


def work_folder(target: Path) -> Path:
    """A new hidden work folder inside the output folder: on its filesystem, so publishing only renames."""
    work = None
    try:
        # mkdtemp's mode 0700 keeps a web server running as another user from serving a half-built site.
        work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=target))
        (work / "site").mkdir()
        (work / "old").mkdir()
    except OSError as error:
        if work:
            remove(work)
        raise PublishFailed(
            f"cannot write into the output folder {target}: {error.strerror}; nothing was built, "
            "the site there is unchanged") from None
    return work


def keep_rule(settings: dict) -> Callable[[str], bool]:
    """Which live entries survive: OUTPUT_RETENTION, or every one when DELETE_OUTPUT_DIRECTORY is off."""
    if not settings.get("DELETE_OUTPUT_DIRECTORY"):
        return lambda name: True
    return set(settings.get("OUTPUT_RETENTION") or ()).__contains__


def clear_leftovers(target: Path) -> None:
    """Undo an interrupted publish and delete the work folders of earlier builds (the lock is held)."""
    try:
        leftovers = sorted(entry.path for entry in os.scandir(target) if entry.name.startswith(PREFIX))
    except OSError as error:
        raise PublishFailed(f"cannot read the output folder {target}: {error.strerror}") from None
    for leftover in leftovers:
        try:
            clear_leftover(target, Path(leftover))
        except OSError as error:
            logger.warning("could not clear %s, left by an earlier build: %s", leftover, describe(error))


def clear_leftover(target: Path, work: Path) -> None:
    """Undo the interrupted publish a work folder records, if any, then delete the folder."""
    if (work / MANIFEST).exists():
        failures = roll_back(target, work, read_manifest(work))
        if failures:
            # Its old/ still holds parts of the previous site: keep it for a person to restore.
            logger.warning("could not undo the interrupted publish in %s: %s", work, failures[0])
            return
        logger.warning("put the previous site back in %s: a publish was interrupted", target)
    failures = remove(work)
    if failures:
        logger.warning("could not remove %s, left by an earlier build: %s", work, failures[0])


def same_bytes(path: Path, data: bytes) -> bool:
    """`path` is a regular file holding exactly `data`."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read() == data
    except OSError:
        return False


@dataclass
class Moves:
    """What publishing moves: each `placed` entry of the new site (a file, or a whole folder)
    replaces the live entry of that path, which goes aside; each `removed` live entry goes aside."""

    placed: list[str]
    removed: list[str]
    listed: LiveListings | None = None  # the live folders as they were when the moves were worked out
    numbered: bool = True  # live entries go aside as old/<n>; False: at their own paths (earlier versions)

    def aside(self, old: Path, number: int, path: str) -> Path:
        """Where the live entry `path`, the number-th moved, goes aside."""
        return old / str(number) if self.numbered else old / path


def changes(publication: Publication) -> Moves:
    """Compare the new site with the live one, descending only where live entries stay (kept
    files, retained folders): anywhere else a folder of the new site replaces the live one whole."""
    target, site = str(publication.target), str(publication.site)
    kept = publication.kept
    kept_folders = folders_of(kept)
    listed = LiveListings(publication.listings, publication.changed_folders)
    moves = Moves([], [], listed)

    def compare(relative: str, retained: bool, built: bool) -> None:
        """`built`: the new site has this folder too (else only live entries are looked at)."""
        prefix = relative + "/" if relative else ""
        live = listed.entries(relative, target + "/" + relative if relative else target)
        if not built:  # a live folder holding kept files that the new site lacks: nearly all of a rebuild's
            for name in sorted(live):
                path = prefix + name
                if path in kept:
                    continue
                if path in kept_folders:
                    compare(path, False, False)
                else:
                    moves.removed.append(path)
            return
        new = entries(site + "/" + relative if relative else site)
        for name, is_dir in sorted(new.items()):
            path = prefix + name
            keeps = retained or (not relative and publication.keep(name))
            if is_dir and live.get(name) and (keeps or path in kept_folders):
                compare(path, keeps, True)
            else:
                moves.placed.append(path)
        for name in sorted(live.keys() - new.keys()):
            path = prefix + name
            if path in kept or retained or (not relative and (publication.keep(name) or name.startswith(PREFIX))):
                continue
            if path in kept_folders:
                compare(path, False, False)
            else:
                moves.removed.append(path)

    compare("", False, True)
    return moves


def folders_of(files: set[str]) -> set[str]:
    """Every folder that holds one of `files`, at any depth: 'pt/2025/a/index.html' -> 'pt/2025/a',
    'pt/2025', 'pt'. The climb from a folder stops at one met before, whose parents are in already
    (tens of thousands of kept pages share a few hundred month and edition folders)."""
    folders: set[str] = set()
    for folder in {name.rpartition("/")[0] for name in files}:  # each page's own folder once
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def entries(folder: str) -> dict[str, bool]:
    """A folder's entries, each with whether it is a real folder (a symbolic link is an entry like a file)."""
    try:
        with os.scandir(folder) as found:
            return {entry.name: entry.is_dir(follow_symlinks=False) for entry in found}
    except FileNotFoundError:
        return {}


class LiveListings:
    """The live folders' entries, each as an earlier publish listed it while the folder is unchanged
    since (seen_before.py, kept at `path`)."""

    def __init__(self, path: Path | None, changed: set[str] | None = None):
        self.seen = SeenBefore(path, changed)

    def entries(self, relative: str, path: str) -> dict[str, bool]:
        """The entries of the live folder `relative`, at `path` (none when it is not there)."""
        try:
            return self.seen.found(relative, path, lambda: entries(path))
        except FileNotFoundError:
            return {}

    def save(self, path: Path) -> None:
        """Kept for the next publish (which lists every folder again without it)."""
        # Nearly every folder holds one page's index.html: equal listings kept as one object are
        # pickled once, and loaded faster (~0.07 s of 64,000 folders).
        shared: dict[tuple, dict[str, bool]] = {}
        for name, (identity, listing) in self.seen.now.items():
            canonical = shared.setdefault(tuple(listing.items()), listing)
            if canonical is not listing:
                self.seen.now[name] = (identity, canonical)
        try:
            self.seen.save(path)
        except OSError as error:
            logger.debug("atomic_output: the live folders' listings are not kept (%s)", error)


def write_manifest(work: Path, moves: Moves) -> None:
    """Record the moves before any is made, atomically, so an interrupted swap can be undone."""
    partial = work / (MANIFEST + ".partial")
    partial.write_text(json.dumps({"placed": moves.placed, "removed": moves.removed, "aside": "numbered"}),
                       encoding="utf-8")
    os.replace(partial, work / MANIFEST)


def read_manifest(work: Path) -> Moves:
    recorded = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    if isinstance(recorded, list):  # written by an earlier version: the new site's top-level names
        return Moves(recorded, [name for name in os.listdir(work / "old") if name not in recorded], numbered=False)
    return Moves(recorded["placed"], recorded["removed"], numbered=recorded.get("aside") == "numbered")


def swap(publication: Publication, moves: Moves) -> None:
    """Each new entry replaces the live one by two renames; live entries the new site lacks go aside."""
    target, site, old = publication.target, publication.site, publication.old
    for number, path in enumerate(moves.placed):
        if os.path.lexists(target / path):
            os.rename(target / path, moves.aside(old, number, path))
        os.rename(site / path, target / path)
    for number, path in enumerate(moves.removed, len(moves.placed)):
        os.rename(target / path, moves.aside(old, number, path))


def roll_back(target: Path, work: Path, moves: Moves) -> list[str]:
    """Take the new entries back out and the old ones back in; returns what could not be moved."""
    failures = []
    site, old = work / "site", work / "old"
    back = [(target / path, site / path) for path in moves.placed
            if os.path.lexists(target / path) and not os.path.lexists(site / path)]
    aside = [(moves.aside(old, number, path), path) for number, path in enumerate(moves.placed + moves.removed)]
    back += [(moved, target / path) for moved, path in aside if os.path.lexists(moved)]
    for source, destination in back:
        try:
            os.rename(source, destination)
        except OSError as error:
            failures.append(f"{source}: {error.strerror}")
    return failures


REMOVERS = 8  # threads deleting a folder's files: each unlink mostly waits on the file system, and waits overlap


def remove(path: Path) -> list[str]:
    """Delete a file or folder; returns every path that could not be deleted, with the reason."""
    errors: list[tuple[str, OSError]] = []
    if os.path.isdir(path) and not os.path.islink(path):
        errors = remove_tree(str(path))
    else:
        try:
            os.remove(path)
        except OSError as error:
            errors.append((str(path), error))
    # A folder left non-empty by a file that could not go is a consequence, not a second failure.
    causes = [(failed, error) for failed, error in errors if getattr(error, "errno", None) != errno.ENOTEMPTY]
    shown = sorted(causes or errors, key=lambda pair: pair[0])  # threads finish in any order: name them in one
    return [f"{failed}: {getattr(error, 'strerror', None) or error}" for failed, error in shown]


def remove_tree(root: str) -> list[tuple[str, OSError]]:
    """Delete a folder (symbolic links in it are removed, never followed), folder by folder in threads.

    A whole site is ~1 folder per page: deleting it one unlink at a time (shutil.rmtree) took 8 s of
    mostly waiting at 1,000 story pairs, ~4 s in threads. Returns (path, error) for what could not go."""
    errors: list[tuple[str, OSError]] = []

    def delete_files(folder: str) -> list[str]:
        """Unlink a folder's files and links; returns its subfolders."""
        subfolders = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            subfolders.append(entry.path)
                            continue
                        os.unlink(entry.path)
                    except OSError as error:
                        errors.append((entry.path, error))
        except OSError as error:
            errors.append((folder, error))
        return subfolders

    def delete_folder(folder: str) -> None:
        try:
            os.rmdir(folder)
        except OSError as error:
            errors.append((folder, error))

    levels = []
    with ThreadPoolExecutor(REMOVERS, thread_name_prefix="atomic-output-remove") as pool:
        level = [root]
        while level:
            levels.append(level)
            level = [sub for subfolders in pool.map(delete_files, level) for sub in subfolders]
        for level in reversed(levels):  # deepest folders first: each is empty once its children are gone
            list(pool.map(delete_folder, level))
    return errors


def describe(error: BaseException) -> str:
    """An error as a person reads it: the reason, with the path when it has one."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return str(error) or type(error).__name__
