"""STALE_TRANSLATION_NOTICE: a translation whose original changed says so, in its own language,
only when the setting is on (theme: partials/stale_notice.html, in the story's header)."""

from __future__ import annotations

import pytest

from status_support import newsroom, story

@pytest.fixture
def stale_pair(content_dir):
    """A Portuguese original changed after its Indonesian translation was marked done, and a
    Portuguese translation of an Indonesian original that is up to date."""
    story(content_dir, "pt", "original", key="k", title="Chuva forte", body="Choveu.")
    translation = story(content_dir, "id", "terjemahan", key="k", title="Hujan deras", body="Hujan.")
    assert newsroom("translated", translation, "--content", content_dir).code == 0
    story(content_dir, "pt", "original", key="k", title="Chuva forte", body="Choveu muito mais.")
    story(content_dir, "id", "asli", key="m", title="Pasar", date="2025-01-04 09:00")
    current = story(content_dir, "pt", "traducao", key="m", title="Mercado", date="2025-01-04 10:00")
    assert newsroom("translated", current, "--content", content_dir).code == 0
    return content_dir


def notices(site, url):
    return [p.get_text(" ", strip=True) for p in site.html(url).select(".story__stale-notice")]


def test_no_notice_by_default(stale_pair, build_site):
    site = build_site(stale_pair)
    assert notices(site, "/id/2025/01/terjemahan/") == []


def test_with_the_setting_a_stale_translation_links_its_original(stale_pair, build_site):
    site = build_site(stale_pair, STALE_TRANSLATION_NOTICE=True)
    assert notices(site, "/id/2025/01/terjemahan/") == [
        "Versi asli berita ini ( Português ) telah diperbarui sejak terjemahan ini dibuat."]
    link = site.html("/id/2025/01/terjemahan/").select_one(".story__stale-notice a")
    assert (link["href"], link["hreflang"], link["lang"]) == ("/pt/2025/01/original/", "pt", "pt")
    # the original itself, and an up-to-date translation, say nothing
    assert notices(site, "/pt/2025/01/original/") == []
    assert notices(site, "/pt/2025/01/traducao/") == []


def test_the_notice_dates_an_update_made_after_the_translation(stale_pair, build_site):
    original = stale_pair / "pt" / "original.md"
    original.write_text(original.read_text("utf-8").replace("Lang: pt", "Lang: pt\nModified: 2025-02-05 10:00"))
    site = build_site(stale_pair, STALE_TRANSLATION_NOTICE=True)
    assert notices(site, "/id/2025/01/terjemahan/") == [
        "Versi asli berita ini ( Português ) diperbarui pada 5 Februari 2025, setelah terjemahan ini dibuat."]


def test_the_notice_speaks_the_translations_language(content_dir, build_site):
    story(content_dir, "id", "asli", key="m", title="Pasar", body="Pasar buka.")
    translation = story(content_dir, "pt", "traducao", key="m", title="Mercado", body="O mercado abriu.")
    assert newsroom("translated", translation, "--content", content_dir).code == 0
    story(content_dir, "id", "asli", key="m", title="Pasar baru", body="Pasar buka.")
    site = build_site(content_dir, STALE_TRANSLATION_NOTICE=True)
    assert notices(site, "/pt/2025/01/traducao/") == [
        "A versão original desta reportagem ( Bahasa Indonesia ) foi atualizada depois que esta tradução foi feita."]
