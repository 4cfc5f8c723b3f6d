"""Test plugin: the build dies by SIGKILL, as in a power cut, at the point POWER_CUT names.

POWER_CUT=written: once every page is written and checked, before anything is published.
POWER_CUT=rename:N: at the N-th rename after that, i.e. in the middle of publishing.
"""

import os
import signal

from pelican import signals


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(pelican) -> None:
    point = os.environ.get("POWER_CUT", "")
    if point == "written":
        die()
    if point.startswith("rename:"):
        os.rename = counting_renames(os.rename, int(point.split(":")[1]))


def counting_renames(rename, fatal: int):
    calls = []

    def _rename(*args, **kwargs):
        calls.append(args)
        if len(calls) == fatal:
            die()
        return rename(*args, **kwargs)

    return _rename


def register() -> None:
    signals.finalized.connect(arm)
