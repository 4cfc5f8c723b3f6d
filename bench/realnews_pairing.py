"""Translation pairing on real news: precision and recall over ../shared/realnews, distractors, curve, split check.

All 111 excerpts of corpus.jsonl (pt and id) are paired in one run, as `newsroom import` would pair
them: each excerpt is planned by the importer as a plain-text file with its Title, Date (when the
corpus gives a full day) and Lang (importing.Importer.plan: escaping, headline, dateline), and
turned into a pairing item by import_batch.pairing_item (title + body), so the same-topic
distractors (distractors.jsonl) compete with the true pairs (pairs.jsonl) naturally. One difference:
an excerpt without a full date is left undated (the importer would date it today), so the date
factor treats it as unknown.

Printed: precision and recall per kind (full / near-full) at the site's rules (PAIRING_MIN_SCORE,
PAIRING_MARGIN), every true pair's score and its nearest rival, every distractor couple's score
and what became of its two documents, the close calls reported as ambiguous, the curve over
min score x margin, and two checks against fitting twelve pairs: leave-one-out (the threshold
chosen without a pair, then that pair looked up) and random half splits (threshold chosen on
half of the pairs and distractors, measured on the other half).

The texts are read from ../shared/realnews at run time (REALNEWS_DIR or --data elsewhere) and never
copied into the repository. Usage: .venv/bin/python bench/realnews_pairing.py [--data DIR] [--splits 20]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from importer.import_batch import ImportOptions, Importer, Outcome, pairing_item  # noqa: E402
from importer.pairing import (AnchorWeights, PairingItem, PairingRules, choose_pairs, date_factor,  # noqa: E402
                              prepare_articles, score_candidates)
from importer.site_settings import load_site_settings  # noqa: E402
from importer.sources import Source, escape_markdown, text_paragraphs  # noqa: E402

THRESHOLDS = [round(0.10 + 0.02 * step, 2) for step in range(26)]  # 0.10 ... 0.60
MARGINS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.9]
KINDS = ("full", "near-full")


def realnews_folder() -> Path:
    """../shared/realnews, read in place: REALNEWS_DIR if set, else beside the repository, else the
    workplace's shared folder (the lookup of tests/support.py)."""
    candidates = [os.environ.get("REALNEWS_DIR"), ROOT.parent / "shared" / "realnews", "/work/shared/realnews"]
    found = [Path(c) for c in candidates if c and (Path(c) / "corpus.jsonl").is_file()]
    return found[0] if found else ROOT.parent / "shared" / "realnews"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@dataclasses.dataclass
class Realnews:
    documents: list[dict]
    pairs: list[dict]  # {"pt", "id", "kind", ...}
    distractors: list[dict]  # {"pt", "id", "why"}

    @property
    def true_pairs(self) -> dict[frozenset[str], str]:
        return {frozenset((pair["pt"], pair["id"])): pair["kind"] for pair in self.pairs}


def read_realnews(folder: Path) -> Realnews:
    return Realnews(read_jsonl(folder / "corpus.jsonl"), read_jsonl(folder / "pairs.jsonl"),
                    read_jsonl(folder / "distractors.jsonl"))


def realnews_items(documents: list[dict], settings_file: Path = ROOT / "pelicanconf.py"):
    """(items, languages, rules): each excerpt as `newsroom import` plans a plain-text file with Title,
    Date and Lang, turned into a pairing item by import_batch.pairing_item; the site's rules."""
    settings = load_site_settings(settings_file)
    locales = tuple(settings.locale(code) for code in settings.codes)
    items = []
    with tempfile.TemporaryDirectory(prefix="realnews-pairing-") as empty:
        importer = Importer(dataclasses.replace(settings, content=Path(empty)), ImportOptions(), date(2000, 1, 1))
        for document in documents:
            full_date = document.get("date") if len(document.get("date") or "") == 10 else None
            metadata = {"lang": document["lang"], **({"date": full_date} if full_date else {})}
            raw = document["text"].encode("utf-8")
            source = Source(Path(f"{document['id']}.txt"), hashlib.sha256(raw).hexdigest(), "text",
                            [escape_markdown(p) for p in text_paragraphs(document["text"])],
                            document.get("title") or None, metadata)
            planned = importer.plan(source.path, source, Outcome(str(source.path), "imported"), None)
            fields = {name.lower(): value for name, value in planned.fields.items() if value}
            if not full_date:
                fields.pop("date", None)  # undated: unknown to the date factor, not "today"
            items.append(pairing_item(document["id"], fields, "\n\n".join(planned.paragraphs), locales))
    rules = PairingRules(settings.pairing_min_score, settings.pairing_margin, settings.pairing_date_window_days)
    return items, settings.codes, rules


def evaluate(found: set[frozenset[str]], truth: dict[frozenset[str], str], among: set[frozenset[str]] | None = None):
    """(correct, false, per kind {kind: (found, total)}) of `found` pairs, optionally only those in `among`."""
    judged = truth if among is None else {pair: kind for pair, kind in truth.items() if pair in among}
    correct = found & judged.keys()
    false = {pair for pair in found if pair not in truth}
    per_kind = {kind: (sum(1 for p in correct if judged[p] == kind), sum(1 for k in judged.values() if k == kind))
                for kind in KINDS}
    return correct, false, per_kind


