"""Which stories a build publishes as of its "now": a story waits for its Date, and goes at `Expires:`.

Pure functions over the articles Pelican read: what is held back, what has expired, what later
builds will change (soonest first), and what is wrong with an `Expires:` field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from .clock import parse_moment

if TYPE_CHECKING:  # Pelican loads plugins in PLUGINS order, and this one comes before editions
    from editions.languages import Edition

PUBLISH, EXPIRE = "publish", "expire"
STATE = "_schedule"  # this build's Schedule, kept in its settings (no module-level state)


@dataclass(frozen=True)
class Story:
    """A story whose publication depends on the build's "now"."""

    article: object
    source: str  # as the editor knows it: content/pt/story.md
    lang: str
    title: str
    url: str | None  # inside the site, as the editions plugin will write it (None: not a site language)
    date: datetime  # on its edition's clock
    expires: datetime | None  # on its edition's clock


@dataclass(frozen=True)
class Change:
    """What a later build will do to one story, and from when."""

    at: datetime
    action: str  # PUBLISH or EXPIRE
    story: Story


@dataclass
class Schedule:
    now: datetime
    held: list[Story] = field(default_factory=list)  # Date after now: not published yet
    expired: list[Story] = field(default_factory=list)  # Expires at or before now: removed
    expiring: list[Story] = field(default_factory=list)  # published, with an Expires still to come
    changes: list[Change] = field(default_factory=list)  # soonest first
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (file, field, message)


def shown_source(path: str, content_path: str) -> str:
    """content/pt/story.md: the file as named from the project folder (as validation names it)."""
    return os.path.relpath(path, os.path.dirname(content_path.rstrip(os.sep)))


def expiry(article, zone: tzinfo) -> datetime | None:
    """The story's `Expires:` as an aware datetime, or None; ValueError saying what is wrong."""
    value = article.metadata.get("expires")
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        raise ValueError(f"given {len(value)} times; keep one Expires line")
    if not str(value).strip():
        raise ValueError("empty: give a date and time, or remove the line")
    moment = parse_moment(value, zone)
    if moment <= article.date:
        raise ValueError(f"{' '.join(str(value).split())} is not after the story's Date ({article.date.isoformat()})")
    return moment


def plan_schedule(articles: list, now: datetime, editions: dict[str, Edition], default_zone: tzinfo,
                  settings: dict) -> Schedule:
    """Sort published and hidden `articles` into held back, expired and live as of `now`."""
    from editions.story_urls import story_url  # loaded after this plugin (PLUGINS order)

    schedule = Schedule(now=now)
    for article in sorted(articles, key=lambda a: a.source_path):
        edition = editions.get(getattr(article, "lang", None))
        zone = edition.zone if edition else default_zone
        try:
            expires = expiry(article, zone)
        except ValueError as error:
            schedule.problems.append((shown_source(article.source_path, settings["PATH"]), "Expires", str(error)))
            continue
        if article.date <= now and expires is None:
            continue  # published, and stays so: nothing to plan (most of an archive)
        story = Story(
            article=article,
            source=shown_source(article.source_path, settings["PATH"]),
            lang=getattr(article, "lang", ""),
            title=str(article.title),
            url=story_url(article, edition, settings["ARTICLE_URL"]) if edition else None,
            date=article.date.astimezone(zone),
            expires=expires.astimezone(zone) if expires else None,
        )
        if story.date > now:
            schedule.held.append(story)
            schedule.changes.append(Change(story.date, PUBLISH, story))
        elif story.expires is not None and story.expires <= now:
            schedule.expired.append(story)
            continue
        elif story.expires is not None:
            schedule.expiring.append(story)
        if story.expires is not None:
            schedule.changes.append(Change(story.expires, EXPIRE, story))
    schedule.changes.sort(key=lambda change: (change.at, change.story.source, change.action))
    return schedule
