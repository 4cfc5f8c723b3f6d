"""Test plugin: after the site is written, and before the output checks run, lose one published
photo file and the sitemap's image entries (what a failed copy or a stale sitemap would do)."""

import re
from pathlib import Path

from pelican import signals


def lose(pelican) -> None:
    output = Path(pelican.output_path)
    next((output / "images").glob("*.800.webp")).unlink()
    sitemap = output / "sitemap.xml"
    sitemap.write_text(re.sub(r"\s*<image:image>.*?</image:image>", "", sitemap.read_text("utf-8")), "utf-8")


def register() -> None:
    signals.finalized.connect(lose)