def pairs_found(items: list[PairingItem], scores: dict, languages: list[str], rules: PairingRules):
    matches, ambiguities = choose_pairs(items, scores, languages, rules)
    return {frozenset((m.first, m.second)) for m in matches}, matches, ambiguities


def direct_score(articles: dict, weights: AnchorWeights, a: str, b: str, rules: PairingRules) -> float:
    """A couple's score whether or not pairing made them candidates."""
    first, second = articles[a], articles[b]
    return round(weights.similarity(first, second) * date_factor(first.item.date, second.item.date,
                                                                  rules.date_window_days), 4)


def midpoint_threshold(true_scores: list[float], false_scores: list[float]) -> float | None:
    """The threshold halfway between the strongest false score and the weakest true score above it
    (most true pairs kept with none of the false); None when no true score is above them all."""
    ceiling = max(false_scores, default=0.0)
    above = [score for score in true_scores if score > ceiling]
    return round((ceiling + min(above)) / 2, 4) if above else None


def report(folder: Path, splits: int) -> int:
    data = read_realnews(folder)
    truth = data.true_pairs
    items, languages, rules = realnews_items(data.documents)
    by_ident = {item.ident: item for item in items}
    scores = score_candidates(items, languages, rules)
    articles = {article.item.ident: article for article in prepare_articles(items)}
    weights = AnchorWeights(list(articles.values()))
    print(f"realnews pairing: {len(items)} excerpts ({sum(i.lang == 'pt' for i in items)} pt, "
          f"{sum(i.lang == 'id' for i in items)} id), {len(truth)} true pairs, {len(data.distractors)} distractor "
          f"couples; rules: min score {rules.min_score}, margin {rules.margin}, date window "
          f"{rules.date_window_days} days; {sum(1 for i in items if i.date)} excerpts dated")

    found, matches, ambiguities = pairs_found(items, scores, languages, rules)
    correct, false, per_kind = evaluate(found, truth)
    precision = len(correct) / len(found) if found else 1.0
    print(f"\nAt the site's rules: {len(found)} pairs proposed, {len(correct)} true, {len(false)} false; "
          f"precision {precision:.2f}, recall {len(correct) / len(truth):.2f} ({len(correct)} of {len(truth)})")
    for kind, (hits, total) in per_kind.items():
        print(f"  {kind:9s}: {hits} of {total} found (recall {hits / total:.2f})")
    for pair in sorted(false, key=sorted):
        print(f"  FALSE PAIR: {' + '.join(sorted(pair))}")

    ranked: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for (a, b), score in scores.items():
        ranked[(a, by_ident[b].lang)].append((score, b))

    def rival(ident: str, partner: str) -> str:
        others = sorted((s, b) for s, b in ranked[(ident, by_ident[partner].lang)] if b != partner)
        return f"{others[-1][1]} {others[-1][0]:.3f}" if others else "none"

    print("\nTrue pairs (score; each side's best other candidate):")
    for pair in sorted(data.pairs, key=lambda p: p["pt"]):
        key = frozenset((pair["pt"], pair["id"]))
        score = scores.get((pair["pt"], pair["id"]))
        shown = f"{score:.3f}" if score is not None else f"not a candidate (direct {direct_score(articles, weights, pair['pt'], pair['id'], rules):.3f})"
        status = "found" if key in correct else "MISSED"
        print(f"  {pair['pt']} + {pair['id']}  {pair['kind']:9s} {shown:>8}  {status:6s}  rivals: "
              f"{pair['pt']} -> {rival(pair['pt'], pair['id'])}; {pair['id']} -> {rival(pair['id'], pair['pt'])}")

    partner_of = {ident: other for pair in found for ident, other in (tuple(pair), tuple(pair)[::-1])}
    print("\nDistractor couples (same topic, not translations):")
    for couple in data.distractors:
        a, b = couple["pt"], couple["id"]
        score = scores.get((a, b))
        shown = f"{score:.3f}" if score is not None else f"{direct_score(articles, weights, a, b, rules):.3f}*"
        fate = "PAIRED TOGETHER" if frozenset((a, b)) in found else (
            f"{a} -> {partner_of.get(a, 'unpaired')}, {b} -> {partner_of.get(b, 'unpaired')}")
        print(f"  {a} + {b}  {shown:>7}  {fate}")
    print("  (* not among each other's candidates: the score computed directly)")

    print(f"\nReported as ambiguous (close calls, not guessed): {len(ambiguities)}")
    for ambiguity in ambiguities:
        print(f"  {ambiguity.ident}: " + ", ".join(f"{ident} {score:.3f}" for ident, score in ambiguity.candidates))

    print("\nCurve: precision/recall by min score (rows) and margin (columns)")
    print("  min  " + "".join(f"{'m=' + str(margin):>12}" for margin in MARGINS))
    for threshold in THRESHOLDS:
        cells = []
        for margin in MARGINS:
            got, _, _ = pairs_found(items, scores, languages, dataclasses.replace(rules, min_score=threshold,
                                                                                  margin=margin))
            hits = len(got & truth.keys())
            cells.append(f"{hits / len(got) if got else 1.0:.2f}/{hits / len(truth):.2f}")
        print(f"  {threshold:.2f}" + "".join(f"{cell:>12}" for cell in cells))

    # What the threshold has to separate: the true pairs' scores, and the strongest couple that pairing
    # proposes (mutual clear best) without being a true pair, with no threshold at all.
    unguarded, _, _ = pairs_found(items, scores, languages, dataclasses.replace(rules, min_score=0.0))
    false_scores = sorted(((scores[tuple(pair)], pair) for pair in unguarded - truth.keys()), key=lambda s: -s[0])
    true_scores = sorted(scores.get((p["pt"], p["id"]), 0.0) for p in data.pairs)
    strongest_false = false_scores[0][0] if false_scores else 0.0
    kept = [s for s in true_scores if s >= rules.min_score]
    weakest = min(kept) if kept else float("nan")
    strongest = " + ".join(sorted(false_scores[0][1])) if false_scores else "-"
    print(f"\nRoom around min score {rules.min_score}: the strongest couple that would pair without it is false "
          f"({strongest}, {strongest_false:.3f}: min score is {rules.min_score / max(strongest_false, 1e-9):.2f}x it); "
          f"the weakest true pair kept scores {weakest:.3f} ({weakest / rules.min_score:.2f}x min score)")

    leave_one_out(data, scores, [score for score, _ in false_scores], unguarded)
    half_splits(data, items, scores, languages, rules, articles, weights, splits)
    return 0


