"""Dates written in the site's languages: "3 de janeiro de 2025", "3 Januari 2025", "2025-01-03".

Month names come from CLDR through Babel, so a new site language brings its own.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from babel import Locale

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?")


@lru_cache(maxsize=None)
def month_names(locales: tuple[str, ...]) -> dict[str, int]:
    """Lower-case month name or abbreviation (without dot) -> month number, for all `locales`."""
    names = {}
    for locale in locales:
        months = Locale.parse(locale).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names[name.lower().rstrip(".")] = number
    return names


@lru_cache(maxsize=None)
def _patterns(locales: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    alternatives = "|".join(sorted((re.escape(n) for n in month_names(locales)), key=len, reverse=True))
    # "3 de janeiro de 2025", "3 Januari 2025", "3 January" / "January 3, 2025"
    day_first = re.compile(
        rf"\b(\d{{1,2}})(?:\s+de)?\s+({alternatives})\.?(?:(?:\s+de)?,?\s+(\d{{4}}))?\b", re.IGNORECASE
    )
    month_first = re.compile(rf"\b({alternatives})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
    return day_first, month_first


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dateline(text: str, locales: tuple[str, ...]) -> datetime | None:
    """A date when `text` is nothing but a date (ISO or written out with a year), else None."""
    text = text.strip().rstrip(".")
    iso = ISO_DATE.fullmatch(text)
    if iso:
        year, month, day, hour, minute = (int(g) if g else 0 for g in iso.groups())
        found = _valid(year, month, day)
        valid_time = hour < 24 and minute < 60  # "2025-01-03 99:99" is not a date either
        return datetime(found.year, found.month, found.day, hour, minute) if found and valid_time else None
    names = month_names(locales)
    day_first, month_first = _patterns(locales)
    match = day_first.fullmatch(text)
    if match and match.group(3):
        found = _valid(int(match.group(3)), names[match.group(2).lower()], int(match.group(1)))
        return datetime(found.year, found.month, found.day) if found else None
    match = month_first.fullmatch(text)
    if match and match.group(3):
        found = _valid(int(match.group(3)), names[match.group(1).lower()], int(match.group(2)))
        return datetime(found.year, found.month, found.day) if found else None
    return None
