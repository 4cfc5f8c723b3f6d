from types import SimpleNamespace

from support import write_article
from translations import link_translations


def article(path, lang, key=None):
    return SimpleNamespace(source_path=path, lang=lang, translation_key=key)


def test_articles_sharing_a_key_link_to_each_other_in_language_order():
    pt, id_, en = article("a.md", "pt", "k"), article("b.md", "id", "k"), article("c.md", "en", "k")
    other = article("d.md", "pt", "other")
    problems = link_translations([en, id_, pt, other], "translation_key", ["pt", "id", "en"])
    assert problems == []
    assert pt.translations == [id_, en]
    assert id_.translations == [pt, en]
    assert en.translations == [pt, id_]
    assert other.translations == []


def test_articles_without_key_stay_untranslated():
    a, b = article("a.md", "pt"), article("b.md", "id", "  ")
    link_translations([a, b], "translation_key", ["pt", "id"])
    assert a.translations == [] and b.translations == []


def test_two_articles_with_same_key_and_language_are_reported_and_not_both_linked():
    first, second = article("a.md", "pt", "k"), article("z.md", "pt", "k")
    partner = article("b.md", "id", "k")
    problems = link_translations([second, partner, first], "translation_key", ["pt", "id"])
    assert len(problems) == 1
    assert "z.md" in problems[0] and "a.md" in problems[0] and "'k'" in problems[0]
    assert partner.translations == [first]
    assert second.translations == []


def test_built_pages_link_translations_through_the_key_not_the_slug(content_dir, build_site):
    write_article(content_dir, "pt", "eleicoes", title="Eleições", key="2025-vote")
    write_article(content_dir, "id", "pemilu", title="Pemilu", key="2025-vote")
    write_article(content_dir, "id", "eleicoes", title="Same slug, other story")
    site = build_site(content_dir)
    pt_page = site.html("/pt/2025/01/eleicoes/")
    link = pt_page.select_one(".language-switcher a[hreflang=id]")
    assert link["href"] == "/id/2025/01/pemilu/"
    back = site.html("/id/2025/01/pemilu/").select_one(".language-switcher a[hreflang=pt]")
    assert back["href"] == "/pt/2025/01/eleicoes/"
