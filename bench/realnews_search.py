"""Benchmark: the site's search against Pagefind on REAL news text and reader queries.

Reads ../shared/realnews/ (corpus.jsonl, pairs.jsonl, queries.jsonl; see its README) at run time —
its texts belong to their publishers and are never copied into the repository — and:
  1. writes every excerpt as a markdown article of its language under a temporary content/ (the
     importer's own escaping, headline and lede rules; slug = corpus id; translation pairs share a
     Translation_Key) and builds it with the project's pelicanconf.py into a temporary output;
  2. runs Pagefind over the article pages of the same built site (as bench/search_bench.py does);
  3. types every query into the search page of its language (/pt/busca/, /id/cari/) in headless
     Chromium, one character at a time as a reader does (Playwright keyboard.type: trusted key and
     input events; a word's first two letters and spaces in one burst with the next letter), waits
     for the page to settle after every letter from a word's third on and reads the ranked result
     links and the role=status count from the DOM, never the engine's internals; runs the
     same query through Pagefind's JS API in a page of the same language (Pagefind picks its index
     from <html lang>);
  4. prints R@1, R@5, MRR@10 and zero-result queries per language, per kind and overall, ours and
     Pagefind side by side, and the queries only one of them finds nothing for;
  5. mid-word stability: from the third letter of every word of every query, the count shown after
     each letter; a drop is a word whose count falls to zero while it is half-typed although the
     finished word has results (Pagefind: the same texts through its API).
Results also go to bench/work/realnews_search.json.
Usage: .venv/bin/python bench/realnews_search.py [--data DIR] [--rev HEAD] [--skip-pagefind] [--quiet-ms N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from search_bench import (ARTICLE_GLOB, PAGEFIND_SPEC, ROOT, SEARCH_PAGES, Browser, Server, pagefind_available,
                          pagefind_build, pelican_build, progress)

sys.path.insert(0, str(ROOT))
from importer.content_store import render_article, single_line  # noqa: E402
from importer.headlines import derive_headline  # noqa: E402
from importer.sources import escape_markdown, text_paragraphs  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("REALNEWS_DIR", ROOT.parent / "shared" / "realnews"))
RESULT_FILE = ROOT / "bench" / "work" / "realnews_search.json"
FALLBACK_DATE = "2020-01-01 12:00"  # for excerpts whose page showed no date
KINDS = ["exact", "inflected", "inflected-hard", "unaccented", "entity", "multiword", "cross"]
TOP = 10
FIRST_MEASURED_LETTER = 3  # mid-word counts are read from the third letter of a word on
EXAMPLES_SHOWN = 12

# The search page as a reader sees it. Stable today (theme/templates/search.html); the fallbacks keep
# the bench working if the markup around them changes.
INPUT = "[data-search] input[type=search], #search-q, input[name=q]"
ROOT_JS = "(document.querySelector('[data-search]') || document.querySelector('main') || document.body)"
PAGE_HELPERS = f"""
const searchRoot = () => {ROOT_JS};
const statusBox = () => searchRoot().querySelector('[role=status]') || document.querySelector('[role=status]');
const resultList = () => searchRoot().querySelector('[data-search-results]')
  || searchRoot().querySelector('ol[role=list], ol, ul[role=list]');
