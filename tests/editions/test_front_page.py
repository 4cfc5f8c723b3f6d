"""The front page: the newest story large, each section's newest stories in blocks, short card summaries."""

from support import ROOT, write_article


def sources(lang):
    """{title: (date, category, summary)} of content/<lang>/*.md, read from the files' own fields."""
    found = {}
    for path in (ROOT / "content" / lang).glob("*.md"):
        fields = dict(line.split(": ", 1) for line in path.read_text("utf-8").split("\n\n")[0].splitlines())
        found[fields["Title"]] = (fields["Date"], fields.get("Category"), fields.get("Summary", ""))
    return found


def test_the_front_page_leads_with_the_newest_story_then_blocks_per_section(sample_site):
    stories = sources("pt")
    newest_first = sorted(stories, key=lambda title: stories[title][0], reverse=True)
    page = sample_site.html("/pt/")
    lead = page.select(".front-lead .story-card")
    assert [card.h2.get_text(strip=True) for card in lead] == [newest_first[0]]
    assert "story-card--lead" in lead[0]["class"]
    blocks = page.select(".front-section")
    assert [b.h2.get_text(strip=True) for b in blocks] == ["Economia", "Tecnologia", "Cidades"]
    assert blocks[0].h2.a["href"] == "/pt/categoria/economia/"
    shown = [newest_first[0]]
    for block in blocks:
        titles = [card.h2.get_text(strip=True) for card in block.select(".story-card")]
        section = block.h2.get_text(strip=True)
        expected = [t for t in newest_first if stories[t][1] == section and t not in shown][:3]
        assert titles == expected and titles, section
        shown += titles
    assert sorted(shown) == sorted(stories)  # every story once: six fit on the first page


def test_cards_show_the_first_words_of_the_lede(sample_site):
    stories = {**sources("pt"), **sources("id")}  # the Indonesian section lists an untranslated pt story too
    cards = sample_site.html("/id/kategori/kota/").select(".story-card")
    assert {card.get("lang") for card in cards} == {None, "pt"}
    for card in cards:
        summary = stories[card.h2.get_text(strip=True)][2].split()
        shown = card.select_one(".story-card__summary").get_text()
        assert shown == " ".join(summary[:30]) + ("…" if len(summary) > 30 else "")
    assert any(len(stories[t][2].split()) > 30 for t in stories)  # some lede is cut


def test_a_storys_summary_is_its_standfirst_unless_it_repeats_the_first_paragraph(content_dir, build_site):
    write_article(content_dir, "pt", "linha-fina", title="Com linha fina", summary="Resumo *curto* & claro.",
                  body="Primeiro parágrafo, mais longo.")
    write_article(content_dir, "pt", "lide", title="Lide", summary="O lide inteiro.", body="O lide inteiro.\n\nSegundo.")
    write_article(content_dir, "pt", "sem-resumo", title="Sem resumo", body="Só o texto.")
    site = build_site(content_dir)
    deck = site.html("/pt/2025/01/linha-fina/").select_one(".story__header h1 + .story__deck")
    assert deck.get_text() == "Resumo curto & claro."  # as text, under the headline
    assert not site.html("/pt/2025/01/lide/").select(".story__deck")  # an imported story's lede is its Summary
    assert not site.html("/pt/2025/01/sem-resumo/").select(".story__deck")


def test_later_home_pages_are_plain_lists(content_dir, build_site):
    for n in range(12):
        write_article(content_dir, "pt", f"n{n}", title=f"Notícia {n}", date=f"2025-01-{n + 1:02d} 10:00")
    site = build_site(content_dir)
    first, second = site.html("/pt/"), site.html("/pt/page/2/")
    assert [c.h2.get_text() for c in first.select(".front-lead .story-card")] == ["Notícia 11"]
    assert [c.h2.get_text() for c in first.select(".front-section .story-card")] == [
        f"Notícia {n}" for n in range(10, 1, -1)]  # none of them is in a section
    assert second.select_one("h1").get_text() == "Últimas notícias" and not second.select(".front-lead")
    assert [c.h2.get_text() for c in second.select(".story-card")] == ["Notícia 1", "Notícia 0"]


def test_beside_the_lead_the_newest_other_stories_and_section_cards_name_no_section(sample_site):
    stories = sources("pt")
    newest_first = sorted(stories, key=lambda title: stories[title][0], reverse=True)
    page = sample_site.html("/pt/")
    top = page.select_one(".front-top")
    assert top.select_one(".front-lead .story-card--lead") is not None
    recent = top.select_one(".front-recent")
    assert recent.h2.get_text(strip=True) == "Mais recentes"
    assert [a.get_text(strip=True) for a in recent.select("li > a")] == newest_first[1:5]
    # a block's cards leave out the section the block is named for; the lead's card names it
    assert not page.select(".front-section .story-card__kicker")
    assert top.select_one(".story-card__kicker").get_text(strip=True) == stories[newest_first[0]][1]


def test_cards_show_when_and_by_whom_compactly(sample_site):
    page = sample_site.html("/pt/categoria/tecnologia/")
    meta = {card.h2.get_text(strip=True): card.select_one(".story-card__meta").get_text(" ", strip=True)
            for card in page.select(".story-card")}
    assert meta["Grok 3, da xAI, perde o prazo de 2024 e expõe os gargalos do treinamento de IA"] == \
        "3 de janeiro de 2025 00:00 · Por Beatriz Calado e Rahmat Sulistyo"
    assert not page.select(".story-card__meta a")  # names as text: the card's one link is its story
    assert not page.select(".story-card__kicker")  # a section's page names no section on its cards
    # the newsroom's own credit is left out of a card
    assert meta["Biblioteca municipal empresta sensores de qualidade do ar"] == "5 de março de 2025 14:10"
