"""Link articles that share a translation key, whatever their language.

Core Pelican treats one language as the original and the others as translations; here every
language is equal, so each article simply gets the list of its versions in the other languages.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from pelican import signals

logger = logging.getLogger(__name__)


def translation_key(article, field: str) -> str | None:
    """The article's translation key, or None when it has none."""
    value = getattr(article, field, None)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def link_translations(articles: list, field: str, language_order: list[str]) -> list[str]:
    """Set `article.translations` on every article; return one message per conflicting key.

    Two articles with the same key and language cannot both be the translation: the first one by
    source path keeps the link, the others stay untranslated and are reported.
    """
    rank = {code: i for i, code in enumerate(language_order)}
    groups: dict[str, dict[str, object]] = defaultdict(dict)
    problems = []
    for article in sorted(articles, key=lambda a: a.source_path):
        article.translations = []
        key = translation_key(article, field)
        if key is None:
            continue
        kept = groups[key].setdefault(article.lang, article)
        if kept is not article:
            problems.append(
                f"{article.source_path}: {field} {key!r} is already used by "
                f"{kept.source_path} for language {article.lang!r}; not linked"
            )
    for versions in groups.values():
        for article in versions.values():
            article.translations = sorted(
                (other for other in versions.values() if other is not article),
                key=lambda a: rank.get(a.lang, len(rank)),
            )
    return problems


def on_articles_read(generator) -> None:
    settings = generator.settings
    field = settings.get("TRANSLATION_KEY_FIELD", "translation_key")
    languages = list(settings.get("LANGUAGES", {}) or [settings["DEFAULT_LANG"]])
    # Drafts stay out: a published page must never link to an unpublished one.
    for problem in link_translations(generator.articles + generator.hidden_articles, field, languages):
        logger.warning(problem)


def register() -> None:
    signals.article_generator_finalized.connect(on_articles_read)
