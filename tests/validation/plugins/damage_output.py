"""Test plugin: after the site is written, and before the output checks run, damage what
VALIDATION_TEST_DAMAGE (an environment variable, so that turning it on is no settings change that
would make an incremental build a full one) names: `page:<file>` deletes a file this build wrote,
`sitemap:<url>` drops a page's entry from sitemap.xml."""

import os
import re
from pathlib import Path

from pelican import signals


def damage(pelican) -> None:
    output = Path(pelican.output_path)
    for order in filter(None, os.environ.get("VALIDATION_TEST_DAMAGE", "").split(",")):
        kind, _, target = order.partition(":")
        if kind == "page":
            (output / target).unlink()
        elif kind == "sitemap":
            sitemap = output / "sitemap.xml"
            entry = rf"\s*<url>\s*<loc>{re.escape(target)}</loc>.*?</url>"
            sitemap.write_text(re.sub(entry, "", sitemap.read_text("utf-8"), flags=re.S), "utf-8")


def register() -> None:
    signals.finalized.connect(damage)
