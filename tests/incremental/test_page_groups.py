"""Groups of pages kept whole: the editions' category and tag listings are kept without keying each
page while what they are made of is unchanged, and written again, exactly as a full build writes
them, when any of it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from incremental.page_keys import Keys
from support import build, files, write_article

TAGS = ("Recife", "Manaus", "Belém")
SETTINGS = {"DEFAULT_PAGINATION": 5, "TRANSLATION_FALLBACK": {}}


def pair(content: Path, n: int, *, pt_tags: str | None = None, id_tags: str | None = None, pt_body: str = "") -> None:
    """Story n in both editions, tagged with its city (and "chuva"/"hujan")."""
    city = TAGS[n % len(TAGS)]
    write_article(content, "pt", f"pt-{n:02d}", key=f"k{n:02d}", title=f"Chuva em {city} ({n})",
                  date=f"2025-01-{1 + n:02d} 09:00", category="Cidades", tags=pt_tags or f"{city}, chuva",
                  summary=f"Chuva em {city}.", body=pt_body or f"A chuva em {city} fechou {n} escolas.")
    write_article(content, "id", f"id-{n:02d}", key=f"k{n:02d}", title=f"Hujan di {city} ({n})",
                  date=f"2025-01-{1 + n:02d} 09:00", category="Kota", tags=id_tags or f"{city}, hujan",
                  summary=f"Hujan di {city}.", body=f"Hujan di {city} menutup {n} sekolah.")


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    for n in range(9):
        pair(folder, n)
    return folder


@pytest.fixture
def keyed(monkeypatch) -> list[str]:
    """The name of every page keyed one by one during a build."""
    names: list[str] = []
    original = Keys.page_key

    def page_key(self, name, *args):
        names.append(name)
        return original(self, name, *args)

    monkeypatch.setattr(Keys, "page_key", page_key)
    return names


def same_as_full_build(content: Path, live: Path, tmp_path: Path, **settings) -> None:
    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False, **settings)
    incremental, expected = files(live), files(full.output)
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if incremental[name] != expected[name]] == []


def term_pages(names) -> list[str]:
    return [name for name in names if "/tag/" in name or "/categoria/" in name or "/kategori/" in name]


def test_unchanged_term_listings_are_kept_without_keying_a_page(content, tmp_path, keyed):
    live = tmp_path / "live"
    build(content, live)
    assert len(term_pages(keyed)) >= 10  # the first build keys them one by one, as any page
    keyed.clear()
    pair(content, 4, pt_body="A chuva em Recife fechou 4 escolas e duas pontes.")  # the body only: no listing shows it
    build(content, live)
    assert "pt/2025/01/pt-04/index.html" in keyed
    assert term_pages(keyed) == []
    same_as_full_build(content, live, tmp_path)


def story_pages(names) -> list[str]:
    return [name for name in names if "/2025/01/" in name and "/arquivo/" not in name and "/arsip/" not in name]


def test_the_pages_of_unchanged_stories_are_kept_in_groups(content, tmp_path, keyed):
    """The story pages are kept in groups by source path: a correction keys its story's group only."""
    live = tmp_path / "live"
    build(content, live)
    assert len(story_pages(keyed)) == 18
    keyed.clear()
    pair(content, 4, pt_body="A chuva em Recife fechou 4 escolas e duas pontes.")
    build(content, live)
    assert "pt/2025/01/pt-04/index.html" in keyed
    assert len(story_pages(keyed)) < 6  # its group's: at 18 stories, one or two
    keyed.clear()
    build(content, live)  # the record kept the other groups' entries as loaded, and this one's anew
    assert story_pages(keyed) == term_pages(keyed) == []
    same_as_full_build(content, live, tmp_path)


def test_a_new_headline_keys_the_listings_of_its_terms_only(content, tmp_path, keyed):
    """Term listings are kept in groups by term: a story's new headline changes the groups of the
    listings that show it (its category, its tags), not the others'."""
    live = tmp_path / "live"
    build(content, live)
    keyed.clear()
    write_article(content, "pt", "pt-04", key="k04", title="Temporal em Manaus", date="2025-01-05 09:00",
                  category="Cidades", tags="Manaus, chuva", summary="Chuva em Manaus.", body="Texto.")
    build(content, live)
    assert {"pt/tag/manaus/index.html", "pt/tag/chuva/index.html"} <= set(keyed)
    assert "pt/tag/belem/index.html" not in keyed and "id/tag/belem/index.html" not in keyed
    same_as_full_build(content, live, tmp_path)


def test_a_new_tag_writes_the_listings_again(content, tmp_path, keyed):
    live = tmp_path / "live"
    build(content, live)
    keyed.clear()
    pair(content, 4, pt_tags="Recife, chuva, pontes", id_tags="Recife, hujan, jembatan")
    build(content, live)
    assert "pt/tag/pontes/index.html" in keyed and "id/tag/jembatan/index.html" in keyed
    same_as_full_build(content, live, tmp_path)


def test_a_term_listing_changed_in_the_output_is_written_again(content, tmp_path):
    live = tmp_path / "live"
    build(content, live)
    page = next(live.glob("pt/tag/recife/index.html"))
    page.write_bytes(b"defaced")
    (live / "id" / "tag" / "manaus" / "index.html").unlink()
    build(content, live)
    same_as_full_build(content, live, tmp_path)


def test_a_counterpart_listing_that_grows_moves_the_switcher(content, tmp_path):
    """Page 3 of a Portuguese tag listing switches to page 3 of its Indonesian counterpart once that
    has a third page, though no Portuguese story changed: the other edition's listings are among
    the inputs. (No edition borrows untranslated stories here: those would change both.)"""
    live = tmp_path / "live"
    for n in range(9, 12):  # 12 stories on "chuva": three pages of 5; 9 on "hujan": two
        write_article(content, "pt", f"pt-{n:02d}", title=f"Chuva {n}", date=f"2025-02-{n:02d} 09:00",
                      category="Cidades", tags="chuva", summary="Chuva.", body="Chuva.")
    build(content, live, **SETTINGS)
    assert "id/tag/hujan/page/2/" in (live / "pt" / "tag" / "chuva" / "page" / "3" / "index.html").read_text("utf-8")
    for n in range(9, 12):
        write_article(content, "id", f"id-{n:02d}", title=f"Hujan {n}", date=f"2025-02-{n:02d} 09:00",
                      category="Kota", tags="hujan", summary="Hujan.", body="Hujan.")
    build(content, live, **SETTINGS)
    assert "id/tag/hujan/page/3/" in (live / "pt" / "tag" / "chuva" / "page" / "3" / "index.html").read_text("utf-8")
    same_as_full_build(content, live, tmp_path, **SETTINGS)
