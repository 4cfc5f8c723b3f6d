"""Translation status in the build: the editors' page of development builds (EDITORS_PAGES) and,
with STALE_TRANSLATION_NOTICE, `article.stale_original` on translations whose original changed.

The report is importer/translation_status.py's, the one `newsroom status` prints (the importer is
installed with the project, so the build imports it as the CLI does).
"""

from pelican import signals

from .generator import TranslationStatusGenerator


def add_generator(pelican):
    return TranslationStatusGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
