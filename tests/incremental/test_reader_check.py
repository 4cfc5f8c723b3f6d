"""Pelican walks the content folder a second time to warn of files a disabled reader would have
read; the walk is skipped when no reader is disabled, and only then (plugins/incremental)."""

from __future__ import annotations

import gc
import logging

from pelican.generators import Generator
from pelican.readers import BaseReader

from support import build, write_article


def walks_for_disabled_readers(monkeypatch) -> list:
    calls, real = [], Generator.get_files

    def get_files(self, paths, exclude=None, extensions=None):
        if extensions is not None and extensions is not False and not isinstance(extensions, (list, tuple)):
            calls.append(sorted(extensions))  # (the readers' disabled_extensions, a dict view)
        return real(self, paths, exclude, extensions)

    monkeypatch.setattr(Generator, "get_files", get_files)
    return calls


def test_without_a_disabled_reader_the_content_folder_is_not_walked_for_one(tmp_path, monkeypatch):
    write_article(tmp_path / "content", "pt", "nota", title="Nota", key="k", body="Texto.")
    walks = walks_for_disabled_readers(monkeypatch)
    site = build(tmp_path / "content", tmp_path / "out", INCREMENTAL_CACHE_PATH=str(tmp_path / "cache"))
    assert walks == [] and site.exists("/pt/")


def test_a_file_only_a_disabled_reader_reads_is_still_warned_of(tmp_path, monkeypatch, caplog):
    class NotInstalledReader(BaseReader):  # as a reader whose library is missing
        enabled = False
        file_extensions = ["xyz"]

    try:
        write_article(tmp_path / "content", "pt", "nota", title="Nota", key="k", body="Texto.")
        (tmp_path / "content" / "pt" / "notes.xyz").write_text("Title: x\n\nbody")
        walks = walks_for_disabled_readers(monkeypatch)
        with caplog.at_level(logging.WARNING):
            build(tmp_path / "content", tmp_path / "out", INCREMENTAL_CACHE_PATH=str(tmp_path / "cache"))
        assert ["xyz"] in walks
        assert any("notes.xyz" in record.getMessage() for record in caplog.records)
    finally:
        del NotInstalledReader
        gc.collect()  # (a subclass is registered with BaseReader until it is collected)
