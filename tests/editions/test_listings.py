"""Each language is a full edition: its own home (paginated), archives, category and tag pages."""

from support import write_article

PT_TITLE = "Grok 3, da xAI, perde o prazo de 2024"
ID_TITLE = "Grok 3 dari xAI meleset dari target 2024"


def titles(page):
    return [a.get_text(strip=True) for a in page.select(".story-card__title a")]


def test_each_home_lists_the_seed_story_in_its_own_language_only(sample_site):
    pt_titles, id_titles = titles(sample_site.html("/pt/")), titles(sample_site.html("/id/"))
    assert [t for t in pt_titles if t.startswith(PT_TITLE)]
    assert [t for t in id_titles if t.startswith(ID_TITLE)]
    assert not [t for t in pt_titles if t.startswith(ID_TITLE)]
    assert not [t for t in id_titles if t.startswith(PT_TITLE)]


def make_corpus(content_dir, per_language=23):
    """Story pairs on consecutive days, plus category/tag names that differ per language."""
    for n in range(per_language):
        day = f"2025-{1 + n // 28:02d}-{1 + n % 28:02d} 08:00"
        write_article(content_dir, "pt", f"noticia-{n}", title=f"Notícia {n}", date=day, key=f"k{n}",
                      category="Economia" if n % 2 else "Política", tags="Eleições, Brasil")
        write_article(content_dir, "id", f"berita-{n}", title=f"Berita {n}", date=day, key=f"k{n}",
                      category="Ekonomi" if n % 2 else "Politik", tags="Pemilu, Brasil")


def test_home_is_paginated_per_language_newest_first_with_every_story_once(content_dir, build_site):
    make_corpus(content_dir)
    site = build_site(content_dir, DEFAULT_PAGINATION=10)
    for lang, word in (("pt", "Notícia"), ("id", "Berita")):
        pages = [site.html(f"/{lang}/"), site.html(f"/{lang}/page/2/"), site.html(f"/{lang}/page/3/")]
        assert not site.exists(f"/{lang}/page/4/")
        stream = [f"{word} {n}" for n in range(22, -1, -1)]
        # the front page holds the ten newest (lead, section blocks, then the rest) and may add a
        # section's older stories to its block; the later pages go on with the stream
        assert titles(pages[0])[0] == stream[0] and set(stream[:10]) <= set(titles(pages[0]))
        assert len(titles(pages[0])) == len(set(titles(pages[0])))
        assert titles(pages[1]) + titles(pages[2]) == stream[10:]
        assert pages[1].select_one("a[rel=prev]")["href"] == f"/{lang}/"
        assert pages[1].select_one("a[rel=next]")["href"] == f"/{lang}/page/3/"
        assert pages[2].select_one("a[rel=next]") is None


def test_category_and_tag_pages_exist_per_language_with_only_that_language(content_dir, build_site):
    make_corpus(content_dir, per_language=4)
    site = build_site(content_dir)
    assert titles(site.html("/pt/categoria/economia/")) == ["Notícia 3", "Notícia 1"]
    assert titles(site.html("/id/kategori/ekonomi/")) == ["Berita 3", "Berita 1"]
    # core Pelican makes no tag pages for a translation's tags (pelican #2361); editions do
    assert titles(site.html("/id/tag/pemilu/")) == ["Berita 3", "Berita 2", "Berita 1", "Berita 0"]
    assert titles(site.html("/pt/tag/brasil/")) == ["Notícia 3", "Notícia 2", "Notícia 1", "Notícia 0"]
    assert titles(site.html("/id/tag/brasil/")) == ["Berita 3", "Berita 2", "Berita 1", "Berita 0"]


def test_a_category_page_is_headed_by_the_sections_name_and_a_tag_page_says_it_is_a_tag(content_dir, build_site):
    write_article(content_dir, "pt", "a", title="A", category="Economia", tags="Preços")
    write_article(content_dir, "id", "b", title="B", category="Ekonomi", tags="Harga")
    site = build_site(content_dir)
    assert site.html("/pt/categoria/economia/").h1.get_text(strip=True) == "Economia"
    assert site.html("/id/kategori/ekonomi/").h1.get_text(strip=True) == "Ekonomi"
    assert site.html("/pt/tag/precos/").h1.get_text(strip=True) == "Etiqueta: Preços"
    assert site.html("/id/tag/harga/").h1.get_text(strip=True) == "Tag: Harga"


