"""Sections: SECTIONS in every page's header, in order, the current one marked, one section across editions."""

import pytest

from support import build, write_article
from validation.problems import BuildFailed

SECTIONS = [{"pt": "economia", "id": "ekonomi"}, {"pt": "cidades", "id": "kota"}]


def nav(page):
    return [(a.get_text(), a["href"], a.get("aria-current")) for a in page.select(".site-nav a")]


def sectioned_site(content_dir, build_site, sections=SECTIONS):
    write_article(content_dir, "pt", "porto", title="Porto", category="Economia", key="k1")
    write_article(content_dir, "id", "pelabuhan", title="Pelabuhan", category="Ekonomi", key="k1")
    write_article(content_dir, "pt", "praca", title="Praça", category="Cidades")
    write_article(content_dir, "id", "alun", title="Alun-alun", category="Kota")
    return build_site(content_dir, SECTIONS=sections)


def test_every_page_lists_the_sections_in_order_and_marks_the_current_one(content_dir, build_site):
    site = sectioned_site(content_dir, build_site)
    assert nav(site.html("/pt/")) == [
        ("Últimas notícias", "/pt/", "page"), ("Economia", "/pt/categoria/economia/", None),
        ("Cidades", "/pt/categoria/cidades/", None), ("Arquivo", "/pt/arquivo/", None)]
    assert nav(site.html("/id/kategori/kota/"))[1:3] == [
        ("Ekonomi", "/id/kategori/ekonomi/", None), ("Kota", "/id/kategori/kota/", "page")]
    # on a story, its section is the current one
    assert nav(site.html("/pt/2025/01/praca/"))[2] == ("Cidades", "/pt/categoria/cidades/", "true")
    assert [current for *_, current in nav(site.html("/pt/arquivo/"))] == [None, None, None, "page"]


def test_a_story_ends_with_the_stories_of_its_section_published_just_before_it(content_dir, build_site):
    """Not the section's newest: a story's page stays as it is when later stories are published."""
    for n in range(5):
        write_article(content_dir, "pt", f"e{n}", title=f"Economia {n}", category="Economia", date=f"2025-01-0{n + 1} 10:00")
    write_article(content_dir, "pt", "praca", title="Praça", category="Cidades")
    write_article(content_dir, "pt", "opiniao", title="Opinião", category="Opinião")
    site = build_site(content_dir, SECTIONS=SECTIONS)
    more = site.html("/pt/2025/01/e3/").select_one("main .story-more")
    assert more.h2.get_text(strip=True) == "Mais em Economia" and more.h2.a["href"] == "/pt/categoria/economia/"
    assert [a.get_text() for a in more.select("li > a")] == ["Economia 2", "Economia 1", "Economia 0"]
    assert [a.get_text() for a in site.html("/pt/2025/01/e4/").select(".story-more li > a")] == [
        "Economia 3", "Economia 2", "Economia 1"]
    # among the section's first stories, the nearest later ones fill the block
    assert [a.get_text() for a in site.html("/pt/2025/01/e1/").select(".story-more li > a")] == [
        "Economia 0", "Economia 2", "Economia 3"]
    # the only story of its section has nothing more to show, and a category that is no section no block
    assert not site.html("/pt/2025/01/praca/").select(".story-more")
    assert not site.html("/pt/2025/01/opiniao/").select(".story-more")


def test_a_sections_category_pages_are_each_others_versions_without_a_translated_story(content_dir, build_site):
    site = sectioned_site(content_dir, build_site)  # Cidades and Kota share no translated story
    page = site.html("/pt/categoria/cidades/")
    assert page.select_one('.language-switcher a[hreflang="id"]')["href"] == "/id/kategori/kota/"
    assert page.select_one('link[rel="alternate"][hreflang="id"]')["href"] == "/id/kategori/kota/"


def test_a_section_without_stories_in_an_edition_is_left_out_with_a_warning(content_dir, build_site, caplog):
    site = sectioned_site(content_dir, build_site, SECTIONS + [{"pt": "esporte", "id": "olahraga"}])
    assert "Esporte" not in [name for name, *_ in nav(site.html("/pt/"))]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "SECTIONS[2]" in r.getMessage()]
    assert len(warnings) == 2 and "no pt story has the category 'esporte'" in " ".join(warnings)


@pytest.mark.parametrize("sections, message", [
    (["economia"], "SECTIONS[0]: expected a dict of language -> category slug, got 'economia'"),
    ([{"pt": "economia", "fr": "economie"}], "SECTIONS[0]: 'fr' is not one of LANGUAGES (pt, id)"),
])
def test_a_malformed_section_stops_the_build_naming_it(content_dir, tmp_path, sections, message):
    write_article(content_dir, "pt", "porto", title="Porto", category="Economia")
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "output", SECTIONS=sections)
    assert any(message in str(problem) for problem in failure.value.problems), failure.value.problems
