"""Find each article's translation among the other languages' articles, without comparing all pairs.

Articles are compared by their anchors (names, numbers, codes, dates: what survives translation,
see importer.anchors), weighted by rarity, and by date proximity. Candidates come from an inverted
index of rare anchors, so each article is scored against a handful of others. A pair is proposed
only when each article is the other's clear best; close calls are reported, never guessed.

What a score counts, and why (each measured on real pt/id news, bench/realnews_pairing.py):
- two names that each only one language has meet when each is the other's only name within one
  edit ("ukran" / "ukrain": Ucrânia / Ukraina);
- shared anchors count as far as the two articles give them in the same order: a translation
  follows its original, while two reports of one event give its names in their own order;
- an unshared name counts half against a pair (names get translated: Japão / Jepang, ONU / PBB),
  an unshared number, code or date fully (translations keep them).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from .anchors import is_name_key
from .spelling import one_edit_variants, within_one_edit

CANDIDATES_PER_ARTICLE = 10
RAREST_ANCHORS = 8  # candidates are the articles sharing the most weight among an article's rarest anchors
FUZZY_MIN_LETTERS = 5  # shorter names are too close to each other to match within one edit
UNSHARED_NAME_WEIGHT = 0.5  # an unshared name may be a translated one; an unshared number is not


@dataclass(frozen=True)
class PairingItem:
    ident: str  # the article's file, as shown to editors
    lang: str
    date: datetime | None
    key: str | None
    anchors: tuple[str, ...] | frozenset[str]  # in the text's order; a set has none (taken alphabetically)


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


@dataclass(frozen=True, eq=False)
class Article:
    """An article as the scores see it: its anchors, with the batch's near names joined, and their order."""

    item: PairingItem
    keys: frozenset[str]
    position: dict[str, int]  # anchor -> rank of its first appearance


def ordered_anchors(item: PairingItem) -> tuple[str, ...]:
    """The item's anchors in the text's order; a bare set's in alphabetical order."""
    return tuple(sorted(item.anchors)) if isinstance(item.anchors, (set, frozenset)) else tuple(item.anchors)


def near_names(anchors: list[tuple[str, tuple[str, ...]]]) -> dict[tuple[str, str], str]:
    """{(lang, name): its spelling for pairing}, for names that one language's articles have and no other's.

    Two such names of different languages (letters only, FUZZY_MIN_LETTERS or more) meet when each
    is the other's only name within one edit ("ukran" / "ukrain": Ucrânia / Ukraina); both are then
    spelt like the first of the two in alphabetical order.
    """
    names: dict[str, set[str]] = defaultdict(set)
    for lang, keys in anchors:
        names[lang].update(key for key in keys if is_name_key(key))
    languages_of = Counter(key for keys in names.values() for key in keys)
    lonely = [(lang, key) for lang, keys in names.items() for key in keys
              if languages_of[key] == 1 and len(key) >= FUZZY_MIN_LETTERS]
    by_variant: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for lang, key in lonely:
        for variant in one_edit_variants(key):
            by_variant[variant].add((lang, key))
    near = {(lang, key): {other for variant in one_edit_variants(key) for other in by_variant[variant]
                          if other[0] != lang and within_one_edit(key, other[1])}
            for lang, key in lonely}
    spelling = {}
    for name, others in near.items():
        if len(others) == 1:
            (other,) = others
            if near[other] == {name}:
                spelling[name] = min(name[1], other[1])
    return spelling


def prepare_articles(items: list[PairingItem]) -> list[Article]:
    """Each item's anchors as the scores use them: in order, with near names joined."""
    anchors = [(item.lang, ordered_anchors(item)) for item in items]
    respelt: dict[str, dict[str, str]] = defaultdict(dict)
    for (lang, key), spelling in near_names(anchors).items():
        respelt[lang][key] = spelling
    articles = []
    for item, (lang, keys) in zip(items, anchors):
        renames = respelt.get(lang)
        if renames and not renames.keys().isdisjoint(keys):
            keys = tuple(dict.fromkeys(renames.get(key, key) for key in keys))
        position = {key: rank for rank, key in enumerate(keys)}
        articles.append(Article(item, frozenset(position), position))
    return articles


