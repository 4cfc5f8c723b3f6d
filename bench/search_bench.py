"""Benchmark: the site's search (term-partitioned lunr index, plugins/search) against Pagefind on the same built site.

For the synthetic corpus (bench/corpus.py: real aligned pt/id news sentences, each story with its
own names and figures, vocabulary growing like a real archive's) at each size asked for, it reports:
  1. index build time, wall and CPU (user + system of the process trees): ours = what the search
     plugin adds to a build (project build minus a build without the "search" plugin, median of
     --repeat runs each; the editions' indexes are built in worker processes while the pages are
     written); bench/search_index_build.py times the index step alone; Pagefind = `python -m pagefind --site OUT` on the built site, indexing
     the article pages (the documents our index has; a whole-site run is shown too);
  2. gzip bytes a reader downloads between typing a query and its first result, for the word in
     the most stories of each language (search_queries.common_word: the largest posting list) and
     for a name only the oldest story has (search_queries.oldest_unique_name): every file fetched
     counts (manifest, document data, stemmer, term partitions, words/ ranges, display/ fragments;
     Pagefind's entry, wasm, index chunks, fragments), in a fresh browser context; HTML/CSS and the
     search page's own scripts loaded before typing are not counted;
  3. keystroke-to-results in headless Chromium once a first query has run: ours is the search
     page's keystroke-to-render time (UI: a keystroke searches at once); Pagefind's is API time
     (`pf.search` + `data()` of the first 10 results), as Pagefind ships no equivalent page here;
  4. search quality (recall@5, MRR@10) per query kind (bench/search_queries.py), ours and Pagefind
     side by side: word forms over the sample content (content/), known-item queries over the corpus
     (a name only one story has, alone or with a word of its lede; two names only it has together).
     Word forms on real text: bench/realnews_search.py.
Keystroke and engine-only times use search_queries.latency_queries (~20 per language, taken from the
corpus: common and rarer words, phrases of its sentences, names, a name and a word, prefixes).
Usage: .venv/bin/python bench/search_bench.py [--pairs 1000 10000] [--skip-pagefind] [--repeat N] [--no-build-time]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import re
import resource
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import corpus
import search_queries

ROOT = Path(__file__).resolve().parents[1]
PAGEFIND_SPEC = "pagefind[extended]"  # bench-only dependency (PyPI: pagefind + pagefind-bin-extended)
# Article pages only (ARTICLE_URL is "{date:%Y}/{date:%m}/{slug}/" under the edition prefix), so
# Pagefind indexes the same documents as our index; listing, tag and search pages are left out.
ARTICLE_GLOB = "*/[12][0-9][0-9][0-9]/**/index.html"
SEARCH_PAGES = {"pt": "/pt/busca/", "id": "/id/cari/"}
SEARCH_JS = Path("theme") / "js" / "search"  # ui.js, engine.js, analyzer.js, snippet.js (names may carry a hash)
WAIT_MS = 300_000
MISSES_SHOWN = 30

try:
    sys.path.insert(0, str(ROOT / "tests"))
    from support import CHROMIUM_ARGS  # the test suite's browser flags
except Exception:  # noqa: BLE001 - the benchmark must not depend on the test helpers importing
    CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]

NO_SEARCH_SETTINGS = """\
import os, sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F401,F403

# Relative paths in a settings file are read from the file's folder: point them back at the project.
THEME = os.path.join(PROJECT, THEME)
PLUGIN_PATHS = [os.path.join(PROJECT, path) for path in PLUGIN_PATHS]
PLUGINS = [plugin for plugin in PLUGINS if plugin != "search"]
"""

# Runs `pelican` (same arguments) and times the search plugin's generator in-process; the seconds go
# to the JSON file named first. A direct figure, less exposed to the noise of a whole build.
TIMED_PELICAN = """\
import json, sys, time
from pathlib import Path

import pelican

TIMES = {"search": 0.0}
_classes = pelican.Pelican._get_generator_classes


def timed_classes(self):
    classes = _classes(self)
    for cls in classes:
        if cls.__name__ == "SearchIndexGenerator" and not getattr(cls, "_bench_timed", False):
            inner = cls.generate_output

            def generate_output(generator, writer, _inner=inner):
                started = time.perf_counter()
                try:
                    return _inner(generator, writer)
                finally:
                    TIMES["search"] += time.perf_counter() - started

            cls.generate_output = generate_output
            cls._bench_timed = True
    return classes


pelican.Pelican._get_generator_classes = timed_classes
try:
    pelican.main(sys.argv[2:])
finally:
    Path(sys.argv[1]).write_text(json.dumps(TIMES))
