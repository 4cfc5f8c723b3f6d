"""The language switcher sends a reader to the same page in the other language, or says it can't."""

import pytest

from support import ROOT, write_article

PT_ARTICLE = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"
ID_ARTICLE = "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"


def switcher_links(page):
    return {a["hreflang"]: a for a in page.select(".language-switcher a")}


@pytest.mark.parametrize(
    "page_url, target",
    [
        (PT_ARTICLE, ID_ARTICLE),
        (ID_ARTICLE, PT_ARTICLE),
        ("/pt/", "/id/"),
        ("/id/", "/pt/"),
        ("/pt/arquivo/", "/id/arsip/"),
        ("/id/cari/", "/pt/busca/"),
        ("/pt/categoria/tecnologia/", "/id/kategori/teknologi/"),
        ("/id/kategori/teknologi/", "/pt/categoria/tecnologia/"),
        ("/pt/tag/inteligencia-artificial/", "/id/tag/kecerdasan-buatan/"),
        ("/id/tag/xai/", "/pt/tag/xai/"),
    ],
)
def test_switcher_targets_on_every_page_kind(sample_site, page_url, target):
    page = sample_site.html(page_url)
    (link,) = switcher_links(page).values()
    assert link["href"] == target
    assert "language-switcher__fallback" not in link.get("class", [])
    assert sample_site.exists(target)


def test_every_generated_page_has_a_working_switcher(sample_site):
    pages = [p for p in sample_site.output.rglob("index.html") if p.parent != sample_site.output]
    expected = 0
    for lang in ("pt", "id"):
        stories = [path.read_text("utf-8").split("\n\n")[0] for path in (ROOT / "content" / lang).glob("*.md")]
        fields = [dict(line.split(": ", 1) for line in head.splitlines()) for head in stories]
        tags = {tag.strip().lower() for f in fields for tag in f.get("Tags", "").split(",") if tag.strip()}
        categories = {f["Category"] for f in fields if "Category" in f}
        months = {f["Date"][:7] for f in fields}
        static_pages = list((ROOT / "content" / "pages" / lang).glob("*.md"))
        authors = {name.strip().lower() for f in fields for name in f.get("Authors", f.get("Author", "")).split(",")
                   if name.strip()}
        # home, archives, search, corrections; archive months, categories, tags, stories, static pages, authors
        expected += 4 + len(months) + len(categories) + len(tags) + len(stories) + len(static_pages) + len(authors)
    assert len(pages) == expected
    for path in pages:
        url = "/" + str(path.parent.relative_to(sample_site.output)) + "/"
        links = switcher_links(sample_site.html(url))
        other = "id" if url.startswith("/pt/") else "pt"
        assert set(links) == {other}, url
        assert sample_site.exists(links[other]["href"]), url


def test_untranslated_article_falls_back_to_the_other_home_and_says_so(content_dir, build_site):
    write_article(content_dir, "pt", "so-aqui", title="Só em português", tags="Exclusivo")
    write_article(content_dir, "id", "lain", title="Berita lain", key="x")
    site = build_site(content_dir)
    page = site.html("/pt/2025/01/so-aqui/")
    link = switcher_links(page)["id"]
    assert link["href"] == "/id/"
    assert "language-switcher__fallback" in link["class"]
    # The note is for the reader who follows the link: written in the language it leads to.
    note = page.select_one(".language-switcher__note")
    assert note["lang"] == "id" and link["aria-describedby"] == note["id"]
    assert note.get_text(" ", strip=True) == ("Tidak tersedia dalam Bahasa Indonesia: tautan ini membuka "
                                              "beranda edisi tersebut.")
    # a tag with no counterpart falls back the same way
    tag_link = switcher_links(site.html("/pt/tag/exclusivo/"))["id"]
    assert tag_link["href"] == "/id/" and "language-switcher__fallback" in tag_link["class"]
    # the Indonesian page's note for Portuguese readers is in Portuguese
    id_note = site.html("/id/2025/01/lain/").select_one(".language-switcher__note")
    assert id_note["lang"] == "pt"
    assert id_note.get_text(" ", strip=True).startswith("Não disponível em Português")


def test_a_listings_later_pages_switch_to_the_same_page_number_or_the_last_one(content_dir, build_site):
    """/pt/page/2/ has a counterpart: /id/page/2/ (or the last Indonesian page when there are fewer)."""
    for n in range(1, 6):  # 5 Portuguese stories, 3 Indonesian: 3 pt pages, 2 id pages of 2
        write_article(content_dir, "pt", f"pt-{n}", title=f"Notícia {n}", date=f"2025-01-0{n} 09:00",
                      category="Economia")
    for n in range(1, 4):
        write_article(content_dir, "id", f"id-{n}", title=f"Berita {n}", date=f"2025-01-0{n} 10:00",
                      category="Ekonomi")
    site = build_site(content_dir, DEFAULT_PAGINATION=2, TRANSLATION_FALLBACK={},
                      SECTIONS=[{"pt": "economia", "id": "ekonomi"}])
    for page, target in (("/pt/page/2/", "/id/page/2/"), ("/pt/page/3/", "/id/page/2/"), ("/id/page/2/", "/pt/page/2/"),
                         ("/pt/categoria/economia/page/3/", "/id/kategori/ekonomi/page/2/")):
        link = switcher_links(site.html(page))["id" if page.startswith("/pt/") else "pt"]
        assert link["href"] == target, page
        assert "language-switcher__fallback" not in link.get("class", []), page
        assert site.exists(target)
        # a later page is no version of another (hreflang is for page 1 only)
        assert not site.html(page).select('link[rel="alternate"][hreflang]'), page
    assert {a["hreflang"] for a in site.html("/pt/").select('link[rel="alternate"][hreflang]')} == {"pt", "id", "x-default"}


def test_a_404_page_switches_to_the_other_editions_404_page(sample_site):
    for page, other, target in (("/pt/404.html", "id", "/id/404.html"), ("/id/404.html", "pt", "/pt/404.html")):
        link = switcher_links(sample_site.html(page))[other]
        assert link["href"] == target and "language-switcher__fallback" not in link.get("class", [])
        assert not sample_site.html(page).select(".language-switcher__note")
