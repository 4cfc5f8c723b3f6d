"""Incremental builds: a build writes only the pages whose inputs changed since the last build
into the same output folder; every other page is the last build's file, byte for byte.

- Reading goes through a content cache (read_cache.py): a story's file is parsed again only when
  its bytes changed, and the object Pelican made of it is kept too (built_stories.py). Plugins'
  pure text functions (the markup policy's cleaning) keep their results as well (memo.py).
- Writing skips a page whose key is unchanged (page_keys.py: the page's template arguments, the
  shared names its templates read, and the build key), and a group of pages whose inputs are
  unchanged without keying each page (page_groups.py). A listing drawn again takes the cards of
  its stories as the last builds drew them (kept_cards.py). Templates are compiled once, not once
  per generator and build (template_cache.py).
- The build key (state.py) covers settings, theme, catalogs, plugins, authors' profiles and the
  rendering packages' versions: when it changes, nothing is reused and the content cache is not read.

INCREMENTAL_BUILDS = False turns it all off (every build a full build); INCREMENTAL_CACHE_PATH is
where the state is kept, one folder per output folder.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.log import console

from atomic_output import PUBLICATION

from .built_stories import Warnings, keep_built_stories, repack
from .kept_cards import KeptCards, provide_kept_card
from .memo import TextMemo
from .page_groups import PageGroups
from .page_keys import Keys
from .read_cache import ReadCache, cache_markdown_reads
from .state import STATE, PreviousBuild, build_key, file_identity, save, state_folder
from .template_cache import cache_templates
from .writer import IncrementalWriter

logger = logging.getLogger(__name__)

LIVE_FOLDERS = "live-folders.pickle"  # publishing's listings of the live folders (atomic_output)


class Incremental:
    """One build's view of the last one, and what this build wrote."""

    def __init__(self, settings):
        self.folder = state_folder(settings)
        self.keys = Keys(settings)
        self.keys.build_key = build_key(settings, self.keys.token)
        self.previous = PreviousBuild(self.folder, self.keys.build_key)
        self.live = os.path.realpath(settings["OUTPUT_PATH"])
        if self.previous.pages:
            self.previous.look_at_live_files(self.live, self.folder / LIVE_FOLDERS)
        self.pages: dict[str, list] = {}
        # not read after a change of the build key: a setting or a plugin may change how files read
        self.reads = ReadCache(self.folder / "reads", load=self.previous.same_build)
        self.memo = TextMemo(self.folder / "memo.pickle", load=self.previous.same_build)
        self.groups = PageGroups(self.folder / "groups.pickle", load=self.previous.same_build)
        self.cards = KeptCards(self.folder / "cards", self.keys)
        self.read_files: set[str] = set()
        self.warnings = Warnings()  # a story whose reading logged one is not kept as an object
        self.reused = 0
        self.rendered = 0

    def reuse(self, name: str, key: str, publication) -> bool:
        """Keep the live page `name` if the last build wrote it with this key. `publication`:
        plugins/atomic_output's, which publishes it as it is; None when the build writes into the
        live folder itself, where it already is."""
        if not self.previous.unchanged(name, key, os.path.join(self.live, name)):
            return False
        if publication is not None:
            publication.keep_live(name)
        self.pages[name] = self.previous.pages[name]
        self.reused += 1
        return True

    def keep_group(self, name: str, inputs, context, publication) -> tuple[list[str], object] | None:
        """Keep the group of pages `name` whole (page_groups.py) if its inputs and every one of its
        live pages are the last build's: (its pages, its record); else None, and the pages written
        from now on until end_group are the group's."""
        last = self.groups.start(name, self.keys, inputs, context)
        if last is None:
            return None
        _, _, pages, record = last
        if not all(self.previous.still_live(page, os.path.join(self.live, page)) for page in pages):
            return None
        for page in pages:
            if publication is not None:
                publication.keep_live(page)
            self.pages[page] = self.previous.pages[page]
        self.reused += len(pages)
        self.groups.kept(last)
        return pages, record

    def written(self, name: str, key: str | None, path: str) -> None:
        """A rendered page; one with no key (page_keys.Unkeyable) will be rendered next time too."""
        self.rendered += 1
        if key is not None:
            try:
                identity = file_identity(path)
            except FileNotFoundError:  # not written after all (Pelican skips a page written over before)
                return
            self.pages[name] = [key, *identity]


def start(pelican) -> None:
    settings = pelican.settings
    if not settings.get("INCREMENTAL_BUILDS", True) or not settings.get("INCREMENTAL_CACHE_PATH"):
        return
    build = Incremental(settings)
    settings[STATE] = build
    cache_templates(settings, build.folder / "templates", build.keys.build_key)  # (after the build key is made)
    logging.getLogger().addHandler(build.warnings)


def provide_writer(pelican):
    return IncrementalWriter


def finish(pelican) -> None:
    build = pelican.settings.pop(STATE, None)
    if build is None:
        return
    logging.getLogger().removeHandler(build.warnings)
    publication = pelican.settings.get(PUBLICATION)
    if publication is not None:  # publishing lists the live folders around kept pages: kept here too
        publication.listings = build.folder / LIVE_FOLDERS
        publication.changed_folders = build.previous.changed_live_folders()
    try:
        save(build.previous.path, build.keys.build_key, build.pages)
        build.reads.save(build.read_files, repack)
        build.memo.save()
        build.groups.save()
        build.cards.save(set(build.keys.cards.values()))
    except OSError as error:  # the site is built all the same; only the next build's head start is lost
        logger.warning("incremental: could not keep this build's state in %s (%s): the next build will be a"
                       " full build", build.folder, error.strerror or error)
    # printed like the schedule's line: whoever runs a build (and the benchmarks) sees what it did
    console.print(summary(build), markup=False, highlight=False, soft_wrap=True)


def summary(build: Incremental) -> str:
    pages, files = build.rendered + build.reused, len(build.read_files)
    if not build.previous.same_build:
        return f"Incremental: full build ({pages} pages; no earlier build here with these settings, theme and plugins)"
    return (f"Incremental: {build.rendered} of {pages} pages rendered, {files - build.reads.hits} of {files}"
            " story files read")


def skip_empty_reader_check(generator) -> None:
    """article_, page_ and static_generator_init: Pelican walks the content folder a second time
    (Generator._check_disabled_readers) only to warn of files that a reader disabled for want of
    its library would have read; with no reader disabled, that walk cannot find one (~0.25 s of
    every build at 10,000 story pairs, a correction's included)."""
    if not generator.readers.disabled_extensions:
        generator._check_disabled_readers = lambda paths, exclude: None


def register() -> None:
    signals.initialized.connect(start)
    signals.readers_init.connect(cache_markdown_reads)
    signals.article_generator_init.connect(keep_built_stories)
    signals.page_generator_init.connect(keep_built_stories)
    signals.article_generator_init.connect(skip_empty_reader_check)
    signals.page_generator_init.connect(skip_empty_reader_check)
    signals.static_generator_init.connect(skip_empty_reader_check)
    signals.get_writer.connect(provide_writer)
    signals.generator_init.connect(provide_kept_card)
    signals.finalized.connect(finish)
