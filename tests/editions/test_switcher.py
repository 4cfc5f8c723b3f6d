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
        static_pages = list((ROOT / "content" / "pages" / lang).glob("*.md"))
        authors = {name.strip().lower() for f in fields for name in f.get("Authors", f.get("Author", "")).split(",")
                   if name.strip()}
        # home, archives, search, corrections; categories, tags, stories, static pages, authors
        expected += 4 + len(categories) + len(tags) + len(stories) + len(static_pages) + len(authors)
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
    note = page.select_one(".language-switcher__note").get_text(" ", strip=True)
    assert "Não disponível em Bahasa Indonesia" in note
    # a tag with no counterpart falls back the same way
    tag_link = switcher_links(site.html("/pt/tag/exclusivo/"))["id"]
    assert tag_link["href"] == "/id/" and "language-switcher__fallback" in tag_link["class"]
    # the Indonesian side explains it in Indonesian
    id_note = site.html("/id/2025/01/lain/").select_one(".language-switcher__note").get_text(" ", strip=True)
    assert "Tidak tersedia dalam Português" in id_note
