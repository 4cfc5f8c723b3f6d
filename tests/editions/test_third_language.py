"""A third language needs only a LANGUAGES entry and a message catalog in the theme."""

import pytest

from support import ROOT, build, write_article
from validation.problems import BuildFailed
from pelican.settings import read_settings

PROJECT_LANGUAGES = read_settings(str(ROOT / "pelicanconf.py"))["LANGUAGES"]
ENGLISH = {"en": {"name": "English", "locale": "en_GB", "prefix": "en"}}


def test_english_edition_from_configuration_alone(content_dir, build_site):
    for lang, slug, title in (("pt", "a", "Olá"), ("id", "b", "Halo"), ("en", "c", "Hello")):
        write_article(content_dir, lang, slug, title=title, key="greeting", category=title, tags=title)
    site = build_site(content_dir, LANGUAGES={**PROJECT_LANGUAGES, **ENGLISH})

    page = site.html("/en/2025/01/c/")
    assert page.html["lang"] == "en"
    hreflang = {l["hreflang"]: l["href"] for l in page.select("link[rel=alternate][hreflang]")}
    assert hreflang == {"pt": "/pt/2025/01/a/", "id": "/id/2025/01/b/", "en": "/en/2025/01/c/", "x-default": "/"}
    switcher = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher == {"pt": "/pt/2025/01/a/", "id": "/id/2025/01/b/"}
    assert page.select_one("time").get_text(strip=True) == "3 January 2025, 09:00 UTC"  # en_GB; TIMEZONE (no edition zone)
    assert page.select_one(".skip-link").get_text(strip=True) == "Skip to content"

    pt_switcher = {a["hreflang"]: a["href"] for a in site.html("/pt/").select(".language-switcher a")}
    assert pt_switcher == {"id": "/id/", "en": "/en/"}
    assert [a.get_text(strip=True) for a in site.html("/en/").select(".story-card__title a")] == ["Hello"]
    assert (site.output / "en/feeds/atom.xml").is_file()
    chooser = {a["hreflang"] for a in site.html("/").select(".edition-choice a[hreflang]")}
    assert chooser == {"pt", "id", "en"}


def test_a_language_without_catalog_fails_the_build_naming_it(content_dir, tmp_path):
    write_article(content_dir, "pt", "a", title="Olá")
    french = {"fr": {"name": "Français", "locale": "fr_FR"}}
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "out", LANGUAGES={**PROJECT_LANGUAGES, **french})
    messages = [problem.message for problem in failure.value.problems]
    assert any("LANGUAGES['fr']" in m and "no message catalog" in m for m in messages), messages
    assert not (tmp_path / "out").exists()


def test_an_article_in_an_undeclared_language_fails_the_build_naming_file_and_field(content_dir, tmp_path):
    path = write_article(content_dir, "pt", "estranho", title="Strange", extra="")
    path.write_text(path.read_text().replace("Lang: pt", "Lang: fr"))
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "out")
    assert [str(p) for p in failure.value.problems] == ["content/pt/estranho.md: Lang: 'fr' is not a site language (pt, id)"]
