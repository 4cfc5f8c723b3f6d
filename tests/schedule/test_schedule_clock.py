"""How `Expires:` and BUILD_NOW are read: as Date is, and nothing else."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from schedule.clock import build_now, parse_moment, shown_moment

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


@pytest.mark.parametrize("value, expected", [
    ("2026-12-02 06:00", "2026-12-02T06:00:00-03:00"),  # the edition's zone
    ("2026-12-02T06:00:30", "2026-12-02T06:00:30-03:00"),
    ("2026-12-02 06:00+07:00", "2026-12-02T06:00:00+07:00"),
    ("2026-12-02T06:00-0300", "2026-12-02T06:00:00-03:00"),
    ("2026-12-02T09:00Z", "2026-12-02T09:00:00+00:00"),
    ("  2026-12-02   06:00 ", "2026-12-02T06:00:00-03:00"),
])
def test_date_and_time_forms(value, expected):
    assert parse_moment(value, SAO_PAULO).isoformat() == expected


@pytest.mark.parametrize("value", ["tomorrow", "5", "2026-12-02", "02/12/2026 06:00", "2026-12-02 6:00",
                                   "2026-13-01 10:00", "2026-12-02 06:00 BRT", ""])
def test_anything_else_is_refused(value):
    with pytest.raises(ValueError, match="date and time"):
        parse_moment(value, SAO_PAULO)


def test_build_now_is_the_setting_else_the_clock():
    assert build_now("2026-12-02 06:00", SAO_PAULO) == datetime(2026, 12, 2, 9, tzinfo=timezone.utc)
    assert build_now(datetime(2026, 12, 2, 6), SAO_PAULO).isoformat() == "2026-12-02T06:00:00-03:00"
    before = datetime.now(timezone.utc)
    assert before <= build_now(None, SAO_PAULO) <= datetime.now(timezone.utc)
    assert before <= build_now("", SAO_PAULO) <= datetime.now(timezone.utc)


def test_shown_moment_uses_short_offsets():
    assert shown_moment(parse_moment("2026-12-02 06:00", SAO_PAULO)) == "2026-12-02 06:00 -03"
    assert shown_moment(parse_moment("2026-12-02 06:00+05:30", SAO_PAULO)) == "2026-12-02 06:00 +0530"
