"""news-sitemap.xml: the stories of the last 48 hours of the build's "now", newest first, at most
1,000, each with its edition's language; valid against the news sitemap schema; in robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from news_sitemap_schema import NEWS, SITEMAP, news_sitemap_problems
from sitemap.news import news_sitemap_xml, recent_articles
from support import build, write_article

SITE = "https://news.example.org"
NOW = "2025-06-10T12:00-03:00"  # 15:00 UTC
NAME = "Diário & Nusantara"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    root = tmp_path_factory.mktemp("news-sitemap")
    content = root / "content"
    write_article(content, "pt", "uma-hora", title="Preço & <tarifa> sobe", date="2025-06-10 11:00")  # 1 h before
    write_article(content, "id", "empat-puluh-tujuh", title="Empat puluh tujuh jam",
                  date="2025-06-08 23:00")  # 47 h before (WIB)
    write_article(content, "pt", "quarenta-e-nove", title="Quarenta e nove horas", date="2025-06-08 11:00")  # 49 h
    write_article(content, "pt", "oculta", title="Oculta", date="2025-06-10 10:00", extra="\nStatus: hidden")
    write_article(content, "pt", "futura", title="Futura", date="2025-06-10 13:00")  # scheduled
    write_article(content, "pt", "expirada", title="Expirada", date="2025-06-10 08:00", extra="\nExpires: 2025-06-10 11:00")
    write_article(content, "id", "draf", title="Draf", date="2025-06-10 08:00", category="Ekonomi",
                  extra="\nStatus: draft")
    settings = {"SITEURL": SITE, "NEWSROOM_NAME": NAME, "EDITORS_PAGES": False}
    return SimpleNamespace(recent=build(content, root / "recent", BUILD_NOW=NOW, **settings),
                           later=build(content, root / "later", BUILD_NOW="2025-07-01T00:00Z", **settings))


def entries(site) -> list[dict]:
    root = ET.parse(site.output / "news-sitemap.xml").getroot()
    news = f"{{{NEWS}}}"
    return [{"loc": url.findtext(f"{{{SITEMAP}}}loc"),
             "name": url.findtext(f"{news}news/{news}publication/{news}name"),
             "language": url.findtext(f"{news}news/{news}publication/{news}language"),
             "date": url.findtext(f"{news}news/{news}publication_date"),
             "title": url.findtext(f"{news}news/{news}title")} for url in root]


def test_only_the_last_48_hours_newest_first_each_in_its_language(newsroom):
    assert entries(newsroom.recent) == [
        {"loc": f"{SITE}/pt/2025/06/uma-hora/", "name": NAME, "language": "pt",
         "date": "2025-06-10T11:00:00-03:00", "title": "Preço & <tarifa> sobe"},
        {"loc": f"{SITE}/id/2025/06/empat-puluh-tujuh/", "name": NAME, "language": "id",
         "date": "2025-06-08T23:00:00+07:00", "title": "Empat puluh tujuh jam"},
    ]  # 49 hours old, hidden, scheduled, expired and draft stories are not in it


def test_the_news_sitemap_is_valid_and_escapes_text(newsroom):
    data = (newsroom.recent.output / "news-sitemap.xml").read_bytes()
    assert news_sitemap_problems(data) == []
    assert b"Pre\xc3\xa7o &amp; &lt;tarifa&gt; sobe" in data and b"Di\xc3\xa1rio &amp; Nusantara" in data


def test_with_nothing_recent_it_is_an_empty_valid_urlset(newsroom):
    data = (newsroom.later.output / "news-sitemap.xml").read_bytes()
    assert news_sitemap_problems(data) == []
    assert entries(newsroom.later) == []


def test_robots_txt_names_both_sitemaps(newsroom):
    lines = (newsroom.recent.output / "robots.txt").read_text("utf-8").splitlines()
    assert f"Sitemap: {SITE}/news-sitemap.xml" in lines and f"Sitemap: {SITE}/sitemap.xml" in lines


def story(number: int, date: datetime, lang: str = "pt") -> SimpleNamespace:
    return SimpleNamespace(url=f"{lang}/2025/06/s{number}/", lang=lang, title=f"Story {number}", date=date,
                           source_path=f"/content/{lang}/s{number}.md")


def test_at_most_1000_urls_the_newest_ones():
    now = datetime(2025, 6, 10, 15, tzinfo=timezone.utc)
    stories = [story(n, now - timedelta(seconds=60 * n)) for n in range(1001)]  # story 1000 is the oldest
    chosen = recent_articles(list(reversed(stories)), now)
    assert [s.title for s in chosen] == [f"Story {n}" for n in range(1000)]
    data = news_sitemap_xml(chosen, SITE, NAME).encode()
    assert news_sitemap_problems(data) == []
    assert data.count(b"<url>") == 1000 and b"/s1000/" not in data
    over = news_sitemap_xml(stories, SITE, NAME).encode()  # the schema check itself counts
    assert news_sitemap_problems(over) == ["urlset: 1001 <url>, over 1000"]


def test_the_window_is_48_hours_up_to_now():
    now = datetime(2025, 6, 10, 15, tzinfo=timezone.utc)
    stories = [story(1, now - timedelta(hours=48)), story(2, now - timedelta(hours=48, seconds=1)),
               story(3, now + timedelta(seconds=1)), story(4, now)]
    assert [s.title for s in recent_articles(stories, now)] == ["Story 4", "Story 1"]


def test_language_codes_are_the_ones_google_news_reads():
    now = datetime(2025, 6, 10, 15, tzinfo=timezone.utc)
    data = news_sitemap_xml([story(1, now, "pt-BR"), story(2, now, "zh-TW"), story(3, now, "id")], SITE, NAME)
    assert [e.text for e in ET.fromstring(data).iter(f"{{{NEWS}}}language")] == ["pt", "zh-tw", "id"]


GOOD = news_sitemap_xml([story(1, datetime(2025, 6, 10, 12, tzinfo=timezone(timedelta(hours=-3))))], SITE, NAME)


@pytest.mark.parametrize("broken, problem", [
    (GOOD.replace("<news:title>Story 1</news:title>", "").replace(
        "<news:publication_date>", "<news:title>Story 1</news:title><news:publication_date>"),
     "url[1]/news: unexpected <publication_date>"),
    (GOOD.replace("<news:language>pt</news:language>", ""), "url[1]/news/publication: missing <language>"),
    (GOOD.replace(">pt<", ">pt-BR<"), "url[1]/news/publication/language: 'pt-BR' is not an ISO 639 code"),
    (GOOD.replace("-03:00</news:publication_date>", "</news:publication_date>"), "is not a W3C date"),
    (GOOD.replace("sitemap-news/0.9", "sitemap-news/1.0"), "the news namespace"),
    (GOOD.replace("<news:news>", "<news:news><news:extra/>"), "url[1]/news: unexpected <extra>"),
    (GOOD.replace("    <loc>", "    <lastmod>2025-06-10</lastmod>\n    <loc>"), "url[1]: unexpected <loc>"),
    (GOOD.replace("<news:title>Story 1</news:title>", "<news:title> </news:title>"), "url[1]/news/title: empty"),
    (GOOD.replace('<?xml version="1.0" encoding="UTF-8"?>\n', ""), "does not start with"),
])
def test_the_schema_check_rejects_what_the_schema_rejects(broken, problem):
    assert news_sitemap_problems(GOOD.encode()) == []
    found = news_sitemap_problems(broken.encode())
    assert any(problem in line for line in found), found
