"""A build that cannot publish says why in one line, exits non-zero and leaves the live site as it was."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

from publishing_support import (AS_NOBODY, AS_ROOT, PREFIX, assert_complete_site, error_lines, fake_site, pelican,
                                printed, snapshot, start_pelican, tiny_content, with_plugin)
from support import write_article


def assert_one_clean_error(result, *words: str) -> str:
    """Exit code 1, no traceback, exactly one error line, which names the path and the reason."""
    text = printed(result)
    assert result.returncode == 1, text
    assert "Traceback" not in text, text
    errors = error_lines(text)
    assert len(errors) == 1, text
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


@AS_ROOT
def test_a_full_disk_fails_in_one_line_and_frees_what_the_build_took(shared_dir, tmpfs):
    disk = tmpfs(shared_dir / "disk", size="512k")
    output = disk / "output"
    before = fake_site(output)
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - 64 * 1024))  # room for a few pages, not for the site
    free = shutil.disk_usage(disk).free

    result = pelican(tiny_content(shared_dir), output)

    assert_one_clean_error(result, str(output), "No space left on device")
    assert snapshot(output) == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "output"]
    assert shutil.disk_usage(disk).free == free


@AS_ROOT
def test_a_read_only_output_folder_fails_in_one_line(shared_dir, tmpfs):
    output = tmpfs(shared_dir / "output")
    before = fake_site(output)
    subprocess.run(["mount", "-o", "remount,ro", str(output)], check=True)

    result = pelican(tiny_content(shared_dir), output)

    assert_one_clean_error(result, str(output), "Read-only file system")
    assert snapshot(output) == before
    assert sorted(p.name for p in shared_dir.iterdir()) == ["content", "output"]


def test_an_output_path_that_cannot_be_created_fails_in_one_line(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    output = tmp_path / "a-file/output"

    result = pelican(tiny_content(tmp_path), output)

    assert_one_clean_error(result, str(output), "Not a directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "content"]


@AS_ROOT
def test_an_output_folder_the_builder_cannot_write_is_refused_every_time_and_left_alone(shared_dir):
    content = tiny_content(shared_dir)
    output = shared_dir / "output"
    before = fake_site(output)  # root's, mode 0755: the build runs as nobody

    for _ in range(2):
        result = pelican(content, output, user=AS_NOBODY)
        assert_one_clean_error(result, str(output), "Permission denied")
        assert snapshot(output) == before
        assert sorted(p.name for p in shared_dir.iterdir()) == ["content", "output"]


@AS_ROOT
def test_old_files_that_cannot_be_removed_are_named_and_do_not_block_the_next_build(shared_dir):
    content = tiny_content(shared_dir)
    output = shared_dir / "output"
    fake_site(output)
    locked = output / "archive/locked"
    locked.mkdir(parents=True)
    (locked / "old.html").write_text("root's page")
    # A web root shared with the builder (nobody): it may move every entry, but "locked" stays root's.
    for path in [output, *output.rglob("*")]:
        if path != locked:
            path.chmod(0o777)

    first = pelican(content, output, user=AS_NOBODY)

    error = assert_one_clean_error(first, str(output), "locked/old.html", "Permission denied")
    assert "the new site is in" in error
    leftovers = [p for p in output.iterdir() if p.name.startswith(PREFIX)]
    assert len(leftovers) == 1 and leftovers[0].stat().st_mode & 0o777 == 0o700  # a web server cannot serve it
    assert sorted(p.name for p in output.iterdir() if p not in leftovers) == [
        "404.html", "_editors", "id", "index.html", "news-sitemap.xml", "pt", "robots.txt", "search", "sitemap.xml", "theme"]
    assert "Um" in (output / "pt/2025/01/um/index.html").read_text()

    write_article(content, "pt", "dois", title="Dois")
    second = pelican(content, output, user=AS_NOBODY)

    assert second.returncode == 0, printed(second)
    assert "Traceback" not in printed(second)
    assert str(leftovers[0]) in printed(second) and "WARNING" in printed(second)
    assert (output / "pt/2025/01/dois/index.html").is_file()


def test_a_second_build_at_the_same_time_stops_at_once_and_the_first_completes(tmp_path):
    content, other_content = tiny_content(tmp_path), tiny_content(tmp_path / "other")
    output = tmp_path / "output"
    before = fake_site(output)
    signals = tmp_path / "pause"
    signals.mkdir()

    first = start_pelican(content, output, *with_plugin("pause"), env={"PAUSE_AT": str(signals)})
    try:
        wait_for(signals / "paused", first)  # the first build is in the middle: it holds the output by then
        second = pelican(other_content, output)
        assert {k: v for k, v in snapshot(output).items() if not k.startswith(PREFIX)} == before
        (signals / "go").touch()
        first_output, _ = first.communicate(timeout=120)
    finally:
        first.kill()

    assert_one_clean_error(second, "another build is publishing into", str(output))
    assert first.returncode == 0, first_output
    assert_complete_site(output)
    assert snapshot(output) != before


def wait_for(marker: Path, process: subprocess.Popen) -> None:
    """Until `marker` exists; fails with the process's output if it ends first or takes over 120 s."""
    deadline = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the build never reached {marker.name}: {process.communicate()[0]}")
        time.sleep(0.05)