class AnchorWeights:
    """Rarity weights: an anchor shared by few articles says more than one shared by all."""

    def __init__(self, articles: list[Article]):
        self.count = len(articles)
        self.df = Counter(key for article in articles for key in article.keys)
        self.weights = {key: math.log(1 + self.count / df) for key, df in self.df.items()}
        # What an anchor weighs against a pair when one article lacks it, and each article's total.
        self.against_weights = {key: weight * against_factor(key) for key, weight in self.weights.items()}
        self.against = {article: sum(map(self.against_weights.__getitem__, article.keys)) for article in articles}

    def similarity(self, a: Article, b: Article) -> float:
        """Weighted share of the two articles' anchors that they have in common, in the same order.

        The shared anchors count for both articles once; each unshared one counts against them
        (a name half)."""
        shared = a.keys & b.keys
        if not shared:
            return 0.0
        weights = self.weights
        in_order = in_order_weight(shared, a.position, b.position, weights)
        shared_weight = sum(map(weights.__getitem__, shared))
        shared_against = sum(map(self.against_weights.__getitem__, shared))
        unshared = self.against[a] + self.against[b] - 2 * shared_against
        return in_order / (shared_weight + unshared)


def against_factor(key: str) -> float:
    """How much an anchor the other article lacks counts against a pair: a name may have been translated."""
    return UNSHARED_NAME_WEIGHT if is_name_key(key) else 1.0


def in_order_weight(shared: frozenset[str], first: dict[str, int], second: dict[str, int],
                    weights: dict[str, float]) -> float:
    """The heaviest set of shared anchors that both articles give in the same order."""
    placed = sorted((first[key], second[key], weights[key]) for key in shared)
    later = [position for _, position, _ in placed]
    if all(a < b for a, b in zip(later, later[1:])):  # all in the same order: most translations
        return sum(weight for _, _, weight in placed)
    # Heaviest increasing subsequence of the second article's positions, taken in the first's order,
    # with a Fenwick tree of prefix maxima: k log k for k shared anchors.
    rank = {position: index for index, position in enumerate(sorted(later), start=1)}
    tree = [0.0] * (len(placed) + 1)
    best = 0.0
    for _, position, weight in placed:
        index, heaviest = rank[position] - 1, 0.0
        while index:
            if tree[index] > heaviest:
                heaviest = tree[index]
            index &= index - 1
        total = heaviest + weight
        if total > best:
            best = total
        index = rank[position]
        while index < len(tree):
            if tree[index] < total:
                tree[index] = total
            index += index & -index
    return best


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
    """{(ident_a, ident_b): score} for articles of different languages sharing rare anchors."""
    articles = prepare_articles(items)
    weights = AnchorWeights(articles)
    df = weights.df
    rare_limit = max(50, len(items) // 20)
    lacking = open_languages(items, languages)
    # A translation shares its original's rarest anchors: those find the candidates. (Taken in the
    # text's order before sorting, so that ties go the same way in every run.)
    rarest = {article: sorted((anchor for anchor in article.position if df[anchor] <= rare_limit),
                              key=df.__getitem__)[:RAREST_ANCHORS] for article in articles}
    searched = set().union(*rarest.values())
    postings: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        for anchor in article.keys & searched:
            postings[(article.item.lang, anchor)].append(article)
    scores: dict[tuple[str, str], float] = {}
    for article in articles:
        item = article.item
        for other_lang in sorted(lacking[item.ident]):
            shared: dict[Article, float] = {}
            for anchor in rarest[article]:
                anchor_weight = weights.weights[anchor]
                for other in postings.get((other_lang, anchor), ()):
                    shared[other] = shared.get(other, 0.0) + anchor_weight
            open_to_us = (other for other in shared if item.lang in lacking[other.item.ident])
            for other in heapq.nlargest(CANDIDATES_PER_ARTICLE, open_to_us, key=shared.__getitem__):
                pair = (item.ident, other.item.ident)
                if pair not in scores:
                    score = weights.similarity(article, other)
                    score *= date_factor(item.date, other.item.date, rules.date_window_days)
                    scores[pair] = scores[(other.item.ident, item.ident)] = round(score, 4)
    return scores


def propose_pairs(items: list[PairingItem], languages: list[str], rules: PairingRules = PairingRules()):
    """(matches, ambiguities): confident one-to-one pairs per language, and the close calls."""
    return choose_pairs(items, score_candidates(items, languages, rules), languages, rules)


def choose_pairs(items: list[PairingItem], scores: dict[tuple[str, str], float], languages: list[str],
                 rules: PairingRules):
    """(matches, ambiguities) from the candidates' scores: each article's clear best, when mutual."""
    by_ident = {item.ident: item for item in items}
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