"""

# Installed once the search page is loaded: counts DOM changes in the search section outside the
# form (status, result list) and fetches in flight, so "settled" needs no engine internals.
OBSERVE = PAGE_HELPERS + """
(() => {
  if (window.__bench) return;
  const bench = window.__bench = {mutations: 0, last: performance.now(), inflight: 0};
  const root = searchRoot();
  const form = root.querySelector('form');
  new MutationObserver((records) => {
    for (const record of records) {
      if (form && form.contains(record.target)) continue;  // filter options filled in, not results
      bench.mutations += 1;
      bench.last = performance.now();
    }
  }).observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
  const original = window.fetch;
  window.fetch = function (...args) {
    bench.inflight += 1;
    const done = () => { bench.inflight -= 1; };
    const request = original.apply(window, args);
    request.then(done, done);
    return request;
  };
})()
"""

# Settled: no fetch in flight, the status is not a loading message, and either the results region
# changed after the keystroke and has been still for `quiet` ms, or nothing changed for `idle` ms.
SETTLED = "([mark, t0, quiet, idle]) => {" + PAGE_HELPERS + """
  const bench = window.__bench, now = performance.now();
  if (bench.inflight) return false;
  const root = searchRoot(), status = statusBox();
  const list = resultList();  // ui.js marks the result list busy from a keystroke until it is drawn
  if ([root, status, list].some((node) => node && node.getAttribute('aria-busy') === 'true')) return false;
  const text = status ? status.textContent : '';
  const {msgLoading} = root.dataset;
  if (msgLoading && text.includes(msgLoading)) return false;
  if (bench.mutations > mark) return now - bench.last >= quiet;
  return now - t0 >= idle;
}"""

# What the reader sees: the number the status announces (the list itself when it names none) and,
# per result item, its first link (the story) and any further links (its other-language versions).
READ = "(top) => {" + PAGE_HELPERS + """
  const list = resultList();
  const items = list ? [...list.children].filter((item) => item.querySelector('a[href]')) : [];
  const status = (statusBox() || {}).textContent || '';
  const number = status.match(/\\d[\\d.,\\u00a0\\u202f ]*/);
  const counted = (statusBox() || {dataset: {}}).dataset.count;  // ui.js's data-count, else the announced number
  const count = counted !== undefined ? Number(counted) : number ? Number(number[0].replace(/[^\\d]/g, '')) : items.length;
  const {msgError} = searchRoot().dataset;
  // Cross-check only (never used for the figures): the last 'search:rendered' event today's ui.js
  // dispatches, as recorded by search_bench's init script; absent after a rewrite that drops it.
  const event = (window.__rendered || []).at(-1) || null;
  return {
    event: event && {text: event.text, count: event.count},
    count, status: status.trim(), shown: items.length, error: Boolean(msgError && status.includes(msgError)),
    results: items.slice(0, top).map((item) => [...item.querySelectorAll('a[href]')].map((a) => a.href)),
  };
}"""

PAGEFIND_RUN = """async ([queries, states, top]) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const ranked = [];
  for (const text of queries) {
    const search = await pf.search(text);
    const data = await Promise.all(search.results.slice(0, top).map((r) => r.data()));
    ranked.push({count: search.results.length, urls: data.map((d) => d.url)});
  }
  const counts = [];
  for (const text of states) counts.push((await pf.search(text)).results.length);
  return [ranked, counts];
}"""


# ---------------------------------------------------------------------------------------------
# Data and site


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_date(value: str | None) -> str:
    """YYYY-MM-DD, YYYY-MM or YYYY as the corpus gives it; the fallback when absent."""
    if not value:
        return FALLBACK_DATE
    parts = value.split("-") + ["01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]} 12:00"


def write_content(docs: list[dict], pairs: list[dict], content: Path) -> None:
    """One markdown article per excerpt, written as `newsroom import` writes plain text."""
    keys = {}
    for pair in pairs:
        keys[pair["pt"]] = keys[pair["id"]] = f"realnews-{pair['pt']}-{pair['id']}"
    for doc in docs:
        paragraphs = text_paragraphs(doc["text"])
        title = single_line(doc["title"]) if doc.get("title") else derive_headline(paragraphs[0])
        fields = [("Title", title), ("Date", article_date(doc.get("date"))), ("Lang", doc["lang"]),
                  ("Slug", doc["id"]), ("Translation_Key", keys.get(doc["id"])),
                  ("Summary", escape_markdown(single_line(paragraphs[0])))]
        folder = content / doc["lang"]
        folder.mkdir(parents=True, exist_ok=True)
        text = render_article(fields, [escape_markdown(p) for p in paragraphs])
        (folder / f"{doc['id']}.md").write_text(text, encoding="utf-8")


def project_snapshot(rev: str, work: Path) -> Path:
    """The project's files at git revision `rev` (pelicanconf.py, plugins, theme), to build with
    instead of the working tree; node_modules (not in git) is linked from the working tree."""
    target = work / "project"
    target.mkdir()
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def id_of(url: str, known: set[str]) -> str | None:
    """The corpus id of an article URL (its slug), None for any other page."""
    slug = unquote(urlsplit(url).path).rstrip("/").rsplit("/", 1)[-1]
    return slug if slug in known else None


# ---------------------------------------------------------------------------------------------
# Typing into our search page


def typing_plan(query: str) -> list[tuple[str, int | None]]:
    """(character, word index or None) per character; the word index is set where the count is read:
    from the third letter of each word on, and at the query's last character."""
    plan, word = [], -1
    for match in re.finditer(r"\S+|\s+", query):
        text = match.group()
        if text.isspace():
            plan += [(ch, None) for ch in text]
            continue
        word += 1
        plan += [(ch, word if n + 1 >= FIRST_MEASURED_LETTER else None) for n, ch in enumerate(text)]
    if plan and plan[-1][1] is None:
        plan[-1] = (plan[-1][0], max(word, 0))
    return plan


