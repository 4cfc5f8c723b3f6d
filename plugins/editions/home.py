"""The front page: the newest story large, then each section's newest stories in blocks; and the
short summaries listing cards show (CARD_SUMMARY_WORDS words of the lede, not the whole lede)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from .sections import Section


@dataclass(frozen=True)
class FrontPage:
    lead: object | None  # the newest story in the edition's language
    blocks: list[tuple[Section, list]]  # each section with its newest stories but the lead
    latest: list  # the page's other stories, newest first, in no block


def front_page(articles: list, sections: list[Section], per_section: int, lang: str) -> FrontPage:
    """The first home page of the edition in language `lang` from its `articles` (that page's
    stories, newest first). The lead is the newest story in the edition's language: a story
    another edition lends (TRANSLATION_FALLBACK) never leads."""
    if not articles:
        return FrontPage(None, [], [])
    lead = next((story for story in articles if story.lang == lang), articles[0])
    shown = {id(lead)}
    blocks = []
    for section in sections:
        stories = [story for story in section.articles if id(story) not in shown][:per_section]
        if stories:
            blocks.append((section, stories))
            shown.update(id(story) for story in stories)
    return FrontPage(lead, blocks, [story for story in articles if id(story) not in shown])


@lru_cache(maxsize=65536)  # a story's card is on several listings of its edition: its summary is cut once
def words(html: str, count: int) -> str:
    """The first `count` words of some markup as plain text, with "…" when it was cut."""
    text = Markup(html or "").striptags().split()
    return " ".join(text[:count]) + ("…" if len(text) > count else "")
