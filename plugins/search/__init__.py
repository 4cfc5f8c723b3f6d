"""Client-side search: per-language lunr indexes built at build time, queried by lunr.js in the browser."""

from pelican import signals

from .generator import SearchIndexGenerator


def add_generator(pelican):
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
