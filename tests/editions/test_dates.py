"""Dates come from CLDR through Babel in the page's language, whatever the system locale."""

import os
import subprocess
import sys

from support import ROOT, write_article


def shown_dates(page):
    return [t.get_text(strip=True) for t in page.select("time")]


def test_seed_story_dates_and_times_are_localized_in_each_editions_time_zone(sample_site):
    """Date: 2025-01-03 00:00 without an offset is midnight where each edition is (pelicanconf.py:
    America/Sao_Paulo for pt, Asia/Jakarta for id): the same clock time, different instants."""
    pt = sample_site.html("/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/")
    id_ = sample_site.html("/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/")
    assert shown_dates(pt) == ["3 de janeiro de 2025 00:00 BRT"]
    assert shown_dates(id_) == ["3 Januari 2025 00.00 WIB"]
    assert pt.select_one("time")["datetime"] == "2025-01-03T00:00:00-03:00"
    assert id_.select_one("time")["datetime"] == "2025-01-03T00:00:00+07:00"
    published = pt.select_one('meta[property="article:published_time"]')["content"]
    assert published == "2025-01-03T00:00:00-03:00"


def test_a_date_with_an_offset_is_shown_in_the_editions_time_zone(content_dir, build_site):
    # 01:00 UTC on 1 March is 28 February 22:00 in São Paulo and 1 March 08:00 in Jakarta
    write_article(content_dir, "pt", "a", title="A", date="2025-03-01 01:00+00:00", key="k")
    write_article(content_dir, "id", "b", title="B", date="2025-03-01T01:00:00Z", key="k")
    site = build_site(content_dir)
    assert shown_dates(site.html("/pt/2025/02/a/")) == ["28 de fevereiro de 2025 22:00 BRT"]
    assert site.html("/pt/2025/02/a/").select_one("time")["datetime"] == "2025-02-28T22:00:00-03:00"
    assert shown_dates(site.html("/id/2025/03/b/")) == ["1 Maret 2025 08.00 WIB"]
    assert shown_dates(site.html("/pt/")) == ["28 de fevereiro de 2025 22:00"]  # listings: local day and time
    assert site.html("/pt/arquivo/2025/02/").h1.get_text(strip=True) == "fevereiro de 2025"  # São Paulo's month


def test_a_storys_own_timezone_field_is_not_used_and_the_editor_is_told(content_dir, build_site, caplog):
    path = write_article(content_dir, "id", "b", title="B", date="2025-03-01 09:00", extra="\nTimezone: Europe/Lisbon")
    site = build_site(content_dir)
    assert site.html("/id/2025/03/b/").select_one("time")["datetime"] == "2025-03-01T09:00:00+07:00"
    warned = [r.getMessage() for r in caplog.records if "Timezone" in r.getMessage()]
    assert len(warned) == 1 and str(path) in warned[0] and "'Europe/Lisbon' is not used" in warned[0]


def test_listing_dates_are_localized(content_dir, build_site):
    write_article(content_dir, "pt", "a", title="A", date="2025-03-21 07:45", key="k")
    write_article(content_dir, "id", "b", title="B", date="2025-03-21 07:45", key="k")
    site = build_site(content_dir)
    # a card shows the day and the time as the story's page does, without the zone the page names
    assert shown_dates(site.html("/pt/")) == ["21 de março de 2025 07:45"]
    assert shown_dates(site.html("/id/")) == ["21 Maret 2025 07.45"]
    assert shown_dates(site.html("/pt/2025/03/a/")) == ["21 de março de 2025 07:45 BRT"]


def test_the_time_style_is_the_locales_own_on_every_page_kind():
    """pt_BR writes 07:45 (not 7h45), id_ID 07.45: whatever CLDR gives, the same on cards and pages."""
    from datetime import datetime, timezone

    from editions.languages import editions_from_settings
    from editions.times import datetime_formatter
    from pelican.settings import read_settings

    editions = {e.code: e for e in editions_from_settings(read_settings(str(ROOT / "pelicanconf.py")))}
    moment = datetime(2025, 3, 21, 10, 45, tzinfo=timezone.utc)  # 07:45 in São Paulo, 17:45 in Jakarta
    pt, id_ = datetime_formatter(editions["pt"]), datetime_formatter(editions["id"])
    assert (pt(moment), pt(moment, zone=False)) == ("21 de março de 2025 07:45 BRT", "21 de março de 2025 07:45")
    assert (id_(moment), id_(moment, zone=False)) == ("21 Maret 2025 17.45 WIB", "21 Maret 2025 17.45")


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
