"""Categories and tags that slugify alike are one term: the first spelling wins, the others are warned about.

"IA", "ia" and "Ia" would otherwise be three tags with one URL, and a story carrying all three
would be listed three times on that page.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger(__name__)


def unify_term_spellings(generator) -> None:
    """Give every article one term object per slug and language, spelled as it first appeared."""
    content_root = os.path.dirname(generator.settings["PATH"].rstrip(os.sep))
    first: dict[tuple, object] = {}
    # Oldest first: the spelling a term was introduced with is the one kept. (By timestamp: comparing
    # dates of two time zones costs ~0.4 s per sort of 20,000 stories, their timestamps ~0.04 s.)
    for article in sorted(generator.articles + generator.hidden_articles, key=lambda a: (a.date.timestamp(), a.source_path)):
        lang = getattr(article, "lang", None)
        if getattr(article, "category", None) is not None:
            article.category = _canonical(first, (lang, "Category"), article.category, article, content_root)
        if getattr(article, "tags", None):
            tags = []
            for tag in article.tags:
                canonical = _canonical(first, (lang, "Tags"), tag, article, content_root)
                if all(canonical is not kept for kept in tags):
                    tags.append(canonical)
            article.tags = article.metadata["tags"] = tags


def _canonical(first: dict, scope: tuple, term, article, content_root: str):
    kept = first.setdefault((*scope, term.slug), term)
    if kept.name != term.name:
        logger.warning("%s: %s: %r is the same %s as %r (same URL); shown as %r",
                       os.path.relpath(article.source_path, content_root), scope[1], term.name,
                       "category" if scope[1] == "Category" else "tag", kept.name, kept.name)
    return kept
