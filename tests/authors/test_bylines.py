"""Bylines: every author of a story, joined as the edition's language lists names, each linked to
their page in that edition; the newsroom when the story names nobody."""

from support import write_article

from authors_site import write_authors

PT_DUO = "/pt/2025/02/dupla/"
ID_DUO = "/id/2025/02/duet/"


def byline(site, url):
    return site.html(url).select_one(".story__byline")


def test_two_authors_are_credited_and_linked_in_each_edition(newsroom):
    pt = byline(newsroom, PT_DUO)
    assert pt.get_text(" ", strip=True) == "Por Ana Lima e Budi Santoso"
    assert [(a["href"], a.get_text()) for a in pt.select("a")] == [
        ("/pt/autor/ana-lima/", "Ana Lima"), ("/pt/autor/budi-santoso/", "Budi Santoso")]
    assert all(a["rel"] == ["author"] for a in pt.select("a"))
    id_ = byline(newsroom, ID_DUO)
    assert id_.get_text(" ", strip=True) == "Oleh Ana Lima dan Budi Santoso"
    assert [a["href"] for a in id_.select("a")] == ["/id/penulis/ana-lima/", "/id/penulis/budi-santoso/"]
    for link in pt.select("a") + id_.select("a"):
        assert newsroom.exists(link["href"])


def test_one_author_and_the_single_author_field(newsroom):
    ana = byline(newsroom, "/pt/2025/01/ana-0/")
    assert ana.get_text(" ", strip=True) == "Por Ana Lima"
    carla = byline(newsroom, "/pt/2025/01/carla/")  # written `Author: Carla Dias`
    assert [a["href"] for a in carla.select("a")] == ["/pt/autor/carla-dias/"]


def test_a_story_naming_the_authors_key_shows_the_name_from_the_file(newsroom):
    ana = byline(newsroom, "/id/2025/01/ana-id/")  # written `Authors: ana-lima`
    assert ana.get_text(" ", strip=True) == "Oleh Ana Lima"
    assert ana.select_one("a")["href"] == "/id/penulis/ana-lima/"


def test_a_story_without_authors_credits_the_newsroom_unlinked(newsroom):
    for url, words in (("/pt/2025/01/sem-autor/", "Por Diário Nusantara"),
                       ("/id/2025/01/tanpa-penulis/", "Oleh Diário Nusantara")):
        credit = byline(newsroom, url)
        assert credit.get_text(" ", strip=True) == words
        assert credit.select("a") == []


def test_the_newsroom_name_is_a_setting(content_dir, build_site):
    write_article(content_dir, "pt", "nota", title="Nota")
    site = build_site(content_dir, NEWSROOM_NAME="Redação Central")
    assert byline(site, "/pt/2025/01/nota/").get_text(" ", strip=True) == "Por Redação Central"


def test_three_authors_are_listed_the_way_each_language_lists_names(content_dir, build_site):
    names = "\nAuthors: Ana Lima, Budi Santoso, Carla Dias"
    write_article(content_dir, "pt", "trio", title="Trio", key="trio", extra=names)
    write_article(content_dir, "id", "trio", title="Trio", key="trio", extra=names)
    site = build_site(content_dir)
    assert byline(site, "/pt/2025/01/trio/").get_text(" ", strip=True) == "Por Ana Lima , Budi Santoso e Carla Dias"
    assert byline(site, "/id/2025/01/trio/").get_text(" ", strip=True) == "Oleh Ana Lima , Budi Santoso , dan Carla Dias"
    assert len(byline(site, "/id/2025/01/trio/").select("a")) == 3


def test_a_hidden_story_links_only_authors_who_have_a_page(newsroom):
    # Dora's only story is hidden (published, listed nowhere): she has no page to link to.
    credit = byline(newsroom, "/pt/2025/01/oculta/")
    assert credit.get_text(" ", strip=True) == "Por Dora Oculta e Ana Lima"
    assert [a["href"] for a in credit.select("a")] == ["/pt/autor/ana-lima/"]
    assert not newsroom.exists("/pt/autor/dora-oculta/")


def test_an_author_listed_twice_is_credited_once(content_dir, build_site):
    write_article(content_dir, "pt", "eco", title="Eco", extra="\nAuthors: Ana Lima, ana lima, ANA LIMA")
    write_authors(content_dir, "pt", '[ana-lima]\nname = "Ana Lima"\n')
    site = build_site(content_dir)
    assert byline(site, "/pt/2025/01/eco/").get_text(" ", strip=True) == "Por Ana Lima"