"""

# In every page: the UI's render events and the keystroke probe, timed with the page's clock.
# ui.js dispatches "search:rendered" ({text, count, complete}) once a text's results are on screen,
# and sets the result list's aria-busy to "false" at that moment (it is "true" from a keystroke on):
# the event gives the time, aria-busy tells that no newer keystroke is pending.
INIT_SCRIPT = """
performance.setResourceTimingBufferSize(100000);
window.__rendered = [];
window.__probe = null;
document.addEventListener('keydown', () => {
  if (window.__probe && window.__probe.t0 === null) window.__probe.t0 = performance.now();
}, true);
document.addEventListener('search:rendered', (event) => {
  const now = performance.now();
  window.__rendered.push({...event.detail, t: now});
  const probe = window.__probe;
  if (probe && probe.t0 !== null && probe.t1 === null && event.detail.text === probe.text && event.detail.complete) {
    probe.t1 = now;
    probe.count = event.detail.count;
  }
});
"""

START = time.perf_counter()


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - START:7.1f} s] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Builds


def run_timed(command: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds: user + system of the command's whole process tree, the result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=True, **kwargs)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def pelican_build(content: Path, output: Path, settings: Path, work: Path) -> tuple[float, float, float]:
    """A whole build as `python -m pelican` does it; returns (build seconds, its CPU seconds, search
    generator seconds)."""
    runner, times = work / "timed_pelican.py", work / "timed_pelican.json"
    runner.write_text(TIMED_PELICAN, encoding="utf-8")
    seconds, cpu, _ = run_timed([sys.executable, str(runner), str(times), str(content), "-o", str(output),
                                 "-s", str(settings), "-q", "--delete-output-directory"], stdout=subprocess.DEVNULL)
    return seconds, cpu, json.loads(times.read_text(encoding="utf-8"))["search"]


def pagefind_build(site: Path, glob: str | None = ARTICLE_GLOB, subdir: str = "pagefind") -> tuple[float, float, int]:
    """Runs Pagefind over the built site; returns (seconds, CPU seconds, pages indexed)."""
    shutil.rmtree(site / subdir, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", subdir]
    if glob:
        command += ["--glob", glob]
    seconds, cpu, result = run_timed(command, capture_output=True, text=True)
    found = re.search(r"Indexed (\d+) pages", result.stdout)
    return seconds, cpu, int(found.group(1)) if found else -1


def relative_files(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def pagefind_available() -> str | None:
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True,
                                timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


# ---------------------------------------------------------------------------------------------
# Serving and sizes


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """A static server for one built site on a free loopback port (no compression, no caching headers)."""

    def __init__(self, folder: Path):
        self.folder = folder
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@functools.lru_cache(maxsize=None)
def transfer_bytes(path: Path) -> int:
    """What a gzip-serving host sends: gzip level 6 of the file, or the file itself when that is
    smaller (Pagefind's index and fragment files are gzip already)."""
    raw = path.read_bytes()
    return min(len(raw), len(gzip.compress(raw, compresslevel=6)))


def file_for(url: str, site: Path) -> Path:
    path = unquote(urlsplit(url).path)
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def search_module(site: Path, name: str) -> str:
    """URL of one of the search page's modules in the built site: engine.js, or engine.<hash>.js
    when static assets are fingerprinted."""
    found = [p for p in (site / SEARCH_JS).glob(f"{name}*.js") if re.fullmatch(rf"{name}(\.[0-9a-f]+)?\.js", p.name)]
    if len(found) != 1:
        raise RuntimeError(f"expected one {name}*.js in {site / SEARCH_JS}, found {[p.name for p in found]}")
    return "/" + found[0].relative_to(site).as_posix()


def is_favicon(url: str) -> bool:
    """Chromium fetches the page's icon whenever it likes: not part of the search's download."""
    return "favicon" in urlsplit(url).path


def bytes_of(urls: list[str], site: Path) -> int:
    return sum(transfer_bytes(file_for(url, site)) for url in urls)


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


# ---------------------------------------------------------------------------------------------
# Browser measurements


class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._manager = sync_playwright()
        self.playwright = self._manager.start()
        self.chromium = self.playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                        args=CHROMIUM_ARGS)

    def page(self, url: str):
        """A page in a fresh context (empty cache), loaded and idle."""
        context = self.chromium.new_context()
        context.add_init_script(INIT_SCRIPT)
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return context, page

    def close(self) -> None:
        self.chromium.close()
        self.playwright.stop()


# The results of text q (a render event of the text since window.__mark) are on screen and no
# newer keystroke waits: the list is no longer aria-busy.
RENDERED = """q => window.__rendered.slice(window.__mark || 0).some(r => r.text === q && r.complete)
  && document.querySelector('[data-search-results]').getAttribute('aria-busy') === 'false'"""
# What the page shows: the status's data-count (all results) and the result links (data-result).
SHOWN = """() => ({count: Number(document.querySelector('[data-search-status]').dataset.count ?? -1),
  links: document.querySelectorAll('[data-search-results] a[data-result]').length})"""


def file_kind(url: str) -> str:
    """Which part of an index a fetched file is (for the bytes breakdown)."""
    path = urlsplit(url).path
    for folder in ("terms", "words", "display", "stemmers", "fragment", "index", "filter"):
        if f"/{folder}/" in path:
            return {"stemmers": "stemmer", "fragment": "fragments", "index": "index chunks"}.get(folder, folder)
    name = path.rsplit("/", 1)[-1]
    if name == "meta.json":
        return "manifest"
    if name.startswith("docs."):
        return "docs"
    if name.startswith("wasm."):  # Pagefind: wasm.<lang>.pagefind
        return "wasm"
    if name.startswith("pagefind-entry"):
        return "entry"
    if name.endswith(".pf_meta"):
        return "meta"
    return name.split(".")[-1]  # js (pagefind.js, pagefind-worker.js)


def breakdown(urls: list[str], site: Path) -> str:
    """'terms 1 (12.0 KB), display 20 (30.1 KB), …': files and bytes per kind, in fetch order."""
    kinds: dict[str, list[int]] = {}
    for url in urls:
        entry = kinds.setdefault(file_kind(url), [0, 0])
        entry[0] += 1
        entry[1] += transfer_bytes(file_for(url, site))
    return ", ".join(f"{kind} {n} ({human(size)})" for kind, (n, size) in kinds.items())


