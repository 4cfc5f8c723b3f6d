"""Scheduled, embargoed and expiring stories.

A story whose Date is later than the build's "now" is published nowhere — no page, listing, feed,
sitemap, search index, JSON-LD or language switcher of its translation — until a build runs after
that moment; a story whose `Expires:` has passed is removed the same way (its URL then answers
with the host's 404, or with EXPIRED_PAGE = "gone" a "no longer available" page). Both leave the
article lists on `article_generator_pretaxonomy` (release.py): before core Pelican builds
categories, tags and archives from them, and before plugins/translations links translations on
`article_generator_finalized`, so nothing that comes after ever sees them. Every build prints the
schedule (report.py), and writes it to SCHEDULE_JSON when set.

"Now" is BUILD_NOW, else the clock. PREVIEW_SCHEDULED (development only) keeps scheduled stories,
each page with a banner (preview.py). Listed before `translations` and `editions` in PLUGINS; it
imports their modules only once Pelican has loaded every plugin.
"""

from pelican import signals

from .gone import ExpiredPagesGenerator, connect_page_writer
from .preview import use_preview_templates
from .release import hold_back
from .report import report_schedule


def add_generator(pelican):
    return ExpiredPagesGenerator


def register() -> None:
    signals.initialized.connect(use_preview_templates)
    signals.article_generator_pretaxonomy.connect(hold_back)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(connect_page_writer)
    signals.finalized.connect(report_schedule)
