"""The objects Pelican made of unchanged story files are kept: a rebuild makes only the changed
story's again, and a story whose reading logged a warning is read (and warns) on every build."""

from __future__ import annotations

import logging
import pickle

import pytest
from pelican.contents import Article
from pelican.log import LimitFilter

from support import build, files, write_article


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The source path of every Article made from its file during a build."""
    paths: list[str] = []
    original = Article.__init__

    def counting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        paths.append(self.source_path)

    monkeypatch.setattr(Article, "__init__", counting)
    return paths


def test_a_rebuild_makes_again_only_the_story_whose_file_changed(tmp_path, made):
    content, cache = tmp_path / "content", tmp_path / "cache"
    paths = [write_article(content, lang, f"nota-{n}", title=f"Nota {n}", key=f"k{n}", tags="Lisboa",
                           body=f"Texto {n}.") for n in range(5) for lang in ("pt", "id")]
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    assert len(made) == 10
    made.clear()
    write_article(content, "pt", "nota-3", title="Nota 3", key="k3", tags="Lisboa", body="Texto 3, corrigido.")
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    assert made == [str(paths[6])]
    # the kept objects make the very site a build from the files makes
    build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(tmp_path / "live") == files(tmp_path / "full")


def test_a_correction_keeps_the_objects_kept_beside_it(tmp_path, made):
    """Kept objects are stored by shard, one stream each: after a correction, the corrected story's
    shard holds its new object and, loaded again as they were made, the others."""
    from incremental.read_cache import shard_of

    content, cache = tmp_path / "content", tmp_path / "cache"
    paths = [write_article(content, lang, f"nota-{n}", title=f"Nota {n}", key=f"k{n}", body=f"Texto {n}.")
             for n in range(20) for lang in ("pt", "id")]
    shards = [shard_of(str(path)) for path in paths]
    corrected = next(path for path, shard in zip(paths, shards) if shards.count(shard) > 1)
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    corrected.write_text(corrected.read_text("utf-8") + "\nCorrigido.\n", "utf-8")
    made.clear()
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    assert made == [str(corrected)]
    made.clear()
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    assert made == []
    build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(tmp_path / "live") == files(tmp_path / "full")


def test_a_story_whose_reading_warns_is_read_and_warns_on_every_build(tmp_path, made, caplog, monkeypatch):
    content, cache = tmp_path / "content", tmp_path / "cache"
    write_article(content, "pt", "limpa", title="Limpa")
    warned = write_article(content, "pt", "dupla", title="Dupla", extra="\nSlug: outra")
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    made.clear()
    caplog.clear()
    # Pelican says a warning once per process; each real build is a process of its own
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    with caplog.at_level(logging.WARNING):
        build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    assert made == [str(warned)]
    assert any("Duplicate definition of `slug`" in r.getMessage() and str(warned) in r.getMessage()
               for r in caplog.records)


def test_a_kept_object_that_does_not_load_is_read_from_its_file(tmp_path, made):
    """The cache keeps only the digest of a file kept as an object: when the object cannot be
    loaded, the story is read from its file again, and the site is the same."""
    content, cache = tmp_path / "content", tmp_path / "cache"
    paths = [write_article(content, lang, f"nota-{n}", title=f"Nota {n}", key=f"k{n}", body=f"Texto {n}.")
             for n in range(3) for lang in ("pt", "id")]
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    for shard in cache.rglob("reads/*.pickle"):
        entries, dates, objects, identities, stream = pickle.loads(shard.read_bytes())
        assert all(entries[path][1] is None for path in objects)  # no second copy of the story's text
        shard.write_bytes(pickle.dumps((entries, dates, objects, identities, stream[:len(stream) // 2])))
    made.clear()
    build(content, tmp_path / "live", INCREMENTAL_CACHE_PATH=str(cache))
    assert sorted(made) == sorted(map(str, paths))
    build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(tmp_path / "live") == files(tmp_path / "full")
