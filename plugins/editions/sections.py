"""The newspaper's sections: SECTIONS, an ordered list of categories mapped across the editions.

    SECTIONS = [{"pt": "economia", "id": "ekonomi"}, {"pt": "tecnologia", "id": "teknologi"}]

Each entry is one section: the slug of its category in each edition. Every page's header lists
the sections of its edition in this order; a section is the same across editions (its category
pages are each other's versions, whatever the stories' translations say).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .languages import Edition

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    slug: str  # of its category in this edition
    name: str
    url: str
    # newest first; no template reads them (the front page and a story's "More in" get theirs
    # from the generator), so a page's key (plugins/incremental) leaves them out
    articles: tuple = field(metadata={"page_key": False})


def edition_sections(settings: dict, editions: list[Edition], categories: dict[str, dict]) -> dict[str, list[Section]]:
    """{language: its sections in SECTIONS order}; `categories` is {language: {slug: (category,
    articles)}}. A section with no story in an edition is left out of that edition's header (said
    once, as a warning); a malformed entry is an error naming it."""
    found: dict[str, list[Section]] = {edition.code: [] for edition in editions}
    codes = {edition.code: edition for edition in editions}
    for number, entry in enumerate(settings.get("SECTIONS") or []):
        where = f"SECTIONS[{number}]"
        if not isinstance(entry, dict) or not entry:
            logger.error("%s: expected a dict of language -> category slug, got %r", where, entry)
            continue
        for code, slug in entry.items():
            if code not in codes:
                logger.error("%s: %r is not one of LANGUAGES (%s)", where, code, ", ".join(codes))
                continue
            if slug not in categories.get(code, {}):
                logger.warning("%s[%r]: no %s story has the category %r: the section is not in that edition's"
                               " header", where, code, code, slug)
                continue
            category, articles = categories[code][slug]
            found[code].append(Section(slug, category.name, codes[code].category_url(slug), tuple(articles)))
    return found


def more_in_sections(sections: list[Section], count: int = 3) -> dict[int, list]:
    """{id of a story: the stories at its foot}: the `count` of its section published just before
    it, or after it for the section's first stories. Not the section's newest: then every story's
    page would change with each new story, and an archived story is better followed by its time's."""
    more = {}
    for section in sections:
        stories = section.articles
        for at, story in enumerate(stories):
            older = list(stories[at + 1:at + 1 + count])
            more[id(story)] = older + list(reversed(stories[max(0, at - (count - len(older))):at]))
    return more


def section_of(article, sections: list[Section]) -> Section | None:
    category = getattr(article, "category", None)
    return next((s for s in sections if category and s.slug == category.slug), None)


def section_matches(settings: dict) -> dict[tuple[str, str], dict[str, str]]:
    """{(language, category slug): {other language: its category slug}} from SECTIONS (site
    languages only: edition_sections reports the others)."""
    languages = settings.get("LANGUAGES") or {}
    matches: dict[tuple[str, str], dict[str, str]] = {}
    for entry in settings.get("SECTIONS") or []:
        if isinstance(entry, dict):
            known = {code: slug for code, slug in entry.items() if code in languages}
            for code, slug in known.items():
                matches[(code, slug)] = {other: other_slug for other, other_slug in known.items() if other != code}
    return matches
