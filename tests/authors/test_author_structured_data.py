"""JSON-LD: a NewsArticle's `author` is a Person per author with the absolute URL of their page in
that edition, or the newsroom as an Organization; an author page is a ProfilePage about them."""

import json

SITE = "https://news.example.org"


def json_ld(site, url):
    return json.loads(site.html(url).select_one('script[type="application/ld+json"]').string)


def test_article_authors_are_persons_with_the_absolute_url_of_their_page(published_newsroom):
    pt = json_ld(published_newsroom, "/pt/2025/02/dupla/")
    assert pt["author"] == [
        {"@type": "Person", "name": "Ana Lima", "url": f"{SITE}/pt/autor/ana-lima/",
         "sameAs": ["https://example.org/ana-lima"]},
        {"@type": "Person", "name": "Budi Santoso", "url": f"{SITE}/pt/autor/budi-santoso/"},
    ]
    id_ = json_ld(published_newsroom, "/id/2025/02/duet/")
    assert [a["url"] for a in id_["author"]] == [f"{SITE}/id/penulis/ana-lima/", f"{SITE}/id/penulis/budi-santoso/"]
    # every url is a page of the site
    for author in pt["author"] + id_["author"]:
        assert published_newsroom.exists(author["url"][len(SITE):])


def test_a_story_without_authors_is_credited_to_the_newsroom_organization(published_newsroom):
    data = json_ld(published_newsroom, "/pt/2025/01/sem-autor/")
    assert data["author"] == [{"@type": "Organization", "name": "Diário Nusantara", "url": f"{SITE}/pt/"}]
    assert data["publisher"]["@type"] == "Organization"


def test_an_author_page_is_a_profile_page_about_them(published_newsroom):
    data = json_ld(published_newsroom, "/id/penulis/ana-lima/")
    assert data["@type"] == "ProfilePage" and data["inLanguage"] == "id"
    assert data["mainEntity"] == {"@type": "Person", "name": "Ana Lima", "url": f"{SITE}/id/penulis/ana-lima/",
                                  "description": "Wartawan ekonomi (fiktif).",
                                  "sameAs": ["https://example.org/ana-lima"]}
    page = published_newsroom.html("/id/penulis/ana-lima/")
    assert page.select_one("link[rel=canonical]")["href"] == f"{SITE}/id/penulis/ana-lima/"
    assert page.select_one('link[hreflang="pt"]')["href"] == f"{SITE}/pt/autor/ana-lima/"
