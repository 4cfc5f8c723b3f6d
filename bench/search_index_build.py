"""Benchmark: the search index step alone, ours against Pagefind over the same stories, and the
engine's query time in Node over the index files written.

  prepare  N story pairs of bench/corpus.py into WORK: stories.pickle (the stories, and each article
           as the search plugin reads it from Pelican: title, URL, date, HTML content and summary,
           category, tags, translations) and pages/<lang>/<yyyy>/<mm>/<slug>/index.html, a plain page
           per article (title, date, paragraphs, category and tags) for Pagefind.
  ours     the search plugin's whole index step for those articles, as a build runs it
           (SearchIndexGenerator.generate_context then generate_output: search documents, both
           editions' index files built in worker processes, files written) into WORK/out/.
  pagefind Pagefind's whole index step over the plain pages (`python -m pagefind --site`).
  engine   engine.js in Node over WORK/out/ (run `ours` first): per language, the queries of
           search_queries.latency_queries, every partition they need loaded, each timed --rounds
           times after a warm-up; prints median and p95 over the queries (each query's median);
           with --baseline DIR, that checkout's engine.js too, the two taking turns.
  compare  ours (and, with --baseline DIR, ours from another checkout) and Pagefind in turn
           (--rounds each, interleaved), wall and CPU (user + system of the whole process tree) of
           each whole command, median [min-max]; the previous output is set aside before each.

`ours` and `pagefind` also print the seconds of the index step itself (wall, and CPU of this
process and its children). --project DIR takes the search plugin (and, for `engine`, engine.js)
from another checkout (a `git worktree` of an older commit), for before/after runs.
Usage: .venv/bin/python bench/search_index_build.py prepare --pairs 10000 --work /tmp/idx-10k
       .venv/bin/python bench/search_index_build.py compare --work /tmp/idx-10k --rounds 5
"""

from __future__ import annotations

import argparse
import html
import json
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import corpus
import search_queries

ROOT = Path(__file__).resolve().parents[1]
ENGINE_TIMING = Path(__file__).with_name("search_engine_timing.mjs")
EDITIONS = {"pt": ("pt_BR", "America/Sao_Paulo"), "id": ("id_ID", "Asia/Jakarta")}  # as pelicanconf.py


