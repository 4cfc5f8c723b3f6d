"""The schedule plugin's settings, checked before anything is written.

    BUILD_NOW = None            # the moment the build publishes as of; None: the clock
    PREVIEW_SCHEDULED = False   # development only: show scheduled stories now, with a banner
    EXPIRED_PAGE = "404"        # or "gone": a noindex "no longer available" page at the URL
    SCHEDULE_JSON = None        # a file outside the output folder for a scheduler
"""

from __future__ import annotations

import os
from pathlib import Path

EXPIRED_PAGE_MODES = ("404", "gone")
NOW_VARIABLE = "NEWSROOM_NOW"  # pelicanconf.py reads it into BUILD_NOW; publishconf.py ignores it


def expired_page_mode(settings: dict) -> str:
    """"404" or "gone"; ValueError for anything else."""
    mode = str(settings.get("EXPIRED_PAGE") or "404")
    if mode not in EXPIRED_PAGE_MODES:
        raise ValueError(f"{mode!r} is not one of {', '.join(map(repr, EXPIRED_PAGE_MODES))}")
    return mode


def schedule_json_path(settings: dict) -> Path | None:
    """SCHEDULE_JSON as an absolute path (a relative one is taken from the folder the build runs in),
    or None. ValueError when it lies inside the output folder: everything there is published, and
    the schedule names embargoed stories."""
    value = settings.get("SCHEDULE_JSON")
    if not value:
        return None
    path = Path(os.path.abspath(Path(str(value)).expanduser()))
    output = Path(os.path.abspath(settings.get("OUTPUT_PATH") or "output"))
    if path.resolve() == output.resolve() or path.resolve().is_relative_to(output.resolve()):
        raise ValueError(f"{path} is inside the output folder {output}, which is published, and the schedule names "
                         "embargoed stories: write it outside, e.g. .cache/schedule.json")
    return path
