"""A story whose Date is after the build's "now" is published nowhere until a build runs after it;
an expired story is removed the same way. Real builds of schedule_site's newsroom."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from schedule_site import (AFTER, EMBARGOED, EMBARGOED_TRANSLATION, EMBARGOED_WORDS, EXPIRED, EXPIRED_TRANSLATION,
                           EXPIRED_WORDS, HIDDEN_SCHEDULED, HIDDEN_WORDS, OLD, build_printing, files_containing)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap_locations(site, name="sitemap.xml") -> set[str]:
    return {loc.text for loc in ET.parse(site.output / name).getroot().iter(f"{SITEMAP}loc")}


def feed_links(site, path: str) -> set[str]:
    return {link.get("href") for link in ET.parse(site.output / path).getroot().iter(f"{ATOM}link")}


def switcher(page) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}


def structured_data(page) -> dict:
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


def test_before_its_time_a_scheduled_story_is_in_no_file_of_the_build(before):
    site = before.site
    assert files_containing(site.output, EMBARGOED_WORDS) == []
    assert files_containing(site.output, HIDDEN_WORDS) == []  # a hidden story waits for its Date too
    assert not site.exists(EMBARGOED) and not site.exists(HIDDEN_SCHEDULED)
    # the rest of the site is there: the stories that are out, their listings, feeds and indexes
    assert site.exists(OLD) and site.exists(EMBARGOED_TRANSLATION)
    assert OLD in sitemap_locations(site) and OLD in feed_links(site, "pt/feeds/atom.xml")
    searchable = {row[1] for path in (site.output / "search/pt/display").iterdir()
                  for row in json.loads(path.read_text("utf-8"))}
    assert OLD.lstrip("/") in searchable


def test_before_its_time_the_translations_switcher_hreflang_and_json_ld_do_not_point_to_it(before):
    page = before.site.html(EMBARGOED_TRANSLATION)
    assert switcher(page) == {"pt": "/pt/"}  # the other edition's home, as for an untranslated story
    assert "language-switcher__fallback" in page.select_one(".language-switcher a")["class"]
    assert page.select("link[hreflang]") == []
    assert "workTranslation" not in structured_data(page)
    assert page.select(".story__translations") == []


def test_after_its_time_the_story_is_everywhere_a_story_is(after):
    site = after.site
    assert site.exists(EMBARGOED)
    assert EMBARGOED in {a["href"] for a in site.html("/pt/").select("main a")}
    month = "/pt/arquivo/" + EMBARGOED.split("/")[2] + "/" + EMBARGOED.split("/")[3] + "/"
    assert EMBARGOED in {a["href"] for a in site.html(month).select("main a")}
    assert EMBARGOED in {a["href"] for a in site.html("/pt/categoria/economia/").select("main a")}
    assert EMBARGOED in feed_links(site, "pt/feeds/atom.xml")
    assert EMBARGOED in (site.output / "pt/feeds/rss.xml").read_text("utf-8")
    assert EMBARGOED in sitemap_locations(site)
    assert EMBARGOED in sitemap_locations(site, "news-sitemap.xml")
    assert [path.name for path in (site.output / "search").rglob("*.json") if b"xilofonema" in path.read_bytes()]
    translation = site.html(EMBARGOED_TRANSLATION)
    assert switcher(translation) == {"pt": EMBARGOED}
    assert {link["hreflang"]: link["href"] for link in translation.select("link[hreflang]")} == {
        "pt": EMBARGOED, "id": EMBARGOED_TRANSLATION, "x-default": "/"}
    assert structured_data(translation)["workTranslation"] == [
        {"@type": "NewsArticle", "@id": EMBARGOED, "inLanguage": "pt"}]
    # the hidden story is still scheduled at this hour
    assert not site.exists(HIDDEN_SCHEDULED) and files_containing(site.output, HIDDEN_WORDS) == []


def test_an_expired_story_is_gone_from_every_file_and_its_url_is_not_found(before):
    site = before.site
    assert files_containing(site.output, EXPIRED_WORDS) == []
    assert not site.exists(EXPIRED)
    translation = site.html(EXPIRED_TRANSLATION)
    assert switcher(translation) == {"pt": "/pt/"}
    assert translation.select("link[hreflang]") == []


def test_with_expired_page_gone_its_url_answers_with_a_noindex_page_that_names_nothing(after):
    site = after.site
    page = site.html(EXPIRED)
    assert page.html["lang"] == "pt"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one("h1").get_text(strip=True) == "Reportagem indisponível"
    assert "9 de junho de 2025 11:00 BRT" in page.select_one("main").get_text(" ", strip=True)
    assert page.select_one("main a[href='/pt/']")
    # only its own page carries its address; its headline is nowhere
    assert files_containing(site.output, EXPIRED_WORDS) == ["pt/2025/06/quokka-expira/index.html"]
    assert files_containing(site.output, ("Quokka",)) == []
    assert EXPIRED not in sitemap_locations(site)
    assert switcher(site.html(EXPIRED_TRANSLATION)) == {"pt": "/pt/"}


def test_the_gone_page_is_in_the_editions_language(tmp_path):
    from support import write_article

    content = tmp_path / "content"
    write_article(content, "id", "kedaluwarsa", title="Kedaluwarsa", date="2025-06-01 10:00",
                  extra="\nExpires: 2025-06-02 10:00")
    site = build_printing(content, tmp_path / "output", BUILD_NOW=AFTER, EXPIRED_PAGE="gone").site
    page = site.html("/id/2025/06/kedaluwarsa/")
    assert page.html["lang"] == "id"
    assert page.select_one("h1").get_text(strip=True) == "Berita tidak lagi tersedia"
    assert "2 Juni 2025 10.00 WIB" in page.select_one("main").get_text(" ", strip=True)
