"""Client-side search: one lunr.py index per language, written as term-range partitions that the
browser's engine.js loads and scores as lunr.js would."""

from pelican import signals

from .generator import SearchIndexGenerator


def add_generator(pelican):
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
