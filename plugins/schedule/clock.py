"""A build's "now" (BUILD_NOW, or the clock) and the date-times of `Expires:`, read as `Date` is."""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo

# As Date and Correction are written: a date and a time, an offset when not the edition's zone.
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?")
EXAMPLE = "e.g. 2026-12-02 06:00, or 2026-12-02T06:00-03:00 with an offset"


def parse_moment(value: object, zone: tzinfo) -> datetime:
    """'2026-12-02 06:00' (in `zone`), '2026-12-02T06:00-03:00' or '…Z' as an aware datetime.

    Raises ValueError saying what is expected: only these forms are read, so "tomorrow" or "5"
    never becomes a guess."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value
    text = " ".join(str(value).split())
    if not DATE_TIME.fullmatch(text):
        raise ValueError(f"{str(value)[:80]!r} is not a date and time ({EXAMPLE})")
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date and time ({EXAMPLE})") from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def build_now(value: object, zone: tzinfo) -> datetime:
    """The moment a build publishes as of: BUILD_NOW when set (without an offset, in `zone`), else the clock."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return datetime.now(timezone.utc)
    return parse_moment(value, zone)


def short_offset(moment: datetime) -> str:
    """-03, +07, +0530: the offset as a reader of a schedule line expects it."""
    offset = moment.strftime("%z")
    return offset[:3] if offset.endswith("00") else offset


def shown_moment(moment: datetime) -> str:
    """2026-12-02 06:00 -03"""
    return f"{moment:%Y-%m-%d %H:%M} {short_offset(moment)}"
