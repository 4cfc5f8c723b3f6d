"""Which category or tag of one language is the same listing in another language.

Editors name categories and tags in their own language ("Tecnologia", "Teknologi"). Translated
articles tell us which names correspond: a term is matched to the term its translations carry
most often, only when that choice is unique both ways. Unmatched terms fall back to the other
edition's home in the language switcher.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable


def _strict_best(counts: dict[str, Counter]) -> dict[str, str]:
    best = {}
    for term, candidates in counts.items():
        ranked = candidates.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            best[term] = ranked[0][0]
    return best


def match_terms(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, str]:
    """One-to-one map from side-A term slugs to side-B term slugs.

    `pairs` holds, for each translated article pair, the term slugs of the A article and of the
    B article. Identical slugs (names such as "xai") match first; the rest are matched by
    co-occurrence when A's best partner and B's best partner agree.
    """
    pairs = [(set(a), set(b)) for a, b in pairs]
    a_terms = set().union(*(a for a, _ in pairs)) if pairs else set()
    b_terms = set().union(*(b for _, b in pairs)) if pairs else set()
    mapping = {term: term for term in a_terms & b_terms}
    matched_b = set(mapping.values())

    forward: dict[str, Counter] = defaultdict(Counter)
    backward: dict[str, Counter] = defaultdict(Counter)
    for a, b in pairs:
        for x in a - mapping.keys():
            for y in b - matched_b:
                forward[x][y] += 1
                backward[y][x] += 1
    best_b, best_a = _strict_best(forward), _strict_best(backward)
    mapping.update({x: y for x, y in best_b.items() if best_a.get(y) == x})
    return mapping
