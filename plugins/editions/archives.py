"""Archive pages that scale: an index of years and months per edition, and each month its own
paginated page (/pt/arquivo/2025/03/, /id/arsip/2025/03/page/2/).

One page with every story would be megabytes for a real archive; a month holds a few hundred
stories at most, and the index only counts them. Months are those of the edition's clock (a
story at 22:00 on 28 February in São Paulo is in February there, in March in Jakarta).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date, format_skeleton

from .languages import Edition


@dataclass(frozen=True)
class ArchiveMonth:
    year: int
    month: int
    name: str  # "março de 2025", "Maret 2025": the month named in the edition's language
    short_name: str  # "março", "Maret": under its year in the index
    articles: list  # newest first

    def url(self, edition: Edition, page: int = 1) -> str:
        return month_url(edition, self.year, self.month, page)


def month_url(edition: Edition, year: int, month: int, page: int = 1) -> str:
    return edition.paged(f"{edition.archives_url()}{year:04d}/{month:02d}/", page)


def archive_months(articles: list, edition: Edition) -> list[ArchiveMonth]:
    """The edition's months with stories, newest first; `articles` are newest first, on the
    edition's clock (plugins/editions converts every date to it)."""
    months: dict[tuple[int, int], list] = {}
    for article in articles:
        months.setdefault((article.date.year, article.date.month), []).append(article)
    return [
        ArchiveMonth(year, month, format_skeleton("yMMMM", stories[0].date, locale=edition.locale),
                     format_date(stories[0].date, "LLLL", locale=edition.locale), stories)
        for (year, month), stories in months.items()
    ]


def archive_years(months: list[ArchiveMonth]) -> list[tuple[int, list[ArchiveMonth]]]:
    """The index: each year, newest first, with its months."""
    years: dict[int, list[ArchiveMonth]] = {}
    for month in months:
        years.setdefault(month.year, []).append(month)
    return list(years.items())