class SearchPage:
    """Our search page in one language, driven through its DOM."""

    def __init__(self, browser: Browser, server: Server, lang: str, quiet_ms: int, idle_ms: int):
        self.context, self.page = browser.page(server.base + SEARCH_PAGES[lang])
        self.page.evaluate(OBSERVE)
        self.quiet, self.idle = quiet_ms, idle_ms
        self.inflight = 0  # requests of the page and its workers, as Playwright reports them
        self.page.on("request", self._started)
        self.page.on("requestfinished", self._ended)
        self.page.on("requestfailed", self._ended)
        self.errors, self.checked, self.disagreed = [], 0, []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.box = self.page.locator(INPUT).first
        self.box.click()

    def _started(self, _request) -> None:
        self.inflight += 1

    def _ended(self, _request) -> None:
        self.inflight -= 1

    def _mark(self) -> list:
        """The page's mutation count and clock just before keys are pressed."""
        return self.page.evaluate("[window.__bench.mutations, performance.now()]")

    def _settle(self, before: list) -> None:
        """Waits until the page has answered the keys pressed since `before` (_mark()). The page
        searches at once on each key, so an answer may be drawn before the key press returns: the
        mutations are counted from before the keys. Results drawn for an earlier text of the same
        burst do not pass for the answer: the result list stays aria-busy until the last text's
        results are drawn."""
        mark, typed_at = before
        while True:
            self.page.wait_for_function(SETTLED, arg=[mark, typed_at, self.quiet, self.idle], polling=10)
            if self.inflight <= 0:
                return
            self.page.wait_for_timeout(20)

    def read(self) -> dict:
        return self.page.evaluate(READ, TOP)

    def check(self, typed: str, seen: dict) -> None:
        """Counts reads that disagree with the page's own render event, when it has one."""
        if seen["event"] is None:
            return
        self.checked += 1
        if seen["event"] != {"text": typed.strip(), "count": seen["count"]}:
            self.disagreed.append({"typed": typed, "read": seen["count"], "event": seen["event"]})

    def clear(self) -> None:
        before = self._mark()
        self.box.fill("")  # sets the value and fires an input event, as clearing the box does
        self._settle(before)

    def type_query(self, query: str) -> tuple[dict, list[tuple[int, str, int]]]:
        """Types `query` a character at a time; returns what the page shows for the whole query and
        (word index, typed text, count) for every state read on the way."""
        self.clear()
        states = []
        typed = burst = ""
        started = time.perf_counter()
        for ch, word in typing_plan(query):
            burst += ch
            if word is None:
                continue
            # Letters not read on their own (a word's first two, spaces) go in one burst with the next
            # letter that is read: one key at a time, no pause.
            before = self._mark()
            self.page.keyboard.type(burst)
            typed, burst = typed + burst, ""
            self._settle(before)
            seen = self.read()
            if seen["error"]:
                raise RuntimeError(f"the search page shows its error message after {typed!r}: {seen['status']!r}"
                                   f" (page errors: {self.errors[-3:]})")
            states.append((word, typed, seen["count"]))
            self.check(typed, seen)
        assert self.box.input_value() == query, (self.box.input_value(), query)
        shown = self.read()
        shown["seconds"] = time.perf_counter() - started
        return shown, states

    def close(self) -> None:
        self.context.close()


# ---------------------------------------------------------------------------------------------
# Scores


def rank(ids: list[str | None], relevant: set[str]) -> int | None:
    return next((n for n, doc in enumerate(ids, 1) if doc in relevant), None)


def scores(rows: list[dict], engine: str) -> dict:
    ranks = [row[engine]["rank"] for row in rows]
    n = len(rows)
    return {"n": n, "R@1": sum(1 for r in ranks if r == 1) / n, "R@5": sum(1 for r in ranks if r and r <= 5) / n,
            "MRR@10": sum(1 / r for r in ranks if r) / n,
            "recall@10": sum(row[engine]["found"] for row in rows) / n,
            "zero": sum(1 for row in rows if row[engine]["count"] == 0)}