def ours_first_result(browser: Browser, server: Server, lang: str, query: str) -> dict:
    """Bytes fetched from typing `query` on the search page to its first rendered result: every file
    whose fetch started in between (resource timing: no filter but the browser's favicon)."""
    context, page = browser.page(server.base + SEARCH_PAGES[lang])
    try:
        typed_at = page.evaluate("performance.now()")
        page.fill("#search-q", query)
        page.wait_for_function("q => window.__rendered.some(r => r.text === q && r.count > 0)", arg=query.strip())
        first = page.evaluate("q => window.__rendered.find(r => r.text === q && r.count > 0)", query.strip())
        entries = page.evaluate("() => performance.getEntriesByType('resource').map(e => [e.name, e.startTime])")
        shown = page.evaluate(SHOWN)
        if shown["count"] != first["count"] or not shown["links"]:
            print(f"  WARNING: {query!r}: the event says {first['count']} results, the page {shown}")
        urls = [name for name, start in entries if typed_at <= start <= first["t"] and not is_favicon(name)]
        return {"bytes": bytes_of(urls, server.folder), "files": len(urls), "ms": first["t"] - typed_at,
                "count": first["count"], "urls": urls, "kinds": breakdown(urls, server.folder),
                "sizes": {url: transfer_bytes(file_for(url, server.folder)) for url in urls}}
    finally:
        context.close()


PAGEFIND_FIRST = """async (q) => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const search = await pf.search(q);
  const first = search.results.length ? await search.results[0].data() : null;
  return {count: search.results.length, url: first && first.url, ms: performance.now() - t0};
}"""


def pagefind_first_result(browser: Browser, server: Server, lang: str, query: str) -> dict:
    """Bytes fetched from loading pagefind.js to the first result's data (in a page of the same language)."""
    context, page = browser.page(server.base + SEARCH_PAGES[lang])
    urls = []
    try:
        # the worker's fetches too (they are not in the page's resource timing)
        page.on("requestfinished", lambda request: None if is_favicon(request.url) else urls.append(request.url))
        result = page.evaluate(PAGEFIND_FIRST, query)
        page.wait_for_timeout(300)  # let the last requestfinished events arrive
        return {"bytes": bytes_of(urls, server.folder), "files": len(urls), "ms": result["ms"],
                "count": result["count"], "urls": urls, "kinds": breakdown(urls, server.folder),
                "sizes": {url: transfer_bytes(file_for(url, server.folder)) for url in urls}}
    finally:
        context.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ours_keystrokes(browser: Browser, server: Server, lang: str, queries: list[str]) -> list[dict]:
    """Per query: the page holds the query less its last character (results shown, index complete);
    one key is pressed; time from keydown to the complete render of the full query."""
    context, page = browser.page(server.base + SEARCH_PAGES[lang])

    def settle():
        # wait until no render event has come for 100 ms before the next keystroke.
        count = -1
        while count != (count := page.evaluate("window.__rendered.length")):
            page.wait_for_timeout(100)

    try:
        page.evaluate("window.__mark = 0")
        page.fill("#search-q", queries[0])
        page.wait_for_function(RENDERED, arg=queries[0].strip())
        settle()
        samples = []
        for query in queries:
            page.evaluate("window.__mark = window.__rendered.length; window.__probe = null")
            page.fill("#search-q", query[:-1])
            page.wait_for_function(RENDERED, arg=query[:-1].strip())
            settle()
            page.evaluate("q => { window.__probe = {text: q, t0: null, t1: null, count: null}; }", query.strip())
            page.keyboard.type(query[-1])
            page.wait_for_function("() => window.__probe.t1 !== null")
            probe = page.evaluate("window.__probe")
            assert page.input_value("#search-q") == query, (page.input_value("#search-q"), query)
            # files fetched for the keystroke (partitions, words/ ranges, display/ fragments): why a sample is slow
            files = page.evaluate("([t0, t1]) => performance.getEntriesByType('resource')"
                                  ".filter((e) => e.startTime >= t0 && e.startTime <= t1).length",
                                  [probe["t0"], probe["t1"]])
            samples.append({"query": query, "ms": probe["t1"] - probe["t0"], "count": probe["count"], "files": files})
        return samples
    finally:
        context.close()


PAGEFIND_TIMED = """async (queries) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const run = async (q) => {
    const search = await pf.search(q);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return search.results.length;
  };
  for (const q of queries) await run(q);  // warm-up: index chunks and fragments loaded
  const samples = [];
  for (const q of queries) {
    const t0 = performance.now();
    const count = await run(q);
    samples.push({query: q, ms: performance.now() - t0, count});
  }
  return samples;
}"""


def pagefind_keystrokes(browser: Browser, server: Server, lang: str, queries: list[str]) -> list[dict]:
    context, page = browser.page(server.base + SEARCH_PAGES[lang])
    try:
        return page.evaluate(PAGEFIND_TIMED, queries)
    finally:
        context.close()


