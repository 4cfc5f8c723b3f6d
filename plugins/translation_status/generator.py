"""Reads the content folder's translation status once per build; marks stale translations for the
notice while the context is made, writes the editors' page with the other outputs."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

from pelican.generators import Generator

from importer.translation_record import TRANSLATION_OF_FIELD
from importer.translation_status import (SettingError, StatusReport, Version, age_text, content_name,
                                        status_report, status_settings, version_state)

logger = logging.getLogger(__name__)

# Inside the output folder; fixed names, never made from content. "_editors" is no edition prefix.
EDITORS_PAGE = "_editors/translations.html"
STYLESHEET = "_editors/editors.css"
STYLESHEET_SOURCE = Path(__file__).with_name("editors.css")


def source_key(path) -> str:
    return os.path.normpath(os.fspath(path))


def update_shown(translation, original) -> datetime | None:
    """The original's update time, when it is later than the translation's own (else the notice has no date)."""
    updated = getattr(original, "modified", None)
    own = getattr(translation, "modified", None) or translation.date
    return updated if updated and updated > own else None


def mark_stale_translations(report: StatusReport, articles: dict[str, object]) -> None:
    """`stale_original` (the original article) and `stale_original_updated` on each published stale
    translation whose original is published too (a draft original has no page to point to)."""
    for story in report.stories:
        for version in story.versions:
            if "stale" not in version.flags:
                continue
            translation = articles.get(source_key(version.path))
            original = articles.get(source_key(version.original.path))
            if translation is not None and original is not None:
                translation.stale_original = original
                translation.stale_original_updated = update_shown(translation, original)


class TranslationStatusGenerator(Generator):
    """Runs after plugins/editions' generator (PLUGINS order): articles have their edition URLs."""

    def generate_context(self) -> None:
        self.report = None
        if not (self.settings.get("EDITORS_PAGES") or self.settings.get("STALE_TRANSLATION_NOTICE")):
            return
        try:
            settings = status_settings(self.settings)
        except SettingError as error:
            logger.error("%s", error)
            return
        self.report = status_report(settings)
        for problem in self.report.problems:
            if problem.field == TRANSLATION_OF_FIELD:  # the other fields are the validation plugin's to report
                logger.warning("%s: %s: %s", os.path.relpath(problem.path, settings.content.parent),
                               problem.field, problem.message)
        self.articles = {source_key(a.source_path): a
                         for a in self.context.get("articles", []) + self.context.get("hidden_articles", [])}
        if self.settings.get("STALE_TRANSLATION_NOTICE"):
            mark_stale_translations(self.report, self.articles)

    def page_url(self, version: Version) -> str | None:
        """The URL of a version's page; None for a draft or anything the build does not publish."""
        article = self.articles.get(source_key(version.path))
        return article.url if article is not None else None

    def generate_output(self, writer) -> None:
        if not self.settings.get("EDITORS_PAGES") or self.report is None:
            return
        output = Path(self.output_path)
        writer.write_file(
            EDITORS_PAGE,
            self.get_template("editors_translations"),
            self.context,
            report=self.report,
            languages=self.report.settings.languages,
            page_url=self.page_url,
            state=version_state,
            file_name=lambda path: content_name(path, self.report.settings.content),
            missing_after=age_text(self.report.settings.missing_after),
            stylesheet=STYLESHEET,
        )
        # its folder is not made when the page was kept as it is (plugins/incremental)
        (output / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLESHEET_SOURCE, output / STYLESHEET)
