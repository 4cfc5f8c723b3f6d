"""A story may link to an author's page, a static page or the corrections page: the link checks know them."""

from support import write_article


def test_links_to_author_static_and_corrections_pages_are_known_to_the_link_checks(content_dir, build_site):
    write_article(content_dir, "pt", "perfil", title="Perfil", extra="\nAuthors: Ana Lima",
                  body="Leia [a autora](/pt/autor/ana-lima/), [quem somos](/pt/sobre/) e [as correções](/pt/correcoes/).")
    page = content_dir / "pages" / "pt" / "sobre.md"
    page.parent.mkdir(parents=True)
    page.write_text("Title: Sobre\nLang: pt\nSlug: sobre\n\nQuem somos.\n", encoding="utf-8")
    site = build_site(content_dir)  # a link leading nowhere would stop the build
    links = [a["href"] for a in site.html("/pt/2025/01/perfil/").select(".story__body a")]
    assert links == ["/pt/autor/ana-lima/", "/pt/sobre/", "/pt/correcoes/"]
    assert all(site.exists(link) for link in links)
