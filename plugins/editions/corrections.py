"""Corrections: dated notes on a story (`Correction:` fields) and each edition's corrections page.

    Correction: 2025-01-04 10:30 An earlier version gave the wrong year for the launch.

One field per correction (markdown metadata may repeat a field). The date and time come first, as
in Date (without an offset it is in the edition's time zone), then the note, as plain text. The
latest correction is the story's modification time (dateModified, feeds, sitemap lastmod).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .languages import Edition
from .times import local

CORRECTION = re.compile(
    r"(?P<when>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)"
    r"\s*[—–|:-]?\s*(?P<text>.*)",
    re.S,
)


@dataclass(frozen=True)
class Correction:
    when: datetime  # on the edition's clock
    text: str
    article: object  # the corrected story


def corrections_of(article, edition: Edition) -> tuple[list[Correction], list[str]]:
    """The story's corrections, oldest first, and what is wrong with each field that is not one."""
    fields = getattr(article, "correction", None) or []
    found, problems = [], []
    for value in [fields] if isinstance(fields, str) else fields:
        match = CORRECTION.fullmatch(" ".join(str(value).split()))
        if not match:
            problems.append(f"{str(value)[:80]!r} does not start with a date and time"
                            " (e.g. 2025-01-04 10:30 The note)")
            continue
        try:
            when = datetime.fromisoformat(match["when"].replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"{match['when']!r} is not a valid date and time")
            continue
        when = local(when.replace(tzinfo=edition.zone) if when.tzinfo is None else when, edition)
        if not match["text"].strip():
            problems.append(f"the note of {match['when']} is empty")
        elif when < article.date:
            problems.append(f"{match['when']} is before the story's Date ({article.date.isoformat()})")
        else:
            found.append(Correction(when, match["text"].strip(), article))
    return sorted(found, key=lambda correction: correction.when), problems


def apply_corrections(article, edition: Edition) -> None:
    """Sets article.corrections, and its modification time to the latest correction when later;
    article.correction_problems lists the fields that are not corrections, for plugins/validation
    to report with the file's name (the build then stops: a correction is never dropped quietly)."""
    article.corrections, article.correction_problems = corrections_of(article, edition)
    if article.corrections:
        latest = article.corrections[-1].when
        modified = getattr(article, "modified", None)
        if modified is None or latest > modified:
            article.modified = latest


def edition_corrections(articles: list) -> list[Correction]:
    """Every correction of these stories, newest first (for the edition's corrections page)."""
    return sorted((c for article in articles for c in getattr(article, "corrections", [])),
                  key=lambda correction: (correction.when, correction.article.source_path), reverse=True)