OURS_QUALITY = """async ([engine, queries, timed]) => {
  const {createSearch} = await import(engine);
  const root = document.querySelector('[data-search]');
  const indexes = Object.fromEntries(root.dataset.indexes.split(' ').map((pair) => pair.split('=')));
  const search = createSearch({indexes, vendor: root.dataset.vendor, pageLang: root.dataset.lang});
  await search.open('all');
  // as ui.js does: the trimmed text, the edition's language, relevance order, no filters
  const run = (text, lang) => search.query(text.trim(), {lang, sort: 'relevance'}).results;
  const ranked = [];
  for (const [text, lang] of queries) {
    await search.prepare(text.trim(), lang);
    const top = run(text, lang).slice(0, 10);
    await search.describe(top);
    ranked.push(top.map((r) => r.doc.url));
  }
  // engine-only time (no debounce, no DOM, partitions loaded), comparable with Pagefind's API time
  for (const [text, lang] of timed) await search.prepare(text.trim(), lang);
  for (const [text, lang] of timed) run(text, lang);
  const samples = timed.map(([text, lang]) => {
    const t0 = performance.now();
    const count = run(text, lang).length;
    return {query: text, lang, ms: performance.now() - t0, count};
  });
  return [ranked, samples];
}"""

PAGEFIND_QUALITY = """async (queries) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const ranked = [];
  for (const text of queries) {
    const search = await pf.search(text);
    const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    ranked.push(top.map((d) => d.url));
  }
  return ranked;
}"""


def slug_of(url: str) -> str:
    return urlsplit(url).path.rstrip("/").split("/")[-1]


def rank_of(urls: list[str], slug: str) -> int | None:
    for position, url in enumerate(urls, 1):
        if slug_of(url) == slug:
            return position
    return None


def ours_quality(browser: Browser, server: Server, queries, timed=()) -> tuple[list[int | None], list[dict]]:
    """Ranks of the relevant stories, and the engine-only time of the `timed` [text, lang] queries."""
    context, page = browser.page(server.base + SEARCH_PAGES["pt"])
    try:
        engine = search_module(server.folder, "engine")
        ranked, samples = page.evaluate(OURS_QUALITY, [engine, [[q.text, q.lang] for q in queries], list(timed)])
    finally:
        context.close()
    return [rank_of(urls, q.slug) for urls, q in zip(ranked, queries)], samples


def pagefind_quality(browser: Browser, server: Server, queries) -> list[int | None]:
    ranks: dict[int, int | None] = {}
    for lang in SEARCH_PAGES:  # Pagefind picks its index from the page's <html lang>
        mine = [(n, q) for n, q in enumerate(queries) if q.lang == lang]
        if not mine:
            continue
        context, page = browser.page(server.base + SEARCH_PAGES[lang])
        try:
            ranked = page.evaluate(PAGEFIND_QUALITY, [q.text for _, q in mine])
        finally:
            context.close()
        ranks.update({n: rank_of(urls, q.slug) for (n, q), urls in zip(mine, ranked)})
    return [ranks[n] for n in range(len(queries))]


# ---------------------------------------------------------------------------------------------
# Reports


def quality_summary(queries, ranks: list[int | None]) -> dict[str, tuple[int, float, float]]:
    """Per kind, per language and overall: (queries, recall@5, MRR@10)."""
    groups = defaultdict(list)
    for query, rank in zip(queries, ranks):
        for group in (query.kind, f"{query.lang} (all kinds)", "overall"):
            groups[group].append(rank)
    return {group: (len(r), sum(1 for x in r if x and x <= 5) / len(r), sum(1 / x for x in r if x) / len(r))
            for group, r in groups.items()}


def print_quality(title: str, queries, ours: list, pagefind: list | None) -> None:
    print(f"\n{title}: {len(queries)} queries (one relevant story each; recall@5 and MRR@10)")
    ours_s = quality_summary(queries, ours)
    pf_s = quality_summary(queries, pagefind) if pagefind else {}
    print(f"  {'kind':<16}{'n':>5}  {'ours R@5':>9} {'ours MRR':>9}  {'Pagefind R@5':>13} {'Pagefind MRR':>13}")
    order = [k for k in search_queries.KINDS if k in ours_s] + sorted(g for g in ours_s if "(" in g) + ["overall"]
    for group in order:
        n, recall, mrr = ours_s[group]
        pf = pf_s.get(group)
        pf_text = f"{pf[1]:>13.2f} {pf[2]:>13.2f}" if pf else f"{'-':>13} {'-':>13}"
        print(f"  {group:<16}{n:>5}  {recall:>9.2f} {mrr:>9.2f}  {pf_text}")
    theirs = pagefind or [None] * len(queries)
    for engine, mine, other, other_name in (("our", ours, theirs, "Pagefind"), ("Pagefind", theirs, ours, "our")):
        if engine == "Pagefind" and not pagefind:
            continue
        misses = [(q, r, o) for q, r, o in zip(queries, mine, other) if not r or r > 5]
        if not misses:
            continue
        print(f"  {engine} misses (relevant story not in the top 5): {len(misses)}")
        shown = misses[:MISSES_SHOWN]
        for query, rank, other_rank in shown:
            note = f" (text has: {query.note})" if query.note and query.kind != "names" else ""
            other_text = f"; {other_name} rank {other_rank or '>10'}" if pagefind else ""
            print(f"    [{query.lang} {query.kind}] {query.text!r}{note}: rank {rank or '>10'}{other_text}")
        if len(misses) > len(shown):
            print(f"    … and {len(misses) - len(shown)} more")


