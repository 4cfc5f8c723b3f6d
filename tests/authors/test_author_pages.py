"""Author pages: one per author and edition, the author's stories newest first with pagination,
name and bio, the same author's page in the other edition through the switcher and hreflang."""

import xml.etree.ElementTree as ET

from support import write_article

from authors_site import write_authors

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def story_links(page):
    return [a["href"] for a in page.select(".story-card__title a")]


def test_an_author_page_lists_their_stories_of_that_edition_newest_first_with_pagination(newsroom):
    first = newsroom.html("/pt/autor/ana-lima/")
    assert first.html["lang"] == "pt" and first.body["data-page"] == "author"
    assert first.select_one("h1").get_text(strip=True) == "Ana Lima"
    assert first.title.get_text() == "Ana Lima — Diário Nusantara"
    pages = [story_links(first)]
    following = first.select_one(".pagination a[rel=next]")
    while following:
        page = newsroom.html(following["href"])
        pages.append(story_links(page))
        following = page.select_one(".pagination a[rel=next]")
    assert [len(p) for p in pages] == [2, 2, 2]  # six listed pt stories, two per page; the hidden one is not listed
    assert sum(pages, []) == ["/pt/2025/02/dupla/"] + [f"/pt/2025/01/ana-{n}/" for n in (4, 3, 2, 1, 0)]
    assert newsroom.exists("/pt/autor/ana-lima/page/3/")
    assert story_links(newsroom.html("/id/penulis/ana-lima/")) == ["/id/2025/02/duet/", "/id/2025/01/ana-id/"]


def test_an_author_page_shows_the_bio_of_its_language_as_text(newsroom):
    pt = newsroom.html("/pt/autor/ana-lima/")
    assert pt.select_one(".author-header__bio").get_text(strip=True) == "Repórter de economia (fictícia)."
    assert pt.select_one("meta[name=description]")["content"] == "Repórter de economia (fictícia)."
    id_ = newsroom.html("/id/penulis/ana-lima/")
    assert id_.select_one(".author-header__bio").get_text(strip=True) == "Wartawan ekonomi (fiktif)."


def test_an_author_with_no_profile_in_a_language_has_a_page_without_bio(content_dir, build_site):
    write_authors(content_dir, "pt", '[ana-lima]\nname = "Ana M. Lima"\nbio = "Repórter."\n')
    write_article(content_dir, "id", "x", title="Berita", extra="\nAuthors: Ana Lima")
    page = build_site(content_dir).html("/id/penulis/ana-lima/")
    assert page.select_one("h1").get_text(strip=True) == "Ana M. Lima"  # a name is the same in every language
    assert page.select_one(".author-header__bio") is None  # a bio is not: none in Indonesian


def test_the_switcher_leads_to_the_same_author_in_the_other_edition(newsroom):
    for here, there, code in (("/pt/autor/ana-lima/", "/id/penulis/ana-lima/", "id"),
                              ("/id/penulis/budi-santoso/", "/pt/autor/budi-santoso/", "pt")):
        page = newsroom.html(here)
        (link,) = page.select(".language-switcher a")
        assert link["href"] == there and link["hreflang"] == code
        assert "language-switcher__fallback" not in link.get("class", [])
        alternates = {l["hreflang"]: l["href"] for l in page.select("link[rel=alternate][hreflang]")}
        assert alternates == {"pt": "/pt/autor/" + here.split("/")[-2] + "/",
                              "id": "/id/penulis/" + here.split("/")[-2] + "/", "x-default": "/"}


def test_an_author_writing_in_one_edition_only_falls_back_to_the_other_home(newsroom):
    page = newsroom.html("/pt/autor/carla-dias/")
    (link,) = page.select(".language-switcher a")
    assert link["href"] == "/id/" and "language-switcher__fallback" in link["class"]
    assert page.select("link[rel=alternate][hreflang]") == []
    assert not newsroom.exists("/id/penulis/carla-dias/")


def test_later_pages_of_an_author_have_no_other_language_version(newsroom):
    """No hreflang for page 2, but the switcher still leads to the same author's page there."""
    page = newsroom.html("/pt/autor/ana-lima/page/2/")
    (link,) = page.select(".language-switcher a")
    assert link["href"] == "/id/penulis/ana-lima/" and "language-switcher__fallback" not in link.get("class", [])
    assert not page.select('link[rel="alternate"][hreflang]')
    assert page.title.get_text() == "Ana Lima — página 2 — Diário Nusantara"


