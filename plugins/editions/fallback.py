"""A declared fallback for untranslated stories: TRANSLATION_FALLBACK.

    TRANSLATION_FALLBACK = {"id": "pt"}                 # short for {"language": "pt", "mode": "link"}
    TRANSLATION_FALLBACK = {"id": {"language": "pt", "mode": "omit"}}

With mode "link", an edition's home, section and tag listings also show the fallback language's
stories that have no version in the edition, as cards marked with their language and linking to
the original page: no copy of the story is written, so there is no duplicate content and no
false hreflang. Search in that edition also finds them (its results say their language). Feeds,
archives, author pages and the sitemap carry the edition's own stories only: a feed never mixes
languages. With "omit" (or no entry), an untranslated story exists only in its own edition.
"""

from __future__ import annotations

import logging

from .ordering import newest_first

logger = logging.getLogger(__name__)

MODES = ("link", "omit")


def read_fallbacks(settings: dict, codes: list[str]) -> dict[str, str]:
    """{edition: the language whose untranslated stories its listings link to} (mode "link" only).

    A malformed entry is an error naming it, and that edition falls back to nothing."""
    found = {}
    for code, entry in (settings.get("TRANSLATION_FALLBACK") or {}).items():
        where = f"TRANSLATION_FALLBACK[{code!r}]"
        if entry is None:
            continue
        if isinstance(entry, str):
            entry = {"language": entry, "mode": "link"}
        if not isinstance(entry, dict) or set(entry) - {"language", "mode"}:
            logger.error("%s: expected a language code or {'language': code, 'mode': 'link' or 'omit'}, got %r",
                         where, entry)
            continue
        language, mode = entry.get("language"), entry.get("mode", "link")
        if code not in codes or language not in codes:
            unknown = code if code not in codes else language
            logger.error("%s: %r is not one of LANGUAGES (%s)", where, unknown, ", ".join(codes))
        elif language == code:
            logger.error("%s: an edition cannot fall back to its own language", where)
        elif mode not in MODES:
            logger.error("%s: mode %r is not one of %s", where, mode, ", ".join(MODES))
        elif mode == "link":
            found[code] = language
    return found


def untranslated(articles: list, code: str) -> list:
    """The stories of `articles` (one edition's, newest first) with no version in language `code`."""
    return [article for article in articles if not any(t.lang == code for t in article.translations)]


def merged(own: list, borrowed: list) -> list:
    """One listing, newest first, of an edition's own stories and the fallback ones it shows."""
    return sorted([*own, *borrowed], key=newest_first) if borrowed else own
