"""Where the language switcher sends a reader, for each other edition — never somewhere false.

A page's versions (hreflang) are the pages that say the same thing in another language. The
switcher goes further where a reader expects it to: page 3 of a listing goes to page 3 of the
same listing in the other edition (its last page when it is shorter), a 404 page to the other
edition's 404 page. Only where nothing corresponds does it go to the other edition's home, and
then it says so in the language of the edition it leads to (the reader who needs the note reads
that language, not necessarily this page's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .languages import Edition


@dataclass(frozen=True)
class SwitchTarget:
    """Where the language switcher sends a reader of this page for one other edition."""

    edition: Edition
    url: str
    translated: bool  # False: the page has no counterpart there, the link goes to that edition's home
    note: str = ""  # for an untranslated target: what the reader gets, in the target edition's language


@dataclass(frozen=True)
class Listing:
    """One listing in one edition: its page URLs and how many pages it has."""

    url_of_page: Callable[..., str]  # url_of_page(page=n)
    pages: int

    def page_near(self, number: int) -> str:
        """The same page number, or the last page of a shorter listing."""
        return self.url_of_page(page=min(number, self.pages))


def switch_targets(edition: Edition, editions: list[Edition], targets: dict[str, str],
                   untranslated_note: Callable[[Edition], str]) -> list[SwitchTarget]:
    """One target per other edition: the page in `targets`, else that edition's home, with a note."""
    return [
        SwitchTarget(other, targets[other.code], True) if other.code in targets
        else SwitchTarget(other, other.home_url(), False, untranslated_note(other))
        for other in editions
        if other is not edition
    ]


def listing_targets(listings: dict[str, Listing], number: int) -> dict[str, str]:
    """{language: page `number` of the listing there (or its last page)}."""
    return {code: listing.page_near(number) for code, listing in listings.items()}