def latency_line(samples: list[dict]) -> str:
    values = [s["ms"] for s in samples]
    return f"median {statistics.median(values):6.1f} ms, p95 {percentile(values, 95):6.1f} ms (n={len(values)})"


def slowest(samples: list[dict], n: int = 4) -> str:
    worst = sorted(samples, key=lambda s: -s["ms"])[:n]
    return ", ".join(f"{s['query']!r} {s['ms']:.0f} ms / {s['count']} results"
                     + (f" / {s['files']} files" if "files" in s else "") for s in worst)


# ---------------------------------------------------------------------------------------------
# One size


def bench_size(pairs: int, repeat: int, work: Path, browser: Browser, with_pagefind: bool,
               build_time: bool = True, site_dir: Path | None = None, latency_only: bool = False) -> dict:
    """`site_dir`: the built site of this size is kept in site_dir/out-<pairs> and, when there,
    served again without building (its search JS replaced by the working tree's: a quick A/B of
    the page's scripts); `latency_only`: no build time, Pagefind or quality, only bytes and keystrokes."""
    progress(f"{pairs} pairs: generating the corpus")
    stories = corpus.generate(pairs)
    if site_dir is not None:
        kept = site_dir / f"out-{pairs}"
        if (kept / "search").is_dir():
            progress(f"{pairs} pairs: reusing the site built in {kept} (search JS from the working tree)")
            return measure_site(pairs, stories, kept, browser, False, latency_only, keep=True,
                                result={"pairs": pairs, "articles": 2 * pairs, "repeat": 0, "full": None,
                                        "bare": None, "difference": None, "ours_cpu": None, "ours_build": None,
                                        "generator": None}, refresh_js=True)
    content = work / f"content-{pairs}"
    articles = corpus.write_markdown(stories, content)
    full, bare = work / f"out-{pairs}", work / f"out-{pairs}-nosearch"
    if site_dir is not None:
        full = site_dir / f"out-{pairs}"
    if latency_only:
        with_pagefind, build_time = False, False
    no_search = work / "nosearchconf.py"
    no_search.write_text(NO_SEARCH_SETTINGS.format(root=str(ROOT)), encoding="utf-8")

    times = {name: [] for name in ("full", "bare", "generator", "pagefind", "full cpu", "bare cpu", "pagefind cpu")}
    for run in range(repeat):
        progress(f"{pairs} pairs: build {run + 1}/{repeat} with search")
        seconds, cpu, generator = pelican_build(content, full, ROOT / "pelicanconf.py", work)
        times["full"].append(seconds)
        times["full cpu"].append(cpu)
        times["generator"].append(generator)
        if not build_time:
            continue
        progress(f"{pairs} pairs: build {run + 1}/{repeat} without search ({seconds:.1f} s with,"
                 f" search generator {generator:.1f} s)")
        seconds, cpu, _ = pelican_build(content, bare, no_search, work)
        times["bare"].append(seconds)
        times["bare cpu"].append(cpu)
    if build_time:
        extra = relative_files(full) - relative_files(bare)
        missing = relative_files(bare) - relative_files(full)
        if missing or any(not name.startswith("search/") for name in extra):
            print(f"  WARNING: the two builds differ beyond search/: {sorted(missing | extra)[:10]}")
        shutil.rmtree(bare)
    shutil.rmtree(content)
    result = {"pairs": pairs, "articles": articles, "repeat": repeat, "full": statistics.median(times["full"]),
              "bare": statistics.median(times["bare"]) if build_time else None}
    result["difference"] = result["full"] - result["bare"] if build_time else None
    result["ours_cpu"] = (statistics.median(times["full cpu"]) - statistics.median(times["bare cpu"])
                          if build_time else None)
    # The indexes are built in worker processes while the pages are written, so the search
    # generator's own time misses most of the work: what search adds is the whole-build difference.
    result["ours_build"] = result["difference"]
    result["generator"] = statistics.median(times["generator"])
    return measure_site(pairs, stories, full, browser, with_pagefind, latency_only, keep=site_dir is not None,
                        result=result, times=times, repeat=repeat, articles=articles, build_time=build_time)


def refresh_search_js(site: Path) -> None:
    """Replaces the built site's search scripts (fingerprinted names) by the working tree's, imports renamed."""
    folder = site / SEARCH_JS
    built = {re.sub(r"\.[0-9a-f]+\.js$", ".js", p.name): p for p in folder.glob("*.js")}
    for plain, target in built.items():
        text = (ROOT / "theme" / "static" / "js" / "search" / plain).read_text(encoding="utf-8")
        for other, path in built.items():
            text = text.replace(f'"./{other}"', f'"./{path.name}"')
        target.unlink()  # a new file: the site may share its files with a copy (cp -al)
        target.write_text(text, encoding="utf-8")


