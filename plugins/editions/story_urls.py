"""A story's page URL from ARTICLE_URL, with the values Pelican's `Content.url_format` gives it.

Pelican's url_format copies the story's metadata and works out every value a URL setting may
name (the source path through os.path.relpath among them) for each story, and its dates format
through pelican.utils.strftime, a Python re-implementation of strftime: ~30 µs a story, 0.6 s of
every build at 10,000 pairs. Here a value is worked out only when the setting names it, and a
date is formatted once per day and format when the format names nothing finer than a day.
"""

from __future__ import annotations

import re
from datetime import datetime

from pelican.utils import path_to_url

from .languages import Edition
from .times import local

# A strftime format made only of text and of directives that name the day or something coarser
# (Pelican's "-" flag included): what it gives depends on the date alone.
DAY_FORMAT = re.compile(r"(?:[^%]|%-?[YmdyjBbAaUWuwGVCe%])*")


def story_url(article, edition: Edition, article_url: str, days: dict | None = None) -> str:
    """The story's page URL in its edition: ARTICLE_URL formatted with its date on the edition's
    clock, under the edition's prefix. `days`: formatted dates kept across calls (one build's)."""
    date = local(article.date, edition) if getattr(article, "date", None) else datetime.now()
    return edition.article_url(article_url.format_map(UrlFields(article, Day(date, {} if days is None else days))))


class UrlFields(dict):
    """The values of url_format, each looked up the first time the format names it (`date` given)."""

    def __init__(self, content, date: Day):
        super().__init__(date=date)
        self.content = content

    def __missing__(self, name: str):
        content = self.content
        if name == "slug":
            value = getattr(content, "slug", "")
        elif name == "lang":
            value = getattr(content, "lang", "en")
        elif name in ("author", "category"):
            value = getattr(content, name).slug if hasattr(content, name) else ""
        elif name == "path":
            value = path_to_url(content.metadata.get("path", content.get_relative_source_path()))
        else:
            value = content.metadata[name]  # a KeyError naming the field, as Pelican's format gives
        self[name] = value
        return value


class Day:
    """A date as `{date:%Y}` formats it (the date's own strftime: Pelican's, for its "-" flag),
    formatted once per day for formats that name nothing finer than the day."""

    __slots__ = ("date", "days")

    def __init__(self, date: datetime, days: dict):
        self.date, self.days = date, days

    def __format__(self, spec: str) -> str:
        if not spec or not DAY_FORMAT.fullmatch(spec):
            return format(self.date, spec)
        key = (spec, self.date.year, self.date.month, self.date.day, type(self.date))
        formatted = self.days.get(key)
        if formatted is None:
            formatted = self.days[key] = format(self.date, spec)
        return formatted

    def __getattr__(self, name: str):  # {date.year}
        return getattr(self.date, name)

    def __str__(self) -> str:  # {date!s}
        return str(self.date)

    def __repr__(self) -> str:  # {date!r}
        return repr(self.date)
