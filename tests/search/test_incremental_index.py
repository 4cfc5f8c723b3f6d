"""With incremental builds, an edition whose search documents did not change keeps its index files
as the last build wrote them, without building them again; anything else builds them."""

from __future__ import annotations

import search.generator
from support import build, files, write_article


def test_a_correction_in_one_edition_builds_that_editions_index_only(tmp_path, monkeypatch):
    content, live, cache = tmp_path / "content", tmp_path / "live", str(tmp_path / "cache")
    for n in range(4):
        write_article(content, "pt", f"pt-{n}", title=f"Chuva {n}", key=f"k{n}", body=f"A chuva número {n} alagou Belém.")
        write_article(content, "id", f"id-{n}", title=f"Hujan {n}", key=f"k{n}", body=f"Hujan nomor {n} di Jakarta.")
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
