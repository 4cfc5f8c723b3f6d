"""What a build read of each story file is kept for the next (plugins/translation_status): a file is
read again whenever it may have changed, and a damaged or unwritable record never stops a build."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pelican.settings import read_settings

from importer.translation_status import ReadingCache, load_status_settings, report_json, status_report, status_settings
from incremental.state import state_folder
from status_support import SETTINGS, newsroom, story
from support import build
from translation_status.saved_readings import FOLDER_NAME, load_readings, save_readings, shard_file, shard_of

PAGE = "_editors/translations.html"
NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
LATER = 60 * 10**9  # a run one minute after the files were written: their change times are settled


def run(content: Path, earlier: dict | None = None, started: int | None = None) -> tuple[dict, ReadingCache]:
    """The report as `newsroom status --json` prints it, and the cache it was read with."""
    cache = ReadingCache(load_status_settings(SETTINGS, content), earlier,
                         started=time.time_ns() + LATER if started is None else started)
    return report_json(status_report(cache.settings, now=NOW, cache=cache), str), cache


def uncached(content: Path) -> dict:
    return report_json(status_report(load_status_settings(SETTINGS, content), now=NOW), str)


def flagged(site) -> list[str]:
    """The editors' page's flagged rows: story and flags."""
    return [f"{row.th.get_text(strip=True)} {row.find_all('td')[-1].get_text(strip=True)}"
            for row in site.html(PAGE).select("tbody tr.flagged")]


def record_folder(output: Path) -> Path:
    """Where a build into `output` keeps its readings (the incremental state folder of the tests)."""
    folder = state_folder({"OUTPUT_PATH": str(output), "INCREMENTAL_CACHE_PATH": os.environ["NEWSROOM_BUILD_CACHE"]})
    return folder / FOLDER_NAME


@pytest.fixture
def pair(content_dir):
    story(content_dir, "pt", "original", key="k", title="Chuva forte", body="Choveu.")
    translation = story(content_dir, "id", "terjemahan", key="k", title="Hujan deras", body="Hujan.")
    assert newsroom("translated", translation, "--content", content_dir).code == 0
    story(content_dir, "pt", "sozinha", title="Sozinha")
    return content_dir


def test_an_unchanged_file_is_not_read_again_and_the_report_is_the_same(pair):
    first, cache = run(pair)
    assert cache.read == cache.parsed == 3
    again, cache = run(pair, cache.current)
    assert (cache.read, cache.parsed) == (0, 0)
    assert again == first == uncached(pair)
    assert first["summary"]["stale"] == 0


def test_an_edit_with_the_same_size_and_modification_time_is_read(pair):
    original = pair / "pt" / "original.md"
    _, cache = run(pair)
    before = original.stat()
    original.write_text(original.read_text("utf-8").replace("Choveu.", "Ventou."), "utf-8")
    os.utime(original, ns=(before.st_atime_ns, before.st_mtime_ns))  # as if in the same clock tick
    after = original.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    report, cache = run(pair, cache.current)
    assert (cache.read, cache.parsed) == (1, 1)
    assert report["summary"]["stale"] == 1 and report == uncached(pair)


def test_a_file_changed_just_before_a_run_is_read_again_by_the_next(pair):
    # a run right after a write cannot tell it from a second write in the same clock tick
    _, cache = run(pair, started=time.time_ns())
    _, cache = run(pair, cache.current, started=time.time_ns())
    assert (cache.read, cache.parsed) == (3, 0)  # read again, and found to hold the same bytes
    _, cache = run(pair, cache.current)
    _, cache = run(pair, cache.current)
    assert cache.read == 0


def test_added_deleted_and_renamed_files(pair):
    _, cache = run(pair)
    (pair / "pt" / "sozinha.md").rename(pair / "pt" / "renomeada.md")
    (pair / "id" / "terjemahan.md").unlink()
    story(pair, "id", "baru", key="n", title="Baru")
    report, cache = run(pair, cache.current)
    assert (cache.read, cache.parsed) == (2, 1)  # the renamed file's bytes were known
    assert sorted(cache.current) == ["id/baru.md", "pt/original.md", "pt/renomeada.md"]
    assert report == uncached(pair)


def test_readings_made_under_other_settings_are_not_used(pair, tmp_path):
    settings = load_status_settings(SETTINGS, pair)
    saved = tmp_path / FOLDER_NAME
    _, cache = run(pair)
    save_readings(saved, settings, cache.current)
    assert load_readings(saved, settings) == cache.current
    other = read_settings(str(SETTINGS), override={"PATH": str(pair), "TRANSLATION_KEY_FIELD": "story_key"})
    assert load_readings(saved, status_settings(other)) == {}


@pytest.mark.parametrize("damage", ["truncated", "overwritten", "empty", "a folder"])
def test_a_damaged_file_of_the_record_is_no_record_of_its_stories(pair, tmp_path, damage):
    settings = load_status_settings(SETTINGS, pair)
    folder = tmp_path / FOLDER_NAME
    _, cache = run(pair)
    save_readings(folder, settings, cache.current)
    saved = sorted(folder.iterdir())  # one file per shard holding a story (of 64)
    damaged, intact = saved[0], saved[1:]
    data = damaged.read_bytes()
    if damage == "truncated":
        damaged.write_bytes(data[:len(data) // 2])
    elif damage == "overwritten":
        damaged.write_bytes(data[:-20] + bytes(20))
    elif damage == "empty":
        damaged.write_bytes(b"")
    else:
        damaged.unlink()
        damaged.mkdir()
    lost = {name for name in cache.current if shard_file(folder, shard_of(name)) == damaged}
    assert lost and intact  # (the three stories are in three files)
    assert load_readings(folder, settings) == {name: cache.current[name] for name in cache.current.keys() - lost}


def test_a_correction_writes_again_only_the_file_that_holds_its_story(pair, tmp_path):
    settings = load_status_settings(SETTINGS, pair)
    folder = tmp_path / FOLDER_NAME
    _, cache = run(pair)
    save_readings(folder, settings, cache.current)
    written = {path.name: path.stat().st_ino for path in folder.iterdir()}
    original = pair / "pt" / "original.md"
    original.write_text(original.read_text("utf-8").replace("Choveu.", "Ventou."), "utf-8")
    earlier = load_readings(folder, settings)
    _, cache = run(pair, earlier)
    assert cache.read == 1
    save_readings(folder, settings, cache.current, earlier)
    rewritten = [name for name, inode in written.items() if (folder / name).stat().st_ino != inode]
    assert len(written) > 1 and len(rewritten) == 1
    assert load_readings(folder, settings) == cache.current


def test_builds_go_on_over_a_damaged_or_unwritable_record(pair, tmp_path, caplog):
    output = tmp_path / "out"
    assert flagged(build(pair, output)) == ["pt/sozinha.md missing"]
    saved = record_folder(output)
    for file in saved.iterdir():
        file.write_bytes(file.read_bytes()[:100])
    story(pair, "pt", "original", key="k", title="Chuva forte", body="Choveu muito.")  # its translation goes stale
    site = build(pair, output)
    assert flagged(site) == ["pt/sozinha.md missing", "k stale"]
    page = (site.output / PAGE).read_bytes()
    shutil.rmtree(saved)
    saved.write_bytes(b"")  # the record cannot be written where it goes
    caplog.clear()
    assert (build(pair, output).output / PAGE).read_bytes() == page
    assert any("could not keep what was read" in r.getMessage() and str(saved) in r.getMessage()
               for r in caplog.records if r.levelname == "WARNING")


def test_without_incremental_builds_nothing_is_kept(pair, tmp_path):
    output = tmp_path / "out"
    assert build(pair, output, INCREMENTAL_BUILDS=False).exists("/" + PAGE)
    assert not record_folder(output).exists()


def test_a_failed_background_reading_is_read_again_in_the_build(pair, tmp_path, monkeypatch):
    """The report is read in a forked process while Pelican reads the stories; when that process
    fails, the build reads it itself and publishes the same page."""
    import validation.background

    expected = (build(pair, tmp_path / "a").output / PAGE).read_bytes()
    started = []

    def failing(work):
        started.append(work)

        def result():
            raise RuntimeError("the check's process stopped (exit code -9)")
        return result

    monkeypatch.setattr(validation.background, "in_background", failing)
    assert (build(pair, tmp_path / "b").output / PAGE).read_bytes() == expected
    assert started  # the build did start a reading in the background


def test_a_bad_status_setting_stops_the_build_naming_it(pair, tmp_path, caplog):
    """The settings are read when the generator is made; their error is reported with the build's
    other problems, and nothing is published."""
    output = tmp_path / "out"
    with pytest.raises(SystemExit):
        build(pair, output, TRANSLATION_MISSING_AFTER="soon")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("TRANSLATION_MISSING_AFTER" in message for message in errors)
    assert not (output / PAGE).exists()
