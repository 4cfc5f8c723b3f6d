"""Benchmark: rebuilds after one change (plugins/incremental) against the full build and plain Pelican.

On N story pairs of the realistic corpus (bench/corpus.py), each step a `python -m pelican` process:
1. plain Pelican, no plugins, full build; 2. the project's full build (no earlier build);
3. a rebuild with nothing changed; 4. after correcting one story's body (a sentence added to its
last paragraph); 5. after adding one new story pair, the newest. Steps 1–5 repeat --repeat times
(each round from a full build); medians are reported, wall and CPU (user + system of the build
and every process it started), with the peak memory of the whole process tree (proportional set size, sampled).
Usage: python bench/incremental_build.py [--pairs 1000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import corpus
from build_speed import PLAIN_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("plain", "full", "unchanged", "edit", "add")


def tree_memory(root: int) -> int:
    """Proportional set size (bytes) of a process and all its descendants (Linux /proc): pages the
    search's forked workers share with the build count once, not once per process as RSS would."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, changed = {root}, True
    while changed:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        changed = bool(found)
        tree |= found
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                total += next(int(line.split()[1]) * 1024 for line in rollup if line.startswith(b"Pss:"))
        except (OSError, IndexError, ValueError, StopIteration):
            continue
    return total


def timed(command: list[str], env: dict) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB of the whole process tree (PSS), sampled every 0.2 s) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak / 2**20


def pelican(content: Path, output: Path, settings: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "-q", *extra]


def correct_one_story(content: Path) -> Path:
    """A correction deep in the archive: one sentence more at the end of a story's body."""
    stories = sorted((content / "pt").glob("*.md"))
    story = stories[len(stories) // 2]
    story.write_text(story.read_text("utf-8").rstrip("\n") + " (Corrigido: o número de escolas era outro.)\n", "utf-8")
    return story


def add_one_story(content: Path) -> None:
    """A new pair, published after every other story: a copy of the newest under a new slug and key."""
    for lang in ("pt", "id"):
        newest = max((content / lang).glob("*.md"), key=lambda p: p.read_text("utf-8").split("\nDate: ")[1][:16])
        lines = newest.read_text("utf-8").split("\n")
        for n, line in enumerate(lines):
            if line.startswith("Date: "):  # a minute after the newest story
                lines[n] = f"Date: {datetime.strptime(line[6:22], '%Y-%m-%d %H:%M') + timedelta(minutes=1):%Y-%m-%d %H:%M}"
            elif line.startswith("Slug: "):
                lines[n] = f"Slug: {line[6:]}-new"
            elif line.startswith("Translation_Key: "):
                lines[n] = "Translation_Key: bench-new-story"
            elif line.startswith("Title: "):
                lines[n] = f"{line} (new)"
        (newest.parent / f"{newest.stem}-new.md").write_text("\n".join(lines), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS),
                        help="run only these steps (plain Pelican never finishes at 50,000 pairs: --steps full)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsroom-incremental-") as work:
        work = Path(work)
        source = work / "corpus"
        articles = corpus.write_markdown(corpus.generate(args.pairs), source)
        plain_settings = work / "plainconf.py"
        plain_settings.write_text(PLAIN_SETTINGS, encoding="utf-8")
        runs: dict[str, list[tuple[float, float, float]]] = {step: [] for step in STEPS}
        for round_ in range(args.repeat):
            content, output, state = work / "content", work / "out", work / "state"
            for folder in (content, output, state):
                shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(source, content)
            env = {**os.environ, "NEWSROOM_BUILD_CACHE": str(state)}
            # Python keeps the project's plugins compiled (__pycache__), as on any machine that runs
            # them; a shell that forbids it (PYTHONDONTWRITEBYTECODE, set in some sandboxes) would have
            # every build compile them again (~0.3 s). Plain Pelican's own modules were compiled when
            # pip installed them.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            project = pelican(content, output, ROOT / "pelicanconf.py")
            changes = {"plain": None, "full": None, "unchanged": None, "edit": correct_one_story, "add": add_one_story}
            for step in args.steps:
                if changes[step]:
                    changes[step](content)
                command = (pelican(content, work / "out-plain", plain_settings, "--delete-output-directory")
                           if step == "plain" else project)
                runs[step].append(timed(command, env))
            print(f"round {round_ + 1}: " + ", ".join(f"{step} {runs[step][-1][0]:.1f} s" for step in args.steps),
                  flush=True)

        def median(step: str, field: int) -> float:
            return statistics.median(run[field] for run in runs[step])

        full_wall, full_cpu = (median("full", 0), median("full", 1)) if runs["full"] else (float("nan"),) * 2
        print(f"corpus: {args.pairs} story pairs, {articles} articles; medians of {args.repeat} round(s)")
        print(f"  {'step':<34}{'wall s':>9}{'CPU s':>9}{'peak MiB':>10}{'wall/full':>11}{'CPU/full':>10}")
        labels = {"plain": "plain Pelican, full build", "full": "project, full build",
                  "unchanged": "project, nothing changed", "edit": "project, one story's body corrected",
                  "add": "project, one new story pair"}
        for step in args.steps:
            wall, cpu, peak = median(step, 0), median(step, 1), max(run[2] for run in runs[step])
            print(f"  {labels[step]:<34}{wall:9.1f}{cpu:9.1f}{peak:10.0f}{wall / full_wall:11.3f}{cpu / full_cpu:10.3f}")
        print("  targets (issue 14): edit <= 0.1x, add <= 0.2x the full build; full build <= 1.0x plain Pelican")


if __name__ == "__main__":
    main()
