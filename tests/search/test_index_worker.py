"""A large archive's index is built in a forked worker while the pages are written: the same files
as built in the build's own process, and a worker that fails stops the build naming the edition."""

from __future__ import annotations

import errno
import time

import pytest

import search.generator
from atomic_output import PublishFailed
from support import build, write_article


def stories(content, count: int = 6):
    for n in range(count):
        write_article(content, "pt", f"pt-{n}", title=f"Chuva número {n}", key=f"k{n}", date=f"2025-01-{n + 1:02d} 09:00",
                      body=f"A chuva de janeiro número {n} alagou bairros de Belém.")
        write_article(content, "id", f"id-{n}", title=f"Hujan nomor {n}", key=f"k{n}", date=f"2025-01-{n + 1:02d} 09:00",
                      body=f"Hujan Januari nomor {n} membanjiri kampung di Jakarta.")
    return content


def index_files(site_folder) -> dict[str, bytes]:
    return {p.relative_to(site_folder).as_posix(): p.read_bytes()
            for p in (site_folder / "search").rglob("*") if p.is_file()}


def test_the_worker_writes_the_same_index_as_the_build_itself(tmp_path, monkeypatch):
    content = stories(tmp_path / "content")
    in_process = build(content, tmp_path / "in-process", INCREMENTAL_BUILDS=False)
    forks = []
    real_init = search.generator.IndexBuilds.__init__

    def counting_init(self, *args):
        real_init(self, *args)
        forks.append(self.worker)

    monkeypatch.setattr(search.generator, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(search.generator.IndexBuilds, "__init__", counting_init)
    in_worker = build(content, tmp_path / "in-worker", INCREMENTAL_BUILDS=False)

    assert len(forks) == 1 and forks[0] is not None and forks[0].exitcode == 0
    assert index_files(in_worker.output) == index_files(in_process.output)
    assert any(name.startswith("search/id/display/") for name in index_files(in_worker.output))


def test_a_worker_that_fails_stops_the_build_and_nothing_is_published(tmp_path, monkeypatch):
    content = stories(tmp_path / "content")
    real_write = search.generator.Edition.write

    def failing_write(self):
        if self.lang == "id":
            raise ValueError("a bug while indexing the id edition")
        return real_write(self)

    monkeypatch.setattr(search.generator, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(search.generator.Edition, "write", failing_write)
    with pytest.raises(RuntimeError, match="(?s)search index of 'id'.*a bug while indexing the id edition"):
        build(content, tmp_path / "output", INCREMENTAL_BUILDS=False)
    assert not (tmp_path / "output" / "index.html").exists(), "nothing was published"


def test_a_full_disk_in_the_worker_is_one_line_naming_the_file(tmp_path, monkeypatch):
    content = stories(tmp_path / "content")
    output = tmp_path / "output"

    def full_disk(self):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / "terms" / "0.json"))

    monkeypatch.setattr(search.generator, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(search.generator.Edition, "write", full_disk)
    with pytest.raises(PublishFailed) as failure:
        build(content, output, INCREMENTAL_BUILDS=False)
    assert failure.value.message.startswith(f"build failed: {output}/search/pt/terms/0.json: No space left on device")
    assert "Traceback" not in failure.value.message


def test_the_worker_builds_every_edition_before_the_build_reads_what_it_kept(tmp_path, monkeypatch):
    """The build reads the worker's outcomes once its pages are written; a first edition keeping
    more names than a pipe holds (a rebuild keeps ~10,000 display fragments per edition) must not
    hold the worker there before it builds the next edition."""
    content = stories(tmp_path / "content")
    FAKE = ".0123456789abcdef.json"
    built = tmp_path / "built"
    built.mkdir()
    real_write, real_wait = search.generator.Edition.write, search.generator.IndexBuilds.wait

    def write_keeping_many(self):
        kept = real_write(self)
        (built / self.lang).touch()
        return kept + [f"display/{n}{FAKE}" for n in range(20_000)]  # ~700 KB pickled

    def wait_for_every_edition(self):
        deadline = time.monotonic() + 60
        while len(list(built.iterdir())) < len(self.editions) and time.monotonic() < deadline:
            time.sleep(0.05)
        waiting = sorted(p.name for p in built.iterdir())
        assert waiting == ["id", "pt"], f"the worker built only {waiting} before the build read its outcomes"
        return [[name for name in kept if not name.endswith(FAKE)] for kept in real_wait(self)]

    monkeypatch.setattr(search.generator, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(search.generator.Edition, "write", write_keeping_many)
    monkeypatch.setattr(search.generator.IndexBuilds, "wait", wait_for_every_edition)
    build(content, tmp_path / "output", INCREMENTAL_BUILDS=False)
