"""An Atom and an RSS feed per author and edition, with only that author's stories of that edition;
every feed entry carries the story's authors (Atom <author>, RSS dc:creator)."""

import xml.etree.ElementTree as ET

import feedparser

from support import write_article

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def feed(site, path):
    parsed = feedparser.parse(str(site.output / path))
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_an_author_feed_lists_only_their_stories_of_that_edition(newsroom):
    for kind in ("atom", "rss"):
        pt = feed(newsroom, f"pt/feeds/autor/ana-lima/{kind}.xml")
        assert pt.feed.language == "pt"
        assert [e.link for e in pt.entries] == ["/pt/2025/02/dupla/"] + [f"/pt/2025/01/ana-{n}/" for n in (4, 3, 2, 1, 0)]
        id_ = feed(newsroom, f"id/feeds/penulis/ana-lima/{kind}.xml")
        assert id_.feed.language == "id"
        assert [e.link for e in id_.entries] == ["/id/2025/02/duet/", "/id/2025/01/ana-id/"]
        budi = feed(newsroom, f"id/feeds/penulis/budi-santoso/{kind}.xml")
        assert [e.link for e in budi.entries] == ["/id/2025/02/duet/"]
    atom = feed(newsroom, "pt/feeds/autor/ana-lima/atom.xml").feed
    assert atom.title == "Ana Lima — Diário Nusantara (Português)"
    assert atom.link == "/pt/autor/ana-lima/"


def test_an_author_feed_keeps_to_feed_max_items(content_dir, build_site):
    for n in range(4):
        write_article(content_dir, "pt", f"n{n}", title=f"Nota {n}", date=f"2025-01-0{n + 1} 08:00",
                      extra="\nAuthors: Ana Lima")
    site = build_site(content_dir, FEED_MAX_ITEMS=2)
    assert [e.title for e in feed(site, "pt/feeds/autor/ana-lima/rss.xml").entries] == ["Nota 3", "Nota 2"]


def test_feed_entries_carry_every_author_with_their_page(published_newsroom):
    atom = ET.parse(published_newsroom.output / "pt/feeds/atom.xml").getroot()
    entries = {e.find(f"{ATOM}link").get("href"): e for e in atom.iter(f"{ATOM}entry")}
    duo = entries["https://news.example.org/pt/2025/02/dupla/"]
    assert [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in duo.iter(f"{ATOM}author")] == [
        ("Ana Lima", "https://news.example.org/pt/autor/ana-lima/"),
        ("Budi Santoso", "https://news.example.org/pt/autor/budi-santoso/"),
    ]
    newsroom = entries["https://news.example.org/pt/2025/01/sem-autor/"]
    assert [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in newsroom.iter(f"{ATOM}author")] == [
        ("Diário Nusantara", None)]
    rss = ET.parse(published_newsroom.output / "id/feeds/rss.xml").getroot()
    items = {i.findtext("link"): [c.text for c in i.iter(DC_CREATOR)] for i in rss.iter("item")}
    assert items["https://news.example.org/id/2025/02/duet/"] == ["Ana Lima", "Budi Santoso"]
    assert items["https://news.example.org/id/2025/01/tanpa-penulis/"] == ["Diário Nusantara"]
    parsed = feed(published_newsroom, "id/feeds/rss.xml")
    assert {e.author for e in parsed.entries} >= {"Diário Nusantara"}
