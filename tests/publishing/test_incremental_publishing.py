"""An incremental build publishes by moving only what changed: unchanged pages stay the very same
files, stale files beside them go, and a publish killed halfway is undone like a full one."""

from __future__ import annotations

import signal
from pathlib import Path

from publishing_support import PREFIX, pelican, printed, snapshot, with_plugin
from support import write_article

SUMMARY = "Summary: A summary that stays the same."


def three_stories(folder: Path) -> Path:
    content = folder / "content"
    write_article(content, "pt", "um", title="Um", key="k", extra=f"\n{SUMMARY}")
    write_article(content, "id", "satu", title="Satu", key="k", extra=f"\n{SUMMARY}")
    write_article(content, "pt", "dois", title="Dois", date="2025-01-04 09:00", extra=f"\n{SUMMARY}")
    return content


def without_clock(files: dict) -> dict:
    """All but the editors' report, which shows the time of the build."""
    return {name: value for name, value in files.items() if not name.startswith("_editors/")}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_only_changed_files_move_and_stale_ones_beside_kept_pages_go(tmp_path):
    content, output = three_stories(tmp_path), tmp_path / "output"
    assert pelican(content, output).returncode == 0
    before = inodes(output)
    (output / "id/2025/01/satu/notes.txt").write_text("left by hand beside a page the rebuild keeps")
    (content / "pt/dois.md").write_text((content / "pt/dois.md").read_text() + "\nA corrected last line.\n")

    rebuilt = pelican(content, output)

    assert rebuilt.returncode == 0, printed(rebuilt)
    after = inodes(output)
    assert "A corrected last line." in (output / "pt/2025/01/dois/index.html").read_text()
    assert after["pt/2025/01/dois/index.html"] != before["pt/2025/01/dois/index.html"]
    # the pages that do not show the body are the same files, not copies or links
    for page in ("pt/2025/01/um/index.html", "id/2025/01/satu/index.html", "pt/index.html", "id/index.html"):
        assert after[page] == before[page], page
        assert (output / page).stat().st_nlink == 1, page
    # so are the search index files of the edition that did not change
    unchanged_index = sorted(name for name in before if name.startswith("search/id/"))
    assert unchanged_index and all(after.get(name) == before[name] for name in unchanged_index), unchanged_index
    assert "id/2025/01/satu/notes.txt" not in after, "a file the new site lacks is removed, as Pelican would"
    assert not [p for p in output.iterdir() if p.name.startswith(PREFIX)]


def test_an_incremental_publish_killed_halfway_is_undone_by_the_next_build(tmp_path):
    content, output = three_stories(tmp_path), tmp_path / "output"
    assert pelican(content, output).returncode == 0
    (output / "id/2025/01/satu/notes.txt").write_text("to be removed by the publish that gets killed")
    before = snapshot(output)
    story = content / "pt/dois.md"
    story.write_text(story.read_text() + "\nA corrected last line.\n")

    killed = pelican(content, output, *with_plugin("power_cut"), env={"POWER_CUT": "rename:4"})
    assert killed.returncode == -signal.SIGKILL
    assert {k: v for k, v in snapshot(output).items() if not k.startswith(PREFIX)} != before  # the swap had begun

    broken = content / "pt/broken.md"
    broken.write_text("Date: 2025-01-05\nLang: pt\n\nNo title.\n")
    refused = pelican(content, output)
    assert refused.returncode == 1 and "Title: missing" in printed(refused)
    assert snapshot(output) == before, "the previous site is back, whole, with no leftover"

    broken.unlink()
    fixed = pelican(content, output)
    assert fixed.returncode == 0, printed(fixed)
    assert "A corrected last line." in (output / "pt/2025/01/dois/index.html").read_text()
    assert not (output / "id/2025/01/satu/notes.txt").exists()


def test_a_full_build_of_unchanged_content_moves_no_page(tmp_path):
    content, output = three_stories(tmp_path), tmp_path / "output"
    assert pelican(content, output, "-e", "INCREMENTAL_BUILDS=false").returncode == 0
    before, first = inodes(output), without_clock(snapshot(output))

    again = pelican(content, output, "-e", "INCREMENTAL_BUILDS=false")

    assert again.returncode == 0, printed(again)
    assert without_clock(snapshot(output)) == first
    # every page rendered again came out byte for byte the same: the live file stays
    pages = [name for name in before if name.endswith(".html") and not name.startswith("_editors/")]
    assert len(pages) > 15 and [name for name in pages if inodes(output)[name] != before[name]] == []
