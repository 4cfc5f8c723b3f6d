"""Listing pages drawn again take the cards of their stories as the last builds drew them
(plugins/incremental/kept_cards.py), and come out as a full build draws them."""

from __future__ import annotations

import pytest

from incremental.kept_cards import KeptCards
from support import build
from test_incremental_builds import newsroom, rebuild, story  # noqa: F401 (newsroom: a fixture)


@pytest.fixture
def drawn(monkeypatch) -> list[int]:
    """The number of cards each incremental build drew (the others it took as kept)."""
    counts, real = [], KeptCards.save

    def save(cards, current):
        counts.append(cards.drawn)
        real(cards, current)

    monkeypatch.setattr(KeptCards, "save", save)
    return counts


def test_a_new_story_draws_only_its_own_cards(newsroom, tmp_path, drawn):
    def add(content):
        story(content, 40)
        story(content, 40, lang="id")

    kept, rendered = rebuild(newsroom, tmp_path, add)  # (byte for byte a full build's pages)
    # later home pages shift by one story: drawn again, of cards the last build drew
    assert {"pt/page/2/index.html", "pt/page/3/index.html", "id/page/3/index.html"} <= set(rendered)
    first, second = drawn
    assert first > 51  # every story's cards, in each variant its listings show
    # the new pair's cards only, in the variants its listings show (home pages, section, tags)
    assert 0 < second <= 8, second


def test_a_changed_headline_draws_that_storys_cards_again(newsroom, tmp_path, drawn):
    kept, rendered = rebuild(newsroom, tmp_path, lambda content: story(content, 5, title="Temporal em Palmas"))
    assert "pt/tag/palmas/index.html" in rendered
    assert 0 < drawn[1] <= 8, drawn


def test_cards_kept_under_another_build_key_are_not_taken(newsroom, tmp_path, drawn):
    live = tmp_path / "live"
    build(newsroom, live)
    build(newsroom, live, CARD_SUMMARY_WORDS=12)  # a setting the cards show: a full build
    assert drawn[1] == drawn[0]
    page = (live / "pt" / "index.html").read_text()
    words = page.split('<p class="story-card__summary">')[1].split("</p>")[0].split()
    assert len(words) <= 13, words  # (12 words and an ellipsis)