def measure_site(pairs: int, stories, full: Path, browser: Browser, with_pagefind: bool, latency_only: bool,
                 keep: bool, result: dict, times: dict | None = None, repeat: int = 1, articles: int = 0,
                 refresh_js: bool = False, build_time: bool = False) -> dict:
    """Bytes to the first result, keystrokes and (unless latency_only) quality on the built site `full`."""
    if refresh_js:
        refresh_search_js(full)
    search_dir = full / "search"
    result["ours_index"] = {lang: sum(transfer_bytes(p) for p in (search_dir / lang).rglob("*.json"))
                            for lang in SEARCH_PAGES}
    result["ours_shards"] = {lang: len(list((search_dir / lang / "terms").glob("*.json"))) for lang in SEARCH_PAGES}
    scripts = sorted((full / SEARCH_JS).glob("*.js"))
    result["page_js"] = sum(transfer_bytes(p) for p in scripts)
    result["page_js_names"] = " + ".join(p.name for p in scripts)

    if with_pagefind:
        for run in range(repeat):
            progress(f"{pairs} pairs: Pagefind run {run + 1}/{repeat} (article pages)")
            seconds, cpu, pages = pagefind_build(full)
            times["pagefind"].append(seconds)
            times["pagefind cpu"].append(cpu)
        result["pf_build"] = statistics.median(times["pagefind"])
        result["pf_cpu"] = statistics.median(times["pagefind cpu"])
        result["pf_pages"] = pages
        if pages != articles:
            print(f"  WARNING: Pagefind indexed {pages} pages, expected {articles} articles")
        result["pf_bundle"] = sum(p.stat().st_size for p in (full / "pagefind").rglob("*") if p.is_file())
        result["pf_all_build"] = result["pf_all_pages"] = None
        if build_time:
            progress(f"{pairs} pairs: Pagefind over the whole site (default glob, for reference)")
            result["pf_all_build"], _, result["pf_all_pages"] = pagefind_build(full, glob=None, subdir="pagefind-all")
            shutil.rmtree(full / "pagefind-all")

    server = Server(full)
    try:
        # the largest posting list of each language, and a name only the oldest story has
        first_queries = []
        for lang in SEARCH_PAGES:
            word = search_queries.common_word(stories, lang)
            count = search_queries.story_count(stories, word, lang)
            progress(f"{pairs} pairs: common word {lang}: {word!r}, in {count:,} of {pairs:,} stories")
            first_queries.append((lang, "common word", word, f"common word, in {count:,} of {pairs:,} stories"))
        oldest = search_queries.oldest_unique_name(stories)
        progress(f"{pairs} pairs: name only in the oldest story: {oldest!r}")
        first_queries += [(lang, "oldest story's name", oldest, "a name only the oldest story has")
                          for lang in SEARCH_PAGES]
        result["first"] = []
        for lang, label, query, detail in first_queries:
            progress(f"{pairs} pairs: bytes before the first result, {lang} {query!r}")
            row = {"lang": lang, "label": label, "detail": detail, "query": query,
                   "ours": ours_first_result(browser, server, lang, query)}
            if with_pagefind:
                row["pagefind"] = pagefind_first_result(browser, server, lang, query)
            result["first"].append(row)

        result["latency"] = {}
        for lang in SEARCH_PAGES:
            queries = search_queries.latency_queries(stories, lang)
            progress(f"{pairs} pairs: keystroke-to-results, {lang} ({len(queries)} queries)")
            result["latency"][lang] = {"ours": ours_keystrokes(browser, server, lang, queries)}
            if with_pagefind:
                result["latency"][lang]["pagefind"] = pagefind_keystrokes(browser, server, lang, queries)

        if latency_only:
            result["quality"] = None
            return result
        queries = search_queries.corpus_queries(stories)
        progress(f"{pairs} pairs: quality, {len(queries)} queries (and our engine-only query time)")
        timed = [[q, lang] for lang in SEARCH_PAGES for q in search_queries.latency_queries(stories, lang)]
        ranks, engine_samples = ours_quality(browser, server, queries, timed)
        for lang in SEARCH_PAGES:
            result["latency"][lang]["engine"] = [s for s in engine_samples if s["lang"] == lang]
        result["quality"] = (queries, ranks, pagefind_quality(browser, server, queries) if with_pagefind else None)
    finally:
        server.close()
        if not keep:
            shutil.rmtree(full)
    return result


def sample_quality(work: Path, browser: Browser, with_pagefind: bool):
    progress("sample content: build and quality")
    site = work / "out-sample"
    pelican_build(ROOT / "content", site, ROOT / "pelicanconf.py", work)
    if with_pagefind:
        pagefind_build(site)
    server = Server(site)
    try:
        queries = search_queries.sample_queries(ROOT / "content")
        return (queries, ours_quality(browser, server, queries)[0],
                pagefind_quality(browser, server, queries) if with_pagefind else None)
    finally:
        server.close()
        shutil.rmtree(site)


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "NO")


