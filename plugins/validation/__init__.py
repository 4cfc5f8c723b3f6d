"""Refuse to publish a broken site: check the content before writing and the output after.

Every problem is collected and reported at once (file, field, reason); errors stop the build
with a non-zero exit, warnings are only logged. Runs before plugins/atomic_output, which
publishes the new output only when these checks pass.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from atomic_output import PUBLICATION
from editions.languages import editions_from_settings

from .background import in_background
from .content_checks import (article_problems, listing_urls, note_file_problems, unknown_link_problems,
                             unreadable_sources)
from .output_checks import ReadBefore, SiteFiles, article_link_problems, missing_everywhere
from .problems import BuildFailed, ErrorCollector, Problem, log_plain_lines_off_terminal
from .source_tree import source_tree_problems


def build_state_folder(settings) -> Path | None:
    """plugins/incremental's state folder for this build; None when this build is not incremental."""
    # Imported when asked, not with this module: Pelican does not put PLUGIN_PATHS on sys.path, so
    # a plugin can be imported by name only once Pelican has loaded it (incremental comes later in
    # PLUGINS, and only when enabled). The unit tests' sys.path would hide that.
    try:
        from incremental.state import build_state_folder as state_folder
    except ImportError:
        return None
    return state_folder(settings)


logger = logging.getLogger(__name__)
STATE = "_validation"  # per-build state, kept in the build's settings (no module-level state)
# Logged errors that these checks report themselves, with file and field: Pelican's messages
# for unreadable files, and the editions plugin's refusal of an unknown language.
EXPLAINED = ("Could not process", "Skipping", "is not a site language", "Unknown status")


class BuildCheck:
    def __init__(self):
        self.log = ErrorCollector()
        self.articles: list = []
        self.hidden: list = []

    def logged_errors(self) -> list[Problem]:
        return [
            Problem("build", record.levelname.lower(), record.getMessage())
            for record in self.log.records
            if not any(text in record.getMessage() for text in EXPLAINED)
        ]


def report(problems: list[Problem]) -> None:
    """Log every problem; with any error, end the build (exit code 1) before anything is published."""
    for problem in sorted(problems):
        (logger.error if problem.error else logger.warning)("%s", problem)
    errors = [p for p in problems if p.error]
    if errors:
        logger.error("%d problem(s) found: nothing was published, the previous output is unchanged", len(errors))
        raise BuildFailed(errors)


def start(pelican) -> None:
    log_plain_lines_off_terminal()
    # Before Pelican walks content/: a symbolic link loop would make it walk forever.
    report(source_tree_problems(pelican.settings))
    check = BuildCheck()
    pelican.settings[STATE] = check
    logging.getLogger().addHandler(check.log)


def check_content(generators) -> None:
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings, context = articles_generator.settings, articles_generator.context
    check: BuildCheck = settings[STATE]
    check.articles, check.hidden = list(articles_generator.articles), list(articles_generator.hidden_articles)
    editions = editions_from_settings(settings)
    problems = unreadable_sources(context, settings)
    every = check.articles + check.hidden
    pages_generator = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    pages = list(pages_generator.pages) + list(pages_generator.hidden_pages) if pages_generator else []
    listing_pages = listing_urls(every, editions, settings.get("DEFAULT_PAGINATION") or 10)
    # pages are held to the same checks as stories, with translation keys of their own
    problems += article_problems(every, listing_pages | {page.url for page in pages}, settings)
    problems += article_problems(pages, listing_pages | {article.url for article in every}, settings)
    problems += unknown_link_problems(every + pages, editions, listing_pages, settings)
    problems += check.logged_errors()
    check.log.records.clear()
    try:
        report(problems)
    except BuildFailed:
        logging.getLogger().removeHandler(check.log)
        raise


def check_output(pelican) -> None:
    """With plugins/atomic_output, the written site is checked in a forked process while the build
    finishes and publishing works out its moves; publishing waits for the answer before it swaps."""
    check: BuildCheck = pelican.settings.pop(STATE)
    logging.getLogger().removeHandler(check.log)
    publication = pelican.settings.get(PUBLICATION)
    files = SiteFiles(Path(pelican.output_path), publication)
    languages = set(pelican.settings.get("LANGUAGES") or {})
    published = [a for a in check.articles if a.lang in languages]
    hidden = [a for a in check.hidden if a.lang in languages]
    logged = check.logged_errors()
    settings = pelican.settings

    def output_problems() -> list[Problem]:
        folder = build_state_folder(settings)
        read_before = ReadBefore(folder / "output-checks.pickle" if folder is not None else None)
        problems = (missing_everywhere(files, published, hidden, editions_from_settings(settings), settings, read_before)
                    + article_link_problems(files, published + hidden, settings))
        read_before.save()
        return problems

    if publication is None:
        report(logged + output_problems())
        return
    answer = in_background(output_problems)
    publication.before_swap(lambda: report(logged + answer()))


def register() -> None:
    signals.initialized.connect(start)
    signals.content_object_init.connect(note_file_problems)
    signals.all_generators_finalized.connect(check_content)
    signals.finalized.connect(check_output)
