"""Dates come from CLDR through Babel in the page's language, whatever the system locale."""

import os
import subprocess
import sys

from support import ROOT, write_article


def shown_dates(page):
    return [t.get_text(strip=True) for t in page.select("time")]


def test_seed_story_dates_are_localized(sample_site):
    pt = sample_site.html("/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/")
    id_ = sample_site.html("/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/")
    assert shown_dates(pt) == ["3 de janeiro de 2025"]
    assert shown_dates(id_) == ["3 Januari 2025"]
    assert pt.select_one("time")["datetime"] == "2025-01-03T00:00:00+00:00"


def test_listing_dates_are_localized(content_dir, build_site):
    write_article(content_dir, "pt", "a", title="A", date="2025-03-21 10:00", key="k")
    write_article(content_dir, "id", "b", title="B", date="2025-03-21 10:00", key="k")
    site = build_site(content_dir)
    assert shown_dates(site.html("/pt/")) == ["21 de março de 2025"]
    assert shown_dates(site.html("/id/")) == ["21 Maret 2025"]


def test_dates_do_not_depend_on_system_locales(tmp_path):
    """A build under the C locale (no pt/id OS locales installed) still writes CLDR dates."""
    output = tmp_path / "out"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "pelicanconf.py", "-q"],
        cwd=ROOT, env=env, check=True,
    )
    page = (output / "id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/index.html").read_text("utf-8")
    assert "3 Januari 2025" in page
