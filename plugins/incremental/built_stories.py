"""Stories and static pages as Pelican built them from their files, kept from one build to the next.

Turning 20,000 cached reads into Content objects (metadata processed, the object made and checked,
the markup policy's cleaning) took ~5 s of every rebuild at 10,000 story pairs, for objects that
come out the same whenever the file's bytes and the build key are the same. They are kept pickled,
as they were the moment Pelican made them: before any plugin links translations, orders, schedules
or otherwise changes them in the rest of the build, all of which runs again on every build. The
build's settings and shared context, which every such object holds, are left out of the pickle
and given back to the object when it is loaded.

Not kept (made again by every build): a file whose reading logged a warning or an error (the build
says it again each time), a draft decided by the clock (WITH_FUTURE_DATES off), an object the pickle
cannot hold. A kept object is not made again, so the signals Pelican sends while making one
(article_generator_preread and _context, content_object_init) are not sent for it: a handler of
those must only change the object it is given (as editions' time zone and the markup policy do),
never gather something for the rest of the build.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
from functools import partial

from pelican.urlwrappers import URLWrapper

from long_lived import collector_paused

from .read_cache import source_identity
from .state import STATE

logger = logging.getLogger(__name__)

SETTINGS, CONTEXT = "settings", "context"


class Warnings(logging.Handler):
    """Counts the warnings and errors logged by the whole build: a story whose reading logged one is not kept."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


class _Pickler(pickle.Pickler):
    def __init__(self, file, settings, context):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = {id(settings): SETTINGS, id(context): CONTEXT}

    def persistent_id(self, value):
        return self.shared.get(id(value))


def _unpickler(file, settings, context) -> pickle.Unpickler:
    unpickler = pickle.Unpickler(file)
    # a C method, not a Python one: it is called 7 times per story (~0.1 s of loading 20,000)
    unpickler.persistent_load = {SETTINGS: settings, CONTEXT: context}.__getitem__
    return unpickler


def unpack(stream: bytes, settings, context) -> dict:
    """{source path: object} of one shard's stream (repack), with the build's settings and context."""
    file = io.BytesIO(stream)
    unpickler = _unpickler(file, settings, context)
    objects = {}
    # every object loaded lives on: the young collections that ~40 objects per story would set
    # off only walk them (~0.12 s of 20,000 stories)
    with collector_paused():
        while file.tell() < len(stream):
            path, story = unpickler.load()
            objects[path] = story
    return objects


# what the settings and context of an object re-pickled when the state is saved are (repack)
_SETTINGS, _CONTEXT = object(), object()


def repack(stream: bytes | None, fresh: dict[str, bytes], paths: set[str]) -> tuple[bytes, set[str]]:
    """One stream of a shard's kept objects (read_cache.ReadCache.save): one object after the other,
    pickled with one memo, so that the classes and shared values every story holds are named once;
    loading 20,000 stories took ~0.6 s one by one, ~0.35 s by shard. The objects of `paths` are taken
    from `fresh` (kept by this build, pickled alone), else from the shard's last `stream`, loaded
    again as they were made (those handed to this build were changed since). Returns the stream and
    the paths it holds (an object that does not load is left out: its file is read next time)."""
    objects = {}
    if stream and paths - fresh.keys():
        try:
            objects = {path: story for path, story in unpack(stream, _SETTINGS, _CONTEXT).items()
                       if path in paths and path not in fresh}
        except Exception as error:  # noqa: BLE001 (any failure: those files are read again next time)
            logger.debug("incremental: kept objects that no longer load are dropped (%s)", error)
    for path, data in fresh.items():
        try:
            objects[path] = _unpickler(io.BytesIO(data), _SETTINGS, _CONTEXT).load()
        except Exception as error:  # noqa: BLE001
            logger.debug("incremental: %s is read again next time: its object does not load (%s)", path, error)
    data = io.BytesIO()
    pickler = _Pickler(data, _SETTINGS, _CONTEXT)
    for path in sorted(objects):
        pickler.dump((path, objects[path]))
    return data.getvalue(), set(objects)


class BuiltStories:
    """One generator's look-ups in the kept objects (read_cache.ReadCache keeps them with the reads)."""

    def __init__(self, generator, build):
        self.generator = generator
        self.build = build
        self.pending: dict[str, int] = {}  # path (as the generator names it) -> warnings logged before its reading

    def source(self, path: str) -> str:
        return os.path.abspath(os.path.join(self.generator.path, path))  # as Readers.read_file names it

    def get(self, path: str, default=None):
        """CachingGenerator.get_cached_data: the object built from these very bytes, else `default`."""
        source = self.source(path)
        reads = self.build.reads
        kept = reads.objects.get(source)
        if kept is not None:
            identity = source_identity(source)
            if reads.unchanged(source, identity):
                digest = kept
            else:  # touched, copied, restored…: the same bytes are the same story all the same
                with open(source, "rb") as file:
                    digest = hashlib.sha256(file.read()).hexdigest()
                if kept == digest:
                    reads.note_identity(source, identity)
            if kept == digest:
                try:
                    story = reads.kept_object(source, self._unpack)
                except Exception as error:  # noqa: BLE001 (any failure: the file is read again)
                    logger.debug("incremental: %s is read again: its kept object does not load (%s)", source, error)
                else:
                    if story is not None:
                        self.build.read_files.add(source)
                        reads.hits += 1
                        return story
        self.pending[path] = self.build.warnings.count
        return default

    def _unpack(self, stream: bytes) -> dict:
        return unpack(stream, self.generator.settings, self.generator.context)

    def keep(self, path: str, story) -> None:
        """CachingGenerator.cache_data: called with the object just made and found valid."""
        before = self.pending.pop(path, None)
        for term in (getattr(story, "category", None), *(getattr(story, "tags", None) or ()),
                     *(getattr(story, "authors", None) or ())):
            if isinstance(term, URLWrapper):  # its slug (from its name and the settings) is kept worked out
                term.slug  # noqa: B018 (a property that remembers what it works out)
        source = self.source(path)
        entry = self.build.reads.entries.get(source)  # the digest of the bytes the reader read
        if (before is None or before != self.build.warnings.count or entry is None
                or not self.generator.settings.get("WITH_FUTURE_DATES", True)):
            return
        data = io.BytesIO()
        try:
            _Pickler(data, self.generator.settings, self.generator.context).dump(story)
        except Exception as error:  # noqa: BLE001 (an attribute a plugin added that pickle cannot hold)
            logger.debug("incremental: %s is read every build: its object cannot be kept (%s)", source, error)
            return
        self.build.reads.store_object(source, entry[0], data.getvalue())


def keep_built_stories(generator) -> None:
    """article_generator_init, page_generator_init: the generator's content cache is this one."""
    build = generator.settings.get(STATE)
    if build is None:
        return
    stories = BuiltStories(generator, build)
    generator.get_cached_data = stories.get
    generator.cache_data = stories.keep
    generator.add_source_path = partial(add_source_path, generator)


def add_source_path(generator, content, static: bool = False) -> None:
    """Generator.add_source_path, with the relative path the object was made with (Pelican's
    Content keeps it as relative_source_path) rather than worked out again: os.path.relpath of
    20,000 kept stories took ~0.25 s of every rebuild. (The settings' PATH is the build key's.)"""
    location = vars(content).get("relative_source_path") or content.get_relative_source_path()
    generator.context["static_content" if static else "generated_content"][location] = content
