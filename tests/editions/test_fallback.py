"""TRANSLATION_FALLBACK: an edition's listings link to the untranslated stories of its fallback
language ("link"), or leave them out ("omit"); feeds, the sitemap and hreflang never pretend a
story exists in a language it was not written in."""

import xml.etree.ElementTree as ET

import pytest

from support import build, write_article
from validation.problems import BuildFailed

SECTIONS = [{"pt": "economia", "id": "ekonomi"}]
ONLY_PT = "/pt/2025/01/so-em-portugues/"


def newsroom(content):
    """A translated pair in each section, one story in Portuguese only, one in Indonesian only."""
    write_article(content, "pt", "mercado", title="Mercado abre cedo", date="2025-01-02 08:00", key="mercado",
                  category="Economia", tags="Porto")
    write_article(content, "id", "pasar", title="Pasar buka lebih pagi", date="2025-01-02 09:00", key="mercado",
                  category="Ekonomi", tags="Pelabuhan")
    write_article(content, "pt", "so-em-portugues", title="Preço do peixe sobe", date="2025-01-05 08:00",
                  category="Economia", tags="Porto, Pesca", summary="O quilo do peixe subiu.")
    write_article(content, "id", "hanya-indonesia", title="Sekolah buka jam sembilan", date="2025-01-04 08:00",
                  category="Ekonomi")


def cards(page):
    return {a["href"]: a.find_parent("article") for a in page.select("article.story-card h2 a")}


@pytest.fixture
def linked(content_dir, build_site):
    newsroom(content_dir)
    return build_site(content_dir, SECTIONS=SECTIONS, TRANSLATION_FALLBACK={"id": "pt"})


def test_link_mode_lists_the_untranslated_story_in_the_other_editions_listings_marked_and_linking_home(linked):
    for listing in ("/id/", "/id/kategori/ekonomi/"):
        card = cards(linked.html(listing))[ONLY_PT]
        assert card["lang"] == "pt", listing
        label = card.select_one(".story-card__language")
        assert label["lang"] == "id" and label.get_text(strip=True) == "Dalam bahasa Portugis", listing
        assert card.select_one("h2 a")["hreflang"] == "pt"
        # its Portuguese category is not an Indonesian page: no link to one
        assert not [a for a in card.select("a") if a["href"].startswith("/id/")], listing
    # the other direction has no fallback: the Indonesian-only story stays in its edition
    assert not [href for href in cards(linked.html("/pt/")) if href.startswith("/id/")]
    # the tag "Porto" has no Indonesian counterpart (no translated story, nothing declared)
    assert not linked.exists("/id/tag/porto/")


def test_a_borrowed_story_never_leads_the_front_page(linked):
    """The newest story is the Portuguese one; the Indonesian front page leads with its own, and
    its list of the newest stories names the borrowed one's language, not its Portuguese section."""
    home = linked.html("/id/")
    assert home.select_one(".story-card--lead h2 a")["href"] == "/id/2025/01/hanya-indonesia/"
    recent = {a["href"]: a for a in home.select(".front-recent a")}
    assert recent[ONLY_PT]["lang"] == "pt"
    meta = recent[ONLY_PT].find_previous_sibling("p").get_text(" ", strip=True)
    assert meta.startswith("Dalam bahasa Portugis") and "Economia" not in meta


