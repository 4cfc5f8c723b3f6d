"""Publish a build into the output folder only when it succeeded, and never replace the folder itself.

The output path may be a plain folder, a symlink to a web root, or a mount point (a Docker volume,
a tmpfs). The web server serves that very folder, and a mount point cannot be renamed, so the
folder is never renamed or replaced: only its entries are.

1. Resolve: OUTPUT_PATH is followed to the real folder (created when missing); a symlink stays.
2. Lock: an exclusive flock on that folder. A second build at the same time stops at once with
   one line and exit code 1, changing nothing: a full build can take minutes, and a CI job or an
   editor waiting behind it is worse than a clear message to run it again. Locking the folder
   itself needs no lock file (nothing to serve, nothing to create where the parent is not
   writable, as with a mount point such as /srv/www) and covers every path that leads to it.
3. Clear leftovers of earlier builds (see below).
4. Build into `<output>/.atomic-output-XXXXXXXX/site/` (mode 0700): always on the output's own
   filesystem, even when it is a mount point, so publishing is made of renames, never copies.
   Pelican's DELETE_OUTPUT_DIRECTORY cleans only this empty folder.
5. Publish, once Pelican.run() has returned (every check passed): each top-level entry of the new
   site replaces the live one by two atomic renames, the live one going into the work folder's
   `old/`; live entries the new site lacks go there too, except OUTPUT_RETENTION's (kept as they
   are, or merged with a new folder of the same name, as Pelican's own cleaning would leave them;
   with DELETE_OUTPUT_DIRECTORY off, every live entry is retained so). Live files the build keeps
   (plugins/incremental's unchanged pages) stay where they are: only the entries around them are
   swapped, file by file inside their folders.
   A failed rename puts the previous site back. Then the work folder is deleted; a file that
   cannot be deleted is reported with its path and the build exits 1, with the new site in place.

A failed build: Pelican has no "build failed" signal, so `initialized` wraps the Pelican object's
run(). On any exception the work folder is removed (the live site was never touched) and the lock
released before the exception goes on. An OSError of the machine (full disk, read-only or
forbidden folder) becomes one logged line naming the path and exit code 1 instead of Pelican's
traceback. A build killed halfway leaves its work folder behind: the next build deletes it, and
first undoes the swap it records when it was killed while publishing.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pelican import signals

from .plugin_loading import FAILURES
from .publication import PublishFailed, Publication, claimed, describe

if TYPE_CHECKING:
    from pelican import Pelican

logger = logging.getLogger(__name__)

# The machine's errors rather than the code's: reported in one line, with no traceback.
ENVIRONMENT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}

# The build's Publication, kept in its settings while Pelican runs: plugins/incremental keeps live
# pages through it (keep_live), plugins/validation finds the files the new site will serve (locate).
PUBLICATION = "_atomic_output"

__all__ = ["PUBLICATION", "PublishFailed", "register"]


def wrap_run(pelican: Pelican) -> None:
    """Make every run of this Pelican object build aside and publish on success (the only hook that
    sees every failure: Pelican signals nothing when a build fails). A plugin Pelican left out
    stops the build first: nothing is built or published without it."""
    failed = FAILURES.taken()
    if failed:
        for line in failed:
            logger.error("PLUGINS: %s; nothing was built or published", line)
        raise PublishFailed(f"{len(failed)} plugin(s) could not be loaded")
    pelican.run = functools.partial(build_and_publish, pelican, pelican.run)


def build_and_publish(pelican: Pelican, run: Callable[[], None]) -> None:
    """Run the build in a work folder of the locked output folder; publish it if the run returned."""
    try:
        with claimed(pelican.settings) as publication:
            build_aside(pelican, run, publication)
            publication.publish()
    except PublishFailed as failure:
        logger.error("%s", failure.message)
        raise


def build_aside(pelican: Pelican, run: Callable[[], None], publication: Publication) -> None:
    """Pelican's run, writing into the work folder; on failure the work folder goes, the error stays."""
    published_path, pelican.output_path = pelican.output_path, str(publication.site)
    pelican.settings[PUBLICATION] = publication
    try:
        run()
    except OSError as error:
        publication.discard()
        if error.errno not in ENVIRONMENT_ERRORS:
            raise
        raise PublishFailed(
            f"build failed: {shown(error, publication)}; nothing was published, {publication.target} is unchanged"
        ) from None
    except BaseException:
        publication.discard()
        raise
    finally:
        pelican.output_path = published_path
        pelican.settings.pop(PUBLICATION, None)


def shown(error: OSError, publication: Publication) -> str:
    """The reason with the path it concerns; a file being written is named as it would be published."""
    # A failed copy names its source first and its destination second: the destination is the one written.
    for name in (error.filename2, error.filename):
        if name and Path(os.fsdecode(name)).is_relative_to(publication.site):
            return f"{publication.target / Path(os.fsdecode(name)).relative_to(publication.site)}: {error.strerror}"
    return describe(error) if error.filename else f"{publication.target}: {error.strerror}"


def register() -> None:
    signals.initialized.connect(wrap_run)
