"""Static pages per edition: content/pages/<lang>/*.md at /<prefix>/<slug>/, with versions, footer links and sitemap."""

from xml.etree import ElementTree

import pytest

from support import build
from validation.problems import BuildFailed

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def write_page(content, lang, slug, *, title, key=None, body="Texto.", extra=""):
    lines = [f"Title: {title}", f"Lang: {lang}", f"Slug: {slug}"] + ([f"Translation_Key: {key}"] if key else [])
    path = content / "pages" / lang / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + extra + "\n\n" + body + "\n", encoding="utf-8")
    return path


def test_the_sample_pages_are_written_in_both_editions_with_their_own_slugs_and_versions(sample_site):
    about_pt, about_id = sample_site.html("/pt/sobre/"), sample_site.html("/id/tentang/")
    assert about_pt.select_one("h1").get_text() == "Sobre o Diário Nusantara"
    assert about_pt.html["lang"] == "pt" and about_id.html["lang"] == "id"
    assert {link["hreflang"]: link["href"] for link in about_pt.select('link[rel="alternate"][hreflang]')} == {
        "pt": "/pt/sobre/", "id": "/id/tentang/", "x-default": "/"}
    assert [a["href"] for a in about_pt.select(".language-switcher a[hreflang]")] == ["/id/tentang/"]
    assert not about_pt.select("time")  # a page has no date


@pytest.mark.parametrize("url, links", [
    ("/pt/", [("Sobre", "/pt/sobre/"), ("Política de correções", "/pt/politica-de-correcoes/"),
              ("Contato", "/pt/contato/"), ("Privacidade", "/pt/privacidade/")]),
    ("/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/",
     [("Tentang kami", "/id/tentang/"), ("Kebijakan koreksi", "/id/kebijakan-koreksi/"),
      ("Kontak", "/id/kontak/"), ("Privasi", "/id/privasi/")]),
])
def test_every_page_links_its_editions_pages_in_the_footer_in_the_configured_order(sample_site, url, links):
    footer = sample_site.html(url).select(".site-footer .footer-pages a")
    assert [(a.get_text(), a["href"]) for a in footer] == links
    assert all(sample_site.exists(href) for _, href in links)


def test_pages_are_in_the_sitemap_with_their_alternates_and_not_in_feeds(sample_site):
    root = ElementTree.parse(sample_site.output / "sitemap.xml").getroot()
    entries = {url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
               for url in root}
    assert entries["/pt/privacidade/"] == {"pt": "/pt/privacidade/", "id": "/id/privasi/", "x-default": "/"}
    assert "/id/kontak/" in entries
    assert "sobre" not in (sample_site.output / "pt/feeds/atom.xml").read_text("utf-8")


def test_a_page_without_translation_hidden_pages_and_body_markup(content_dir, build_site):
    write_page(content_dir, "pt", "expediente", title="Expediente", body="Equipe.<script>alert(1)</script>")
    write_page(content_dir, "pt", "rascunho-oculto", title="Oculta", extra="\nStatus: hidden")
    site = build_site(content_dir, FOOTER_PAGES=["x", "y"])
    page = site.html("/pt/expediente/")
    assert not page.select("main script") and "alert" not in page.select_one("main").get_text()
    fallback = page.select_one(".language-switcher a[hreflang]")
    assert fallback["href"] == "/id/" and "language-switcher__fallback" in fallback["class"]
    assert site.exists("/pt/rascunho-oculto/")
    assert "rascunho-oculto" not in (site.output / "sitemap.xml").read_text("utf-8")
    assert not page.select(".footer-pages")  # no configured key has a page


@pytest.mark.parametrize("lines, message", [
    ("Title: Sobre\nSlug: sobre", "content/pages/pt/sobre.md: Lang: missing"),
    ("Lang: pt\nSlug: sobre", "content/pages/pt/sobre.md: Title: missing"),
    ("Title: Busca\nLang: pt\nSlug: busca", "content/pages/pt/sobre.md: Slug: its page /pt/busca/ is also a listing page"),
    ("Title: Sobre\nLang: pt\nSlug: ../../fora", "content/pages/pt/sobre.md: Slug: '../../fora' must be a single name"),
])
def test_a_page_that_cannot_be_published_stops_the_build_naming_file_and_field(content_dir, tmp_path, lines, message):
    path = content_dir / "pages" / "pt" / "sobre.md"
    path.parent.mkdir(parents=True)
    path.write_text(lines + "\n\nTexto.\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "output")
    problems = [str(p) for p in failure.value.problems]
    assert any(p.startswith(message) for p in problems), problems
    assert not any("Date" in p for p in problems), problems