def test_link_mode_writes_no_copy_no_hreflang_no_feed_entry_and_no_second_sitemap_url(linked):
    written = [p for p in linked.output.rglob("*.html") if "so-em-portugues" in str(p)]
    assert [str(p.relative_to(linked.output)) for p in written] == ["pt/2025/01/so-em-portugues/index.html"]
    assert not linked.html(ONLY_PT).select('link[rel="alternate"][hreflang]')
    for feed in ("id/feeds/atom.xml", "id/feeds/rss.xml"):
        text = (linked.output / feed).read_text("utf-8")
        assert "so-em-portugues" not in text and "Preço do peixe" not in text, feed
    assert "so-em-portugues" in (linked.output / "pt" / "feeds" / "atom.xml").read_text("utf-8")
    locations = [loc.text for loc in ET.parse(linked.output / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locations) == len(set(locations))
    assert [loc for loc in locations if "so-em-portugues" in loc] == [ONLY_PT]


def test_omit_mode_and_no_setting_leave_the_story_in_its_own_edition(content_dir, build_site):
    newsroom(content_dir)
    for setting in ({"id": {"language": "pt", "mode": "omit"}}, {}):
        site = build_site(content_dir, SECTIONS=SECTIONS, TRANSLATION_FALLBACK=setting)
        for listing in ("/id/", "/id/kategori/ekonomi/"):
            assert ONLY_PT not in cards(site.html(listing)), (setting, listing)
            assert not site.html(listing).select(".story-card__language")


def test_declared_term_matches_link_tags_no_translation_links_yet(content_dir, build_site, caplog):
    newsroom(content_dir)
    write_article(content_dir, "id", "ikan", title="Harga ikan naik", date="2025-01-03 08:00", tags="Perikanan")
    site = build_site(content_dir, SECTIONS=SECTIONS, TRANSLATION_FALLBACK={"id": "pt"},
                      TERM_MATCHES={"tag": [{"pt": "pesca", "id": "perikanan"}, {"pt": "porto", "id": "nelayan"}]})
    links = {a["hreflang"]: a["href"] for a in site.html("/pt/tag/pesca/").select(".language-switcher a")}
    assert links == {"id": "/id/tag/perikanan/"}
    versions = {link["hreflang"] for link in site.html("/id/tag/perikanan/").select('link[rel="alternate"][hreflang]')}
    assert versions == {"pt", "id", "x-default"}
    # the borrowed Portuguese story is listed under the Indonesian tag declared to match its own
    assert ONLY_PT in cards(site.html("/id/tag/perikanan/"))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "TERM_MATCHES" in r.getMessage()]
    assert warnings == ["TERM_MATCHES['tag'][1]['id']: no id story has the tag 'nelayan'; the match waits for one"]


def test_a_declared_match_overrules_the_one_translations_suggest(content_dir, build_site):
    newsroom(content_dir)  # the translated pair suggests pt "porto" = id "pelabuhan"
    write_article(content_dir, "id", "dermaga", title="Dermaga baru", date="2025-01-03 08:00", tags="Dermaga")
    plain = build_site(content_dir, SECTIONS=SECTIONS, TRANSLATION_FALLBACK={})
    assert plain.html("/pt/tag/porto/").select_one(".language-switcher a")["href"] == "/id/tag/pelabuhan/"
    declared = build_site(content_dir, SECTIONS=SECTIONS, TRANSLATION_FALLBACK={},
                          TERM_MATCHES={"tag": [{"pt": "porto", "id": "dermaga"}]})
    assert declared.html("/pt/tag/porto/").select_one(".language-switcher a")["href"] == "/id/tag/dermaga/"
    # one-to-one: "pelabuhan" no longer claims "porto"
    assert declared.html("/id/tag/pelabuhan/").select_one(".language-switcher a")["href"] == "/pt/"


@pytest.mark.parametrize("setting, message", [
    ({"id": "fr"}, "TRANSLATION_FALLBACK['id']: 'fr' is not one of LANGUAGES (pt, id)"),
    ({"id": "id"}, "TRANSLATION_FALLBACK['id']: an edition cannot fall back to its own language"),
    ({"id": {"language": "pt", "mode": "copy"}}, "TRANSLATION_FALLBACK['id']: mode 'copy' is not one of link, omit"),
    ({"id": ["pt"]}, "TRANSLATION_FALLBACK['id']: expected a language code or"),
])
def test_a_malformed_fallback_stops_the_build_naming_the_setting(content_dir, tmp_path, setting, message):
    newsroom(content_dir)
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "output", TRANSLATION_FALLBACK=setting)
    assert any(message in str(problem) for problem in failure.value.problems), failure.value.problems


def test_a_malformed_term_match_stops_the_build_naming_it(content_dir, tmp_path):
    newsroom(content_dir)
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "output", TERM_MATCHES={"tag": [{"pt": "porto"}]})
    assert any("TERM_MATCHES['tag'][0]: expected a dict of two or more language -> tag slug" in str(problem)
               for problem in failure.value.problems), failure.value.problems