def test_author_pages_are_in_the_sitemap_with_their_alternates(newsroom):
    root = ET.parse(newsroom.output / "sitemap.xml").getroot()
    entries = {url.findtext(f"{SITEMAP}loc"): {l.get("hreflang"): l.get("href") for l in url.iter(f"{XHTML}link")}
               for url in root.iter(f"{SITEMAP}url")}
    assert entries["/pt/autor/ana-lima/"] == {"pt": "/pt/autor/ana-lima/", "id": "/id/penulis/ana-lima/",
                                              "x-default": "/"}
    assert entries["/id/penulis/ana-lima/"] == entries["/pt/autor/ana-lima/"]
    assert entries["/pt/autor/carla-dias/"] == {}
    assert "/pt/autor/ana-lima/page/2/" in entries


def test_an_author_page_links_its_feeds(newsroom):
    page = newsroom.html("/pt/autor/ana-lima/")
    head = {l["type"]: l["href"] for l in page.select("head link[rel=alternate][type]")}
    assert head["application/atom+xml"] in ("/pt/feeds/autor/ana-lima/atom.xml", "/pt/feeds/atom.xml")
    assert page.select_one('head link[href="/pt/feeds/autor/ana-lima/atom.xml"]')["title"].startswith("Ana Lima")
    assert page.select_one('head link[href="/pt/feeds/autor/ana-lima/rss.xml"]')["type"] == "application/rss+xml"
    visible = page.select_one(".author-header__feeds")
    assert visible.get_text(" ", strip=True).startswith("Acompanhe Ana Lima:")
    assert [a["href"] for a in visible.select("a")] == ["/pt/feeds/autor/ana-lima/atom.xml",
                                                       "/pt/feeds/autor/ana-lima/rss.xml"]


def test_an_author_page_says_in_words_what_its_feeds_are_and_its_cards_do_not_repeat_the_name(newsroom):
    feeds = newsroom.html("/pt/autor/ana-lima/").select_one(".author-header__feeds").get_text(" ", strip=True)
    assert feeds == "Acompanhe Ana Lima: Atom · RSS (as novas reportagens no seu leitor de feeds)"
    first, second = newsroom.html("/pt/autor/ana-lima/"), newsroom.html("/pt/autor/ana-lima/page/2/")
    bylines = [card.select_one(".story-card__byline") for card in first.select(".story-card") + second.select(".story-card")]
    # a story she wrote with Budi names them both; her stories alone name nobody: the page is hers
    assert [b.get_text(strip=True) if b else None for b in bylines] == ["Por Ana Lima e Budi Santoso", None, None, None]
    assert not first.select(".author-header img")  # a photo is checked, not published: nothing to show


def test_an_author_in_the_file_whom_no_story_names_gets_no_page(newsroom):
    assert not newsroom.exists("/pt/autor/ze-ninguem/")
    assert not (newsroom.output / "pt/feeds/autor/ze-ninguem").exists()


def test_the_author_segment_is_localized_per_edition(content_dir, build_site):
    write_article(content_dir, "pt", "x", title="Nota", key="x", extra="\nAuthors: Ana Lima")
    write_article(content_dir, "id", "x", title="Berita", key="x", extra="\nAuthors: Ana Lima")
    languages = {"pt": {"name": "Português", "locale": "pt_BR", "paths": {"author": "reporter"}},
                 "id": {"name": "Bahasa Indonesia", "locale": "id_ID"}}
    site = build_site(content_dir, LANGUAGES=languages)
    assert site.html("/pt/2025/01/x/").select_one(".story__byline a")["href"] == "/pt/reporter/ana-lima/"
    assert site.html("/id/2025/01/x/").select_one(".story__byline a")["href"] == "/id/author/ana-lima/"  # the default
    assert site.exists("/pt/reporter/ana-lima/") and site.exists("/id/author/ana-lima/")
    assert (site.output / "pt/feeds/reporter/ana-lima/atom.xml").is_file()