def leave_one_out(data: Realnews, scores: dict, false_scores: list[float], unguarded: set) -> None:
    print("\nLeave-one-out: threshold halfway between the strongest false couple and the weakest of the other "
          "11 true pairs above it; is the left-out pair found?")
    found = 0
    for pair in sorted(data.pairs, key=lambda p: p["pt"]):
        others = [scores.get((p["pt"], p["id"]), 0.0) for p in data.pairs if p is not pair]
        threshold = midpoint_threshold(others, false_scores)
        score = scores.get((pair["pt"], pair["id"]), 0.0)
        hit = threshold is not None and score >= threshold and frozenset((pair["pt"], pair["id"])) in unguarded
        found += hit
        print(f"  {pair['pt']} + {pair['id']}  threshold {threshold}  score {score:.3f}  {'found' if hit else 'missed'}")
    print(f"  left-out pairs found: {found} of {len(data.pairs)}")


def half_splits(data: Realnews, items: list[PairingItem], scores: dict, languages: list[str], rules: PairingRules,
                articles: dict, weights: AnchorWeights, splits: int) -> None:
    print(f"\nHalf splits ({splits}, seed 13): threshold halfway between the strongest of half the distractor "
          "couples and the weakest of half the true pairs above it; recall on the other half of the pairs, "
          "false pairs among all 111 excerpts")
    generator = random.Random(13)
    distractor_scores = {(d["pt"], d["id"]): direct_score(articles, weights, d["pt"], d["id"], rules)
                         for d in data.distractors}
    truth = data.true_pairs
    recalls, false_total = [], 0
    for _ in range(splits):
        pairs = sorted(data.pairs, key=lambda p: p["pt"])
        couples = sorted(distractor_scores)
        generator.shuffle(pairs)
        generator.shuffle(couples)
        calibration, held_out = pairs[:len(pairs) // 2], pairs[len(pairs) // 2:]
        threshold = midpoint_threshold([scores.get((p["pt"], p["id"]), 0.0) for p in calibration],
                                       [distractor_scores[c] for c in couples[:len(couples) // 2]])
        if threshold is None:
            print("  a split whose halves no threshold separates")
            continue
        found, _, _ = pairs_found(items, scores, languages, dataclasses.replace(rules, min_score=threshold))
        held = {frozenset((p["pt"], p["id"])) for p in held_out}
        recall, false = len(found & held) / len(held), len(found - truth.keys())
        recalls.append(recall)
        false_total += false
        print(f"  threshold {threshold:.3f}: held-out recall {recall:.2f}, false pairs {false}")
    if recalls:
        print(f"  mean held-out recall {sum(recalls) / len(recalls):.2f} (lowest {min(recalls):.2f}), "
              f"false pairs over all splits {false_total}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=realnews_folder(), help="the realnews folder")
    parser.add_argument("--splits", type=int, default=20, help="random half splits for the split check")
    args = parser.parse_args()
    if not (args.data / "corpus.jsonl").is_file():
        print(f"realnews pairing benchmark skipped: {args.data} has no corpus.jsonl "
              "(clone the shared data beside the repository or set REALNEWS_DIR)")
        return 0
    return report(args.data, args.splits)


if __name__ == "__main__":
    sys.exit(main())
