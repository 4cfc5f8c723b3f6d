"""`make serve`'s dev server (tools/live_server.py) in a real browser: a saved story reloads the open
page by itself; a broken one prints its errors and leaves the page and the served site as they were.

The server runs as `make serve` runs it, on a copy of the sample content and a free port; only the
copy is watched, so edits elsewhere in the project do not start builds here.
"""

from __future__ import annotations

import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pelican.settings import read_settings

from support import ROOT

STORY = Path("pt") / "preco-do-arroz-cai-pela-segunda-semana.md"
STORY_URL = "/pt/2025/03/preco-do-arroz-cai-pela-segunda-semana/"
TITLE = "Preço do arroz cai pela segunda semana nas feiras da cidade"
BUILD_SECONDS = 30  # a build takes 1-3 s; the machine may be busy with other tests


class DevServer:
    """tools/live_server.py in a subprocess, its output read line by line."""

    def __init__(self, content: Path, output: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-u", str(ROOT / "tools" / "live_server.py"), "--port", "0", "-o", str(output),
             "-s", str(ROOT / "pelicanconf.py"), "--watch", str(content), str(content)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"http://127\.0\.0\.1:\d+", self.wait_for("serving ")).group(0)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = BUILD_SECONDS) -> str:
        """The next line holding `text` (every line read on the way is kept in `seen`)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line with {text!r} in {timeout} s; the server said:\n" + "\n".join(self.seen))
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=BUILD_SECONDS)


@pytest.fixture
def dev_server(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = DevServer(content, tmp_path / "output")
    yield server, content
    if server.process.poll() is None:
        server.stop()


def retitled(text: str, title: str) -> str:
    return text.replace(f"Title: {TITLE}", f"Title: {title}", 1)


def test_a_saved_story_reloads_the_open_page_and_a_broken_one_keeps_the_last_good_site(dev_server, browser):
    server, content = dev_server
    story = content / STORY
    original = story.read_text("utf-8")
    server.wait_for("built in")
    page = browser.new_page()
    page.goto(server.url + STORY_URL)
    page.locator("html[data-live-reload=watching]").wait_for(state="attached")
    assert page.locator("h1").text_content().strip() == TITLE

    # A save: the page shows the new headline without the test navigating.
    story.write_text(retitled(original, "Arroz mais barato pela segunda semana"), "utf-8")
    page.locator("h1", has_text="Arroz mais barato pela segunda semana").wait_for(timeout=BUILD_SECONDS * 1000)
    page.locator("html[data-live-reload=watching]").wait_for(state="attached")

    # A broken save: the build's error names the file and the field; nothing is reloaded or published.
    page.evaluate("window.notReloaded = true")
    broken = retitled(original, "Título que não sai").replace("Lang: pt", "Lang: xx")
    story.write_text(broken, "utf-8")
    server.wait_for("build failed")
    assert any(STORY.name in line and "Lang" in line and "'xx'" in line for line in server.seen), server.seen
    assert server.process.poll() is None
    time.sleep(0.5)  # a reload, had one been sent, would have started by now
    assert page.evaluate("window.notReloaded === true")
    assert page.locator("h1").text_content().strip() == "Arroz mais barato pela segunda semana"
    served = (content.parent / "output" / STORY_URL.strip("/") / "index.html").read_text("utf-8")
    assert "Arroz mais barato pela segunda semana" in served and "Título que não sai" not in served

    # The fix: built, published and reloaded again.
    story.write_text(retitled(original, "Título corrigido"), "utf-8")
    page.locator("h1", has_text="Título corrigido").wait_for(timeout=BUILD_SECONDS * 1000)
    assert server.stop() == 0


def test_pages_load_the_live_reload_module_only_when_the_dev_server_asks(sample_site):
    """`make html` (and tests of the built site) and `make publish` never carry the dev module."""
    pages = list(sample_site.output.rglob("*.html"))
    assert len(pages) > 20
    assert [page for page in pages if "live-reload" in page.read_text("utf-8")] == []
    assert read_settings(str(ROOT / "pelicanconf.py"))["LIVE_RELOAD"] is False
    assert read_settings(str(ROOT / "publishconf.py"))["LIVE_RELOAD"] is False
