"""The cache: an unchanged photo is never encoded twice; a changed photo or setting is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from photo_support import draw_jpeg, photo_fields
from support import build, write_article
from validation.problems import BuildFailed


def cache_files(cache: Path) -> dict[str, tuple[int, int]]:
    """Every cached variant (entries are folders two levels down) with its modification time and inode."""
    return {str(p.relative_to(cache)): (p.stat().st_mtime_ns, p.stat().st_ino) for p in cache.glob("*/*/*")}


def entries(cache: Path) -> set[str]:
    return {p.name for p in cache.glob("*/*") if p.is_dir()}


def one_photo_site(tmp_path: Path, name: str = "harbour.jpg") -> Path:
    content = tmp_path / "content"
    draw_jpeg(content / "images" / name, seed="harbour.jpg")
    write_article(content, "pt", "porto", title="Porto", extra=photo_fields(name, "Barcos no porto"))
    return content


def test_a_second_build_uses_the_cache_and_encodes_nothing(tmp_path):
    content, cache = one_photo_site(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "first", PHOTOS_CACHE_PATH=str(cache))
    before = cache_files(cache)
    assert len(before) == 13 and len(entries(cache)) == 1  # 4 widths x AVIF, WebP, 2 JPEGs, 3 crops: one entry
    second = build(content, tmp_path / "second", PHOTOS_CACHE_PATH=str(cache))
    assert cache_files(cache) == before  # not one file written again
    published = {p.name: p for p in (second.output / "images").iterdir()}
    assert len(published) == 13
    # The output's files are the cached ones (hard links), not new encodings.
    cached_inodes = {inode for _, inode in before.values()}
    assert {p.stat().st_ino for p in published.values()} <= cached_inodes


def test_the_same_bytes_under_another_name_are_not_encoded_again(tmp_path):
    content, cache = one_photo_site(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "first", PHOTOS_CACHE_PATH=str(cache))
    before = cache_files(cache)
    os.rename(content / "images" / "harbour.jpg", content / "images" / "porto-ao-amanhecer.jpg")
    (content / "pt" / "porto.md").write_text((content / "pt" / "porto.md").read_text().replace(
        "harbour.jpg", "porto-ao-amanhecer.jpg"))
    site = build(content, tmp_path / "second", PHOTOS_CACHE_PATH=str(cache))
    assert cache_files(cache) == before
    assert all(p.name.startswith("porto-ao-amanhecer.") for p in (site.output / "images").iterdir())


def test_a_changed_photo_or_quality_setting_is_encoded_again(tmp_path):
    content, cache = one_photo_site(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "first", PHOTOS_CACHE_PATH=str(cache))
    first = entries(cache)
    build(content, tmp_path / "second", PHOTOS_CACHE_PATH=str(cache), PHOTOS_QUALITY={"webp": 70})
    assert len(entries(cache)) == 2 and first < entries(cache)
    draw_jpeg(content / "images" / "harbour.jpg", seed="another photo")
    site = build(content, tmp_path / "third", PHOTOS_CACHE_PATH=str(cache))
    assert len(entries(cache)) == 3
    names = {p.name.split(".")[1] for p in (site.output / "images").iterdir()}
    assert len(names) == 1 and not names & {key[:12] for key in first}  # new content, new names


def test_an_incomplete_cache_entry_is_made_again(tmp_path):
    content, cache = one_photo_site(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "first", PHOTOS_CACHE_PATH=str(cache))
    lost = next(cache.rglob("800.webp"))
    lost.unlink()
    site = build(content, tmp_path / "second", PHOTOS_CACHE_PATH=str(cache))
    assert lost.is_file() and len(list((site.output / "images").iterdir())) == 13


def test_an_unchanged_photo_is_not_even_read_again_and_a_touched_one_is(tmp_path):
    """The cache's source index (sources.tsv) knows each photo by size, modification time and inode."""
    content, cache = one_photo_site(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "first", PHOTOS_CACHE_PATH=str(cache))
    assert "harbour.jpg" in (cache / "sources.tsv").read_text("utf-8")
    photo = content / "images" / "harbour.jpg"
    stamp = photo.stat()
    with photo.open("r+b") as file:  # same size, same inode, same time: the index's stamp is unchanged
        file.write(b"\0" * stamp.st_size)
    os.utime(photo, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    site = build(content, tmp_path / "second", PHOTOS_CACHE_PATH=str(cache))
    assert len(list((site.output / "images").iterdir())) == 13  # built from the cache, the file unread
    os.utime(photo)  # an editor saves it: a new modification time, so it is read again
    with pytest.raises(BuildFailed) as refused:
        build(content, tmp_path / "third", PHOTOS_CACHE_PATH=str(cache))
    assert [str(p) for p in refused.value.problems] == [
        "content/pt/porto.md: Image: 'harbour.jpg': not an image file this site can publish "
        "(JPEG, PNG, WebP, AVIF, GIF or TIFF)"]
