"""schedule_site's newsroom built before and after its embargo, once per session worker."""

from __future__ import annotations

import pytest

from schedule_site import AFTER, BEFORE, build_printing, newsroom


@pytest.fixture(scope="session")
def before(tmp_path_factory):
    """Built the day before the embargo lifts (EXPIRED_PAGE "404", the default), writing SCHEDULE_JSON."""
    root = tmp_path_factory.mktemp("embargo-before")
    return build_printing(newsroom(root / "content"), root / "output", BUILD_NOW=BEFORE,
                          SCHEDULE_JSON=str(root / "state" / "schedule.json"))


@pytest.fixture(scope="session")
def after(tmp_path_factory):
    """The same newsroom built after the embargo, with EXPIRED_PAGE = "gone"."""
    root = tmp_path_factory.mktemp("embargo-after")
    return build_printing(newsroom(root / "content"), root / "output", BUILD_NOW=AFTER, EXPIRED_PAGE="gone")
