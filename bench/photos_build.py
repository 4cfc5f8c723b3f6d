"""Benchmark: the full build with one 1600 px photo per story, cold and warm, beside the same build without photos.

The corpus is bench/corpus.py's (N story pairs, 2N articles). Each story gets its own photo:
a scene of tools/draw_sample_photos.py, 1600 x 1067 px, with a camera-like grain so that it
encodes like a photograph rather than flat drawing (drawn once into bench/work/, then reused).
The Portuguese version names it (`Image`, `Image_Alt`, `Image_Caption`); the Indonesian one gives
only its own `Image_Alt` and shows the same photo, as a translation does.

Builds are `python -m pelican` subprocesses with the project's settings, as `make html` runs:
  - cold: with photos and an empty photo cache: every photo is encoded (one run);
  - warm: with photos and the cache the cold build filled: nothing is encoded;
  - without photos: the same stories with no photo fields.
Warm and photo-less builds alternate, --repeat times each, and the medians are compared, in wall
time and in CPU time (user + system of the build and its worker processes): on a machine shared
with other jobs wall time swings by tens of percent from run to run, CPU time much less.
The target is warm <= 1.10 x the build without photos.
With --work DIR the corpus and the photo cache are kept in DIR: a later run skips the cold build
(an hour on a busy 2-core machine) and only compares warm and photo-less builds again.
Usage: .venv/bin/python bench/photos_build.py [--pairs 1000] [--repeat 3] [--work DIR]
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import corpus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from draw_sample_photos import SCENES, draw_photo, write_if_changed  # noqa: E402

SIZE = (1600, 1067)
GRAIN = 0.06
PHOTOS = ROOT / "bench" / "work" / "photos-1600"


def draw_one(job: tuple[str, str]) -> None:
    name, scene = job
    write_if_changed(PHOTOS / name, draw_photo(SCENES[scene], name, SIZE, GRAIN))


def draw_story_photos(stories: list) -> dict[str, str]:
    """{story key: photo file name}, drawing the photos not drawn by an earlier run."""
    scenes = list(SCENES)
    names = {story.key: f"{story.key}.jpg" for story in stories}
    jobs = [(name, scenes[number % len(scenes)]) for number, name in enumerate(names.values())
            if not (PHOTOS / name).is_file()]
    if jobs:
        print(f"drawing {len(jobs)} photos ({SIZE[0]} x {SIZE[1]} px) into {PHOTOS}", flush=True)
        with ProcessPoolExecutor() as pool:
            list(pool.map(draw_one, jobs, chunksize=16))
    return names


def with_fields(markdown: str, fields: dict[str, str]) -> str:
    """The article's markdown with metadata lines added after its Title line."""
    title, rest = markdown.split("\n", 1)
    return "\n".join([title, *(f"{name}: {value}" for name, value in fields.items()), rest])


def write_photo_corpus(stories: list, photos: dict[str, str], content: Path) -> None:
    images = content / "images" / "bench"
    images.mkdir(parents=True)
    for story in stories:
        os.link(PHOTOS / photos[story.key], images / photos[story.key])  # the drawn file itself, no copy
        pt = with_fields(story.pt.markdown(story.key), {
            "Image": f"bench/{photos[story.key]}",
            "Image_Alt": f"Ilustração: {story.pt.title[:80]}",
            "Image_Caption": f"Cena ilustrativa da reportagem ({story.pt.category}).",
        })
        id_ = with_fields(story.id.markdown(story.key), {"Image_Alt": f"Ilustrasi: {story.id.title[:80]}"})
        for article, text in ((story.pt, pt), (story.id, id_)):
            path = content / article.lang / f"{article.slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def timed_build(content: Path, output: Path, cache: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and every process it started)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py", "-q",
         "--delete-output-directory", "-e", f'PHOTOS_CACHE_PATH="{cache}"'],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def shown(runs: list[tuple[float, float]]) -> str:
    return ", ".join(f"{wall:.1f}/{cpu:.1f}" for wall, cpu in runs)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, help="keep the corpus and photo cache here between runs")
    args = parser.parse_args()

    stories = corpus.generate(args.pairs)
    photos = draw_story_photos(stories)
    (ROOT / "bench" / "work").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsroom-photos-bench-", dir=ROOT / "bench" / "work") as temporary:
        work = args.work or Path(temporary)
        plain, with_photos, cache = work / "plain" / "content", work / "photos" / "content", work / "cache"
        kept = args.work is not None and cache.is_dir() and any(cache.iterdir())
        if not kept:
            articles = corpus.write_markdown(stories, plain)
            write_photo_corpus(stories, photos, with_photos)
        else:
            articles = sum(1 for _ in with_photos.rglob("*.md"))
        print(f"corpus: {args.pairs} story pairs, {articles} articles, {len(photos)} photos of {SIZE[0]} px "
              f"(one per story, shared by its two versions)", flush=True)
        if kept:
            cold_wall = None
            print(f"  cold build: skipped (the photo cache in {cache} is kept from an earlier run)", flush=True)
        else:
            cold_wall, cold_cpu = timed_build(with_photos, work / "out-photos", cache)
            print(f"  cold build (every photo encoded): {cold_wall:7.1f} s wall, {cold_cpu:7.1f} s CPU", flush=True)
        runs = {"plain": [], "warm": []}
        for _ in range(args.repeat):  # alternating, so that a busy spell of the machine hits both
            runs["plain"].append(timed_build(plain, work / "out-plain", cache))
            runs["warm"].append(timed_build(with_photos, work / "out-photos", cache))
        (plain_wall, plain_cpu), (warm_wall, warm_cpu) = medians(runs["plain"]), medians(runs["warm"])
        images, image_bytes = folder_size(work / "out-photos" / "images")
        cached, cached_bytes = folder_size(cache)
        print(f"  build without photos:   {plain_wall:7.1f} s wall, {plain_cpu:7.1f} s CPU "
              f"(medians of {args.repeat}; wall/CPU runs {shown(runs['plain'])})")
        print(f"  warm build (cache hit): {warm_wall:7.1f} s wall, {warm_cpu:7.1f} s CPU "
              f"(medians of {args.repeat}; wall/CPU runs {shown(runs['warm'])})")
        print(f"  published photo files: {images:,} ({image_bytes / 1e6:,.0f} MB; hard links to the cache: "
              f"{cached:,} files, {cached_bytes / 1e6:,.0f} MB)")
        print(f"  ratio warm / without photos: {warm_wall / plain_wall:.3f} wall, {warm_cpu / plain_cpu:.3f} CPU "
              f"(target <= 1.10)" + (f"; cold / without photos: {cold_wall / plain_wall:.1f} wall" if cold_wall else ""))


if __name__ == "__main__":
    main()
