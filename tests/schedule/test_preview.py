"""PREVIEW_SCHEDULED (development only) shows scheduled stories now, each with a banner; builds without
it, and every build with publishconf.py, never do."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from schedule_site import (BEFORE, EMBARGOED, EXPIRED, EXPIRING, HIDDEN_SCHEDULED, OLD, SETTINGS, build_printing,
                           files_containing, newsroom)
from support import ROOT, write_article


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    return build_printing(newsroom(root / "content"), root / "output", BUILD_NOW=BEFORE, PREVIEW_SCHEDULED=True)


def banner_text(page) -> str:
    banner = page.select_one("main .schedule-banner")
    return banner.get_text(" ", strip=True) if banner else ""


def stylesheets(page) -> list[str]:
    return [link["href"] for link in page.select('link[rel="stylesheet"]')]


def test_a_preview_shows_a_scheduled_story_with_a_banner_saying_when_and_noindex(preview):
    site = preview.site
    page = site.html(EMBARGOED)
    assert banner_text(page) == ("Agendada Publicada em 10 de junho de 2025 09:00 BRT. "
                                 "Até lá, só as prévias do site mostram esta reportagem.")
    assert page.select_one('meta[name="robots"][content="noindex"]')
    (css,) = [href for href in stylesheets(page) if "/schedule." in href]
    assert site.exists(css)
    assert EMBARGOED in {a["href"] for a in site.html("/pt/").select("main a")}  # as it will be listed
    hidden = site.html(HIDDEN_SCHEDULED)
    assert banner_text(hidden).startswith("Terjadwal Terbit pada 11 Juni 2025 07.00 WIB.")
    assert "Schedule: 3 scheduled" in preview.printed and "PREVIEW: 2 scheduled shown now" in preview.printed


def test_a_preview_says_when_a_published_story_expires_and_still_leaves_expired_ones_out(preview):
    site = preview.site
    page = site.html(EXPIRING)
    assert banner_text(page) == "Expira Sai do site em 20 de junho de 2025 18:00 BRT."
    assert not page.select('meta[name="robots"][content="noindex"]')  # it is published
    assert banner_text(site.html(OLD)) == "" and not [h for h in stylesheets(site.html(OLD)) if "/schedule." in h]
    assert not site.exists(EXPIRED)


def test_without_preview_no_page_has_a_banner(before):
    pages = [name for name in files_containing(before.site.output, ("schedule-banner", "css/schedule."))
             if not name.startswith("theme/")]  # the stylesheet itself is copied with the theme
    assert pages == []


def test_publishconf_goes_by_the_clock_whatever_newsroom_now_says(tmp_path, monkeypatch):
    """`make publish` with NEWSROOM_NOW set in a far future: a story due next year stays out."""
    monkeypatch.setenv("NEWSROOM_NOW", "2100-01-01T00:00Z")
    monkeypatch.chdir(ROOT)  # publishconf.py imports pelicanconf from the folder make runs in
    monkeypatch.delitem(sys.modules, "pelicanconf", raising=False)
    assert read_settings(str(ROOT / "pelicanconf.py"))["BUILD_NOW"] == "2100-01-01T00:00Z"  # development reads it
    content, output = tmp_path / "content", tmp_path / "output"
    due = datetime.now(timezone.utc) + timedelta(days=365)
    write_article(content, "pt", "agora", title="Agora", date="2025-01-03 09:00")
    write_article(content, "pt", "ano-que-vem-capivara", title="Capivara do ano que vem",
                  date=f"{due:%Y-%m-%d %H:%M}")
    settings = read_settings(str(ROOT / "publishconf.py"),
                             override={"PATH": str(content), "OUTPUT_PATH": str(output), **SETTINGS})
    assert settings["BUILD_NOW"] is None and settings["PREVIEW_SCHEDULED"] is False
    Pelican(settings).run()
    assert (output / "pt/2025/01/agora/index.html").is_file()
    assert files_containing(output, ("Capivara", "capivara")) == []
