"""Reads the content folder's translation status once per build; marks stale translations for the
notice while the context is made, writes the editors' page with the other outputs.

With incremental builds (plugins/incremental), what was read of each story file is kept in the
build's state folder (saved_readings.py): a rebuild parses only the files whose bytes changed."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

from pelican.generators import Generator

from long_lived import collector_paused

from importer.translation_record import TRANSLATION_OF_FIELD
from importer.translation_status import (ReadingCache, SettingError, StatusReport, StatusSettings, Version,
                                        status_report, status_settings)

from .editors_page import page_values
from .saved_readings import FOLDER_NAME, load_readings, save_readings


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

# Inside the output folder; fixed names, never made from content. "_editors" is no edition prefix.
EDITORS_PAGE = "_editors/translations.html"
STYLESHEET = "_editors/editors.css"
STYLESHEET_SOURCE = Path(__file__).with_name("editors.css")


def articles_by_name(articles: list, content: Path) -> dict[str, object]:
    """Pelican's articles by their path inside the content folder, with / separators (Version.name)."""
    inside = os.path.join(os.path.normpath(content), "")
    found = {}
    for article in articles:
        path = os.path.normpath(article.source_path)
        if path.startswith(inside):
            found[path[len(inside):].replace(os.sep, "/")] = article
    return found


def update_shown(translation, original) -> datetime | None:
    """The original's update time, when it is later than the translation's own (else the notice has no date)."""
    updated = getattr(original, "modified", None)
    own = getattr(translation, "modified", None) or translation.date
    return updated if updated and updated > own else None


def mark_stale_translations(report: StatusReport, articles: dict[str, object]) -> None:
    """`stale_original` (the original article) and `stale_original_updated` on each published stale
    translation whose original is published too (a draft original has no page to point to).
    `articles`: by path inside the content folder (articles_by_name)."""
    for story in report.stories:
        for version in story.versions:
            if "stale" not in version.flags:
                continue
            translation = articles.get(version.name)
            original = articles.get(version.original.name)
            if translation is not None and original is not None:
                translation.stale_original = original
                translation.stale_original_updated = update_shown(translation, original)


def read_report(settings: StatusSettings, state_folder: Path | None) -> tuple[StatusReport, list[str]]:
    """The report, and warnings for the build to log (it may be read in another process); with a
    state folder, only the story files that changed since the last build are read."""
    if state_folder is None:
        return status_report(settings), []
    path = state_folder / FOLDER_NAME
    warnings = []
    with collector_paused():
        cache = ReadingCache(settings, load_readings(path, settings))
        report = status_report(settings, cache=cache)
        if cache.read or cache.current.keys() != cache.earlier.keys():  # else the files say it all already
            try:
                (state_folder / "translation_status.pickle").unlink(missing_ok=True)  # the one file of earlier versions
                save_readings(path, settings, cache.current, cache.earlier)
            except OSError as error:  # the build goes on; the next one reads every story file again
                warnings.append(f"translation status: could not keep what was read of the story files in {path} "
                                f"({error.strerror or error})")
    return report, warnings


class TranslationStatusGenerator(Generator):
    """Runs after plugins/editions' generator (PLUGINS order): articles have their edition URLs.

    The report depends on the story files and the settings alone, not on what Pelican makes of
    them: it is read in a forked process from the moment the generator is made, while Pelican
    reads the stories (~0.6 s of the build at 10,000 pairs, ~0.1 s to take its answer)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status: StatusSettings | None = None  # None: no status page or notice, or bad settings
        self.setting_error: SettingError | None = None  # reported by generate_context, with the other problems
        self.reading = None  # the report's background reading, when there is one to make
        if not (self.settings.get("EDITORS_PAGES") or self.settings.get("STALE_TRANSLATION_NOTICE")):
            return
        try:
            self.status = status_settings(self.settings)
        except SettingError as error:
            self.setting_error = error
            return
        try:
            # imported here: validation comes later in PLUGINS, and is importable once Pelican loaded it
            from validation.background import in_background
        except ImportError:  # read in generate_context
            return
        settings, folder = self.status, build_state_folder(self.settings)
        self.reading = in_background(lambda: read_report(settings, folder))

    def generate_context(self) -> None:
        self.report = None
        if self.setting_error is not None:
            logger.error("%s", self.setting_error)
        settings = self.status
        if settings is None:
            return
        self.report, warnings = self.take_report(settings)
        for warning in warnings:
            logger.warning("%s", warning)
        for problem in self.report.problems:
            if problem.field == TRANSLATION_OF_FIELD:  # the other fields are the validation plugin's to report
                logger.warning("%s: %s: %s", os.path.relpath(problem.path, settings.content.parent),
                               problem.field, problem.message)
        self.articles = articles_by_name(self.context.get("articles", []) + self.context.get("hidden_articles", []),
                                         settings.content)
        if self.settings.get("STALE_TRANSLATION_NOTICE"):
            mark_stale_translations(self.report, self.articles)

    def take_report(self, settings: StatusSettings) -> tuple[StatusReport, list[str]]:
        """The background reading's report and warnings; read here when there is none or it failed (its error then
        comes from this process, as without a background reading)."""
        if self.reading is not None:
            reading, self.reading = self.reading, None
            try:
                return reading()
            except RuntimeError:
                pass
        return read_report(settings, build_state_folder(self.settings))

    def page_url(self, version: Version) -> str | None:
        """The URL of a version's page; None for a draft or anything the build does not publish."""
        article = self.articles.get(version.name)
        return article.url if article is not None else None

    def generate_output(self, writer) -> None:
        if not self.settings.get("EDITORS_PAGES") or self.report is None:
            return
        output = Path(self.output_path)
        with collector_paused():
            writer.write_file(
                EDITORS_PAGE,
                self.get_template("editors_translations"),
                self.context,
                stylesheet=STYLESHEET,
                **page_values(self.report, self.page_url),
            )
        # its folder is not made when the page was kept as it is (plugins/incremental)
        (output / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLESHEET_SOURCE, output / STYLESHEET)