def print_size(r: dict, with_pagefind: bool, verbose: bool = False) -> None:
    pf = with_pagefind
    print(f"\n=== {r['pairs']:,} story pairs ({r['articles']:,} articles); builds: median of {r['repeat']} ===")
    print(f"  {'figure':<44}{'ours':>14}{'Pagefind':>14}   {'target':<34}met")
    ours_build, pf_build = r["ours_build"], r.get("pf_build")
    if ours_build is None:
        print(f"  1. index build time: not measured (--no-build-time); project build {r['full']:.2f} s;"
              f" Pagefind {f'{pf_build:.2f} s' if pf else '-'}")
    else:
        print(f"  {'1. index build time':<44}{ours_build:>12.2f} s{(f'{pf_build:>12.2f} s' if pf else '-'):>14}   "
              f"{'ours <= Pagefind':<34}{verdict(ours_build <= pf_build if pf else None)}")
        print(f"     ours: what search adds to a build: project build {r['full']:.2f} s - build without the search"
              f" plugin {r['bare']:.2f} s (indexes are built in workers while pages are written; the generator's"
              f" own in-process time is {r['generator']:.2f} s)\n     (whole builds are noisy on a shared 2-core"
              f" machine: bench/search_index_build.py times the index step alone, against Pagefind)")
        pf_cpu = f"{r['pf_cpu']:>12.2f} s" if pf else "-"
        print(f"  {'   CPU (user + system, process trees)':<44}{r['ours_cpu']:>12.2f} s{pf_cpu:>14}   "
              f"{'ours <= Pagefind':<34}{verdict(r['ours_cpu'] <= r['pf_cpu'] if pf else None)}")
    print(f"     {r['ours_shards']['pt']} + {r['ours_shards']['id']} term partitions (pt + id)")
    if pf and r["pf_all_build"] is not None:
        print(f"     Pagefind: {r['pf_pages']} article pages, bundle {human(r['pf_bundle'])} on disk;"
              f" whole site (default glob, {r['pf_all_pages']} pages): {r['pf_all_build']:.2f} s")
    for row in r["first"]:
        ours = row["ours"]
        label = f"2. gzip bytes to 1st result, {row['lang']} {row['query']!r}"
        theirs = row.get("pagefind")
        pf_text = human(theirs["bytes"]) if theirs else "-"
        print(f"  {label:<44}{human(ours['bytes']):>14}{pf_text:>14}   "
              f"{'ours <= Pagefind':<34}{verdict(ours['bytes'] <= theirs['bytes'] if theirs else None)}")
        detail = (f"     ({row['detail']}) ours {ours['files']} files, {ours['ms']:.0f} ms to first render,"
                  f" {ours['count']} results")
        if theirs:
            detail += f"; Pagefind {theirs['files']} files, {theirs['ms']:.0f} ms, {theirs['count']} results"
        print(detail)
        print(f"       ours: {ours['kinds']}")
        if theirs:
            print(f"       Pagefind: {theirs['kinds']}")
        if verbose:
            for engine, measured in (("ours", ours), ("Pagefind", theirs)):
                for url in (measured or {}).get("urls", []):
                    print(f"       {engine}: {urlsplit(url).path} {human(measured['sizes'][url])}")
    print(f"     not counted (loaded with the search page, before typing): our {r['page_js_names']} "
          f"= {human(r['page_js'])}; every file of the index (never all loaded): "
          f"pt {human(r['ours_index']['pt'])}, id {human(r['ours_index']['id'])}")
    for lang, samples in r["latency"].items():
        ours = [s["ms"] for s in samples["ours"]]
        theirs = [s["ms"] for s in samples.get("pagefind", [])]
        line = f"3. keystroke-to-results {lang} median / p95"
        pf_text = f"{statistics.median(theirs):.0f} / {percentile(theirs, 95):.0f} ms" if theirs else "-"
        met = f"median {verdict(statistics.median(ours) <= 100)}, p95 {verdict(percentile(ours, 95) <= 100)}"
        print(f"  {line:<44}{f'{statistics.median(ours):.0f} / {percentile(ours, 95):.0f} ms':>14}{pf_text:>14}   "
              f"{'ours <= 100 ms':<34}{met}")
        engine = [s["ms"] for s in samples["engine"]]
        print(f"     ours, engine only (search.query, no debounce, no DOM): median {statistics.median(engine):.1f} ms,"
              f" p95 {percentile(engine, 95):.1f} ms")
        print(f"     ours slowest: {slowest(samples['ours'])}")
        if theirs:
            print(f"     Pagefind slowest: {slowest(samples['pagefind'])}")
    print("     ours = search page, keydown -> complete render (UI, partitions and fragments fetched as needed);"
          "\n     Pagefind = API time, pf.search(q) + data() of the first 10 results, after a warm-up pass;"
          f"\n     n = {len(r['latency']['pt']['ours'])} queries per language (search_queries.latency_queries: common"
          " and rarer words, phrases, names, name + word, prefixes).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--skip-pagefind", action="store_true")
    parser.add_argument("--repeat", type=int, default=None,
                        help="builds per configuration (default: 3 up to 2,000 pairs, else 1)")
    parser.add_argument("--verbose", action="store_true", help="list the files counted as bytes to the first result")
    parser.add_argument("--no-build-time", action="store_true",
                        help="skip the build without search and Pagefind's whole-site run (for very large archives)")
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="keep each size's built site in SITE_DIR/out-<pairs>; when it is there already, serve it"
                             " again without building, its search scripts replaced by the working tree's")
    parser.add_argument("--latency-only", action="store_true",
                        help="bytes to the first result and keystroke times only (no build time, Pagefind, quality);"
                             " --runs of the keystrokes, for A/B runs with --site-dir")
    parser.add_argument("--runs", type=int, default=1, help="keystroke rounds per language with --latency-only")
    args = parser.parse_args()
    if args.latency_only:
        latency_main(args)
        return

    with_pagefind = not args.skip_pagefind
    version = None
    if with_pagefind:
        version = pagefind_available()
        if not version:
            sys.exit(f"Pagefind is not installed: `.venv/bin/pip install '{PAGEFIND_SPEC}'`, or pass --skip-pagefind")
        progress(f"using {version}")

    plugins = runpy.run_path(str(ROOT / "pelicanconf.py")).get("PLUGINS")
    progress(f"project PLUGINS (pelicanconf.py): {plugins}")
    engine_name = version or "Pagefind (skipped)"
    results = []
    browser = Browser()
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-search-bench-") as work:
            work = Path(work)
            sample = sample_quality(work, browser, with_pagefind)
            print_quality("Quality, sample content (content/: queries about the seed story, among the sample stories)", *sample)
            for pairs in args.pairs:
                repeat = args.repeat or (3 if pairs <= 2000 else 1)
                result = bench_size(pairs, repeat, work, browser, with_pagefind, not args.no_build_time)
                results.append(result)
                print(f"\n##### {pairs:,} pairs: our partitioned lunr index vs {engine_name} #####")
                print_size(result, with_pagefind, args.verbose)
                print_quality(f"Quality, corpus of {pairs:,} pairs", *result["quality"])
                print("  note: known-item queries: a name only one story has, alone or with a word of that story's"
                      " lede, or two names\n  only it has together; stories spread over the date range. Word forms"
                      " on real text: bench/realnews_search.py.")
    finally:
        browser.close()
    print_summary(results, sample, with_pagefind, engine_name)


