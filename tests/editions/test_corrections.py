"""Corrections: a dated note on the story, its modification time, and each edition's corrections page."""

import json
from xml.etree import ElementTree

import pytest

from support import build, write_article
from validation.problems import BuildFailed

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

CORRECTED = "\nCorrection: 2025-03-02 08:15 A primeira versão errou o nome do bairro." \
            "\nCorrection: 2025-03-04T12:00:00+00:00 — O valor correto é <b>R$ 2 milhões</b>."


def corrected_site(content_dir, build_site):
    write_article(content_dir, "pt", "a", title="Ponte reaberta", date="2025-03-01 10:00", key="k", extra=CORRECTED)
    write_article(content_dir, "id", "b", title="Jembatan dibuka", date="2025-03-01 20:00", key="k")
    write_article(content_dir, "pt", "c", title="Feira na praça", date="2025-03-03 10:00")
    return build_site(content_dir)


def test_a_corrected_story_shows_its_dated_notes_and_its_latest_correction_as_its_update(content_dir, build_site):
    site = corrected_site(content_dir, build_site)
    page = site.html("/pt/2025/03/a/")
    notes = page.select("#corrections li")
    assert [n.time["datetime"] for n in notes] == ["2025-03-02T08:15:00-03:00", "2025-03-04T09:00:00-03:00"]
    assert [n.time.get_text() for n in notes] == ["2 de março de 2025 08:15 BRT", "4 de março de 2025 09:00 BRT"]
    assert notes[1].get_text().endswith("O valor correto é <b>R$ 2 milhões</b>.")  # text, never markup
    assert not page.select("#corrections b") and page.select_one("#corrections h2").get_text() == "Correções"
    assert page.select_one('.story__meta a[href="#corrections"]').get_text() == "Corrigida"
    updated = page.select(".story__meta time")[1]
    assert updated["datetime"] == "2025-03-04T09:00:00-03:00"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["dateModified"] == "2025-03-04T09:00:00-03:00"
    sitemap = ElementTree.parse(site.output / "sitemap.xml").getroot()
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in sitemap}
    assert lastmod["/pt/2025/03/a/"] == "2025-03-04T09:00:00-03:00"
    uncorrected = site.html("/id/2025/03/b/")
    assert not uncorrected.select("#corrections") and len(uncorrected.select(".story__meta time")) == 1


def test_each_edition_has_a_corrections_page_newest_first_linked_from_every_page(content_dir, build_site):
    site = corrected_site(content_dir, build_site)
    page = site.html("/pt/correcoes/")
    items = page.select(".corrections-list li")
    assert [i.time["datetime"] for i in items] == ["2025-03-04T09:00:00-03:00", "2025-03-02T08:15:00-03:00"]
    assert {i.a["href"] for i in items} == {"/pt/2025/03/a/#corrections"}
    assert page.select_one('link[hreflang="id"]')["href"] == "/id/koreksi/"
    empty = site.html("/id/koreksi/")
    assert not empty.select(".corrections-list") and "Belum ada koreksi" in empty.select_one("main").get_text()
    for url in ("/pt/", "/pt/2025/03/c/", "/id/"):
        footer = site.html(url).select_one(".site-footer")
        assert footer.select_one('a[href$="/correcoes/"], a[href$="/koreksi/"]'), url


@pytest.mark.parametrize("field, message", [
    ("Correction: ontem à tarde corrigimos o nome",
     "content/pt/a.md: Correction: 'ontem à tarde corrigimos o nome' does not start with a date and time"),
    ("Correction: 2025-02-30 10:00 Data impossível", "content/pt/a.md: Correction: '2025-02-30 10:00' is not a valid"),
    ("Correction: 2025-03-02 10:00", "content/pt/a.md: Correction: the note of 2025-03-02 10:00 is empty"),
    ("Correction: 2025-02-28 10:00 Antes da publicação",
     "content/pt/a.md: Correction: 2025-02-28 10:00 is before the story's Date"),
])
def test_a_correction_that_cannot_be_read_stops_the_build_naming_file_and_field(content_dir, tmp_path, field, message):
    write_article(content_dir, "pt", "a", title="Ponte", date="2025-03-01 10:00", extra="\n" + field)
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "output")
    problems = [str(p) for p in failure.value.problems]
    assert len(problems) == 1 and problems[0].startswith(message), problems
