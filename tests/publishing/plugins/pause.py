"""Test plugin: the build stops in the middle (content read, nothing written yet) until the test lets it go.

PAUSE_AT names a folder: the build creates `paused` in it, then waits for `go` to appear there.
"""

import os
import time
from pathlib import Path

from pelican import signals

WAIT_SECONDS = 120


def pause(generators) -> None:
    folder = Path(os.environ["PAUSE_AT"])
    (folder / "paused").touch()
    deadline = time.monotonic() + WAIT_SECONDS
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def register() -> None:
    signals.all_generators_finalized.connect(pause)