def cpu_seconds() -> float:
    """User + system seconds of this process and of its children that have been waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@lru_cache(maxsize=None)
def slugify(name: str) -> str:
    """A category's or tag's slug (accents dropped, words joined by "-"), as Pelican makes it."""
    folded = "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


def article_record(article: corpus.Article, key: str, other: corpus.Article) -> dict:
    """What the search plugin reads of a Pelican article, as plain data (markdown's HTML: one <p> a paragraph)."""
    def url(a: corpus.Article) -> str:
        return f"/{a.lang}/{a.date:%Y}/{a.date:%m}/{a.slug}/"

    return {
        "lang": article.lang, "title": article.title, "url": url(article),
        "date": article.date.replace(tzinfo=ZoneInfo(EDITIONS[article.lang][1])),
        "content": "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article.paragraphs),
        "summary": f"<p>{html.escape(article.paragraphs[0], quote=False)}</p>",
        "category": article.category, "tags": list(article.tags), "key": key,
        "translations": [(other.lang, url(other))],
    }


def plain_page(article: corpus.Article) -> str:
    title = html.escape(article.title)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    terms = html.escape(", ".join([article.category, *article.tags]))
    return (f'<!DOCTYPE html>\n<html lang="{article.lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1><p>{article.date:%Y-%m-%d %H:%M}</p>{paragraphs}<p>{terms}</p></main>"
            "</body></html>\n")


def prepare(pairs: int, work: Path) -> None:
    started = time.perf_counter()
    stories = corpus.generate(pairs)
    records = []
    for story in stories:
        records.append(article_record(story.pt, story.key, story.id))
        records.append(article_record(story.id, story.key, story.pt))
        for article in (story.pt, story.id):
            folder = work / "pages" / article.lang / f"{article.date:%Y}" / f"{article.date:%m}" / article.slug
            page = folder / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(plain_page(article), encoding="utf-8")
    with open(work / "stories.pickle", "wb") as out:
        pickle.dump({"pairs": pairs, "stories": stories, "articles": records}, out, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{pairs} pairs ({len(records)} articles) prepared in {work} in {time.perf_counter() - started:.1f} s")


def load(work: Path) -> dict:
    with open(work / "stories.pickle", "rb") as data:
        return pickle.load(data)


def pelican_articles(records: list[dict]) -> list[SimpleNamespace]:
    """Stand-ins with the attributes SearchIndexGenerator reads of Pelican's articles."""
    articles = []
    for r in records:
        articles.append(SimpleNamespace(
            lang=r["lang"], title=r["title"], url=r["url"], date=r["date"], content=r["content"],
            summary=r["summary"], category=SimpleNamespace(name=r["category"], slug=slugify(r["category"])),
            tags=[SimpleNamespace(name=t, slug=slugify(t)) for t in r["tags"]], translation_key=r["key"],
            translations=[SimpleNamespace(lang=lang, url=url) for lang, url in r["translations"]]))
    return articles


def ours(work: Path, project: Path) -> None:
    sys.path.insert(0, str(project / "plugins"))
    from search.generator import SearchIndexGenerator

    articles = pelican_articles(load(work)["articles"])
    output = work / "out"
    shutil.rmtree(output, ignore_errors=True)
    settings = {"LANGUAGES": {code: {"locale": locale} for code, (locale, _) in EDITIONS.items()},
                "SEARCH_PARTITION_GZIP_BYTES": 12_000, "TRANSLATION_KEY_FIELD": "translation_key",
                "NODE_MODULES": str(ROOT / "node_modules")}
    wall, cpu = time.perf_counter(), cpu_seconds()
    generator = object.__new__(SearchIndexGenerator)  # no Pelican: only what the index step reads
    generator.settings, generator.context, generator.output_path = settings, {"articles": articles}, str(output)
    generator.generate_context()
    generator.generate_output(None)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    files = sum(1 for p in (output / "search").rglob("*") if p.is_file())
    print(f"ours: index step {wall:.2f} s wall, {cpu:.2f} s CPU; {len(articles)} articles, {files} files")


def pagefind_command(work: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(work / "pages")]


def pagefind(work: Path) -> None:
    shutil.rmtree(work / "pages" / "pagefind", ignore_errors=True)
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = subprocess.run(pagefind_command(work), capture_output=True, text=True, check=True)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    indexed = next((line.strip() for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "?")
    print(f"pagefind: index step {wall:.2f} s wall, {cpu:.2f} s CPU; {indexed}")


def timed_run(command: list[str]) -> tuple[float, float]:
    """(wall, CPU of the process tree) of one whole command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def compare(work: Path, project: Path, rounds: int, baseline: Path | None = None) -> None:
    """Ours (and ours from `baseline`) and Pagefind in turn, each as a whole process (start-up included).
    The previous output is moved aside before each run and deleted at the end: creating thousands
    of files just after deleting as many costs several seconds more of system time (ext4 here)."""
    commands = {"ours": [sys.executable, __file__, "ours", "--work", str(work), "--project", str(project)]}
    if baseline:
        commands["baseline"] = [sys.executable, __file__, "ours", "--work", str(work), "--project", str(baseline)]
    commands["pagefind"] = pagefind_command(work)
    runs = {name: [] for name in commands}
    trash = work / "trash"
    try:
        for round_ in range(rounds):
            for name, command in commands.items():
                output = work / "pages" / "pagefind" if name == "pagefind" else work / "out"
                if output.exists():
                    trash.mkdir(exist_ok=True)
                    output.rename(trash / f"{name}-{round_}")
                runs[name].append(timed_run(command))
    finally:
        shutil.rmtree(trash, ignore_errors=True)
    for name, samples in runs.items():
        print(f"{name:>9}: wall {spread([s[0] for s in samples])} s, CPU {spread([s[1] for s in samples])} s"
              f" (median [min-max] of {rounds})")


def engine(work: Path, project: Path, rounds: int, baseline: Path | None = None, processes: int = 3) -> None:
    """Per language and engine, `processes` Node processes in turn (engines alternating: no shared
    garbage collector), each timing every query `rounds` times; a query's time is its median."""
    stories = load(work)["stories"]
    projects = {"ours": project, **({"baseline": baseline} if baseline else {})}
    for lang in EDITIONS:
        queries = search_queries.latency_queries(stories, lang)
        times = {name: {kind: [[] for _ in queries] for kind in ("query", "page")} for name in projects}
        counts = {}
        for _ in range(processes):
            for name, checkout in projects.items():
                job = {"engines": [str(checkout / "theme" / "static" / "js" / "search" / "engine.js")],
                       "lang": lang, "manifest": str(work / "out" / "search" / lang / "meta.json"),
                       "queries": queries, "rounds": rounds}
                result = subprocess.run(["node", str(ENGINE_TIMING)], input=json.dumps(job), capture_output=True,
                                        text=True, cwd=ROOT, check=True)
                (samples,) = json.loads(result.stdout)
                for i, sample in enumerate(samples):
                    counts[sample["text"]] = sample["count"]
                    for kind in ("query", "page"):
                        times[name][kind][i] += sample[kind]
        for name in projects:
            for kind in ("query", "page"):
                per_query = sorted(statistics.median(t) for t in times[name][kind])
                p95 = per_query[max(0, -(-95 * len(per_query) // 100) - 1)]
                print(f"engine {name:>8} {lang} {kind:>5}: median {statistics.median(per_query):.1f} ms,"
                      f" p95 {p95:.1f} ms, max {per_query[-1]:.1f} ms ({len(queries)} queries, median of"
                      f" {rounds} runs × {processes} processes each)")
            slowest = sorted(zip(queries, times[name]["query"]), key=lambda q: -statistics.median(q[1]))[:3]
            print("  slowest: " + ", ".join(f"{q!r} {statistics.median(t):.1f} ms ({counts[q.strip()]} results)"
                                           for q, t in slowest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["prepare", "ours", "pagefind", "engine", "compare"])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--project", type=Path, default=ROOT, help="checkout whose search plugin and engine run")
    parser.add_argument("--baseline", type=Path,
                        help="compare, engine: another checkout's plugin or engine too (before/after)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    project = args.project.resolve()
    if args.step == "prepare":
        prepare(args.pairs, args.work)
    elif args.step == "ours":
        ours(args.work, project)
    elif args.step == "pagefind":
        pagefind(args.work)
    elif args.step == "engine":
        engine(args.work, project, args.rounds, args.baseline and args.baseline.resolve())
    else:
        compare(args.work, project, args.rounds, args.baseline and args.baseline.resolve())


if __name__ == "__main__":
    main()
