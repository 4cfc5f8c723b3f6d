"""Keep the build's long-lived objects out of the garbage collector's way.

A build of a large archive holds millions of objects for its whole run: every story read, its
Content object and metadata, the links between translations, the page keys. Python's cyclic
garbage collector walks all of them at every full collection, although none of them is garbage
before the build ends: a rebuild at 10,000 story pairs made 16 full collections (9 s of CPU, a
tenth of the build), and the process made one more as it exited (4 s), to free memory the system
takes back anyway.

So during a build only the young generations are collected automatically; they catch the
garbage of reading and rendering, which dies young (a peak 2 % higher at 10,000 pairs). One full
collection runs once the stories are read, to clear what reading left. When the build is done,
what is alive is frozen (gc.freeze: out of the collector's sight, also at exit) and the collector
is set back. A later build in the same process (the tests) unfreezes first, so the previous
build's objects are collected once they are garbage; a build that failed is set back by the next.
"""

from __future__ import annotations

import gc

from pelican import signals

# Full collections wait for this many collections of the middle generation (Python's default is
# 10): never, in a build. The young generations keep their defaults.
BUILD_THRESHOLD = 1_000_000

DEFAULT_THRESHOLDS = gc.get_threshold()


def start(pelican) -> None:
    gc.unfreeze()
    young, middle, _ = DEFAULT_THRESHOLDS
    gc.set_threshold(young, middle, BUILD_THRESHOLD)


def stories_read(generator) -> None:
    gc.collect()


def finish(pelican) -> None:
    gc.freeze()
    gc.set_threshold(*DEFAULT_THRESHOLDS)


def register() -> None:
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(stories_read)
    signals.finalized.connect(finish)
