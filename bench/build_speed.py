"""Benchmark: this project's bilingual build against plain Pelican on the same synthetic corpus.

Both builds run as `python -m pelican` subprocesses on the same N story pairs (2N articles);
runs alternate between the two and the median wall-clock and CPU time (user + system of the whole
process tree) of each is reported. The project's build is always a full one (INCREMENTAL_BUILDS
off, its state in the bench's temporary folder): a second run would otherwise reuse pages.
Usage: python bench/build_speed.py [--pairs 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(content: Path, output: Path, settings: Path, *extra: str, env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one build; CPU counts every process of the build once it has exited."""
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "-q",
         "--delete-output-directory", *extra],
        cwd=ROOT, check=True, env=env,
    )
    return time.perf_counter() - started, children_cpu() - cpu


def summary(runs: list[float]) -> str:
    return f"{statistics.median(runs):6.2f} s ({min(runs):.2f}–{max(runs):.2f})"


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
        project_env = {**os.environ, "NEWSROOM_BUILD_CACHE": str(work / "state")}
        project_env.pop("PYTHONDONTWRITEBYTECODE", None)  # the plugins kept compiled (incremental_build.py says why)
        runs = {"project": ([], []), "plain": ([], [])}
        for _ in range(args.repeat):
            for series, value in zip(runs["project"], timed_build(
                    content, work / "out-project", ROOT / "pelicanconf.py", "-e", "INCREMENTAL_BUILDS=false",
                    env=project_env)):
                series.append(value)
            for series, value in zip(runs["plain"], timed_build(content, work / "out-plain", plain_settings)):
                series.append(value)
        print(f"corpus: {args.pairs} story pairs, {articles} articles; median (min–max) of {args.repeat} runs")
        for name, label in (("project", "project build (pt + id editions, full)"), ("plain", "plain Pelican, no plugins")):
            wall, cpu = runs[name]
            out = work / ("out-project" if name == "project" else "out-plain")
            print(f"  {label:40s} wall {summary(wall)}  CPU {summary(cpu)}  {count_files(out)} files")
        for index, what in enumerate(("wall", "CPU")):
            project, plain = runs["project"][index], runs["plain"][index]
            print(f"  ratio project / plain, {what}: {statistics.median(project) / statistics.median(plain):.2f} of medians"
                  f" (runs: {', '.join(f'{a / b:.2f}' for a, b in zip(project, plain))})  (target <= 1.00)")


if __name__ == "__main__":
    main()
