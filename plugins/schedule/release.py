"""What this build releases: scheduled and expired stories leave the article lists before anything
reads them (core's categories, tags and archives, translations, editions, search, sitemaps)."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from .clock import build_now
from .plan import STATE, plan_schedule
from .preview import mark_previews
from .schedule_settings import NOW_VARIABLE, expired_page_mode, schedule_json_path

logger = logging.getLogger(__name__)
ARTICLE_LISTS = ("articles", "hidden_articles", "translations", "hidden_translations")


def report_problems(problems: list[tuple[str, str, str]]) -> None:
    """Errors end the build (exit code 1, nothing published) through the validation plugin's report."""
    if not problems:
        return
    from validation import report  # loaded after this plugin (PLUGINS order)
    from validation.problems import Problem

    report([Problem(source, field, message) for source, field, message in problems])


def hold_back(generator) -> None:
    """article_generator_pretaxonomy: take scheduled (unless previewing) and expired stories out of
    the generator's lists; stop the build on a bad `Expires:` or setting, naming file and field."""
    from editions.languages import LanguageConfigError, editions_from_settings  # loaded after this plugin

    settings = generator.settings
    problems = []
    try:
        editions = {e.code: e for e in editions_from_settings(settings)}
    except LanguageConfigError:
        editions = {}  # the editions plugin reports it
    default_zone = next(iter(editions.values())).zone if editions else ZoneInfo(settings.get("TIMEZONE") or "UTC")
    try:
        now = build_now(settings.get("BUILD_NOW"), default_zone)
    except ValueError as error:
        problems.append(("settings", "BUILD_NOW", str(error)))
        now = datetime.now(timezone.utc)
    if settings.get("BUILD_NOW") in (None, "") and os.environ.get(NOW_VARIABLE):
        logger.warning("%s=%s is not used: these settings publish by the clock (BUILD_NOW = None)",
                       NOW_VARIABLE, os.environ[NOW_VARIABLE][:40])
    for name, check in (("EXPIRED_PAGE", expired_page_mode), ("SCHEDULE_JSON", schedule_json_path)):
        try:
            check(settings)
        except ValueError as error:
            problems.append(("settings", name, str(error)))
    schedule = plan_schedule(generator.articles + generator.hidden_articles, now, editions, default_zone, settings)
    report_problems(problems + schedule.problems)

    preview = bool(settings.get("PREVIEW_SCHEDULED"))
    gone = {id(story.article) for story in schedule.expired + ([] if preview else schedule.held)}
    for name in ARTICLE_LISTS:
        articles = getattr(generator, name, None)
        if articles is not None:
            articles[:] = [article for article in articles if id(article) not in gone]
    if preview:
        mark_previews(schedule)
    settings[STATE] = schedule  # for the expired pages and the report
    generator.context["BUILD_NOW"] = now  # the moment every later generator publishes as of (news sitemap)
