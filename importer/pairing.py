"""Find each article's translation among the other languages' articles, without comparing all pairs.

Articles are compared by their anchors (names, numbers, acronyms, dates: what survives
translation), weighted by rarity, and by date proximity. Candidates come from an inverted index
of rare anchors, so each article is scored against a handful of others. A pair is proposed only
when each article is the other's clear best; close calls are reported, never guessed.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

CANDIDATES_PER_ARTICLE = 10


@dataclass(frozen=True)
class PairingItem:
    ident: str  # the article's file, as shown to editors
    lang: str
    date: datetime | None
    key: str | None
    anchors: frozenset[str]


@dataclass(frozen=True)
class Match:
    first: str
    second: str
    score: float


@dataclass(frozen=True)
class Ambiguity:
    ident: str
    candidates: tuple[tuple[str, float], ...]  # (ident, score), best first


@dataclass(frozen=True)
class PairingRules:
    min_score: float = 0.30
    margin: float = 0.75  # the runner-up must score below margin x best, on both sides
    date_window_days: int = 30


def date_factor(a: datetime | None, b: datetime | None, window_days: int) -> float:
    """1 within three days, falling to 0 at the window's edge; 1 when a date is unknown."""
    if a is None or b is None or window_days <= 3:
        return 1.0
    days = abs((a.date() - b.date()).days)
    return 1.0 if days <= 3 else max(0.0, 1 - (days - 3) / (window_days - 3))


class AnchorWeights:
    """Rarity weights: an anchor shared by few articles says more than one shared by all."""

    def __init__(self, items: list[PairingItem]):
        self.count = len(items)
        self.df = Counter(anchor for item in items for anchor in item.anchors)

    def weight(self, anchor: str) -> float:
        return math.log(1 + self.count / self.df[anchor])

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard: the share of both articles' anchor weight that they have in common."""
        shared = sum(self.weight(t) for t in a & b)
        union = sum(self.weight(t) for t in a | b)
        return shared / union if union else 0.0


def open_languages(items: list[PairingItem], languages: list[str]) -> dict[str, set[str]]:
    """For each article, the languages its story still lacks (its key group's missing versions)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.key:
            groups[item.key].add(item.lang)
    return {
        item.ident: set(languages) - (groups[item.key] if item.key else {item.lang})
        for item in items
    }


def score_candidates(items: list[PairingItem], languages: list[str], rules: PairingRules):
    """{(ident_a, ident_b): score} for articles of different languages sharing a rare anchor."""
    weights = AnchorWeights(items)
    rare_limit = max(50, len(items) // 20)
    lacking = open_languages(items, languages)
    postings: dict[tuple[str, str], list[PairingItem]] = defaultdict(list)
    for item in items:
        for anchor in item.anchors:
            if weights.df[anchor] <= rare_limit:
                postings[(item.lang, anchor)].append(item)
    scores: dict[tuple[str, str], float] = {}
    for item in items:
        for other_lang in sorted(lacking[item.ident]):
            shared: Counter = Counter()
            for anchor in item.anchors:
                for other in postings.get((other_lang, anchor), ()):
                    if item.lang in lacking[other.ident]:
                        shared[other] += weights.weight(anchor)
            for other, _ in shared.most_common(CANDIDATES_PER_ARTICLE):
                pair = (item.ident, other.ident)
                if pair not in scores:
                    score = weights.similarity(item.anchors, other.anchors)
                    score *= date_factor(item.date, other.date, rules.date_window_days)
                    scores[pair] = scores[(other.ident, item.ident)] = round(score, 4)
    return scores


def propose_pairs(items: list[PairingItem], languages: list[str], rules: PairingRules = PairingRules()):
    """(matches, ambiguities): confident one-to-one pairs per language, and the close calls."""
    by_ident = {item.ident: item for item in items}
    scores = score_candidates(items, languages, rules)
    ranked: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)  # (ident, other lang)
    for (a, b), score in scores.items():
        ranked[(a, by_ident[b].lang)].append((score, b))
    for candidates in ranked.values():
        candidates.sort(key=lambda c: (-c[0], c[1]))

    def close_calls(ident: str, lang: str) -> tuple[tuple[str, float], ...]:
        """The candidates within the margin of the best one, if the best one is good enough."""
        candidates = ranked.get((ident, lang), [])
        if not candidates or candidates[0][0] < rules.min_score:
            return ()
        return tuple((b, s) for s, b in candidates if s >= rules.margin * candidates[0][0])

    def clear_best(ident: str, lang: str) -> str | None:
        calls = close_calls(ident, lang)
        return calls[0][0] if len(calls) == 1 else None

    order = {code: i for i, code in enumerate(languages)}
    matches, settled = [], set()
    for item in sorted(items, key=lambda i: (order.get(i.lang, len(order)), i.ident)):
        for other_lang in languages[order.get(item.lang, len(order)) + 1:]:
            best = clear_best(item.ident, other_lang)
            if best and clear_best(best, item.lang) == item.ident:
                matches.append(Match(item.ident, best, scores[(item.ident, best)]))
                settled |= {(item.ident, other_lang), (best, item.lang)}
    ambiguities = [
        Ambiguity(ident, calls)
        for ident, lang in sorted(ranked)
        if (ident, lang) not in settled and len(calls := close_calls(ident, lang)) > 1
    ]
    return matches, ambiguities