def test_a_build_killed_midway_is_undone_by_the_next_one(tmp_path):
    content = tiny_content(tmp_path)
    output = tmp_path / "output"
    before = fake_site(output)

    killed_before_publishing = pelican(content, output, *with_plugin("power_cut"), env={"POWER_CUT": "written"})
    assert killed_before_publishing.returncode == -signal.SIGKILL
    assert {k: v for k, v in snapshot(output).items() if not k.startswith(PREFIX)} == before

    killed_while_publishing = pelican(content, output, *with_plugin("power_cut"), env={"POWER_CUT": "rename:3"})
    assert killed_while_publishing.returncode == -signal.SIGKILL
    assert (output / "404.html").read_text() != "previous 404"  # the swap had begun

    (content / "pt/broken.md").write_text("Date: 2025-01-03\nLang: pt\n\nNo title.\n")
    broken = pelican(content, output)
    assert broken.returncode == 1 and "Title: missing" in printed(broken)
    assert snapshot(output) == before, "the previous site is back, whole, with no leftover"

    (content / "pt/broken.md").unlink()
    fixed = pelican(content, output)
    assert fixed.returncode == 0, printed(fixed)
    assert_complete_site(output)


@AS_ROOT
def test_a_swap_that_fails_halfway_puts_the_previous_site_back(shared_dir, tmpfs):
    content = tiny_content(shared_dir)
    output = shared_dir / "output"
    fake_site(output)
    tmpfs(output / "media")  # mounted inside the web root: it cannot be moved aside
    (output / "media/photo.jpg").write_bytes(b"\xff\xd8 a photo")
    before = snapshot(output)

    refused = pelican(content, output)

    assert_one_clean_error(refused, f"{output}/media", "Device or resource busy", "previous site is back")
    assert snapshot(output) == before

    retained = pelican(content, output, "-e", 'OUTPUT_RETENTION=["media"]')

    assert retained.returncode == 0, printed(retained)
    assert (output / "media/photo.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert (output / "pt/2025/01/um/index.html").is_file() and not (output / "stale.html").exists()


def test_a_plugin_pelican_cannot_load_or_register_stops_the_build_and_names_it(tmp_path):
    output = tmp_path / "output"
    content = tiny_content(tmp_path)
    for plugin, failure in (("no_such_plugin", "load"), ("fails_to_register", "register")):
        before = fake_site(output)

        result = pelican(content, output, *with_plugin(plugin))

        text = printed(result)
        assert result.returncode == 1, text
        # (a register() that raises is a bug in that plugin: Pelican shows its traceback)
        assert failure == "register" or "Traceback" not in text, text
        assert f"ERROR    PLUGINS: Cannot {failure} plugin `{plugin}`" in text, text
        assert snapshot(output) == before  # nothing built or published without it
        shutil.rmtree(output)
