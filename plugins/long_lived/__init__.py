"""Keep the build's long-lived objects out of the garbage collector's way.

A build of a large archive holds millions of objects for its whole run: every story read, its
Content object and metadata, the links between translations, the page keys. Python's cyclic
garbage collector walks all of them at every full collection, although none of them is garbage
before the build ends: a rebuild at 10,000 story pairs made 16 full collections (9 s of CPU, a
tenth of the build), and the process made one more as it exited (4 s), to free memory the system
takes back anyway.

So during a build only the young generations are collected automatically; they catch the
garbage of reading and rendering, which dies young (a peak 2 % higher at 10,000 pairs). One full
collection runs once the stories are read, to clear what reading left, when reading left any:
parsing 20,000 stories leaves ~110,000 unreachable objects in the old generation (the young
collections meanwhile found many more), while a rebuild that takes its stories from the content
cache leaves a handful, and walking every object for them took 0.45 s. When the build is done,
what is alive is frozen (gc.freeze: out of the collector's sight, also at exit) and the collector
is set back. A later build in the same process (the tests) unfreezes first, so the previous
build's objects are collected once they are garbage; a build that failed is set back by the next.
"""

from __future__ import annotations

import contextlib
import gc

from pelican import signals

# Full collections wait for this many collections of the middle generation (Python's default is
# 10): never, in a build. The young generations keep their defaults.
BUILD_THRESHOLD = 1_000_000

DEFAULT_THRESHOLDS = gc.get_threshold()
# Garbage the young collections found while the stories were read above which reading is taken to
# have left some in the old generation too (a rebuild from the content cache: ~900; parsing: far more).
READING_GARBAGE = 10_000
# in the build's settings: the garbage the young collections had found before it, and whether an
# earlier build in this process left objects frozen (then garbage, most of them: collected in any case)
STATE = "_long_lived"


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector paused while many objects are made that either live on or die
    soon without cycles (stories loaded, saved readings, a page's values): the collections they
    would set off would only walk them, to find nothing to free. Other plugins pause it here."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def young_garbage() -> int:
    young, middle, _ = gc.get_stats()
    return young["collected"] + middle["collected"]


def start(pelican) -> None:
    frozen = gc.get_freeze_count() > 0
    gc.unfreeze()
    young, middle, _ = DEFAULT_THRESHOLDS
    gc.set_threshold(young, middle, BUILD_THRESHOLD)
    pelican.settings[STATE] = (young_garbage(), frozen)


def stories_read(generator) -> None:
    before, frozen = generator.settings.get(STATE, (0, True))
    if frozen or young_garbage() - before >= READING_GARBAGE:
        gc.collect()


def finish(pelican) -> None:
    gc.freeze()
    gc.set_threshold(*DEFAULT_THRESHOLDS)


def register() -> None:
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(stories_read)
    signals.finalized.connect(finish)
