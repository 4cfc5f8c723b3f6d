"""<head> metadata: html lang, hreflang (reciprocal, with x-default), canonical, og:locale."""

from support import write_article

PT_ARTICLE = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"
ID_ARTICLE = "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"


def hreflangs(page):
    return {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}


def meta(page, prop):
    return [m["content"] for m in page.select(f'meta[property="{prop}"]')]


def test_article_head_in_both_languages(sample_site):
    for url, lang, locale, other_locale in ((PT_ARTICLE, "pt", "pt_BR", "id_ID"), (ID_ARTICLE, "id", "id_ID", "pt_BR")):
        page = sample_site.html(url)
        assert page.html["lang"] == lang
        assert hreflangs(page) == {"pt": PT_ARTICLE, "id": ID_ARTICLE, "x-default": "/"}
        assert page.select_one("link[rel=canonical]")["href"] == url
        assert meta(page, "og:locale") == [locale]
        assert meta(page, "og:locale:alternate") == [other_locale]
        assert meta(page, "og:type") == ["article"]


def test_hreflang_is_reciprocal_on_every_page(sample_site):
    checked = 0
    for path in sample_site.output.rglob("index.html"):
        url = "/" + str(path.parent.relative_to(sample_site.output)) + "/"
        url = "/" if url == "/./" else url
        links = hreflangs(sample_site.html(url))
        if not links:
            continue
        assert links["x-default"] == "/"
        assert url in links.values(), url
        for lang, href in links.items():
            if lang != "x-default":
                assert hreflangs(sample_site.html(href)) == links, (url, href)
                checked += 1
    assert checked >= 20


def test_untranslated_article_has_no_hreflang_set_and_a_self_canonical(content_dir, build_site):
    write_article(content_dir, "id", "sendiri", title="Sendiri")
    site = build_site(content_dir)
    page = site.html("/id/2025/01/sendiri/")
    assert hreflangs(page) == {}
    assert page.select_one("link[rel=canonical]")["href"] == "/id/2025/01/sendiri/"
    assert meta(page, "og:locale") == ["id_ID"]
    assert meta(page, "og:locale:alternate") == []


def test_publish_settings_make_every_head_url_absolute(content_dir, build_site):
    write_article(content_dir, "pt", "a", title="A", key="k")
    write_article(content_dir, "id", "b", title="B", key="k")
    site = build_site(content_dir, SITEURL="https://news.example.org")
    page = site.html("/pt/2025/01/a/")
    assert hreflangs(page) == {
        "pt": "https://news.example.org/pt/2025/01/a/",
        "id": "https://news.example.org/id/2025/01/b/",
        "x-default": "https://news.example.org/",
    }
    assert page.select_one("link[rel=canonical]")["href"] == "https://news.example.org/pt/2025/01/a/"
    assert meta(page, "og:url") == ["https://news.example.org/pt/2025/01/a/"]
