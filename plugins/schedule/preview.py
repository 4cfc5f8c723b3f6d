"""PREVIEW_SCHEDULED (development only): scheduled stories are kept, and their pages say when they
are due — the theme's partials/schedule_banner.html, drawn through preview_templates/article.html,
which a build without the setting never loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .plan import Schedule

PREVIEW_TEMPLATES = str(Path(__file__).with_name("preview_templates"))


@dataclass(frozen=True)
class PreviewNote:
    """What the banner says about a story (on its edition's clock); templates read article.schedule_preview."""

    publishes_at: datetime | None  # None: already published
    expires_at: datetime | None


def use_preview_templates(pelican) -> None:
    """initialized: with PREVIEW_SCHEDULED, article pages get the banner (the theme's templates stay as they are)."""
    if pelican.settings.get("PREVIEW_SCHEDULED"):
        overrides = list(pelican.settings.get("THEME_TEMPLATES_OVERRIDES") or [])
        pelican.settings["THEME_TEMPLATES_OVERRIDES"] = [PREVIEW_TEMPLATES, *overrides]


def mark_previews(schedule: Schedule) -> None:
    """Give each story still to be published, or to expire, its banner's note."""
    for story in schedule.held:
        story.article.schedule_preview = PreviewNote(story.date, story.expires)
    for story in schedule.expiring:
        story.article.schedule_preview = PreviewNote(None, story.expires)
