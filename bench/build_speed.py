"""Benchmark: this project's bilingual build against plain Pelican on the same synthetic corpus.

Both builds run as `python -m pelican` subprocesses on the same N story pairs (2N articles);
runs alternate between the two and the median wall-clock time of each is reported.
Usage: python bench/build_speed.py [--pairs 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus

ROOT = Path(__file__).resolve().parents[1]

PLAIN_SETTINGS = """\
SITENAME = "Plain Pelican"
TIMEZONE = "UTC"
DEFAULT_LANG = "pt"
DEFAULT_PAGINATION = 10
PLUGINS = []
"""


def timed_build(content: Path, output: Path, settings: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "-q",
         "--delete-output-directory"],
        cwd=ROOT, check=True,
    )
    return time.perf_counter() - started


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as work:
        work = Path(work)
        content = work / "content"
        articles = corpus.write_markdown(corpus.generate(args.pairs), content)
        plain_settings = work / "plainconf.py"
        plain_settings.write_text(PLAIN_SETTINGS, encoding="utf-8")
        runs = {"project": [], "plain": []}
        for _ in range(args.repeat):
            runs["project"].append(timed_build(content, work / "out-project", ROOT / "pelicanconf.py"))
            runs["plain"].append(timed_build(content, work / "out-plain", plain_settings))
        project, plain = statistics.median(runs["project"]), statistics.median(runs["plain"])
        print(f"corpus: {args.pairs} story pairs, {articles} articles; median (min) of {args.repeat} runs")
        print(f"  project build (pt + id editions, one run): {project:6.2f} s ({min(runs['project']):.2f})  "
              f"{count_files(work / 'out-project')} files; runs {', '.join(f'{t:.2f}' for t in runs['project'])}")
        print(f"  plain Pelican, no plugins:                 {plain:6.2f} s ({min(runs['plain']):.2f})  "
              f"{count_files(work / 'out-plain')} files; runs {', '.join(f'{t:.2f}' for t in runs['plain'])}")
        print(f"  ratio project / plain: {project / plain:.2f} of medians, "
              f"{min(runs['project']) / min(runs['plain']):.2f} of minimums  (target <= 1.30)")


if __name__ == "__main__":
    main()
