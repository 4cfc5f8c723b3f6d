"""Publishing an incremental build on a real folder: the moves around kept files, and their undo
after a failure or a kill at every single rename."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest

from atomic_output import publication as publishing
from atomic_output.publication import Publication, PublishFailed, changes, clear_leftovers, swap, work_folder, write_manifest
from atomic_output.seen_before import SeenBefore, changed_since
from publishing_support import PREFIX, snapshot

LIVE = {"index.html": "old home", "pt/index.html": "old pt", "pt/a/index.html": "kept page",
        "pt/a/notes.txt": "stale beside a kept page", "pt/b/index.html": "old b", "pt/stale/index.html": "stale",
        "search/x.json": "old index", "CNAME": "news.example"}
NEW = {"index.html": "new home", "pt/index.html": "new pt", "pt/b/index.html": "new b", "pt/c/index.html": "new c",
       "search/y.json": "new index"}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def prepared(tmp_path: Path) -> Publication:
    target = tmp_path / "output"
    write(target, LIVE)
    built = Publication(target, work_folder(target), {"CNAME"}.__contains__)
    write(built.site, NEW)
    built.keep_live("pt/a/index.html")
    return built


def published(target: Path) -> dict[str, str]:
    return {name: value.decode() for name, value in snapshot(target).items()
            if isinstance(value, bytes) and not name.startswith(PREFIX)}


def test_only_the_entries_around_kept_files_move(tmp_path):
    built = prepared(tmp_path)
    kept_inode = (built.target / "pt/a/index.html").stat().st_ino

    moves = changes(built)
    built.publish()

    # folders without kept files are swapped whole; the folders holding them are walked
    assert moves.placed == ["index.html", "pt/b", "pt/c", "pt/index.html", "search"]
    assert moves.removed == ["pt/a/notes.txt", "pt/stale"]
    assert published(built.target) == {**NEW, "pt/a/index.html": "kept page", "CNAME": "news.example"}
    assert (built.target / "pt/a/index.html").stat().st_ino == kept_inode
    assert not built.work.exists()


def test_a_check_still_running_is_waited_for_and_its_failure_publishes_nothing(tmp_path):
    built = prepared(tmp_path)
    before = published(built.target)
    answers = []

    def passing():
        answers.append("passed")

    def failing():
        answers.append("failed")
        raise SystemExit(1)  # as plugins/validation's BuildFailed

    built.before_swap(passing)
    built.before_swap(failing)
    with pytest.raises(SystemExit):
        built.publish()
    assert answers == ["passed", "failed"]
    assert published(built.target) == before and not built.work.exists()


def test_the_folders_of_kept_files_are_every_folder_above_them():
    files = {"pt/a/index.html", "pt/a/b/index.html", "pt/x.html", "top.html", "id/2025/01/s/index.html",
             "id/2025/02/t/index.html"}
    assert publishing.folders_of(files) == {"pt", "pt/a", "pt/a/b", "id", "id/2025", "id/2025/01",
                                            "id/2025/01/s", "id/2025/02", "id/2025/02/t"}


def rename_count(tmp_path: Path) -> int:
    """Two renames for an entry that replaces a live one, one for a new entry or a removed one."""
    built = prepared(tmp_path / "count")
    moves = changes(built)
    return sum(2 if (built.target / path).exists() else 1 for path in moves.placed) + len(moves.removed)


@pytest.fixture
def failing_rename(monkeypatch):
    """os.rename fails (or, `killed`, stops the process's work) at its n-th call."""
    real = os.rename

    def arm(n: int, error: BaseException):
        calls = []

        def rename(*args):
            calls.append(args)
            if len(calls) == n:
                raise error
            return real(*args)

        monkeypatch.setattr(publishing.os, "rename", rename)
        return lambda: monkeypatch.setattr(publishing.os, "rename", real)

    return arm


def test_a_failure_at_any_rename_puts_the_previous_site_back(tmp_path, failing_rename):
    total = rename_count(tmp_path)
    for n in range(1, total + 1):
        built = prepared(tmp_path / str(n))
        before = {k: v for k, v in snapshot(built.target).items() if not k.startswith(PREFIX)}
        disarm = failing_rename(n, OSError(errno.EIO, "Input/output error"))
        with pytest.raises(PublishFailed):
            built.publish()
        disarm()
        assert snapshot(built.target) == before, f"rename {n} of {total}"


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs in this build."""


def test_a_publish_killed_at_any_rename_is_undone_by_the_next_build(tmp_path, failing_rename):
    total = rename_count(tmp_path)
    for n in range(1, total + 1):
        built = prepared(tmp_path / str(n))
        before = {k: v for k, v in snapshot(built.target).items() if not k.startswith(PREFIX)}
        moves = changes(built)
        write_manifest(built.work, moves)
        disarm = failing_rename(n, Killed())
        with pytest.raises(Killed):
            swap(built, moves)  # no undo: the process is gone
        disarm()

        clear_leftovers(built.target)

        assert snapshot(built.target) == before, f"rename {n} of {total}"


def published_again(target: Path, listings: Path, kept: list[str]) -> Publication:
    built = Publication(target, work_folder(target), {"CNAME"}.__contains__, listings=listings)
    write(built.site, NEW)
    for page in kept:
        built.keep_live(page)
    return built


KEPT = ["pt/a/index.html", "pt/d/index.html", "pt/e/index.html"]
KEPT_PUBLISHED = {**NEW, "pt/a/index.html": "kept page", "pt/d/index.html": "kept d", "pt/e/index.html": "kept e",
                  "CNAME": "news.example"}


def published_then_changed_by_hand(tmp_path: Path) -> tuple[Path, Path]:
    """A site published with its listings kept, then a file added by hand to pt/d: (output, listings)."""
    target, listings = tmp_path / "output", tmp_path / "state" / "live-folders.pickle"
    listings.parent.mkdir()
    write(target, {**LIVE, "pt/d/index.html": "kept d", "pt/e/index.html": "kept e"})
    published_again(target, listings, KEPT).publish()
    time.sleep(0.05)  # past the tick of the clock that dates folder changes
    (target / "pt/d/added-by-hand.txt").write_text("after the last publish")
    return target, listings


def test_a_live_folder_unchanged_since_the_last_publish_is_not_listed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(SeenBefore, "RACY_SECONDS", 0)
    target, listings = published_then_changed_by_hand(tmp_path)
    built = published_again(target, listings, KEPT)
    listed_now = []
    real = publishing.entries
    monkeypatch.setattr(publishing, "entries", lambda folder: listed_now.append(folder) or real(folder))

    moves = changes(built)

    assert moves.removed == ["pt/d/added-by-hand.txt"]
    assert str(target / "pt/d") in listed_now and str(target / "pt/e") not in listed_now
    built.publish()
    assert published(target) == KEPT_PUBLISHED


def test_live_folders_compared_at_the_builds_start_are_taken_as_listed_without_a_status_call(tmp_path, monkeypatch):
    # plugins/incremental compares them in a forked process as the build starts (changed_since)
    monkeypatch.setattr(SeenBefore, "RACY_SECONDS", 0)
    target, listings = published_then_changed_by_hand(tmp_path)
    changed = set(changed_since(listings, str(target), always=frozenset({""})))
    assert {"", "pt/d"} <= changed and "pt/e" not in changed
    built = published_again(target, listings, KEPT)
    built.changed_folders = changed
    looked_at, real = [], os.stat
    with monkeypatch.context() as patched:
        patched.setattr(os, "stat", lambda path, **options: looked_at.append(str(path)) or real(path, **options))
        moves = changes(built)
    assert moves.removed == ["pt/d/added-by-hand.txt"]
    assert str(target / "pt/d") in looked_at and str(target / "pt/e") not in looked_at
    built.publish()
    assert published(target) == KEPT_PUBLISHED


def test_a_folder_changed_just_before_it_was_listed_is_listed_again(tmp_path, monkeypatch):
    target, listings = tmp_path / "output", tmp_path / "state" / "live-folders.pickle"
    listings.parent.mkdir()
    write(target, {**LIVE, "pt/e/index.html": "kept e"})
    kept = ["pt/a/index.html", "pt/e/index.html"]
    published_again(target, listings, kept).publish()  # pt/e was written a moment ago: not kept
    built = published_again(target, listings, kept)
    listed_now = []
    real = publishing.entries
    monkeypatch.setattr(publishing, "entries", lambda folder: listed_now.append(folder) or real(folder))
    changes(built)
    assert str(target / "pt/e") in listed_now


def test_a_publish_interrupted_under_an_earlier_version_is_undone_from_its_own_layout(tmp_path):
    """Earlier versions moved each live entry aside to old/<its own path>, and their manifest does
    not say "aside": the next build puts the previous site back from there."""
    built = prepared(tmp_path)
    before = {k: v for k, v in snapshot(built.target).items() if not k.startswith(PREFIX)}
    moves = changes(built)
    (built.work / "publishing.json").write_text(json.dumps({"placed": moves.placed, "removed": moves.removed}))
    first, second = moves.placed[:2]  # the earlier swap, killed after its first two entries
    for path in (first, second):
        aside = built.old / path
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.rename(built.target / path, aside)
    os.rename(built.site / first, built.target / first)

    clear_leftovers(built.target)

    assert snapshot(built.target) == before