def groups_of(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    groups = []
    for lang in SEARCH_PAGES:
        mine = [r for r in rows if r["lang"] == lang]
        groups += [(f"{lang} {kind}", [r for r in mine if r["kind"] == kind]) for kind in KINDS]
        groups.append((f"{lang} all kinds", mine))
    groups += [(f"both {kind}", [r for r in rows if r["kind"] == kind]) for kind in KINDS]
    groups.append(("overall", rows))
    return [(name, members) for name, members in groups if members]


def midword(states: list[dict], engine: str) -> dict:
    """Per word (query, word index): the counts from its third letter on; a drop is a zero before
    the last letter while the finished word has results."""
    words = defaultdict(list)
    for state in states:
        words[(state["qid"], state["word"])].append(state)
    summary = {"words": 0, "drops": 0, "states": 0, "zero_states": 0, "examples": []}
    for (qid, word), seq in words.items():
        counts = [s[engine] for s in seq]
        if len(counts) < 2 or not counts[-1]:
            continue  # no half-typed state, or the finished word has no results anyway
        summary["words"] += 1
        summary["states"] += len(counts) - 1
        zeros = sum(1 for c in counts[:-1] if c == 0)
        summary["zero_states"] += zeros
        if zeros:
            summary["drops"] += 1
            summary["examples"].append({"qid": qid, "typed": seq[-1]["text"], "counts": counts})
    return summary


# ---------------------------------------------------------------------------------------------
# Report


def pct(value: float) -> str:
    return f"{value:.2f}"


def print_report(rows: list[dict], mid: dict, with_pagefind: bool, engine_name: str, site: dict) -> None:
    print(f"\n##### Real news (../shared/realnews): our search page vs {engine_name} #####")
    print(f"project: {'git ' + site['rev'] if site.get('rev') else 'working tree'}; {site['articles']} articles ({site['per_lang']}), {site['pairs']} translation pairs,"
          f" {len(rows)} reader queries ({site['queries']}); each language's search page, the page's language only.")
    print("R@k = share of queries with a relevant story in the top k; MRR@10 = mean 1/rank of the first relevant"
          " story (0 past 10);\nrec@10 = mean share of the query's relevant stories in its language found in the top"
          " 10; zero = queries with no result at all.")
    head = f"  {'group':<22}{'n':>4}   {'R@1':>5}{'R@5':>6}{'MRR':>6}{'rec':>6}{'zero':>5}"
    print(head + (f"   |  {'R@1':>5}{'R@5':>6}{'MRR':>6}{'rec':>6}{'zero':>5}" if with_pagefind else ""))
    print(f"  {'':<26}{'ours':-^28}" + (f"   |  {'Pagefind':-^28}" if with_pagefind else ""))
    for name, members in groups_of(rows):
        line = ""
        for engine in (("ours", "pagefind") if with_pagefind else ("ours",)):
            s = scores(members, engine)
            cells = f"{pct(s['R@1']):>5}{pct(s['R@5']):>6}{pct(s['MRR@10']):>6}{pct(s['recall@10']):>6}{s['zero']:>5}"
            line += cells if engine == "ours" else f"   |  {cells}"
        print(f"  {name:<22}{len(members):>4}   {line}")
        if name.endswith("all kinds") or name == "overall":
            print()

    def show(title: str, chosen: list[dict]) -> None:
        print(f"  {title}: {len(chosen)}")
        for r in chosen:
            print(f"    {r['qid']} [{r['kind']}] {r['query']!r}: ours {r['ours']['count']} results"
                  f" (relevant at {r['ours']['rank'] or '>10'}), Pagefind {r['pagefind']['count']}"
                  f" (relevant at {r['pagefind']['rank'] or '>10'})")

    if with_pagefind:
        show("ours zero results, Pagefind some", [r for r in rows if not r["ours"]["count"] and r["pagefind"]["count"]])
        show("Pagefind zero results, ours some", [r for r in rows if r["ours"]["count"] and not r["pagefind"]["count"]])
        show("both zero", [r for r in rows if not r["ours"]["count"] and not r["pagefind"]["count"]])
        show("ours has results but no relevant story in the top 10, Pagefind has one",
             [r for r in rows if r["ours"]["count"] and not r["ours"]["rank"] and r["pagefind"]["rank"]])
    else:
        zero = [r for r in rows if not r["ours"]["count"]]
        print(f"  ours zero results: {len(zero)}")
        for r in zero:
            print(f"    {r['qid']} [{r['kind']}] {r['query']!r}")

    print("\n  Mid-word stability: every word typed letter by letter from its third letter; words whose finished"
          " form has results.")
    print(f"  {'':<6}{'engine':<10}{'words':>7}{'drop to 0 mid-word':>20}{'half-typed states':>19}{'of them 0':>11}")
    for lang in SEARCH_PAGES:
        for engine in (("ours", "pagefind") if with_pagefind else ("ours",)):
            m = mid[lang][engine]
            print(f"  {lang:<6}{engine:<10}{m['words']:>7}{m['drops']:>20}{m['states']:>19}{m['zero_states']:>11}")
    for lang in SEARCH_PAGES:
        examples = mid[lang]["ours"]["examples"]
        if examples:
            print(f"  ours, {lang}, counts as letters arrive (first {min(len(examples), EXAMPLES_SHOWN)}"
                  f" of {len(examples)}):")
            for e in examples[:EXAMPLES_SHOWN]:
                print(f"    {e['qid']} {e['typed']!r}: {', '.join(map(str, e['counts']))}")


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"realnews folder (default {DEFAULT_DATA})")
    parser.add_argument("--skip-pagefind", action="store_true")
    parser.add_argument("--quiet-ms", type=int, default=60,
                        help="results settled: no change in the status or result list for this long (default 60)")
    parser.add_argument("--idle-ms", type=int, default=1000,
                        help="a keystroke that changes nothing on the page counts as settled after this long")
    parser.add_argument("--rev", default=None,
                        help="build with the project (pelicanconf.py, plugins, theme) at this git revision, e.g. HEAD,"
                             " instead of the working tree")
    parser.add_argument("--queries", type=Path, default=None,
                        help="queries file (default: the set's queries.jsonl, the development queries the analyzer"
                             " rules were written against; bench/realnews_heldout.jsonl holds queries written"
                             " without looking at the analyzer)")
    parser.add_argument("--limit", type=int, default=None, help="first N queries per language (a quick check)")
    parser.add_argument("--output", type=Path, default=RESULT_FILE)
    args = parser.parse_args()

    if not (args.data / "corpus.jsonl").is_file():
        print(f"realnews benchmark skipped: no corpus.jsonl in {args.data} (set REALNEWS_DIR or --data)")
        return
    with_pagefind = not args.skip_pagefind
    engine_name = "Pagefind (skipped)"
    if with_pagefind:
        engine_name = pagefind_available()
        if not engine_name:
            sys.exit(f"Pagefind is not installed: `.venv/bin/pip install '{PAGEFIND_SPEC}'`, or pass --skip-pagefind")
        progress(f"using {engine_name}")

    docs = read_jsonl(args.data / "corpus.jsonl")
    pairs = read_jsonl(args.data / "pairs.jsonl")
    queries_file = args.queries or args.data / "queries.jsonl"
    queries = read_jsonl(queries_file)
    if args.limit:
        queries = [q for lang in SEARCH_PAGES for q in [q for q in queries if q["lang"] == lang][: args.limit]]
    known = {doc["id"] for doc in docs}
    lang_of = {doc["id"]: doc["lang"] for doc in docs}
    site_info = {"articles": len(docs), "pairs": len(pairs), "queries": queries_file.name,
                 "per_lang": ", ".join(f"{sum(1 for d in docs if d['lang'] == lang)} {lang}" for lang in SEARCH_PAGES)}

    rows = [{"qid": q["qid"], "lang": q["lang"], "kind": q["kind"], "query": q["query"],
             "relevant": q["relevant"]} for q in queries]
    states, settle_check = [], {}
    with tempfile.TemporaryDirectory(prefix="newsroom-realnews-bench-") as work:
        work = Path(work)
        content, site = work / "content", work / "output"
        write_content(docs, pairs, content)
        project = ROOT
        if args.rev:
            project = project_snapshot(args.rev, work)
            site_info["rev"] = subprocess.run(["git", "rev-parse", "--short", args.rev], cwd=ROOT, text=True,
                                              capture_output=True, check=True).stdout.strip()
        progress(f"building {len(docs)} articles with {'the working tree' if project == ROOT else args.rev}'s"
                 f" pelicanconf.py")
        seconds, *_ = pelican_build(content, site, project / "pelicanconf.py", work)
        pages = sorted(site.glob(ARTICLE_GLOB))
        built = {id_of(p.parent.as_posix() + "/", known) for p in pages} - {None}
        progress(f"built in {seconds:.1f} s: {len(pages)} article pages, {len(built)} corpus ids")
        if built != known:
            print(f"  WARNING: corpus ids without an article page: {sorted(known - built)[:10]}")
        if with_pagefind:
            seconds, _, indexed = pagefind_build(site)
            progress(f"Pagefind indexed {indexed} pages in {seconds:.1f} s")

        server = Server(site)
        browser = Browser()
        try:
            for lang in SEARCH_PAGES:
                mine = [r for r in rows if r["lang"] == lang]
                if not mine:
                    continue
                progress(f"{lang}: typing {len(mine)} queries into {SEARCH_PAGES[lang]}")
                page = SearchPage(browser, server, lang, args.quiet_ms, args.idle_ms)
                try:
                    for row in mine:
                        shown, typed = page.type_query(row["query"])
                        row["ours"] = {"count": shown["count"], "status": shown["status"], "shown": shown["shown"],
                                       "ids": [id_of(links[0], known) for links in shown["results"]],
                                       "versions": [[id_of(u, known) for u in links[1:]] for links in shown["results"]],
                                       "seconds": round(shown["seconds"], 2)}
                        states += [{"qid": row["qid"], "lang": lang, "word": word, "text": text, "ours": count}
                                   for word, text, count in typed]
                finally:
                    page.close()
                settle_check[lang] = {"checked": page.checked, "disagreed": page.disagreed}
                if page.disagreed:
                    print(f"  WARNING: {len(page.disagreed)} of {page.checked} reads disagree with the page's"
                          f" search:rendered event (settled too early?), e.g. {page.disagreed[:3]}")
                if with_pagefind:
                    progress(f"{lang}: the same queries and typed states through Pagefind's API")
                    context, page = browser.page(server.base + SEARCH_PAGES[lang])
                    mine_states = [s for s in states if s["lang"] == lang]
                    try:
                        ranked, counts = page.evaluate(PAGEFIND_RUN, [[r["query"] for r in mine],
                                                                      [s["text"] for s in mine_states], TOP])
                    finally:
                        context.close()
                    for row, result in zip(mine, ranked):
                        row["pagefind"] = {"count": result["count"], "ids": [id_of(u, known) for u in result["urls"]]}
                    for state, count in zip(mine_states, counts):
                        state["pagefind"] = count
        finally:
            browser.close()
            server.close()

    for row in rows:
        relevant = set(row["relevant"])
        same_lang = {d for d in relevant if lang_of.get(d) == row["lang"]}
        for engine in ("ours", "pagefind"):
            if engine not in row:
                continue
            ids = row[engine]["ids"]
            row[engine]["rank"] = rank(ids, relevant)
            row[engine]["found"] = len(same_lang & set(ids)) / len(same_lang) if same_lang else 0.0
            row[engine]["duplicates"] = len(ids) - len(set(ids))
    duplicated = [r["qid"] for r in rows if r["ours"]["duplicates"]]
    if duplicated:
        print(f"  WARNING: a story listed twice in our results for {duplicated}")

    engines = ("ours", "pagefind") if with_pagefind else ("ours",)
    mid = {lang: {e: midword([s for s in states if s["lang"] == lang], e) for e in engines} for lang in SEARCH_PAGES}
    print_report(rows, mid, with_pagefind, engine_name, site_info)
    checked = sum(c["checked"] for c in settle_check.values())
    if checked:
        print(f"  settle cross-check: {checked} reads compared with ui.js's own search:rendered event,"
              f" {sum(len(c['disagreed']) for c in settle_check.values())} disagreed")

    summary = {name: {e: scores(members, e) for e in engines} for name, members in groups_of(rows)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "pagefind": engine_name, "site": site_info,
        "method": {"typing": "Playwright keyboard.type, one character at a time (trusted key events); a word's"
                             " first two letters and spaces in one burst with the next letter",
                   "settled": f"no fetch in flight, no loading message, status/result list unchanged for"
                              f" {args.quiet_ms} ms (or nothing changed for {args.idle_ms} ms)",
                   "R@k": "share of queries with a relevant story in the top k", "top": TOP},
        "settle_check": settle_check, "summary": summary, "queries": rows, "midword": mid, "states": states,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    progress(f"results written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
