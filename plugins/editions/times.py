"""Each edition's time zone: a story's Date without an offset is in it, and its pages show times in it."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_time, get_date_format, get_time_format, parse_pattern

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
    out ("3 de janeiro de 2025 09:00"), for listing cards.

    Each moment is formatted once (a story's date shows on its page and on every listing it is
    on), with the locale's patterns parsed once: babel.dates.format_date and format_time parse
    the locale and look its pattern up on every call (~100 µs a moment); the zone's abbreviation
    depends only on the zone's offset and daylight saving time, so it is asked of Babel once each.
    """
    locale = Locale.parse(edition.locale)
    glue = locale.datetime_formats["long"].replace("'", "")
    date_pattern = parse_pattern(get_date_format("long", locale=locale))
    time_pattern = parse_pattern(get_time_format("short", locale=locale))
    zone_names: dict[tuple, str] = {}

    def zone_name(shown: datetime) -> str:
        key = (shown.utcoffset(), shown.dst(), shown.tzname())
        if key not in zone_names:
            zone_names[key] = format_time(shown, "z", locale=locale)
        return zone_names[key]

    @lru_cache(maxsize=None)
    def formatted(moment: datetime, zone: bool = True) -> str:
        shown = local(moment, edition)
        time = time_pattern.apply(shown, locale)
        if zone:
            time = f"{time} {zone_name(shown)}"
        return glue.replace("{0}", time).replace("{1}", date_pattern.apply(shown.date(), locale))

    return formatted