def latency_main(args) -> None:
    """--latency-only: per size, bytes to the first result and --runs rounds of keystrokes per language."""
    browser = Browser()
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-search-bench-") as work:
            for pairs in args.pairs:
                samples = {lang: [] for lang in SEARCH_PAGES}
                for run in range(args.runs):
                    result = bench_size(pairs, 1, Path(work), browser, False, False, args.site_dir, latency_only=True)
                    for lang in SEARCH_PAGES:
                        samples[lang] += result["latency"][lang]["ours"]
                print(f"\n##### {pairs:,} pairs, keydown -> complete render ({args.runs} round(s)) #####")
                for row in result["first"]:
                    ours = row["ours"]
                    print(f"  first result, {row['lang']} {row['query']!r}: {human(ours['bytes'] + result['page_js'])}"
                          f" incl. scripts ({human(ours['bytes'])} index, {ours['files']} files: {ours['kinds']})")
                for lang, values in samples.items():
                    print(f"  {lang}: {latency_line(values)}; slowest: {slowest(values)}")
    finally:
        browser.close()


def print_summary(results: list[dict], sample, with_pagefind: bool, engine_name: str) -> None:
    """One table with every figure and target, a column pair per corpus size."""
    print(f"\n##### Summary: our search vs {engine_name} #####")
    print("bytes = gzip -6 size of each response (raw size when smaller: Pagefind's index files are gzip already),"
          " typing to first result, fresh browser context;\nkeystroke = ours: UI keydown -> complete render"
          " (files fetched included); Pagefind: API search + data() of top 10. Quality: recall@5 / MRR@10.")
    head = f"{'':<46}" + "".join(f"{r['pairs']:>18,} pairs{'':<7}" for r in results)
    print(head)
    print(f"{'':<46}" + "".join(f"{'ours':>10}{'Pagefind':>10}{'met':>8}  " for _ in results) + "target")
    rows = []

    def row(label, target, cells):
        rows.append((label, target, cells))

    def cell(ours, theirs, fmt, ok):
        return (fmt(ours), fmt(theirs) if theirs is not None else "-", verdict(ok))

    row("1. index build time (s)", "ours <= Pagefind",
        [cell(r["ours_build"], r.get("pf_build"), lambda v: "-" if v is None else f"{v:.2f}",
              r["ours_build"] <= r["pf_build"] if with_pagefind and r["ours_build"] is not None else None)
         for r in results])
    for index, first in enumerate(results[0]["first"] if results else []):
        label = f"2. KB to 1st result {first['lang']} {first['label']}"
        cells = []
        for r in results:
            f = r["first"][index]
            theirs = f.get("pagefind", {}).get("bytes")
            cells.append(cell(f["ours"]["bytes"], theirs, lambda v: f"{v / 1024:.1f}",
                              f["ours"]["bytes"] <= theirs if theirs is not None else None))
        row(label, "ours <= Pagefind", cells)
    for lang in SEARCH_PAGES:
        for name, p in (("median", 50), ("p95", 95)):
            cells = []
            for r in results:
                stat = statistics.median if p == 50 else functools.partial(percentile, p=95)
                ours = stat([s["ms"] for s in r["latency"][lang]["ours"]])
                theirs = r["latency"][lang].get("pagefind")
                theirs = stat([s["ms"] for s in theirs]) if theirs else None
                cells.append(cell(ours, theirs, lambda v: f"{v:.0f}", ours <= 100))
            row(f"3. keystroke-to-results {lang} {name} (ms)", "ours <= 100 ms", cells)
    for label, quality_of in (("4. quality, sample content", lambda r: sample),
                              ("4. quality, corpus", lambda r: r["quality"])):
        cells = []
        for r in results:
            queries, ours, theirs = quality_of(r)
            o = quality_summary(queries, ours)["overall"]
            t = quality_summary(queries, theirs)["overall"] if theirs else None
            cells.append((f"{o[1]:.2f}/{o[2]:.2f}", f"{t[1]:.2f}/{t[2]:.2f}" if t else "-", "-"))
        row(label + " R@5/MRR", "(side by side)", cells)
    for label, target, cells in rows:
        print(f"{label:<46}" + "".join(f"{a:>10}{b:>10}{c:>8}  " for a, b, c in cells) + target)


if __name__ == "__main__":
    main()
