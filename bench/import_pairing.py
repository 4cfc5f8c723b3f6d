"""Benchmark: import an unlabelled, shuffled corpus with `newsroom import`, and pair it.

Reports the wall-clock time of the whole import (detection, metadata, pairing, writing) and the
pairing's precision and recall against the corpus generator's truth; then times pairing alone
on a larger archive.
Usage: python bench/import_pairing.py [--pairs 1000] [--pairing-only-pairs 5000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import corpus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from importer.anchors import extract_anchors  # noqa: E402
from importer.content_store import scan_content  # noqa: E402
from importer.pairing import PairingItem, PairingRules, propose_pairs  # noqa: E402

NEWSROOM = Path(sys.executable).parent / "newsroom"


def pairs_in(content: Path) -> set[frozenset[str]]:
    """Pairs of source file names that the import gave one translation key."""
    groups = defaultdict(set)
    for article in scan_content(content):
        if article.metadata.get("translation_key"):
            groups[article.metadata["translation_key"]].add(article.metadata["source"])
    return {frozenset(names) for names in groups.values()}


def true_pairs(truth: dict[str, str]) -> set[frozenset[str]]:
    groups = defaultdict(set)
    for name, key in truth.items():
        groups[key].add(name)
    return {frozenset(names) for names in groups.values()}


def time_import(pairs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsroom-import-bench-") as work:
        work = Path(work)
        truth = corpus.write_raw(corpus.generate(pairs), work / "raw")
        started = time.perf_counter()
        result = subprocess.run(
            [str(NEWSROOM), "import", str(work / "raw"), "--content", str(work / "content")],
            cwd=ROOT, capture_output=True, text=True,
        )
        elapsed = time.perf_counter() - started
        found, expected = pairs_in(work / "content"), true_pairs(truth)
        correct = len(found & expected)
        summary = result.stdout.strip().splitlines()[-1]
        print(f"import + pairing: {len(truth)} unlabelled articles ({pairs} story pairs), shuffled")
        print(f"  time: {elapsed:.2f} s   exit code {result.returncode}   ({summary})")
        print(f"  pairs found {len(found)}, correct {correct}, false {len(found) - correct}, "
              f"missed {len(expected) - correct}")
        print(f"  precision {correct / max(len(found), 1):.4f}   recall {correct / len(expected):.4f}"
              "   (target: 1.0 and 1.0 within 10 s)")


def time_pairing_only(pairs: int) -> None:
    stories = corpus.generate(pairs, seed=99)
    locales = ("pt_BR", "id_ID")
    items = [
        PairingItem(f"{story.key}-{a.lang}", a.lang, a.date, None,
                    extract_anchors(a.title + "\n" + "\n".join(a.paragraphs), locales))
        for story in stories for a in (story.pt, story.id)
    ]
    started, cpu_started = time.perf_counter(), time.process_time()
    matches, ambiguities = propose_pairs(items, ["pt", "id"], PairingRules())
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    correct = sum(1 for m in matches if m.first.rsplit("-", 1)[0] == m.second.rsplit("-", 1)[0])
    print(f"pairing alone: {len(items)} articles ({pairs} story pairs), anchors extracted beforehand")
    # CPU time too: on a shared machine the wall clock also counts other processes' turns.
    print(f"  time: {elapsed:.2f} s (CPU {cpu:.2f} s, load average {os.getloadavg()[0]:.1f})   pairs {len(matches)}, "
          f"correct {correct}, ambiguous {len(ambiguities)}")
    print(f"  precision {correct / max(len(matches), 1):.4f}   recall {correct / pairs:.4f}   (target: 1.0 and 1.0 "
          "within 5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--pairing-only-pairs", type=int, default=5000)
    args = parser.parse_args()
    time_import(args.pairs)
    time_pairing_only(args.pairing_only_pairs)


if __name__ == "__main__":
    main()
