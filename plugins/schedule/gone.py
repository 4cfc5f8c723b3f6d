"""EXPIRED_PAGE = "gone": a small "no longer available" page at the URL of each expired story.

The page (theme template `gone.html`) is noindex, in no sitemap, feed or search index, and names
neither the story nor its headline. It is drawn by the editions plugin's own page writer, so it has
the header, switcher and footer every page of its edition has, in the edition's language.
"""

from __future__ import annotations

import logging

from pelican.generators import Generator

from .plan import STATE
from .schedule_settings import expired_page_mode

logger = logging.getLogger(__name__)


class ExpiredPagesGenerator(Generator):
    """Writes the "no longer available" pages, after the editions have their context."""

    editions = None  # the EditionsGenerator, set once every generator has its context

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        schedule = self.settings.get(STATE)
        if schedule is None or not schedule.expired or expired_page_mode(self.settings) != "gone":
            return
        if self.editions is None:
            logger.error("EXPIRED_PAGE: 'gone' needs the editions plugin, which writes every page; "
                         "no page was written for %d expired stories", len(schedule.expired))
            return
        # a new story may have taken an expired one's URL: the live page wins
        live = {a.url for a in self.context.get("articles", []) + self.context.get("hidden_articles", [])}
        for story in schedule.expired:
            edition = self.editions.by_code.get(story.lang)
            if edition is None or story.url is None or story.url in live:
                continue
            self.editions._write_page(writer, edition, "gone", story.url, {}, in_sitemap=False,
                                      expired_at=story.expires.astimezone(edition.zone))


def connect_page_writer(generators: list) -> None:
    """all_generators_finalized: give the expired pages the editions' page writer."""
    from editions.generator import EditionsGenerator  # loaded after this plugin (PLUGINS order)

    expired_pages = next((g for g in generators if isinstance(g, ExpiredPagesGenerator)), None)
    if expired_pages is not None:
        expired_pages.editions = next((g for g in generators if isinstance(g, EditionsGenerator)), None)
