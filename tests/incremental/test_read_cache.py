"""The content cache: kept in shards, so a rebuild rewrites the cache files of the stories it read
again only; never read after the build key changed."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from pelican.settings import read_settings

from incremental.read_cache import RACY_SECONDS, SHARDS, shard_of
from incremental.state import state_folder
from support import ROOT, build, files, write_article


def cache_files(output: Path, cache: Path) -> dict[str, int]:
    """The content cache's files of the builds into `output`: name -> inode (rewritten: new inode)."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(output),
                                                                     "INCREMENTAL_CACHE_PATH": str(cache)})
    folder = state_folder(settings) / "reads"
    return {p.name: p.stat().st_ino for p in folder.glob("*.pickle")}


def test_a_rebuild_rewrites_only_the_cache_files_of_the_stories_it_read_again(tmp_path, capsys):
    content, output, cache = tmp_path / "content", tmp_path / "live", tmp_path / "cache"
    paths = [write_article(content, "pt", f"nota-{n}", title=f"Nota {n}", body=f"Texto {n}.") for n in range(40)]
    time.sleep(RACY_SECONDS + 0.1)  # old enough to be told unchanged by their status from the first build on
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache))
    first = cache_files(output, cache)
    assert 10 < len(first) <= SHARDS  # the stories spread over shards
    write_article(content, "pt", "nota-7", title="Nota 7", body="Texto 7, corrigido.")
    capsys.readouterr()
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache))
    assert "1 of 40 story files read" in capsys.readouterr().out
    now = cache_files(output, cache)
    rewritten = sorted(name for name in now if now[name] != first.get(name))
    assert rewritten == [f"{shard_of(str(paths[7])):02d}.pickle"]


def test_a_story_cached_under_other_settings_is_read_again(tmp_path, capsys):
    """A story deleted under new settings and written back with the same bytes is not taken from
    a cache file the new settings' first build had no reason to rewrite."""
    content, output, cache = tmp_path / "content", tmp_path / "live", tmp_path / "cache"
    for n in range(3):
        write_article(content, "pt", f"nota-{n}", title=f"Nota {n}", body=f"Texto {n}.")
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache))
    removed = content / "pt" / "nota-1.md"
    text = removed.read_bytes()
    removed.unlink()
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache), SITENAME="Outro nome")  # a new build key
    removed.write_bytes(text)
    capsys.readouterr()
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache), SITENAME="Outro nome")
    assert "1 of 3 story files read" in capsys.readouterr().out


def kept_statuses(output: Path, cache: Path) -> dict[str, tuple]:
    """The file status the content cache keeps for each story (read_cache.source_identity)."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(output),
                                                                     "INCREMENTAL_CACHE_PATH": str(cache)})
    statuses = {}
    for shard in (state_folder(settings) / "reads").glob("*.pickle"):
        statuses.update(pickle.loads(shard.read_bytes())[3])
    return statuses


def test_a_story_rewritten_with_its_size_and_modification_time_is_read_again(tmp_path):
    """An unchanged file is told by its status, not its bytes; a file written over with bytes of
    the same length and its modification time set back still has a new change time."""
    content, output, cache = tmp_path / "content", tmp_path / "live", tmp_path / "cache"
    story = write_article(content, "pt", "nota", title="Nota", key="k", body="Texto antigo.")
    write_article(content, "id", "catatan", title="Catatan", key="k", body="Teks.")
    time.sleep(RACY_SECONDS + 0.1)
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache))
    assert str(story) in kept_statuses(output, cache)
    before = story.stat()
    story.write_text(story.read_text("utf-8").replace("Texto antigo.", "Texto mudado."), "utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (story.stat().st_size, story.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache))
    assert "Texto mudado." in (output / "pt" / "2025" / "01" / "nota" / "index.html").read_text("utf-8")
    build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert files(output) == files(tmp_path / "full")


def test_a_story_changed_just_before_its_reading_is_hashed_again_next_time(tmp_path):
    """File times have a resolution of milliseconds: a file changed less than RACY_SECONDS before
    the build read it keeps no status, so a second write within that resolution is still seen."""
    content, output, cache = tmp_path / "content", tmp_path / "live", tmp_path / "cache"
    old = write_article(content, "pt", "velha", title="Velha", body="Texto.")
    time.sleep(RACY_SECONDS + 0.1)
    new = write_article(content, "pt", "nova", title="Nova", body="Texto.")
    build(content, output, INCREMENTAL_CACHE_PATH=str(cache))
    statuses = kept_statuses(output, cache)
    assert str(old) in statuses and str(new) not in statuses
