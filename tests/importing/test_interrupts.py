"""Ctrl-C during `newsroom import`: never a traceback, and never half a batch.

A real `newsroom import` of 300 raw stories (150 translated pairs) is interrupted with SIGINT at
different moments, watched from outside (no test hook): while it loads its libraries, while
languages are detected (lingua's threads are running), as soon as its first file appears in
content/, and with a Ctrl-C every 50 ms from the moment it loads on. Every
time the exit code is 130 (or 0 when the run had already finished), nothing is printed as a
traceback, and content/ holds either nothing or the whole batch, in which every Translation_Key
is shared by exactly one Portuguese and one Indonesian article.
"""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from importer.content_store import read_content
from support import ROOT

NEWSROOM = Path(sys.executable).parent / "newsroom"
PAIRS = 150
PROC = Path("/proc")


@pytest.fixture(scope="module")
def raw_batch(tmp_path_factory) -> Path:
    """300 unlabelled raw stories under shuffled names, from the benchmark's corpus generator."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    corpus = sys.modules["bench_corpus"] = importlib.util.module_from_spec(spec)  # dataclasses look it up
    spec.loader.exec_module(corpus)
    folder = tmp_path_factory.mktemp("raw")
    corpus.write_raw(corpus.generate(PAIRS), folder)
    return folder


def started_import(raw: Path, content: Path) -> subprocess.Popen:
    return subprocess.Popen([str(NEWSROOM), "import", str(raw), "--content", str(content), "--date", "2025-01-03"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def interrupt_when(process: subprocess.Popen, ready, every: float | None = None) -> None:
    """Send SIGINT once `ready()` holds (checked every millisecond); with `every`, again and again."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGINT)
            if every is None:
                return
            time.sleep(every)
        else:
            time.sleep(0.001)


def loading(process: subprocess.Popen):
    """True once lingua's library is mapped: the program is loading its modules (Python itself has started)."""
    def ready() -> bool:
        try:
            return "lingua" in (PROC / str(process.pid) / "maps").read_text()
        except OSError:  # the process has just ended
            return False
    return ready


def detecting(process: subprocess.Popen):
    """True once the process runs more than one thread: lingua's parallel detection has started."""
    def ready() -> bool:
        try:
            return len(os.listdir(PROC / str(process.pid) / "task")) > 1
        except OSError:  # the process has just ended
            return False
    return ready


def writing(content: Path):
    """True once anything (an article or its temporary file) has appeared in content/<lang>/."""
    def ready() -> bool:
        return any(any(os.scandir(folder)) for folder in (content / "pt", content / "id") if folder.is_dir())
    return ready


def assert_whole_batch_or_nothing(content: Path, returncode: int, err: str) -> None:
    assert returncode in (0, 130), err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    scan = read_content(content)
    assert scan.unreadable == []
    assert len(scan.articles) in (0, 2 * PAIRS), f"{len(scan.articles)} articles: half a batch"
    languages = defaultdict(list)
    for article in scan.articles:
        languages[article.metadata.get("translation_key")].append(article.metadata["lang"])
    one_sided = {key: langs for key, langs in languages.items() if key and sorted(langs) != ["id", "pt"]}
    assert one_sided == {}
    if returncode == 130 and not scan.articles:
        assert "interrupted: nothing written" in err
    if returncode == 130 and scan.articles:
        assert f"interrupted: stopped after completing the batch ({2 * PAIRS} files written" in err


@pytest.mark.skipif(not (PROC / "self" / "task").is_dir(), reason="needs /proc to watch the process")
@pytest.mark.parametrize("moment", ["while loading", "while detecting", "once writing", "again and again"])
def test_ctrl_c_leaves_no_traceback_and_no_half_batch(raw_batch, tmp_path, moment):
    content = tmp_path / "content"
    process = started_import(raw_batch, content)
    if moment == "while loading":
        interrupt_when(process, loading(process))
    elif moment == "while detecting":
        interrupt_when(process, detecting(process))
    elif moment == "once writing":
        interrupt_when(process, writing(content))
    else:
        interrupt_when(process, loading(process), every=0.05)
    _, err = process.communicate(timeout=120)
    assert_whole_batch_or_nothing(content, process.returncode, err)
    if moment in ("while loading", "while detecting"):  # both come before any write
        assert process.returncode == 130
        assert not content.exists() or not any(content.rglob("*.md"))