def test_the_archive_index_counts_each_months_stories_and_links_its_page(content_dir, build_site):
    make_corpus(content_dir, per_language=30)  # January and February
    site = build_site(content_dir)
    index = site.html("/pt/arquivo/")
    assert [h.get_text(strip=True) for h in index.select(".archive-month h2")] == ["2025"]
    months = [(a.get_text(strip=True), a["href"], a.find_next_sibling("span").get_text(strip=True))
              for a in index.select(".archive-index a")]
    january = sum(1 for p in (content_dir / "pt").glob("*.md") if "Date: 2025-01" in p.read_text("utf-8"))
    assert months == [("fevereiro", "/pt/arquivo/2025/02/", f"{30 - january} reportagens"),
                      ("janeiro", "/pt/arquivo/2025/01/", f"{january} reportagens")]
    assert not index.select(".archive-list a")  # the index lists no story: it stays small
    assert [a.get_text(strip=True) for a in site.html("/id/arsip/").select(".archive-index a")] == ["Februari", "Januari"]
    # each month's page lists its stories, named in the page's language
    shown = [site.html(f"/pt/arquivo/2025/0{m}/") for m in (1, 2)]
    assert [page.h1.get_text(strip=True) for page in shown] == ["janeiro de 2025", "fevereiro de 2025"]
    assert sum(len(page.select(".archive-list a")) for page in shown) == 30
    assert site.html("/id/arsip/2025/02/").h1.get_text(strip=True) == "Februari 2025"


def test_a_months_page_is_paginated_and_switches_to_the_same_month_or_the_other_archive(content_dir, build_site):
    for day in range(1, 6):
        write_article(content_dir, "pt", f"marco-{day}", title=f"Março {day}", date=f"2025-03-0{day} 09:00")
    write_article(content_dir, "pt", "abril", title="Abril", date="2025-04-01 09:00")
    write_article(content_dir, "id", "maret", title="Maret", date="2025-03-02 09:00")
    site = build_site(content_dir, ARCHIVE_PAGINATION=2, TRANSLATION_FALLBACK={})
    assert [a.get_text() for a in site.html("/pt/arquivo/2025/03/").select(".archive-list a")] == ["Março 5", "Março 4"]
    assert [a.get_text() for a in site.html("/pt/arquivo/2025/03/page/3/").select(".archive-list a")] == ["Março 1"]
    switch = lambda url: site.html(url).select_one(".language-switcher a")  # noqa: E731
    assert switch("/pt/arquivo/2025/03/")["href"] == "/id/arsip/2025/03/"
    assert switch("/pt/arquivo/2025/03/page/3/")["href"] == "/id/arsip/2025/03/"  # its only page
    assert switch("/pt/arquivo/2025/04/")["href"] == "/id/arsip/"  # no Indonesian story that month
    assert "language-switcher__fallback" not in switch("/pt/arquivo/2025/04/").get("class", [])
    versions = {link["hreflang"] for link in site.html("/pt/arquivo/2025/03/").select('link[rel="alternate"][hreflang]')}
    assert versions == {"pt", "id", "x-default"}
    assert not site.html("/pt/arquivo/2025/04/").select('link[rel="alternate"][hreflang]')


def test_an_edition_without_stories_still_has_its_pages(content_dir, build_site):
    write_article(content_dir, "pt", "so-pt", title="Só em português")
    site = build_site(content_dir, TRANSLATION_FALLBACK={})
    assert titles(site.html("/id/")) == []
    assert site.exists("/id/arsip/")
    assert site.exists("/id/feeds/atom.xml")


def test_hidden_articles_get_a_page_but_are_not_listed(content_dir, build_site):
    write_article(content_dir, "pt", "oculta", title="Oculta", extra="\nStatus: hidden")
    write_article(content_dir, "pt", "visivel", title="Visível")
    site = build_site(content_dir)
    assert site.exists("/pt/2025/01/oculta/")
    assert titles(site.html("/pt/")) == ["Visível"]
