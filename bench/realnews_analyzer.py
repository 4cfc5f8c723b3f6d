"""Search quality of the analyzer alone, on real news: ../shared/realnews/ through lunr.py.

Each language's excerpts (../shared/realnews/corpus.jsonl) are indexed the way plugins/search
indexes stories (fields title, boosted 8, and body; terms from the project's analyzer), and the
reader queries (queries.jsonl) are run in two modes:
  all  every word required (the search page's first group: stories with all the words);
  any  every word optional (the page then ranks the stories with most of the words first).
Printed per language and per query kind: R@1, R@5 (relevant stories in the top k over
min(k, relevant stories), so 1.00 means the top k are as good as they can be), MRR@10 (the first
relevant story), and the queries with zero results. Cross queries are scored in the query's
edition (their relevant stories in the query's language); grouping translations is the engine's job.

`--baseline PATH` loads another analyzer.py (e.g. from `git worktree add /tmp/before HEAD`), and
`--baseline-commit REV` the analyzer.py of a commit (`make bench` compares with BEFORE_RULES, the
last commit before the derivation and affix rules); either prints the baseline's figures beside
this one's, then the words of the realnews vocabulary that this analyzer
merges into one term but the baseline kept apart (review them for false merges), and the words it
separates that the baseline merged. Last, candidates for the fixed-word table (WORDS in
plugins/search/analyzer.py): Indonesian words of the corpus whose term is another word of the corpus
with a prefix cut off ("perdana" -> "dana"), the vocabulary-derived protection the browser cannot
compute itself, listed here for a person to review.

The texts are read from ../shared/realnews at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from types import ModuleType

from lunr.builder import Builder
from lunr.query import QueryPresence

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = Path(os.environ.get("REALNEWS_DIR", ROOT.parent / "shared" / "realnews"))
ANALYZER = ROOT / "plugins" / "search" / "analyzer.py"
TITLE_BOOST = 8  # plugins/search/shards.py
LANGS = ("pt", "id")
KINDS = ("exact", "inflected", "inflected-hard", "unaccented", "entity", "multiword", "cross")
MODES = ("all", "any")
BEFORE_RULES = "07631d3"  # the analyzer before its tables of fixed words and stem repairs (issue 11)


def load_analyzer_module(path: Path, name: str) -> ModuleType:
    """An analyzer.py loaded under its own module name, so two versions can run side by side."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def build_index(documents: list[dict], analyzer):
    """A lunr.py index over title (boosted) and body, terms from the analyzer, refs = document ids."""
    builder = Builder()  # no pipeline: the extractors hand lunr the analyzer's terms
    builder.ref("id")
    builder.field("title", boost=TITLE_BOOST, extractor=lambda doc: analyzer.terms(doc.get("title") or ""))
    builder.field("body", extractor=lambda doc: analyzer.terms(doc["text"]))
    for document in documents:
        builder.add(document)
    return builder.build()


def query_terms(text: str, module: ModuleType, analyzer) -> tuple[list[str], list[str]]:
    """(wanted, excluded) terms of a finished query, as engine.js compileQuery reads it."""
    wanted, excluded = [], []
    for chunk in text.split():
        negative = chunk.startswith("-") and len(chunk) > 1
        terms = [t for t in (analyzer.term(tok) for tok in module.tokenize(chunk[1:] if negative else chunk)) if t]
        (excluded if negative else wanted).extend(terms)
    return wanted, excluded


def search(index, wanted: list[str], excluded: list[str], mode: str) -> list[str]:
    if not wanted:
        return []
    query = index.create_query()
    presence = QueryPresence.REQUIRED if mode == "all" else QueryPresence.OPTIONAL
    for term in wanted:
        query.term(term, use_pipeline=False, presence=presence)
    for term in excluded:
        query.term(term, use_pipeline=False, presence=QueryPresence.PROHIBITED)
    return [match["ref"] for match in index.query(query)]


def scores(results: list[str], relevant: list[str]) -> dict[str, float]:
    first = next((rank for rank, ref in enumerate(results[:10], 1) if ref in relevant), None)
    return {
        "R@1": len(set(results[:1]) & set(relevant)) / min(1, len(relevant)),
        "R@5": len(set(results[:5]) & set(relevant)) / min(5, len(relevant)),
        "MRR@10": 1 / first if first else 0.0,
    }


def evaluate(module: ModuleType, documents: list[dict], queries: list[dict]) -> dict:
    """{(lang, mode): [(query, scores, result count)]} for one analyzer."""
    runs = defaultdict(list)
    for lang in LANGS:
        analyzer = module.Analyzer(module.analyzer_config(lang))
        index = build_index([d for d in documents if d["lang"] == lang], analyzer)
        for query in (q for q in queries if q["lang"] == lang):
            relevant = [ref for ref in query["relevant"] if ref.startswith(lang + "-")]
            wanted, excluded = query_terms(query["query"], module, analyzer)
            for mode in MODES:
                results = search(index, wanted, excluded, mode)
                runs[lang, mode].append((query, scores(results, relevant), len(results)))
    return runs


def summary(rows: list) -> str:
    if not rows:
        return ""
    mean = {m: sum(s[m] for _, s, _ in rows) / len(rows) for m in ("R@1", "R@5", "MRR@10")}
    zero = sum(1 for _, _, count in rows if count == 0)
    return f"{mean['R@1']:5.2f} {mean['R@5']:5.2f} {mean['MRR@10']:6.3f} {zero:3d}"


