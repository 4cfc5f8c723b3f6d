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
    stories = sources("id")
    for card in sample_site.html("/id/kategori/kota/").select(".story-card"):
        summary = stories[card.h2.get_text(strip=True)][2].split()
        shown = card.select_one(".story-card__summary").get_text()
        assert shown == " ".join(summary[:30]) + ("…" if len(summary) > 30 else "")
    assert any(len(stories[t][2].split()) > 30 for t in stories)  # some lede is cut


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
