"""With incremental builds, an edition whose search documents did not change keeps its index files
as the last build wrote them, without building them again; anything else builds them."""

from __future__ import annotations

import json

import search.generator
from support import build, files, write_article


def rain_stories(content) -> None:
    """Four stories in each edition, each pair translations of each other."""
    for n in range(4):
        write_article(content, "pt", f"pt-{n}", title=f"Chuva {n}", key=f"k{n}", body=f"A chuva número {n} alagou Belém.")
        write_article(content, "id", f"id-{n}", title=f"Hujan {n}", key=f"k{n}", body=f"Hujan nomor {n} di Jakarta.")


def test_a_correction_in_one_edition_builds_that_editions_index_only(tmp_path, monkeypatch):
    content, live, cache = tmp_path / "content", tmp_path / "live", str(tmp_path / "cache")
    rain_stories(content)
    built = []
    real = search.generator.language_files
    monkeypatch.setattr(search.generator, "language_files", lambda lang, *args: built.append(lang) or real(lang, *args))

    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    assert sorted(built) == ["id", "pt"]
    built.clear()
    write_article(content, "pt", "pt-2", title="Chuva 2", key="k2", body="A chuva número 2 alagou Belém e Ananindeua.")
    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    assert built == ["pt"]
    built.clear()
    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    assert built == []

    (live / "search" / "id" / "meta.json").write_text("{}")  # changed by hand: no longer the file that build wrote
    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    assert built == ["id"]
    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(live / "search") == files(full.output / "search")


def test_a_rebuild_extracts_the_plain_text_of_the_changed_story_only(tmp_path, monkeypatch):
    content, live, cache = tmp_path / "content", tmp_path / "live", str(tmp_path / "cache")
    rain_stories(content)
    extracted = []
    real = search.generator.plain_paragraphs
    monkeypatch.setattr(search.generator, "plain_paragraphs", lambda markup: extracted.append(markup) or real(markup))

    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    assert len(extracted) == 8
    extracted.clear()
    write_article(content, "pt", "pt-2", title="Chuva 2", key="k2", body="A chuva número 2 alagou Belém e Ananindeua.")
    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    assert len(extracted) == 1 and "Ananindeua" in extracted[0]
    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(live / "search") == files(full.output / "search")
    # the same through the forked worker of a large archive, which keeps the texts itself
    monkeypatch.setattr(search.generator, "PARALLEL_MIN_DOCUMENTS", 1)
    write_article(content, "id", "id-1", title="Hujan 1", key="k1", body="Hujan nomor 1 di Jakarta dan Bogor.")
    build(content, live, INCREMENTAL_CACHE_PATH=cache)
    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(live / "search") == files(full.output / "search")


def test_a_correction_cuts_again_only_the_partitions_around_its_terms(tmp_path, monkeypatch):
    """The work of the last build (plugins/search/kept_work.py) is taken where it holds: the cuts
    between partitions are worked out again only around the changed terms, and the index is a
    fresh build's, byte for byte."""
    import search.partitions

    content, live, cache = tmp_path / "content", tmp_path / "live", str(tmp_path / "cache")
    for n in range(40):
        write_article(content, "pt", f"pt-{n}", title=f"Chuva {n}", key=f"k{n}",
                      body=f"A chuva número {n} alagou {'Belém Marabá Santarém Altamira'.split()[n % 4]} "
                           f"e os bairros {n * 7} a {n * 7 + 3}, disse a Defesa Civil de {n * 13}.")
    settings = {"INCREMENTAL_CACHE_PATH": cache, "SEARCH_PARTITION_GZIP_BYTES": 100}
    build(content, live, **settings)
    cut, real = [], search.partitions.cut_run
    monkeypatch.setattr(search.partitions, "cut_run", lambda *args: cut.append(args[1]) or real(*args))
    write_article(content, "pt", "pt-5", title="Chuva 5", key="k5",
                  body="A chuva número 5 alagou Belém e os bairros 35 a 38, disse a Defesa Civil de 65 ontem.")
    build(content, live, **settings)
    meta = json.loads((live / "search" / "pt" / "meta.json").read_text())
    runs = len(meta["partitions"]) + len(meta["words"])
    # around the new term "ontem" (its run, the one before, up to where the cuts meet the old ones), in
    # the terms and in the written words
    assert runs > 15 and 0 < len(cut) <= 6, (len(cut), runs)
    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False, SEARCH_PARTITION_GZIP_BYTES=100)
    assert files(live / "search") == files(full.output / "search")
