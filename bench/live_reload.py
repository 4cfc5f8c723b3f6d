"""Benchmark: from saving a story to the open page showing the change, with `make serve`'s dev server.

tools/live_server.py serves a copy of the sample content (as `make serve` does, on a free port);
headless Chromium keeps one story open; each round retitles the story on disk and times until
the reloaded page shows the new title. Prints every round and the median.
Usage: python bench/live_reload.py [--saves 10]
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM_ARGS  # noqa: E402  (the browser as the tests start it)

VERBOSE = "--verbose" in sys.argv
STORY = Path("pt") / "preco-do-arroz-cai-pela-segunda-semana.md"
STORY_URL = "/pt/2025/03/preco-do-arroz-cai-pela-segunda-semana/"
TITLE = "Preço do arroz cai pela segunda semana nas feiras da cidade"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--verbose", action="store_true", help="print the dev server's output")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsroom-live-") as work:
        content = Path(work) / "content"
        shutil.copytree(ROOT / "content", content)
        server = subprocess.Popen(
            [sys.executable, "-u", str(ROOT / "tools" / "live_server.py"), "--port", "0", "-o", str(Path(work) / "output"),
             "-s", str(ROOT / "pelicanconf.py"), "--watch", str(content), str(content)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        serving = threading.Event()
        found: dict[str, str] = {}

        def read() -> None:
            for line in server.stdout:
                if VERBOSE:
                    print("   server:", line.rstrip(), flush=True)
                match = re.search(r"http://127\.0\.0\.1:\d+", line)
                if "serving " in line and match:
                    found["url"] = match.group(0)
                if "built in" in line and "url" in found:  # the first build is published
                    serving.set()

        threading.Thread(target=read, daemon=True).start()
        if not serving.wait(120):  # (a checkout without the sample photos: `make sample-photos`)
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            raise SystemExit("the dev server did not start (--verbose prints its output)")
        story = content / STORY
        original = story.read_text("utf-8")
        times = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(found["url"] + STORY_URL)
                page.wait_for_timeout(1000)  # the live-reload stream connected
                for n in range(args.saves):
                    title = f"{TITLE} ({n + 1})"
                    started = time.perf_counter()
                    story.write_text(original.replace(f"Title: {TITLE}", f"Title: {title}", 1), "utf-8")
                    page.wait_for_function("t => document.querySelector('h1')?.textContent.includes(t)",
                                           arg=title, timeout=60_000, polling=20)
                    times.append(time.perf_counter() - started)
                    print(f"save {n + 1}: {times[-1]:.2f} s", flush=True)
                    page.wait_for_timeout(500)
                browser.close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        print(f"save -> page reloaded, median of {len(times)}: {statistics.median(times):.2f} s"
              f" (min {min(times):.2f}, max {max(times):.2f}); target <= 2 s")


if __name__ == "__main__":
    main()
