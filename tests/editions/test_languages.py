import pytest

from editions.languages import LanguageConfigError, editions_from_settings

PT = {"name": "Português", "locale": "pt_BR"}
ID = {"name": "Bahasa Indonesia", "locale": "id_ID", "prefix": "/berita/"}


def test_default_language_comes_first_and_prefix_defaults_to_code():
    editions = editions_from_settings({"LANGUAGES": {"id": ID, "pt": PT}, "DEFAULT_LANG": "pt"})
    assert [e.code for e in editions] == ["pt", "id"]
    assert editions[0].home_url() == "pt/"
    assert editions[1].home_url() == "berita/"
    assert editions[1].home_url(page=3) == "berita/page/3/"


def test_localized_path_segments():
    pt = {**PT, "paths": {"archives": "arquivo", "category": "categoria"}}
    (edition,) = editions_from_settings({"LANGUAGES": {"pt": pt}, "DEFAULT_LANG": "pt"})
    assert edition.archives_url() == "pt/arquivo/"
    assert edition.category_url("politica", page=2) == "pt/categoria/politica/page/2/"
    assert edition.tag_url("xai") == "pt/tag/xai/"


@pytest.mark.parametrize(
    "languages, default, message",
    [
        ({}, "pt", "no site language"),
        ({"pt": {"name": "Português"}}, "pt", "LANGUAGES['pt']: missing locale"),
        ({"pt": "Português"}, "pt", "LANGUAGES['pt']: expected a dict"),
        ({"pt": {**PT, "paths": {"archivez": "x"}}}, "pt", "unknown segment(s) ['archivez']"),
        ({"pt": {**PT, "prefix": "news"}, "id": {**ID, "prefix": "news"}}, "pt", "share a URL prefix"),
        ({"pt": PT}, "en", "DEFAULT_LANG 'en' is not one of LANGUAGES"),
        ({"pt": {**PT, "timezone": "America/Recife_"}}, "pt",
         "LANGUAGES['pt']['timezone']: 'America/Recife_' is not a time zone name"),
        ({"pt": {**PT, "timezone": "../../etc/passwd"}}, "pt", "LANGUAGES['pt']['timezone']"),
    ],
)
def test_bad_language_settings_are_refused_with_the_field_named(languages, default, message):
    with pytest.raises(LanguageConfigError) as error:
        editions_from_settings({"LANGUAGES": languages, "DEFAULT_LANG": default})
    assert message in str(error.value)
