"""Client-side search: one lunr.py index per language, written as term-range partitions that the
browser's engine.js loads and scores as lunr.js would."""

from pelican import signals

from .generator import BUILDING, SearchIndexGenerator


def add_generator(pelican):
    return SearchIndexGenerator


def wait_for_index(pelican) -> None:
    """Once every generator has written its pages; before plugins/validation checks the index
    (which comes after this plugin in PLUGINS)."""
    generator = pelican.settings.pop(BUILDING, None)
    if generator is not None:
        generator.finish()


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.finalized.connect(wait_for_index)
