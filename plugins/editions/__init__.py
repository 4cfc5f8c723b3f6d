"""Every language is a first-class edition under its own URL prefix, all built in one Pelican run."""

from pelican import signals

from .generator import EditionsGenerator
from .ordering import order_articles, sort_with_own_key
from .term_spellings import unify_term_spellings
from .times import edition_timezone

# Core would write default-language listings and per-article pages without a page language;
# this plugin writes all of them per edition instead, so core's own outputs are switched off.
CORE_OUTPUTS_OFF = {
    "ARTICLE_SAVE_AS": "",
    "ARTICLE_LANG_SAVE_AS": "",
    "DRAFT_SAVE_AS": "",
    "DRAFT_LANG_SAVE_AS": "",
    "PAGE_SAVE_AS": "",
    "PAGE_LANG_SAVE_AS": "",
    "DRAFT_PAGE_SAVE_AS": "",
    "DRAFT_PAGE_LANG_SAVE_AS": "",
    "CATEGORY_SAVE_AS": "",
    "TAG_SAVE_AS": "",
    "AUTHOR_SAVE_AS": "",
    "YEAR_ARCHIVE_SAVE_AS": "",
    "MONTH_ARCHIVE_SAVE_AS": "",
    "DAY_ARCHIVE_SAVE_AS": "",
    "DIRECT_TEMPLATES": [],
    **{
        f"{prefix}_{kind}": None
        for prefix in ("FEED", "FEED_ALL", "CATEGORY_FEED", "AUTHOR_FEED", "TAG_FEED", "TRANSLATION_FEED")
        for kind in ("ATOM", "RSS")
    },
}


def switch_off_core_outputs(pelican) -> None:
    pelican.settings.update(CORE_OUTPUTS_OFF)


def write_nothing_in_core(generator) -> None:
    """article_generator_finalized: core's article generator would still walk every tag, category,
    author and period building the pages it is told not to write (its tag pages alone cost tags x
    articles list look-ups, ~5% of a 1,000-pair build); only its writer signal is kept."""
    def generate_output(writer):
        signals.article_writer_finalized.send(generator, writer=writer)

    generator.generate_output = generate_output


def add_generator(pelican):
    return EditionsGenerator


def register() -> None:
    signals.initialized.connect(switch_off_core_outputs)
    signals.initialized.connect(sort_with_own_key)
    signals.article_generator_context.connect(edition_timezone)
    signals.article_generator_pretaxonomy.connect(order_articles)
    signals.article_generator_pretaxonomy.connect(unify_term_spellings)
    signals.article_generator_finalized.connect(write_nothing_in_core)
    signals.get_generators.connect(add_generator)
