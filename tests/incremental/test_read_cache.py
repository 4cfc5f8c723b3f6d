"""The content cache: kept in shards, so a rebuild rewrites the cache files of the stories it read
again only; never read after the build key changed."""

from __future__ import annotations

from pathlib import Path

from pelican.settings import read_settings

from incremental.read_cache import SHARDS, shard_of
from incremental.state import state_folder
from support import ROOT, build, write_article


def cache_files(output: Path, cache: Path) -> dict[str, int]:
    """The content cache's files of the builds into `output`: name -> inode (rewritten: new inode)."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(output),
                                                                     "INCREMENTAL_CACHE_PATH": str(cache)})
    folder = state_folder(settings) / "reads"
    return {p.name: p.stat().st_ino for p in folder.glob("*.pickle")}


def test_a_rebuild_rewrites_only_the_cache_files_of_the_stories_it_read_again(tmp_path, capsys):
    content, output, cache = tmp_path / "content", tmp_path / "live", tmp_path / "cache"
    paths = [write_article(content, "pt", f"nota-{n}", title=f"Nota {n}", body=f"Texto {n}.") for n in range(40)]
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
