"""Build into OUTPUT_PATH.partial and put it in place of OUTPUT_PATH only when the build succeeded.

A failed build (an exception anywhere, including plugins/validation's checks) leaves the
previous output untouched; its partial folder is removed by the next build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican import signals


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def build_aside(pelican) -> None:
    final = Path(pelican.settings["OUTPUT_PATH"])
    shutil.rmtree(partial_path(final), ignore_errors=True)
    pelican.output_path = str(partial_path(final))


def publish(pelican) -> None:
    final = Path(pelican.settings["OUTPUT_PATH"])
    previous = final.with_name(final.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    partial_path(final).rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def register() -> None:
    signals.initialized.connect(build_aside)
    signals.finalized.connect(publish)