def print_figures(runs: dict[str, dict]) -> None:
    names = list(runs)
    header = "".join(f"  {name:>20}" for name in names)
    for mode in MODES:
        print(f"\nmode '{mode}' ({'every word required' if mode == 'all' else 'any word'}):"
              " R@1, R@5, MRR@10, queries with zero results")
        print(f"  {'lang':<5}{'kind':<16}{'n':>3}{header}")
        for lang in LANGS:
            for kind in (*KINDS, "ALL"):
                per = {name: [r for r in run[lang, mode] if kind in ("ALL", r[0]["kind"])]
                       for name, run in runs.items()}
                n = len(next(iter(per.values())))
                if n:
                    cells = "".join(f"  {summary(rows):>20}" for rows in per.values())
                    print(f"  {lang:<5}{kind:<16}{n:>3}{cells}")
    for name, run in runs.items():
        for mode in MODES:
            zero = [q for lang in LANGS for q, _, count in run[lang, mode] if count == 0]
            listed = "; ".join(f"{q['qid']} {q['query']!r} ({q['kind']})" for q in zero) or "none"
            print(f"\n{name}, mode '{mode}', zero results ({len(zero)}): {listed}")
        missed = [(q, s) for lang in LANGS for q, s, count in run[lang, "all"] if count and s["MRR@10"] < 1]
        listed = "; ".join(f"{q['qid']} {q['query']!r} MRR {s['MRR@10']:.2f}" for q, s in missed) or "none"
        print(f"{name}, mode 'all', found but relevant story not first ({len(missed)}): {listed}")


def vocabulary(documents: list[dict], queries: list[dict], module: ModuleType, lang: str) -> set[str]:
    texts = [d["text"] for d in documents if d["lang"] == lang]
    texts += [d["title"] or "" for d in documents if d["lang"] == lang]
    texts += [q["query"] for q in queries if q["lang"] == lang]
    return {token.lower() for text in texts for token in module.tokenize(text)}


def changed_groups(words: set[str], new, old) -> tuple[list, list]:
    """(merges, splits): new terms joining words of several old terms, old terms split by the new analyzer."""
    def grouped(by, within):
        found = defaultdict(lambda: defaultdict(set))
        for word in words:
            term = by.term(word)
            if term:
                found[term][within.term(word)].add(word)
        return [(term, parts) for term, parts in sorted(found.items()) if len(parts) > 1]

    return grouped(new, old), grouped(old, new)


def print_groups(title: str, groups: list) -> None:
    print(f"\n{title} ({len(groups)}):")
    for term, parts in groups:
        shown = " + ".join(f"[{other}] {' '.join(sorted(words))}" for other, words in sorted(parts.items(), key=str))
        print(f"  {term}: {shown}")


def analyzer_at(commit: str) -> Path | None:
    """analyzer.py as it was at `commit`, in a temporary file; None (and a note) if git lacks it."""
    shown = subprocess.run(["git", "show", f"{commit}:plugins/search/analyzer.py"], cwd=ROOT,
                           capture_output=True, text=True)
    if shown.returncode:
        print(f"no baseline: commit {commit} is not in this clone ({shown.stderr.strip()})")
        return None
    path = Path(tempfile.mkdtemp(prefix="realnews-baseline-")) / "analyzer.py"
    path.write_text(shown.stdout, "utf-8")
    return path


def protection_candidates(words: set[str], analyzer) -> list[tuple[str, str]]:
    """(word, term) where the analyzer cut a prefix off the word and the rest is itself a word."""
    found = []
    for word in sorted(words):
        term = analyzer.term(word)
        if term and term != word and term in words and word.endswith(term) and analyzer.term(term) == term:
            found.append((word, term))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another analyzer.py to compare with")
    parser.add_argument("--baseline-commit", help=f"compare with analyzer.py at this commit (e.g. {BEFORE_RULES})")
    args = parser.parse_args()
    if args.baseline_commit:
        args.baseline = analyzer_at(args.baseline_commit)
    if not (REALNEWS / "corpus.jsonl").is_file():
        print(f"realnews benchmark skipped: {REALNEWS} is missing")
        return 0
    documents = read_jsonl(REALNEWS / "corpus.jsonl")
    queries = read_jsonl(REALNEWS / "queries.jsonl")
    current = load_analyzer_module(ANALYZER, "realnews_current_analyzer")
    modules = {"this analyzer": current}
    if args.baseline:
        modules = {"baseline": load_analyzer_module(args.baseline, "realnews_baseline_analyzer"), **modules}
    print(f"realnews: {len(documents)} excerpts, {len(queries)} queries, analyzer {ANALYZER.relative_to(ROOT)}")
    print_figures({name: evaluate(module, documents, queries) for name, module in modules.items()})
    if args.baseline:
        baseline = modules["baseline"]
        for lang in LANGS:
            new = current.Analyzer(current.analyzer_config(lang))
            old = baseline.Analyzer(baseline.analyzer_config(lang))
            merges, splits = changed_groups(vocabulary(documents, queries, current, lang), new, old)
            print_groups(f"{lang}: words merged into one term that the baseline kept apart [baseline term]", merges)
            print_groups(f"{lang}: words the baseline merged that are now apart [term now]", splits)
    analyzer = current.Analyzer(current.analyzer_config("id"))
    candidates = protection_candidates(vocabulary(documents, queries, current, "id"), analyzer)
    print(f"\nid: words whose term is another word with their beginning cut off ({len(candidates)}; "
          "true prefixes are fine, roots and names belong in WORDS):")
    print("  " + ", ".join(f"{word} -> {term}" for word, term in candidates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
