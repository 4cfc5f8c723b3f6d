"""Each edition's time zone: a story's Date without an offset is in it, and its pages show times in it."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time

from .languages import Edition


def edition_timezone(generator, metadata: dict) -> None:
    """article_generator_context: give a story its edition's time zone before Pelican reads its Date.

    Pelican puts a Date without an offset in the story's `timezone` (else TIMEZONE); a Date with
    an offset keeps it. The edition's zone wins over a `Timezone:` field of the story itself (an
    offset in Date says the same thing without a zone name to mistype); the field is kept as
    `ignored_timezone` for the editions generator to warn about, naming the file.
    """
    entry = (generator.settings.get("LANGUAGES") or {}).get(metadata.get("lang"))
    zone = entry.get("timezone") if isinstance(entry, dict) else None
    if zone:
        if metadata.get("timezone") not in (None, zone):
            metadata["ignored_timezone"] = metadata["timezone"]
        metadata["timezone"] = zone


def local(moment: datetime, edition: Edition) -> datetime:
    return moment.astimezone(edition.zone)


def datetime_formatter(edition: Edition):
    """(moment, zone=True) -> "3 de janeiro de 2025 09:00 BRT": long date, short time and the
    zone's abbreviation, in the edition's language and time zone (CLDR's date-time pattern of the
    locale joins them, as babel.dates.format_datetime does); zone=False leaves the abbreviation
    out ("3 de janeiro de 2025 09:00"), for listing cards."""
    glue = Locale.parse(edition.locale).datetime_formats["long"].replace("'", "")

    @lru_cache(maxsize=None)
    def formatted(moment: datetime, zone: bool = True) -> str:
        shown = local(moment, edition)
        time = format_time(shown, "short", locale=edition.locale)
        if zone:
            time = f"{time} {format_time(shown, 'z', locale=edition.locale)}"
        return glue.replace("{0}", time).replace("{1}", format_date(shown, "long", locale=edition.locale))

    return formatted
